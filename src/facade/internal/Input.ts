/**
 * The caller's input, decoded once by `effect/Schema` before anything is sent: each operation
 * states its input as a `Schema.Struct` of the value schemas in `Models.ts` (and the few below),
 * and what the decoder returns (instants already in UTC) is what the operation sends.
 *
 * Issues are reported with the same formatter as a body that does not decode (`Decode.ts`),
 * every issue at once, each with the path of its field (`attendee.email`, `guests.1`).
 *
 * @internal
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"
import { type PureSchema, schemaIssues } from "../Decode.js"
import { CalComValidationError, type ValidationIssue } from "../Errors.js"
import { IsoDateTimeWithOffset } from "../Models.js"

/** The error for input refused before sending. */
export const invalidInput = (operation: string, issues: ReadonlyArray<ValidationIssue>): CalComValidationError =>
  new CalComValidationError({
    operation,
    issues,
    message: `${operation}: invalid input (${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}); nothing was sent`
  })

/** Decodes an operation's input with `schema`, reporting every issue; nothing is sent when it fails. */
export const decodeInput = <S extends PureSchema>(operation: string, schema: S) => {
  const decode = Schema.decodeUnknownEffect(schema, { errors: "all" })
  return (input: unknown): Effect.Effect<S["Type"], CalComValidationError> =>
    Effect.mapError(decode(input), (error) => invalidInput(operation, schemaIssues(error)))
}

const isInstantText = Schema.is(IsoDateTimeWithOffset)

/**
 * An instant given to an operation (`Instant`: a `DateTime`, or ISO 8601 text with an offset on a
 * real calendar day), decoded to UTC. Text without an offset is refused: it is ambiguous.
 */
export const InstantInput = Schema.declare(
  (value: unknown): value is DateTime.DateTime | string => DateTime.isDateTime(value) || isInstantText(value),
  { expected: "an ISO 8601 instant with offset (2026-12-01T10:00:00Z) or a DateTime" }
).pipe(
  Schema.decodeTo(
    Schema.DateTimeUtc,
    SchemaTransformation.transform({
      // Text was checked by IsoDateTimeWithOffset (a real day, an offset): this parse cannot fail.
      decode: (value) => DateTime.toUtc(typeof value === "string" ? DateTime.makeUnsafe(value) : value),
      encode: (utc) => utc
    })
  )
)

/** A non-empty text without surrounding whitespace (names, titles, usernames). */
export const NonEmpty = Schema.String.check(
  Schema.makeFilter((s: string) => (s.trim() !== "" && s.trim() === s) || "must not be empty or padded with spaces")
)

/** Free text Cal.com stores (notes, reasons): at most 5000 characters. */
export const Text = Schema.String.check(Schema.isMaxLength(5_000, { message: "must be at most 5000 characters" }))

/** A whole number of minutes, at least 1. */
export const Minutes = Schema.Number.check(
  Schema.makeFilter((n: number) => (Number.isSafeInteger(n) && n > 0) || "must be a positive number of minutes")
)

/** A whole number from `min` to `max`. */
export const IntBetween = (min: number, max: number, message = `must be ${min} to ${max}`) =>
  Schema.Number.check(Schema.makeFilter((n: number) => (Number.isSafeInteger(n) && n >= min && n <= max) || message))

/** A partial update must change something: at least one of `fields` given (reported at the root). */
export const changesSomething = (fields: ReadonlyArray<string>, message = "nothing to update") =>
  Schema.makeFilter(
    (input: object) => fields.some((field) => (input as Record<string, unknown>)[field] !== undefined) || message
  )

/** Only the keys whose value is given: the body of a partial update. */
export const given = <A extends object>(input: A): { [K in keyof A]?: Exclude<A[K], undefined> } =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as {
    [K in keyof A]?: Exclude<A[K], undefined>
  }
