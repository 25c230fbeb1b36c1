/**
 * The `calcom-mcp` command line, as data: which plan each argument list gives.
 */
import { assert, describe, it } from "@effect/vitest"
import { parseCli, usage } from "../../../src/tools/internal/Cli.js"

describe("calcom-mcp arguments", () => {
  it("help and version win over anything else", () => {
    assert.deepStrictEqual(parseCli(["--help"]), { _tag: "Help" })
    assert.deepStrictEqual(parseCli(["--toolsets", "all", "-h"]), { _tag: "Help" })
    assert.deepStrictEqual(parseCli(["--version"]), { _tag: "Version" })
    assert.deepStrictEqual(parseCli(["-v"]), { _tag: "Version" })
  })

  it("serves the toolsets given as --toolsets X or --toolsets=X, else leaves them to the environment", () => {
    assert.deepStrictEqual(parseCli([]), { _tag: "Serve", toolsets: undefined, http: undefined })
    assert.deepStrictEqual(parseCli(["--toolsets", "bookings,webhooks"]), {
      _tag: "Serve",
      toolsets: "bookings,webhooks",
      http: undefined
    })
    assert.deepStrictEqual(parseCli(["--toolsets=all"]), { _tag: "Serve", toolsets: "all", http: undefined })
  })

  it("--http serves on loopback port 3333 unless told otherwise; HTTP flags need --http", () => {
    assert.deepStrictEqual(parseCli(["--http"]), {
      _tag: "Serve",
      toolsets: undefined,
      http: { port: 3333, host: "127.0.0.1", allowedOrigins: [] }
    })
    assert.deepStrictEqual(
      parseCli([
        "--http",
        "--port=0",
        "--host",
        "::1",
        "--allowed-origin",
        "https://a.example",
        "--allowed-origin=https://b.example"
      ]),
      {
        _tag: "Serve",
        toolsets: undefined,
        http: { port: 0, host: "::1", allowedOrigins: ["https://a.example", "https://b.example"] }
      }
    )
    assert.deepStrictEqual(parseCli(["--port", "8080"]), {
      _tag: "Usage",
      message: "--port, --host and --allowed-origin need --http"
    })
    assert.strictEqual(parseCli(["--http", "--port", "70000"])._tag, "Usage")
    assert.strictEqual(parseCli(["--http", "--port", "80a"])._tag, "Usage")
  })

  it("refuses unknown arguments and a flag without its value", () => {
    assert.deepStrictEqual(parseCli(["--bogus"]), { _tag: "Usage", message: 'unknown argument "--bogus"' })
    assert.deepStrictEqual(parseCli(["--toolsets"]), { _tag: "Usage", message: "--toolsets needs a value" })
    assert.deepStrictEqual(parseCli(["--toolsets", "--help"]), { _tag: "Usage", message: "--toolsets needs a value" })
  })

  it("the usage text names every toolset and the environment variables", () => {
    const text = usage("effect-calcom", "1.2.3", ["default", "bookings"])
    assert.include(text, "effect-calcom 1.2.3")
    assert.include(text, "default, bookings")
    assert.include(text, "CAL_COM_MCP_TOOLSETS")
    assert.include(text, "CAL_COM_API_KEY")
  })
})
