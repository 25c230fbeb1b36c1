/**
 * The stdio transport against what real clients and broken clients write: a malformed line
 * (not JSON, not UTF-8, longer than 16 MiB, nested 5000 deep) gets a JSON-RPC error and the
 * next request is answered; a BOM-prefixed line is served; the server exits 0 when stdin
 * closes. Checked with raw lines and with the official SDK client on the same process.
 *
 * No Cal.com call is made (`ping`, `tools/list`), so no mock is needed.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { allTools, Toolsets } from "../../../src/tools/Toolsets.js"
import { type ServerProcess, SpawnedTransport, startServer } from "./server.js"

const ENV = { CAL_COM_API_KEY: "cal_test_stdio_0123456789", CAL_COM_BASE_URL: "http://127.0.0.1:9" }

interface Reply {
  readonly id?: string | number | null
  readonly result?: unknown
  readonly error?: { readonly code: number; readonly message: string }
}

/** Raw NDJSON conversation with a spawned server. */
const raw = (server: ServerProcess) => {
  let seen = 0
  const replies: Array<Reply> = []
  const waiters: Array<() => void> = []
  server.child.stdout.on("data", () => {
    const lines = server.stdout().split("\n")
    for (; seen < lines.length - 1; seen++) replies.push(JSON.parse(lines[seen] as string) as Reply)
    for (const wake of waiters.splice(0)) wake()
  })
  /** Waits for a reply matching `match`, and removes it. */
  const next = async (match: (reply: Reply) => boolean): Promise<Reply> => {
    for (;;) {
      const index = replies.findIndex(match)
      if (index !== -1) return replies.splice(index, 1)[0] as Reply
      await new Promise<void>((wake) => waiters.push(wake))
    }
  }
  const write = (data: string | Uint8Array) => server.child.stdin.write(data)
  const request = (id: number, method: string, params?: unknown) =>
    write(`${JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) })}\n`)
  return { next, write, request, replies }
}

const initialize = {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "raw-lines", version: "1.0.0" }
}

describe("calcom-mcp stdio with raw lines", () => {
  let server: ServerProcess
  let conversation: ReturnType<typeof raw>
  let id = 100

  /** Writes `line` then a ping in the same write, and returns the refusal and the ping's answer. */
  const malformedThenPing = async (line: string | Uint8Array) => {
    const pingId = ++id
    const ping = `${JSON.stringify({ jsonrpc: "2.0", id: pingId, method: "ping" })}\n`
    conversation.write(typeof line === "string" ? `${line}\n${ping}` : Buffer.concat([line, Buffer.from(`\n${ping}`)]))
    const pong = await conversation.next((r) => r.id === pingId)
    return { pong }
  }

  beforeAll(async () => {
    server = startServer(ENV)
    conversation = raw(server)
    conversation.request(1, "initialize", initialize)
    const init = await conversation.next((r) => r.id === 1)
    assert.isDefined(init.result)
    conversation.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`)
  }, 60_000)

  afterAll(() => server?.cleanup())

  it("a non-JSON line gets -32700 and the next request is answered", async () => {
    const { pong } = await malformedThenPing("this is not json")
    assert.deepStrictEqual(pong.result, {})
    const refusal = await conversation.next((r) => r.id === null && r.error?.code === -32700)
    assert.match(refusal.error?.message ?? "", /not JSON/)
  })

  it("a line that is not UTF-8 gets -32700", async () => {
    const { pong } = await malformedThenPing(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))
    assert.deepStrictEqual(pong.result, {})
    const refusal = await conversation.next((r) => r.id === null && r.error?.code === -32700)
    assert.match(refusal.error?.message ?? "", /UTF-8/)
  })

  it("JSON nested 5000 deep gets -32600 with the request's id", async () => {
    const deep = `{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"x":${"[".repeat(5000)}${"]".repeat(5000)}}}`
    const { pong } = await malformedThenPing(deep)
    assert.deepStrictEqual(pong.result, {})
    const refusal = await conversation.next((r) => r.id === 7)
    assert.strictEqual(refusal.error?.code, -32600)
    assert.match(refusal.error?.message ?? "", /nested deeper/)
  })

  it("a bare array nested 5000 deep is refused too", async () => {
    const { pong } = await malformedThenPing(`${"[".repeat(5000)}${"]".repeat(5000)}`)
    assert.deepStrictEqual(pong.result, {})
    await conversation.next((r) => r.id === null && r.error?.code === -32600)
  })

  it("a line over 16 MiB gets -32700 and the next request is answered", async () => {
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 8,
      method: "tools/list",
      params: { x: "a".repeat(17 * 2 ** 20) }
    })
    const { pong } = await malformedThenPing(huge)
    assert.deepStrictEqual(pong.result, {})
    const refusal = await conversation.next((r) => r.id === null && r.error?.code === -32700)
    assert.match(refusal.error?.message ?? "", /longer than 16777216 bytes/)
  }, 60_000)

  it("a BOM-prefixed line is served", async () => {
    conversation.write(`\uFEFF${JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" })}\n`)
    const list = await conversation.next((r) => r.id === 9)
    assert.isAbove((list.result as { tools: ReadonlyArray<unknown> }).tools.length, 0)
  })

  it("CRLF line endings and a last line without newline are served; closing stdin exits 0", async () => {
    conversation.write(`${JSON.stringify({ jsonrpc: "2.0", id: 10, method: "ping" })}\r\n`)
    await conversation.next((r) => r.id === 10)
    conversation.write(JSON.stringify({ jsonrpc: "2.0", id: 11, method: "ping" }))
    server.child.stdin.end()
    await conversation.next((r) => r.id === 11)
    assert.strictEqual(await server.exited, 0)
    assert.notInclude(server.stderr(), "NdjsonDecodeError")
  }, 30_000)
})

describe("calcom-mcp stdio with the official SDK client", () => {
  it("keeps serving the SDK client after garbage on the same stdin, and exits 0 on close", async () => {
    const transport = new SpawnedTransport(ENV)
    const errors: Array<Error> = []
    const client = new Client({ name: "effect-calcom-contract", version: "1.0.0" })
    client.onerror = (error) => errors.push(error)
    try {
      await client.connect(transport)
      const before = await client.listTools()
      transport.writeRaw("}{ not json\n")
      transport.writeRaw(`${"[".repeat(5000)}${"]".repeat(5000)}\n`)
      const after = await client.listTools()
      assert.deepStrictEqual(
        after.tools.map((t) => t.name),
        before.tools.map((t) => t.name)
      )
      await client.ping()
    } finally {
      await client.close()
    }
    assert.strictEqual(await transport.server.exited, 0)
  }, 60_000)
})

describe("calcom-mcp command line", () => {
  const run = async (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
    const server = startServer({ ...ENV, ...env }, args)
    server.child.stdin.end()
    const code = await server.exited
    server.cleanup()
    return { code, stdout: server.stdout(), stderr: server.stderr() }
  }

  it("--help prints the usage with the toolsets and exits 0; --version prints the version", async () => {
    const help = await run(["--help"])
    assert.strictEqual(help.code, 0)
    assert.match(help.stdout, /--toolsets LIST/)
    assert.match(help.stdout, /schedules/)
    const version = await run(["--version"])
    assert.strictEqual(version.code, 0)
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/)
  }, 60_000)

  it("an unknown flag or toolset exits 2 with the reason on stderr, nothing on stdout", async () => {
    const flag = await run(["--verbose"])
    assert.strictEqual(flag.code, 2)
    assert.match(flag.stderr, /unknown argument "--verbose"/)
    const toolset = await run([], { CAL_COM_MCP_TOOLSETS: "bookings,calendarz" })
    assert.strictEqual(toolset.code, 2)
    assert.match(toolset.stderr, /unknown toolset "calendarz"/)
    assert.strictEqual(`${flag.stdout}${toolset.stdout}`, "")
  }, 60_000)

  it("CAL_COM_MCP_TOOLSETS=all offers every tool, each with an output schema; --toolsets wins over it", async () => {
    const all = new SpawnedTransport({ ...ENV, CAL_COM_MCP_TOOLSETS: "all" })
    const client = new Client({ name: "effect-calcom-contract", version: "1.0.0" })
    try {
      await client.connect(all)
      const { tools } = await client.listTools()
      assert.strictEqual(tools.length, allTools.length)
      assert.isAtLeast(tools.length, 45)
      for (const tool of tools) assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
    } finally {
      await client.close()
    }
    const some = new SpawnedTransport({ ...ENV, CAL_COM_MCP_TOOLSETS: "all" }, ["--toolsets", "webhooks"])
    const second = new Client({ name: "effect-calcom-contract", version: "1.0.0" })
    try {
      await second.connect(some)
      const { tools } = await second.listTools()
      assert.sameMembers(
        tools.map((t) => t.name),
        Toolsets.webhooks.map((t) => t.name)
      )
    } finally {
      await second.close()
    }
  }, 90_000)
})
