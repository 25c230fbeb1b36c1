/**
 * `calcom-mcp --http` against Prism, through the official SDK's Streamable HTTP client: the
 * session round trip, the Cal.com key from the client's `Authorization: Bearer` header (the
 * server has none configured), and the HTTP guards: loopback by default, foreign origins
 * refused, oversized bodies refused. The key never appears in the server's logs.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { Client } from "@modelcontextprotocol/sdk/client/index.js"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js"
import { Toolsets } from "../../../src/tools/Toolsets.js"
import { mockUrl } from "../mock.js"
import { type ServerProcess, startServer } from "./server.js"

const KEY = "cal_test_bearer_key_0123456789"

/** Starts the bin with `--http --port 0` and waits for the address it listens on. */
const startHttp = async (env: Record<string, string>, args: ReadonlyArray<string> = []) => {
  const server = startServer(env, ["--http", "--port", "0", ...args])
  const deadline = Date.now() + 45_000
  for (;;) {
    const match = /Listening on (http:\/\/[^\s"]+)/.exec(server.stderr())
    if (match?.[1] !== undefined) return { server, url: match[1] }
    if (server.child.exitCode !== null || Date.now() > deadline) {
      server.cleanup()
      throw new Error(`calcom-mcp --http did not start: ${server.stderr()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const connect = async (url: string, headers: Record<string, string> = {}) => {
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } })
  const client = new Client({ name: "effect-calcom-contract-http", version: "1.0.0" })
  await client.connect(transport)
  return client
}

const textOf = (result: Awaited<ReturnType<Client["callTool"]>>): string =>
  (result.content as ReadonlyArray<{ type: string; text?: string }>).map((c) => c.text ?? "").join("")

describe("calcom-mcp --http with the official SDK client", () => {
  let server: ServerProcess
  let url: string

  beforeAll(async () => {
    // No CAL_COM_API_KEY: the key comes from each client.
    ;({ server, url } = await startHttp({ CAL_COM_BASE_URL: mockUrl() }, ["--allowed-origin", "https://app.example"]))
  }, 60_000)

  afterAll(() => server?.cleanup())

  it("listens on loopback only by default", () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it("a session with a Bearer key lists the tools and calls one against Cal.com with that key", async () => {
    const client = await connect(url, { Authorization: `Bearer ${KEY}` })
    try {
      assert.strictEqual(client.getServerVersion()?.name, "effect-calcom")
      const { tools } = await client.listTools()
      assert.lengthOf(tools, Toolsets.default.length)
      const result = await client.callTool({ name: "get_user_profile", arguments: {} })
      assert.isNotTrue(result.isError, textOf(result))
      assert.strictEqual((result.structuredContent as { user_id: number }).user_id, 42)
      const invalid = await client.callTool({ name: "get_team", arguments: { team_id: "five" } })
      assert.strictEqual(JSON.parse(textOf(invalid)).error, "InvalidArguments")
    } finally {
      await client.close()
    }
  }, 60_000)

  it("without a key anywhere, a call answers CalComConfigError naming CAL_COM_API_KEY", async () => {
    const client = await connect(url)
    try {
      const result = await client.callTool({ name: "get_user_profile", arguments: {} })
      assert.isTrue(result.isError)
      const failure = JSON.parse(textOf(result))
      assert.strictEqual(failure.error, "CalComConfigError")
      assert.match(failure.hint, /CAL_COM_API_KEY/)
    } finally {
      await client.close()
    }
  }, 60_000)

  const initialize = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } }
  })
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body
    })

  it("a request from a browser origin that is not allowed is refused; an allowed one is served", async () => {
    const foreign = await post(initialize, { origin: "https://evil.example" })
    assert.strictEqual(foreign.status, 403)
    await foreign.body?.cancel()
    const allowed = await post(initialize, { origin: "https://app.example" })
    assert.strictEqual(allowed.status, 200)
    await allowed.body?.cancel()
  })

  it("a body over 1 MiB is refused with 413 before the MCP endpoint reads it; one under it is read", async () => {
    const pad = (bytes: number) =>
      JSON.stringify({
        ...JSON.parse(initialize),
        params: { ...JSON.parse(initialize).params, pad: "x".repeat(bytes) }
      })
    const over = await post(pad(2 ** 21))
    assert.strictEqual(over.status, 413)
    const refused = (await over.json()) as { error?: { code: number } }
    assert.strictEqual(refused.error?.code, -32600)
    const under = await post(pad(900_000))
    assert.strictEqual(under.status, 200)
    assert.include(await under.text(), '"protocolVersion"')
  })

  it("never logs the key", () => {
    assert.notInclude(server.stderr(), KEY.slice(4))
  })
})
