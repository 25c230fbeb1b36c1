/**
 * The `calcom-mcp` server through the MCP Inspector CLI (`@modelcontextprotocol/inspector --cli`),
 * a client nobody here wrote, against Prism: it lists every tool with its schemas, calls a read
 * tool for real, gets a refusal as the typed JSON failure, and never sees the key.
 *
 * The Inspector is installed apart (`test/contract/inspector/`, pinned by its lockfile) on first
 * use: it declares Node >= 22 but its CLI runs on Node 20, and its ~260 packages stay out of the
 * project's own install.
 */
import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { promisify } from "node:util"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { allTools } from "../../../src/tools/Toolsets.js"
import { mockUrl } from "../mock.js"
import { baseEnv } from "./server.js"

const root = resolve(import.meta.dirname, "../../..")
const inspectorDir = join(root, "test/contract/inspector")
const inspector = join(inspectorDir, "node_modules/@modelcontextprotocol/inspector/cli/build/cli.js")
const tsxCli = join(root, "node_modules/tsx/dist/cli.mjs")
const bin = join(root, "src/tools/bin.ts")
const KEY = "cal_test_inspector_contract_0123456789"

const run = promisify(execFile)
let cwd = ""

/** `mcp-inspector --cli` against the bin with every toolset; its stdout parsed as JSON. */
const inspect = async (args: ReadonlyArray<string>): Promise<{ readonly json: unknown; readonly output: string }> => {
  const env = [
    "--cli",
    "-e",
    `CAL_COM_API_KEY=${KEY}`,
    "-e",
    `CAL_COM_BASE_URL=${mockUrl()}`,
    "-e",
    "CAL_COM_MCP_TOOLSETS=all"
  ]
  const { stdout, stderr } = await run(process.execPath, [inspector, ...env, process.execPath, tsxCli, bin, ...args], {
    cwd,
    env: baseEnv(),
    timeout: 60_000,
    maxBuffer: 32 * 2 ** 20
  })
  return { json: JSON.parse(stdout) as unknown, output: stdout + stderr }
}

interface ListedTool {
  readonly name: string
  readonly inputSchema: { readonly type: string }
  readonly outputSchema?: { readonly type: string }
  readonly annotations?: Record<string, unknown>
}
interface CallResult {
  readonly content: ReadonlyArray<{ readonly type: string; readonly text?: string }>
  readonly structuredContent?: Record<string, unknown>
  readonly isError?: boolean
}

describe("calcom-mcp through the MCP Inspector CLI", () => {
  beforeAll(() => {
    if (!existsSync(inspector)) {
      const installed = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
        cwd: inspectorDir,
        encoding: "utf8",
        timeout: 180_000
      })
      if (installed.status !== 0) throw new Error(`npm ci in ${inspectorDir} failed:\n${installed.stderr}`)
    }
    cwd = mkdtempSync(join(tmpdir(), "calcom-inspector-"))
  }, 200_000)

  afterAll(() => {
    if (cwd !== "") rmSync(cwd, { recursive: true, force: true })
  })

  it("tools/list: every tool, each with an input and an output schema and its hints", async () => {
    const { json, output } = await inspect(["--method", "tools/list"])
    const tools = (json as { readonly tools: ReadonlyArray<ListedTool> }).tools
    assert.deepStrictEqual(
      tools.map((tool) => tool.name),
      allTools.map((tool) => tool.name)
    )
    for (const tool of tools) {
      assert.strictEqual(tool.inputSchema.type, "object", tool.name)
      assert.strictEqual(tool.outputSchema?.type, "object", tool.name)
      assert.isBoolean(tool.annotations?.["readOnlyHint"], tool.name)
    }
    assert.notInclude(output, KEY.slice(4))
  }, 90_000)

  it("tools/call of a read: the structured result and its text agree", async () => {
    const { json, output } = await inspect(["--method", "tools/call", "--tool-name", "get_user_profile"])
    const result = json as CallResult
    assert.notStrictEqual(result.isError, true, JSON.stringify(result))
    assert.isNumber(result.structuredContent?.["user_id"])
    assert.deepStrictEqual(JSON.parse(result.content[0]?.text ?? "null"), result.structuredContent)
    assert.notInclude(output, KEY.slice(4))
  }, 90_000)

  it("tools/call with a bad argument: the typed failure, naming the argument, nothing sent", async () => {
    const { json } = await inspect([
      "--method",
      "tools/call",
      "--tool-name",
      "get_slot_reservation",
      "--tool-arg",
      "reservation_id=../bookings"
    ])
    const result = json as CallResult
    assert.isTrue(result.isError)
    const failure = JSON.parse(result.content[0]?.text ?? "{}") as {
      readonly error: string
      readonly issues: ReadonlyArray<{ readonly path: string }>
    }
    assert.strictEqual(failure.error, "InvalidArguments")
    assert.deepStrictEqual(
      failure.issues.map((issue) => issue.path),
      ["reservation_id"]
    )
  }, 90_000)
})
