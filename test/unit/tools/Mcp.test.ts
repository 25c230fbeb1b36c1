/**
 * The server's tool registration (`layerRegistrations`) in memory (`McpTest`): what `tools/list`
 * advertises per toolset (lean schemas, hints, byte budget) and what `tools/call` answers
 * (structured content; `InvalidArguments` for wrong types and unknown arguments; text without
 * bidi or control characters).
 */
import { assert, describe, it } from "@effect/vitest"
import { McpProtocol, McpServer, McpTest } from "effect/ai"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import { CalCom } from "../../../src/index.js"
import { cleanText } from "../../../src/tools/Mcp.js"
import { layerRegistrations } from "../../../src/tools/Server.js"
import { allTools, selectTools, Toolsets } from "../../../src/tools/Toolsets.js"
import { API_KEY, introBookingJson, options, success } from "../support/CalComFixtures.js"
import type { FakeFetch } from "../support/FakeFetch.js"
import { makeFakeApi } from "./support.js"

const client = (spec = "default", api: FakeFetch = makeFakeApi()) =>
  Effect.gen(function* () {
    const tools = selectTools(spec)
    if (Result.isFailure(tools)) return yield* Effect.die(tools.failure)
    const registrations = layerRegistrations({ client: CalCom.layer(options(api)), tools: tools.success }).pipe(
      Layer.provideMerge(McpServer.McpServer.layer)
    )
    return yield* McpTest.makeClient(registrations, { protocols: [McpProtocol.v2025_11_25] })
  })

/**
 * What a tool's name says about its MCP hints: reading verbs read only; deleting, cancelling
 * and declining verbs destroy; the rest write.
 */
const kindOf = (name: string): "read-only" | "destructive" | "write" =>
  /^(get|list|find|calculate)_/.test(name)
    ? "read-only"
    : /^(delete|cancel|decline|remove|release)_/.test(name)
      ? "destructive"
      : "write"

const textOf = (content: ReadonlyArray<unknown>): string => {
  const first = content[0] as { type?: string; text?: string } | undefined
  return first?.type === "text" ? (first.text ?? "") : ""
}

describe("the server's tools over MCP", () => {
  it.effect("every tool has a title, a description, strict input and output schemas, and hints its name implies", () =>
    Effect.gen(function* () {
      const defaults = yield* (yield* client()).listTools()
      assert.deepStrictEqual(
        defaults.tools.map((t) => t.name),
        Toolsets.default.map((t) => t.name)
      )
      const { tools } = yield* (yield* client("all")).listTools()
      for (const tool of tools) {
        const kind = kindOf(tool.name)
        assert.isString(tool.description, tool.name)
        assert.isString(tool.title, tool.name)
        assert.strictEqual(tool.inputSchema.type, "object", tool.name)
        assert.strictEqual(tool.inputSchema.additionalProperties, false, tool.name)
        assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
        assert.strictEqual(tool.annotations?.readOnlyHint, kind === "read-only", `${tool.name} readOnlyHint`)
        assert.strictEqual(tool.annotations?.destructiveHint, kind === "destructive", `${tool.name} destructiveHint`)
        if (kind === "read-only") assert.isTrue(tool.annotations?.idempotentHint, `${tool.name} idempotentHint`)
      }
      const update = tools.find((t) => t.name === "update_user_timezone")
      assert.isTrue(update?.annotations?.idempotentHint)
      assert.isFalse(tools.find((t) => t.name === "create_booking")?.annotations?.idempotentHint)
      const create = defaults.tools.find((t) => t.name === "create_booking")
      assert.sameMembers(
        [...((create?.inputSchema.required ?? []) as ReadonlyArray<string>)],
        ["event_type_id", "start_time", "attendee_name", "attendee_email", "attendee_timezone"]
      )
    }).pipe(Effect.scoped)
  )

  it.effect("tools/list of the default toolset is at most 14,000 bytes, without the ±(2^53 − 1) integer bounds", () =>
    Effect.gen(function* () {
      const mcp = yield* client()
      const json = JSON.stringify(yield* mcp.listTools())
      assert.isAtMost(new TextEncoder().encode(json).length, 14_000)
      assert.notInclude(json, "9007199254740991")
      // Shapes used more than once in a tool are one definition.
      assert.include(json, '"$ref":"#/$defs/Time"')
    }).pipe(Effect.scoped)
  )

  it.effect("tool descriptions of results with other people's text say it is third-party data", () =>
    Effect.gen(function* () {
      const mcp = yield* client()
      const { tools } = yield* mcp.listTools()
      for (const name of ["list_bookings", "get_booking", "get_event_type", "get_team"]) {
        assert.match(tools.find((t) => t.name === name)?.description ?? "", /third-party/, name)
      }
    }).pipe(Effect.scoped)
  )

  it.effect("all offers every tool once, at least 45, each with an output schema; an unknown toolset is refused", () =>
    Effect.gen(function* () {
      const mcp = yield* client("all")
      const { tools } = yield* mcp.listTools()
      assert.strictEqual(tools.length, allTools.length)
      // Cal.com's own MCP server has 58 tools; every capability of it has one here.
      assert.isAtLeast(tools.length, 45)
      assert.strictEqual(new Set(tools.map((t) => t.name)).size, tools.length)
      for (const tool of tools) assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
      const some = Result.getOrThrow(selectTools(" Schedules , webhooks "))
      assert.sameMembers(
        some.map((t) => t.name),
        [...Toolsets.schedules, ...Toolsets.webhooks].map((t) => t.name)
      )
      assert.isTrue(some.every((t) => allTools.includes(t)))
      const unknown = selectTools("bookings,holidays")
      assert.isTrue(Result.isFailure(unknown))
      if (Result.isFailure(unknown)) assert.match(unknown.failure, /unknown toolset "holidays".*default/)
    }).pipe(Effect.scoped)
  )

  it.effect("a success is structured content, also sent as JSON text", () =>
    Effect.gen(function* () {
      const mcp = yield* client()
      const result = yield* mcp.callTool({ name: "get_booking", arguments: { booking_id: "bk_123", timezone: "UTC" } })
      assert.isFalse(result.isError ?? false)
      const structured = result.structuredContent as { booking_id: string; start: unknown }
      assert.strictEqual(structured.booking_id, "bk_123")
      assert.deepStrictEqual(structured.start, {
        utc: "2026-12-01T08:00:00Z",
        local: "2026-12-01T08:00:00+00:00",
        timezone: "UTC"
      })
      assert.deepStrictEqual(JSON.parse(textOf(result.content)), structured)
    }).pipe(Effect.scoped)
  )

  it.effect("a failure is an isError result whose text is the failure's JSON", () =>
    Effect.gen(function* () {
      const mcp = yield* client()
      const result = yield* mcp.callTool({
        name: "create_booking",
        arguments: {
          event_type_id: 42,
          start_time: "2026-12-01T12:00:00+01:00",
          attendee_name: "Grace Hopper",
          attendee_email: "grace@example.com",
          attendee_timezone: "Europe/Rome"
        }
      })
      assert.isTrue(result.isError)
      const failure = JSON.parse(textOf(result.content))
      assert.strictEqual(failure.error, "SlotUnavailable")
      assert.lengthOf(failure.nearest_slots, 5)
      assert.notInclude(textOf(result.content), API_KEY.slice(4))
    }).pipe(Effect.scoped)
  )

  it.effect("wrong JSON types and unknown arguments are InvalidArguments naming each one, before any request", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const mcp = yield* client("default", api)
      const result = yield* mcp.callTool({
        name: "list_bookings",
        arguments: { limit: "ten", skip: 1.5, colour: "blue" }
      })
      assert.isTrue(result.isError)
      const failure = JSON.parse(textOf(result.content))
      assert.strictEqual(failure.error, "InvalidArguments")
      assert.strictEqual(failure.retryable, false)
      assert.match(failure.hint, /arguments listed in issues/)
      assert.sameMembers(
        failure.issues.map((i: { path: string }) => i.path),
        ["limit", "skip", "colour"]
      )
      assert.match(failure.issues.find((i: { path: string }) => i.path === "colour").message, /not an argument/)
      assert.lengthOf(api.requests, 0)
      const missing = yield* mcp.callTool({ name: "get_booking", arguments: {} })
      assert.deepStrictEqual(
        JSON.parse(textOf(missing.content)).issues.map((i: { path: string }) => i.path),
        ["booking_id"]
      )
    }).pipe(Effect.scoped)
  )

  it.effect("strings in results lose bidi overrides and control characters", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/bookings/bk_evil": () =>
          success(
            introBookingJson({
              uid: "bk_evil",
              title: "Intro\u202Egnp.exe\u202C\u0007 call\u200B",
              description: "line\nbreak"
            })
          )
      })
      const mcp = yield* client("default", api)
      const result = yield* mcp.callTool({ name: "get_booking", arguments: { booking_id: "bk_evil", timezone: "UTC" } })
      assert.isFalse(result.isError ?? false, textOf(result.content))
      const structured = result.structuredContent as { title: string }
      assert.strictEqual(structured.title, "Intrognp.exe call")
      assert.notMatch(textOf(result.content), /\u202E/)
    }).pipe(Effect.scoped)
  )
})

describe("cleanText", () => {
  it("removes bidi controls, C0/C1 controls and invisible characters, keeping tabs, newlines and joiners", () => {
    assert.strictEqual(cleanText("a\u202Ab\u202Bc\u202Dd\u2066e\u2069f\u200Eg\u200Fh\u061Ci"), "abcdefghi")
    assert.strictEqual(cleanText("x\u0000y\u001Fz\u007F\u0085\u009F!"), "xyz!")
    assert.strictEqual(cleanText("tab\there\nnew\r\nline"), "tab\there\nnew\r\nline")
    assert.strictEqual(cleanText("👩\u200D💻 and نیم\u200Cفاصله"), "👩\u200D💻 and نیم\u200Cفاصله")
    assert.strictEqual(cleanText("\uFEFFzero\u200Bwidth\u2060"), "zerowidth")
  })
})
