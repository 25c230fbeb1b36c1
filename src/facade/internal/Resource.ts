/**
 * Helpers the resource modules share: client-side validation that fails
 * before any request is sent, and small formatting helpers.
 *
 * @internal
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import { CalComValidationError, type ValidationIssue } from "../Errors.js"
import { type Instant, IsoDateTimeWithOffset, TimeZone } from "../Models.js"

/** A check: the issue to report when it fails, or `undefined` when the value is fine. */
export type Check = ValidationIssue | undefined

/** Checks `value` against a value schema (`TimeZone`, `Email`…); reports the schema's message. */
export const checkWith = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  value: unknown,
  path: string,
  message: string
): Check => (Exit.isSuccess(Schema.decodeUnknownExit(schema)(value)) ? undefined : { path, message })

/** Fails with every failed check, before anything is sent. */
export const validate = (
  operation: string,
  checks: ReadonlyArray<Check>
): Effect.Effect<void, CalComValidationError> => {
  const issues = checks.filter((c): c is ValidationIssue => c !== undefined)
  return issues.length === 0
    ? Effect.void
    : Effect.fail(
        new CalComValidationError({
          operation,
          issues,
          message: `${operation}: invalid input (${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}); nothing was sent`
        })
      )
}

/** An IANA time zone name, reported with the value so a caller sees what was wrong. */
export const zoneCheck = (value: unknown, path: string): Check =>
  checkWith(TimeZone, value, path, `"${String(value)}" is not an IANA time zone (e.g. Europe/Rome)`)

/** Free text Cal.com stores (notes, reasons): at most 5000 characters. */
export const textCheck = (value: string | undefined, path: string): Check =>
  value === undefined ? undefined : require(value.length <= 5_000, path, "must be at most 5000 characters")

/** An issue unless `ok`. */
export const require = (ok: boolean, path: string, message: string): Check => (ok ? undefined : { path, message })

/** A positive whole number that JSON and URLs carry exactly (at most 2^53 - 1, as `PositiveId`). */
export const isPositiveInt = (value: unknown): boolean =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0

/** A non-empty string without surrounding whitespace. */
export const isNonEmpty = (value: unknown): value is string =>
  typeof value === "string" && value.trim() !== "" && value.trim() === value

const isInstantText = Schema.is(IsoDateTimeWithOffset)

/** Parses an ISO 8601 instant with an offset; `undefined` when it is not one. */
export const parseInstant = (value: string): DateTime.Utc | undefined => {
  // Checked first: `DateTime.make` (JavaScript `Date`) rolls 2026-02-30 over to March and T24:00 to the next day.
  if (!isInstantText(value)) return undefined
  const parsed = DateTime.make(value)
  return parsed._tag === "Some" ? DateTime.toUtc(parsed.value) : undefined
}

/** An `Instant` as UTC, or `undefined` (a string without offset is refused: it is ambiguous). */
export const toUtc = (value: Instant): DateTime.Utc | undefined =>
  typeof value === "string" ? parseInstant(value) : DateTime.toUtc(value)

/** ISO 8601 in UTC with milliseconds, the form Cal.com sends. */
export const iso = (value: DateTime.DateTime): string => DateTime.formatIso(DateTime.toUtc(value))
