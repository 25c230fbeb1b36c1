/**
 * Every tool (`--toolsets all`) through the official MCP SDK client, over stdio and over
 * Streamable HTTP, against Prism: at least 45 tools, each with an input and an output schema;
 * the default list within its byte budget; and a read tool of each new group called for real.
 * The SDK checks every `structuredContent` against the tool's output schema, so a success also
 * means the answer matched what `tools/list` advertised; a failure must be the typed JSON.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import { FailureTag } from "../../../src/tools/Failures.js"
import { allTools } from "../../../src/tools/Toolsets.js"
import { mockUrl } from "../mock.js"
import { baseEnv, type ServerProcess, startServer } from "./server.js"

const root = resolve(import.meta.dirname, "../../..")
const tsxCli = join(root, "node_modules/tsx/dist/cli.mjs")
const bin = join(root, "src/tools/bin.ts")
const KEY = "cal_test_toolsets_contract_0123456789"

type CallResult = Awaited<ReturnType<Client["callTool"]>>
const textOf = (result: CallResult): string =>
  (result.content as ReadonlyArray<{ type: string; text?: string }>).map((c) => c.text ?? "").join("")

/** Read tools of the groups beyond the default, with arguments Prism's examples answer. */
const reads: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ["list_schedules", {}],
  ["list_webhooks", {}],
  ["list_calendars", {}],
  ["list_conferencing_apps", {}],
  ["get_default_conferencing_app", {}],
  ["list_team_memberships", { team_id: 1 }],
  ["list_booking_attendees", { booking_id: "booking_uid_123" }],
  ["list_event_type_webhooks", { event_type_id: 1 }],
  ["get_slot_reservation", { reservation_id: "e84be5a3-4696-49e3-acc7-b2f3999c3b94" }]
]

const checkList = async (client: Client) => {
  const { tools } = await client.listTools()
  assert.isAtLeast(tools.length, 45)
  assert.strictEqual(tools.length, allTools.length)
  for (const tool of tools) {
    assert.strictEqual(tool.inputSchema.type, "object", tool.name)
    assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
  }
}

/** Calls each read: a success was validated by the SDK; a failure is the typed JSON. Returns the successes. */
const callReads = async (client: Client): Promise<ReadonlyArray<string>> => {
  const succeeded: Array<string> = []
  for (const [name, args] of reads) {
    const result = await client.callTool({ name, arguments: args })
    if (result.isError === true) {
      const failure = JSON.parse(textOf(result)) as { error: string; hint: string }
      assert.include(FailureTag.literals, failure.error, `${name}: ${textOf(result)}`)
      assert.isString(failure.hint, name)
    } else {
      assert.isObject(result.structuredContent, name)
      succeeded.push(name)
    }
  }
  return succeeded
}

describe("--toolsets all over stdio (official SDK client)", () => {
  let client: Client
  let cwd: string
  let stderr = ""

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "calcom-mcp-"))
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [tsxCli, bin, "--toolsets", "all"],
      env: { ...baseEnv(), CAL_COM_API_KEY: KEY, CAL_COM_BASE_URL: mockUrl() },
      cwd,
      stderr: "pipe"
    })
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    client = new Client({ name: "effect-calcom-contract-toolsets", version: "1.0.0" })
    await client.connect(transport)
  }, 60_000)

  afterAll(async () => {
    await client?.close()
    rmSync(cwd, { recursive: true, force: true })
  })

  it("lists every tool, at least 45, each with input and output schemas", async () => {
    await checkList(client)
  })

  it("calls a read tool of each group: schema-checked successes, typed failures", async () => {
    const succeeded = await callReads(client)
    assert.includeMembers([...succeeded], ["list_schedules", "list_webhooks"])
    assert.notInclude(stderr, KEY.slice(4))
  }, 60_000)
})

describe("--toolsets all over Streamable HTTP (official SDK client, Bearer key)", () => {
  let server: ServerProcess
  let client: Client

  beforeAll(async () => {
    server = startServer({ CAL_COM_BASE_URL: mockUrl() }, ["--http", "--port", "0", "--toolsets", "all"])
    const deadline = Date.now() + 45_000
    let url: string | undefined
    while (url === undefined) {
      url = /Listening on (http:\/\/[^\s"]+)/.exec(server.stderr())?.[1]
      if (url !== undefined) break
      if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(server.stderr())
      await new Promise((done) => setTimeout(done, 100))
    }
    client = new Client({ name: "effect-calcom-contract-toolsets-http", version: "1.0.0" })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${KEY}` } }
      })
    )
  }, 60_000)

  afterAll(async () => {
    await client?.close()
    server?.cleanup()
  })

  it("lists every tool, at least 45, each with input and output schemas", async () => {
    await checkList(client)
  })

  it("calls a read tool of each group with the client's key", async () => {
    const succeeded = await callReads(client)
    assert.includeMembers([...succeeded], ["list_schedules", "list_webhooks"])
    assert.notInclude(server.stderr(), KEY.slice(4))
  }, 60_000)
})
