/**
 * Reading what the server answered: a body read as text parsed as JSON, then decoded with an
 * `effect/Schema` schema, every problem reported as a `{ path, message }` issue.
 *
 * The same formatter reports the caller's bad input (`internal/Input.ts`), so an issue looks the
 * same whichever side was wrong.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { CalComDecodeError, type ValidationIssue } from "./Errors.js"

/** What a decoder reports when the body does not match. */
export type ValidationIssueList = ReadonlyArray<ValidationIssue>

/** A schema that decodes without services (every schema the facade has). */
export type PureSchema = Schema.Top & { readonly DecodingServices: never }

const standardIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * Flattens a schema error into `{ path, message }` issues, with the library's own formatter
 * (the message says what was wrong, e.g. `Expected number`, without the value; the path is `data.id`).
 */
export const schemaIssues = (error: Schema.SchemaError): ValidationIssueList => {
  const issues = standardIssues(error.issue).issues.map((issue) => ({
    path: (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join("."),
    message: issue.message
  }))
  return issues.length > 0 ? issues : [{ path: "", message: String(error.message) }]
}

/** A decoder from an `effect/Schema` schema, reporting issues with their paths. */
export const decodeWith =
  <S extends PureSchema>(schema: S) =>
  (body: unknown): Effect.Effect<S["Type"], ValidationIssueList> =>
    Schema.decodeUnknownEffect(schema)(body).pipe(Effect.mapError(schemaIssues))

/** Decodes `{ status: "success", data }` and returns `data`. */
export const dataOf = <S extends PureSchema>(schema: S) => {
  const decode = decodeWith(Schema.Struct({ data: schema }))
  return (body: unknown): Effect.Effect<S["Type"], ValidationIssueList> =>
    Effect.map(decode(body), (envelope) => (envelope as { readonly data: S["Type"] }).data)
}

/** What identifies a list item in an error: its `uid` or `id`, when it has a readable one. */
const identify = (item: unknown): string | undefined => {
  if (typeof item !== "object" || item === null) return undefined
  const { uid, id } = item as { uid?: unknown; id?: unknown }
  return typeof uid === "string"
    ? `uid ${uid}`
    : typeof id === "string" || typeof id === "number"
      ? `id ${id}`
      : undefined
}

/**
 * Decodes `{ data: [...] }` item by item. One unreadable item fails the whole list (nothing is
 * silently dropped), and the error names it: `data.3.start: ... (booking 3 of 20, uid bk_1)`.
 */
export const listOf = <S extends PureSchema>(item: S, kind: string) => {
  const envelope = decodeWith(Schema.Struct({ data: Schema.Array(Schema.Unknown) }))
  const decodeItem = decodeWith(item)
  return (body: unknown): Effect.Effect<ReadonlyArray<S["Type"]>, ValidationIssueList> =>
    Effect.flatMap(envelope(body), ({ data }) =>
      Effect.forEach(data, (value, index) =>
        Effect.mapError(decodeItem(value), (issues) => {
          const who = identify(value)
          const label = `${kind} ${index} of ${data.length}${who === undefined ? "" : `, ${who}`}`
          return issues.map((issue) => ({
            path: issue.path ? `data.${index}.${issue.path}` : `data.${index}`,
            message: `${issue.message} (${label})`
          }))
        })
      )
    )
}

/** For operations whose answer carries nothing the caller needs (deletes). */
export const ignoreBody = (_body: unknown): Effect.Effect<void> => Effect.void

/** Marks a body that is not JSON. */
export const NOT_JSON: unique symbol = Symbol("effect-calcom/NotJson")

const NOT_SPACE = /\S/

/** The JSON in a body read as text (`null` when empty), or `NOT_JSON`. */
export const parseBody = (text: unknown): unknown => {
  if (typeof text !== "string") return text
  // Stops at the first character that is not white space (`trim` would copy the whole body first).
  if (!NOT_SPACE.test(text)) return null
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

/** Where a body came from, for the error that says it could not be read. */
export interface BodyContext {
  readonly operation: string
  readonly requestId: string
  readonly status: number
}

/** A 2xx body that is not JSON. */
export const notJsonError = (ctx: BodyContext): CalComDecodeError =>
  new CalComDecodeError({
    ...ctx,
    issues: [{ path: "", message: "the body is not JSON" }],
    message: `${ctx.operation}: HTTP ${ctx.status} with a body that is not JSON (request ${ctx.requestId})`
  })

/** Decodes a parsed 2xx body; a mismatch is a `CalComDecodeError` listing the first issues. */
export const decodeBody = <A>(
  decode: (body: unknown) => Effect.Effect<A, ValidationIssueList>,
  parsed: unknown,
  ctx: BodyContext
): Effect.Effect<A, CalComDecodeError> =>
  decode(parsed).pipe(
    Effect.mapError(
      (issues) =>
        new CalComDecodeError({
          ...ctx,
          issues,
          message: `${ctx.operation}: the response does not match the expected shape (${issues
            .slice(0, 3)
            .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
            .join("; ")}) (request ${ctx.requestId})`
        })
    )
  )
