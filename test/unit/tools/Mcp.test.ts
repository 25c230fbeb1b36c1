/**
 * The toolkit as an MCP server, in memory (`McpTest`): what `tools/list` advertises (input and
 * output schemas, hints) and what `tools/call` answers (structured content, or an `isError`
 * result carrying the failure's JSON).
 */
import { assert, describe, it } from "@effect/vitest"
import { McpProtocol, McpServer, McpTest } from "effect/ai"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CalCom } from "../../../src/index.js"
import { CalComToolkit, layer } from "../../../src/tools/index.js"
import { API_KEY, options } from "../support/CalComFixtures.js"
import { makeFakeApi } from "./support.js"

const client = Effect.gen(function* () {
  const api = makeFakeApi()
  const registrations = McpServer.toolkit(CalComToolkit).pipe(
    Layer.provide(layer),
    Layer.provide(CalCom.layer(options(api)))
  )
  return yield* McpTest.makeClient(registrations, { protocols: [McpProtocol.v2025_11_25] })
})

/** The tools that change something; every other tool of the toolkit only reads. */
const writes: Readonly<Record<string, "write" | "destructive" | "idempotent">> = {
  create_booking: "write",
  reschedule_booking: "write",
  cancel_booking: "destructive",
  update_user_timezone: "idempotent"
}

const textOf = (content: ReadonlyArray<unknown>): string => {
  const first = content[0] as { type?: string; text?: string } | undefined
  return first?.type === "text" ? (first.text ?? "") : ""
}

describe("the toolkit over MCP", () => {
  it.effect(
    "tools/list advertises every tool of the toolkit with descriptions, input and output schemas and hints",
    () =>
      Effect.gen(function* () {
        const mcp = yield* client
        const { tools } = yield* mcp.listTools()
        assert.sameMembers(
          tools.map((t) => t.name),
          Object.keys(CalComToolkit.tools)
        )
        assert.includeMembers(Object.keys(CalComToolkit.tools), Object.keys(writes))
        for (const tool of tools) {
          const kind = writes[tool.name] ?? "read-only"
          assert.isString(tool.description, tool.name)
          assert.strictEqual(tool.inputSchema.type, "object", tool.name)
          assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
          assert.isString(tool.annotations?.title, tool.name)
          assert.strictEqual(tool.annotations?.readOnlyHint, kind === "read-only", `${tool.name} readOnlyHint`)
          assert.strictEqual(tool.annotations?.destructiveHint, kind === "destructive", `${tool.name} destructiveHint`)
          assert.strictEqual(
            tool.annotations?.idempotentHint,
            kind === "read-only" || kind === "idempotent",
            `${tool.name} idempotentHint`
          )
        }
        const create = tools.find((t) => t.name === "create_booking")
        const properties = create?.inputSchema.properties as Record<string, { description?: string }>
        assert.sameMembers(
          [...((create?.inputSchema.required ?? []) as ReadonlyArray<string>)],
          ["event_type_id", "start_time", "attendee_name", "attendee_email", "attendee_timezone"]
        )
        assert.match(properties["start_time"]?.description ?? "", /offset/)
        assert.match(properties["send_confirmation"]?.description ?? "", /no per-request switch/)
      }).pipe(Effect.scoped)
  )

  it.effect("a success is structured content, also sent as JSON text", () =>
    Effect.gen(function* () {
      const mcp = yield* client
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
      const mcp = yield* client
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
      assert.strictEqual(failure.retryable, false)
      assert.lengthOf(failure.nearest_slots, 5)
      assert.notInclude(textOf(result.content), API_KEY.slice(4))
    }).pipe(Effect.scoped)
  )

  it.effect("arguments of the wrong JSON type are an isError result naming the argument", () =>
    Effect.gen(function* () {
      const mcp = yield* client
      const result = yield* mcp.callTool({ name: "list_bookings", arguments: { limit: "ten" } })
      assert.isTrue(result.isError)
      assert.match(textOf(result.content), /limit/)
    }).pipe(Effect.scoped)
  )
})
