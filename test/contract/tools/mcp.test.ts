/**
 * The `calcom-mcp` server end to end: the official MCP TypeScript SDK client spawns
 * `src/tools/bin.ts` (through tsx, no build) against the Prism mock, and speaks MCP over stdio.
 *
 * The SDK validates every `structuredContent` against the tool's output schema from
 * `tools/list`, so a green run also means results match their advertised schemas.
 */

import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"
import { Toolsets } from "../../../src/tools/Toolsets.js"
import { mockUrl } from "../mock.js"

const root = resolve(import.meta.dirname, "../../..")
const tsxCli = join(root, "node_modules/tsx/dist/cli.mjs")
const bin = join(root, "src/tools/bin.ts")
const API_KEY = "cal_test_mcp_contract_0123456789"

/** No inherited CAL_COM_* settings, and a working directory without a `.env`. */
const baseEnv = (): Record<string, string> => ({
  PATH: process.env["PATH"] ?? "",
  HOME: process.env["HOME"] ?? tmpdir()
})

interface Session {
  readonly client: Client
  readonly stderr: () => string
  readonly close: () => Promise<void>
}

const connect = async (env: Record<string, string>): Promise<Session> => {
  const cwd = mkdtempSync(join(tmpdir(), "calcom-mcp-"))
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [tsxCli, bin],
    env: { ...baseEnv(), ...env },
    cwd,
    stderr: "pipe"
  })
  let stderr = ""
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const client = new Client({ name: "effect-calcom-contract", version: "1.0.0" })
  await client.connect(transport)
  return {
    client,
    stderr: () => stderr,
    close: async () => {
      await client.close()
      rmSync(cwd, { recursive: true, force: true })
    }
  }
}

type CallResult = Awaited<ReturnType<Client["callTool"]>>

const textOf = (result: CallResult): string => {
  const content = result.content as ReadonlyArray<{ type: string; text?: string }>
  return content.map((c) => (c.type === "text" ? (c.text ?? "") : "")).join("")
}

interface TimeView {
  readonly utc: string
  readonly local: string
  readonly timezone: string
}

describe("calcom-mcp over stdio against Prism", () => {
  let session: Session
  const outputs: Array<string> = []
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await session.client.callTool({ name, arguments: args })
    outputs.push(JSON.stringify(result))
    return result
  }

  beforeAll(async () => {
    session = await connect({ CAL_COM_API_KEY: API_KEY, CAL_COM_BASE_URL: mockUrl() })
  }, 60_000)

  afterAll(async () => {
    await session?.close()
  })

  it("initializes as effect-calcom with tools", () => {
    assert.strictEqual(session.client.getServerVersion()?.name, "effect-calcom")
    assert.isDefined(session.client.getServerCapabilities()?.tools)
  })

  it("tools/list returns the default toolset's tools with input schemas, output schemas and annotations", async () => {
    const { tools } = await session.client.listTools()
    assert.sameMembers(
      tools.map((t) => t.name),
      Toolsets.default.map((t) => t.name)
    )
    for (const tool of tools) {
      assert.strictEqual(tool.inputSchema.type, "object", tool.name)
      assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
      assert.isString(tool.description, tool.name)
      assert.isDefined(tool.annotations?.readOnlyHint, tool.name)
      assert.isDefined(tool.annotations?.destructiveHint, tool.name)
      assert.isDefined(tool.annotations?.idempotentHint, tool.name)
    }
    const byName = new Map(tools.map((t) => [t.name, t.annotations]))
    assert.isTrue(byName.get("get_user_profile")?.readOnlyHint)
    assert.isTrue(byName.get("list_availability")?.readOnlyHint)
    assert.isTrue(byName.get("cancel_booking")?.destructiveHint)
    assert.isFalse(byName.get("cancel_booking")?.readOnlyHint)
    assert.isTrue(byName.get("update_user_timezone")?.idempotentHint)
    assert.isFalse(byName.get("update_user_timezone")?.readOnlyHint)
    for (const name of ["create_booking", "reschedule_booking"]) {
      assert.isFalse(byName.get(name)?.readOnlyHint, name)
      assert.isFalse(byName.get(name)?.destructiveHint, name)
      assert.isFalse(byName.get(name)?.idempotentHint, name)
    }
  })

  it("tools/call get_user_profile answers structured content", async () => {
    const result = await call("get_user_profile", {})
    assert.isNotTrue(result.isError)
    const profile = result.structuredContent as { user_id: number; timezone: string; email: string }
    assert.strictEqual(profile.user_id, 42)
    assert.strictEqual(profile.timezone, "Europe/London")
    assert.deepStrictEqual(JSON.parse(textOf(result)), profile)
  })

  it("lists availability for a day in Europe/Rome and books its first slot", async () => {
    const availability = await call("list_availability", {
      event_type_id: 1,
      start_date: "2050-09-05",
      end_date: "2050-09-05",
      timezone: "Europe/Rome"
    })
    assert.isNotTrue(availability.isError, textOf(availability))
    const { slots, from } = availability.structuredContent as {
      from: TimeView
      slots: ReadonlyArray<{ start: TimeView; end: TimeView }>
    }
    assert.deepStrictEqual(from, {
      utc: "2050-09-04T22:00:00Z",
      local: "2050-09-05T00:00:00+02:00",
      timezone: "Europe/Rome"
    })
    const first = slots[0]
    assert.deepStrictEqual(first?.start, {
      utc: "2050-09-05T07:00:00Z",
      local: "2050-09-05T09:00:00+02:00",
      timezone: "Europe/Rome"
    })

    const created = await call("create_booking", {
      event_type_id: 1,
      start_time: first?.start.utc,
      attendee_name: "Ada Lovelace",
      attendee_email: "ada@example.com",
      attendee_timezone: "Europe/Rome",
      notes: "Contract test"
    })
    assert.isNotTrue(created.isError, textOf(created))
    const { booking, notifications } = created.structuredContent as {
      booking: { booking_id: string; start: TimeView }
      notifications: string
    }
    assert.isString(booking.booking_id)
    assert.strictEqual(booking.start.timezone, "Europe/Rome")
    assert.match(booking.start.utc, /Z$/)
    assert.match(booking.start.local, /[+-]\d{2}:\d{2}$/)
    assert.match(notifications, /Cal\.com/)
  })

  it("an argument that breaks a rule is an isError result with the failure's JSON", async () => {
    const result = await call("list_availability", {
      event_type_id: 1,
      start_date: "2050-09-05",
      end_date: "2050-09-05",
      timezone: "Mars/Olympus_Mons"
    })
    assert.isTrue(result.isError)
    const failure = JSON.parse(textOf(result))
    assert.strictEqual(failure.error, "InvalidArguments")
    assert.strictEqual(failure.retryable, false)
    assert.isString(failure.hint)
    assert.deepStrictEqual(
      failure.issues.map((i: { path: string }) => i.path),
      ["timezone"]
    )
  })

  it("a date-time without offset and without a zone is refused the same way", async () => {
    const result = await call("reschedule_booking", {
      booking_id: "booking_uid_123",
      new_start_time: "2050-09-05T09:00"
    })
    assert.isTrue(result.isError)
    const failure = JSON.parse(textOf(result))
    assert.strictEqual(failure.error, "InvalidArguments")
    assert.strictEqual(failure.issues[0].path, "new_start_time")
  })

  it("an argument of the wrong JSON type, or an unknown one, is the same InvalidArguments failure", async () => {
    const result = await call("list_bookings", { limit: "ten", colour: "blue" })
    assert.isTrue(result.isError)
    const failure = JSON.parse(textOf(result))
    assert.strictEqual(failure.error, "InvalidArguments")
    assert.sameMembers(
      failure.issues.map((i: { path: string }) => i.path),
      ["limit", "colour"]
    )
  })

  it("no output and no log line contains the API key", () => {
    const secret = API_KEY.slice(4)
    for (const output of outputs) assert.notInclude(output, secret)
    assert.notInclude(session.stderr(), secret)
  })
})

describe("calcom-mcp without CAL_COM_API_KEY", () => {
  it("starts, says why on stderr, and answers every call with a structured CalComConfigError", async () => {
    const session = await connect({ CAL_COM_BASE_URL: mockUrl() })
    try {
      const { tools } = await session.client.listTools()
      assert.lengthOf(tools, Toolsets.default.length)
      const result = await session.client.callTool({ name: "get_user_profile", arguments: {} })
      assert.isTrue(result.isError)
      const failure = JSON.parse(textOf(result))
      assert.strictEqual(failure.error, "CalComConfigError")
      assert.strictEqual(failure.retryable, false)
      assert.match(failure.message, /CAL_COM_API_KEY is not set/)
      assert.match(failure.hint, /CAL_COM_API_KEY/)
      assert.notMatch(failure.hint, /CAL_COM_BASE_URL/)
      assert.match(session.stderr(), /CAL_COM_API_KEY is not set/)
    } finally {
      await session.close()
    }
  }, 60_000)
})
