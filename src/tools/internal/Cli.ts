/**
 * The `calcom-mcp` command line: flags in, a plan out (serve over stdio, print help or the
 * version, or refuse with a usage error). Pure, so it is tested without a process.
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
    }

export const usage = (name: string, version: string, toolsets: ReadonlyArray<string>): string =>
  `${name} ${version}: the Cal.com tools as an MCP server

Usage:
  calcom-mcp [--toolsets LIST]   serve over stdio (an MCP client starts it)
  calcom-mcp --help | --version

Options:
  --toolsets LIST       comma-separated toolsets, or "all" (default: "default").
                        Toolsets: ${toolsets.join(", ")}.
                        Also CAL_COM_MCP_TOOLSETS; the flag wins.
  -h, --help            this text
  -v, --version         the version

Environment (then a .env file in the working directory):
  CAL_COM_API_KEY       Cal.com API key
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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const flag = arg.startsWith("--") && arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg
    if (arg === "-h" || arg === "--help") return { _tag: "Help" }
    if (arg === "-v" || arg === "-V" || arg === "--version") return { _tag: "Version" }
    if (flag !== "--toolsets") return { _tag: "Usage", message: `unknown argument ${JSON.stringify(arg)}` }
    const value = flagValue(argv, i, flag)
    if (typeof value !== "string") return { _tag: "Usage", message: value.error }
    if (!arg.includes("=")) i++
    toolsets = value
  }
  return { _tag: "Serve", toolsets }
}
