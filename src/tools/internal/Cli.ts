/**
 * The `calcom-mcp` command line: flags in, a plan out (serve over stdio, serve over HTTP, print
 * help or the version, or refuse with a usage error). Pure, so it is tested without a process.
 *
 * @internal
 */

/** What the command was asked to do. */
export type CliPlan =
  | { readonly _tag: "Help" }
  | { readonly _tag: "Version" }
  | { readonly _tag: "Usage"; readonly message: string }
  | {
      readonly _tag: "Serve"
      /** Toolset names from `--toolsets`, when given (else `CAL_COM_MCP_TOOLSETS`, else the default). */
      readonly toolsets: string | undefined
      readonly http:
        | {
            readonly port: number
            readonly host: string
            readonly allowedOrigins: ReadonlyArray<string>
          }
        | undefined
    }

/** Default HTTP port (`--http` without `--port`). */
export const DEFAULT_PORT = 3333
/** Default HTTP interface: loopback only. */
export const DEFAULT_HOST = "127.0.0.1"

export const usage = (name: string, version: string, toolsets: ReadonlyArray<string>): string =>
  `${name} ${version}: the Cal.com tools as an MCP server

Usage:
  calcom-mcp [--toolsets LIST]                      serve over stdio (an MCP client starts it)
  calcom-mcp --http [--port N] [--host H] [--allowed-origin URL]...
                                                    serve Streamable HTTP at http://H:N/mcp
  calcom-mcp --help | --version

Options:
  --toolsets LIST       comma-separated toolsets, or "all" (default: "default").
                        Toolsets: ${toolsets.join(", ")}.
                        Also CAL_COM_MCP_TOOLSETS; the flag wins.
  --http                serve Streamable HTTP instead of stdio
  --port N              HTTP port (default ${DEFAULT_PORT}; 0 picks a free one, printed on stderr)
  --host H              HTTP interface (default ${DEFAULT_HOST}: this machine only). Anything else
                        exposes the server: put authentication in front of it.
  --allowed-origin URL  a browser Origin allowed to call the HTTP endpoint (repeatable; default none)
                        Request bodies over 1 MiB are refused (413).
  -h, --help            this text
  -v, --version         the version

Environment (then a .env file in the working directory):
  CAL_COM_API_KEY       Cal.com API key. Over HTTP a client may send its own instead, as
                        "Authorization: Bearer cal_..." on each request of its session.
  CAL_COM_BASE_URL      API origin (default https://api.cal.com)
  CAL_COM_MCP_TOOLSETS  as --toolsets
`

const flagValue = (args: ReadonlyArray<string>, i: number, flag: string): string | { readonly error: string } => {
  const arg = args[i] as string
  const eq = arg.indexOf("=")
  if (eq !== -1) return arg.slice(eq + 1)
  const next = args[i + 1]
  return next === undefined || next.startsWith("--") ? { error: `${flag} needs a value` } : next
}

/** Reads `argv` (without node and the script). */
export const parseCli = (argv: ReadonlyArray<string>): CliPlan => {
  let toolsets: string | undefined
  let http = false
  let port: number | undefined
  let host: string | undefined
  const origins: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const flag = arg.startsWith("--") && arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg
    const takesValue = flag === "--toolsets" || flag === "--port" || flag === "--host" || flag === "--allowed-origin"
    if (arg === "-h" || arg === "--help") return { _tag: "Help" }
    if (arg === "-v" || arg === "-V" || arg === "--version") return { _tag: "Version" }
    if (arg === "--http") {
      http = true
      continue
    }
    if (!takesValue) return { _tag: "Usage", message: `unknown argument ${JSON.stringify(arg)}` }
    const value = flagValue(argv, i, flag)
    if (typeof value !== "string") return { _tag: "Usage", message: value.error }
    if (!arg.includes("=")) i++
    if (flag === "--toolsets") toolsets = value
    else if (flag === "--host") host = value
    else if (flag === "--allowed-origin") origins.push(value)
    else {
      const n = Number(value)
      if (!/^\d+$/.test(value) || n > 65_535) {
        return { _tag: "Usage", message: `--port must be 0 to 65535, got ${JSON.stringify(value)}` }
      }
      port = n
    }
  }
  if (!http && (port !== undefined || host !== undefined || origins.length > 0)) {
    return { _tag: "Usage", message: "--port, --host and --allowed-origin need --http" }
  }
  return {
    _tag: "Serve",
    toolsets,
    http: http ? { port: port ?? DEFAULT_PORT, host: host ?? DEFAULT_HOST, allowedOrigins: origins } : undefined
  }
}
