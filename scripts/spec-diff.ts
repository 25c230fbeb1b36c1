/**
 * CLI for the OpenAPI spec diff: `tsx scripts/spec-diff.ts <old> <new> [--json]` (wired as `npm run spec:diff`).
 * Each document is a file path (absolute or relative to the current directory) or an http(s) URL. Prints the
 * human report, or the SpecDiff as JSON with `--json`.
 *
 * Exit codes: 0 when the comparison ran (whether or not anything changed), 2 on a usage error or when a document
 * cannot be loaded, with one line on stderr saying why.
 */
import { parseArgs } from "node:util"
import { asOpenApiDocument, diffDocuments, formatDiff, loadDocument, SpecLoadError } from "./lib/spec-diff/index.js"

const USAGE = "usage: npm run spec:diff -- <old.json|url> <new.json|url> [--json]"

class UsageError extends Error {}

interface Options {
  readonly oldSource: string
  readonly newSource: string
  readonly json: boolean
}

const parse = (args: Array<string>) =>
  parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } }
  })

const isParseArgsError = (error: unknown): error is Error =>
  error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")

const optionsOf = (args: Array<string>): Options | "help" => {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(args)
  } catch (error) {
    if (!isParseArgsError(error)) throw error
    throw new UsageError(`${error.message.split("\n")[0]} (${USAGE})`)
  }
  const { values, positionals } = parsed
  if (values.help) return "help"
  const [oldSource, newSource] = positionals
  if (positionals.length !== 2 || oldSource === undefined || newSource === undefined) {
    throw new UsageError(`expected 2 documents, got ${positionals.length} (${USAGE})`)
  }
  return { oldSource, newSource, json: values.json }
}

const main = async (): Promise<number> => {
  let options: Options | "help"
  try {
    options = optionsOf(process.argv.slice(2))
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`spec-diff: ${error.message}\n`)
      return 2
    }
    throw error
  }
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const { oldSource, newSource, json } = options
  let diff: ReturnType<typeof diffDocuments>
  try {
    // Load both before diffing so that a bad second argument is reported without waiting for the diff.
    const [oldRaw, newRaw] = await Promise.all([loadDocument(oldSource), loadDocument(newSource)])
    diff = diffDocuments(asOpenApiDocument(oldRaw, oldSource), asOpenApiDocument(newRaw, newSource))
  } catch (error) {
    if (error instanceof SpecLoadError) {
      process.stderr.write(`spec-diff: ${error.message}\n`)
      return 2
    }
    throw error
  }
  if (json) process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`)
  else process.stdout.write(`Spec diff: ${oldSource} -> ${newSource}\n\n${formatDiff(diff)}\n`)
  return 0
}

// A reader that stops early (`| head`) closes the pipe; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
  throw error
})

// exitCode rather than process.exit(): let a large report finish flushing to a pipe first.
main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `spec-diff: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    )
    process.exitCode = 1
  }
)
