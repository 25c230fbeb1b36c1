/**
 * How the tools are offered over MCP: each `Tool` registered with `McpServer` by hand instead of
 * through `McpServer.toolkit`, for three things the generic registration cannot do.
 *
 * - **Lean schemas.** `tools/list` is read by the model on every turn, so its bytes are tokens.
 *   Schemas are compiled once, without the ±(2^53 − 1) bounds `Schema.Int` adds, with shapes
 *   that occur more than once in a tool (an instant, a slot, a booking) as one `$defs` entry,
 *   and output schemas without descriptions (the tool's description says what matters; the
 *   field names say the rest). Input schemas keep their descriptions.
 * - **Arguments as data.** The arguments are decoded here, strictly (unknown keys refused, all
 *   issues reported), so a wrong type or an unknown argument is the same `InvalidArguments`
 *   failure as any other bad argument, with `issues` naming each one, instead of a plain
 *   protocol error.
 * - **Clean text.** Every string of a result (success or failure) loses bidirectional controls
 *   (U+202E...), C0/C1 controls other than tab and newline, and invisible format characters,
 *   so third-party text cannot hide or reorder what the model reads.
 */
import { McpSchema, McpServer, Tool } from "effect/ai"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { invalidArguments, type ToolFailure } from "./Failures.js"
import type { Issue } from "./Time.js"

/** A tool handler as the registration calls it: decoded arguments in, a view or a failure out. */
export type ToolHandler = (params: never, context: never) => Effect.Effect<unknown, ToolFailure>

/** The handlers by tool name (`makeHandlers`' result). */
export type HandlerTable = { readonly [name: string]: ToolHandler | undefined }

// ---------------------------------------------------------------------------------------------
// Clean text
// ---------------------------------------------------------------------------------------------

/**
 * Characters removed from result strings: C0 controls but tab, LF and CR; DEL and C1 controls;
 * the Arabic letter mark, LRM/RLM, bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069); zero-width space, word joiner and invisible operators (U+200B, U+2060–U+2064);
 * and a stray byte order mark. The zero-width (non-)joiners stay: scripts and emoji need them.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

/** `text` without the characters above. */
export const cleanText = (text: string): string => text.replace(UNSAFE, "")

/** `value` with every string (not keys: they are ours) cleaned. */
export const cleanStrings = (value: unknown): unknown => {
  if (typeof value === "string") return cleanText(value)
  if (Array.isArray(value)) return value.map(cleanStrings)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)]))
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// Lean JSON Schema
// ---------------------------------------------------------------------------------------------

type Json = { readonly [key: string]: unknown }

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value)

const SUBSCHEMA_LISTS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"])
const SUBSCHEMA_MAPS = new Set(["properties", "$defs"])

/** One schema node, smaller: see the module header. `output` also drops descriptions. */
const compactNode = (node: unknown, output: boolean): unknown => {
  if (!isObject(node)) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === "minimum" && value === Number.MIN_SAFE_INTEGER) continue
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) continue
    if (output && (key === "description" || key === "title" || key === "examples")) continue
    if (output && key === "additionalProperties" && value === true) continue
    if (output && key === "required") continue
    if (SUBSCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactNode(v, output)]))
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => compactNode(v, output))
    } else if (key === "items" || key === "additionalProperties" || key === "not") {
      out[key] = compactNode(value, output)
    } else {
      out[key] = value
    }
  }
  return out
}

/**
 * The JSON Schema of a tool's parameters (`output: false`: unknown keys refused) or success.
 * Schemas with an `identifier` that occur more than once become `$defs` entries.
 *
 * @internal
 */
export const jsonSchemaOf = (schema: Schema.Top, output: boolean): Json => {
  const document = Schema.toJsonSchemaDocument(schema, {
    onExcessProperty: output ? "ignore" : "error",
    referencePolicy: ({ identifier, occurrences }) => (occurrences > 1 ? identifier : undefined)
  })
  const definitions = Object.keys(document.definitions).length === 0 ? {} : { $defs: document.definitions }
  return compactNode({ ...document.schema, ...definitions }, output) as Json
}

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

const standardIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/** A decoding failure of the arguments as `{ path, message }` issues, paths in argument names. */
const argumentIssues = (error: Schema.SchemaError): ReadonlyArray<Issue> => {
  const issues = standardIssues(error.issue).issues.map((issue) => {
    const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment))
    const message = issue.message === "Expected no excess property" ? "is not an argument of this tool" : issue.message
    return { path: path.length === 0 ? "arguments" : path.join("."), message }
  })
  return issues.length > 0 ? issues : [{ path: "arguments", message: error.message }]
}

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

const textResult = (value: unknown, isError: boolean) =>
  new McpSchema.CallToolResult({
    isError,
    ...(isError ? {} : { structuredContent: value }),
    content: [{ type: "text", text: JSON.stringify(value) }]
  })

const INTERNAL = "The tool failed unexpectedly inside the server; nothing is known about whether Cal.com was changed."

/** The MCP descriptor of `tool`: name, description, lean schemas, hints. */
export const descriptorOf = (tool: Tool.Any): McpSchema.Tool =>
  new McpSchema.Tool({
    name: tool.name,
    description: Tool.getDescription(tool),
    inputSchema: jsonSchemaOf(tool.parametersSchema, false) as McpSchema.Tool["inputSchema"],
    outputSchema: jsonSchemaOf(tool.successSchema, true) as McpSchema.Tool["outputSchema"],
    // The title once, at the top level (clients read `title ?? annotations.title`).
    ...Option.match(Context.getOption(tool.annotations, Tool.Title), {
      onNone: () => ({}),
      onSome: (title) => ({ title })
    }),
    annotations: {
      readOnlyHint: Context.get(tool.annotations, Tool.Readonly),
      destructiveHint: Context.get(tool.annotations, Tool.Destructive),
      idempotentHint: Context.get(tool.annotations, Tool.Idempotent),
      openWorldHint: Context.get(tool.annotations, Tool.OpenWorld)
    }
  })

/**
 * Registers `tools` with the `McpServer` in context. Each call takes the handlers from
 * `handlers` (evaluated per call, so a transport can pick the client per request), decodes the
 * arguments strictly, and answers structured content, or an `isError` result with the
 * failure's JSON.
 */
export const layerTools = (tools: ReadonlyArray<Tool.Any>, handlers: Effect.Effect<HandlerTable>) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      const server = yield* McpServer.McpServer
      for (const tool of tools) {
        const decode = Schema.decodeUnknownEffect(tool.parametersSchema as Schema.Codec<unknown, unknown>)
        const encode = Schema.encodeUnknownEffect(tool.successSchema as Schema.Codec<unknown, unknown>)
        const call = (payload: unknown) =>
          Effect.gen(function* () {
            const params = yield* decode(payload ?? {}, { onExcessProperty: "error", errors: "all" }).pipe(
              Effect.mapError((error) => invalidArguments(argumentIssues(error)))
            )
            const table = yield* handlers
            const handler = table[tool.name]
            if (handler === undefined) return yield* Effect.die(`no handler for ${tool.name}`)
            const value = yield* (handler as (p: unknown, c: unknown) => Effect.Effect<unknown, ToolFailure>)(
              params,
              undefined
            )
            return yield* encode(value).pipe(Effect.orDie)
          })
        yield* server.addTool({
          tool: descriptorOf(tool),
          annotations: tool.annotations,
          handle: (payload) =>
            call(payload).pipe(
              Effect.match({
                onSuccess: (value) => textResult(cleanStrings(value), false),
                onFailure: (failure) => textResult(cleanStrings(failure), true)
              }),
              Effect.catchCause((cause) =>
                Cause.hasInterruptsOnly(cause)
                  ? Effect.failCause(cause as Cause.Cause<never>)
                  : Effect.as(
                      Effect.logError(`calcom-mcp: ${tool.name} failed unexpectedly`, cause),
                      textResult(INTERNAL, true)
                    )
              )
            )
        })
      }
    })
  )
