/**
 * What the tool bodies share around a facade call: facade issues renamed to the tool's
 * arguments, a refused start turned into `SlotUnavailable`, the zone results are shown in, and
 * the few checks that are the tools' own (a date-time without offset read in a named zone, whole
 * local days). Everything else is checked once, by the facade's input schemas.
 *
 * @internal
 */
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type PureSchema, schemaIssues } from "../../facade/Decode.js"
import { type CalComApi, type CalComError, IsoDate } from "../../index.js"
import { fromCalComError, invalidArguments, slotUnavailable, type ToolFailure } from "../Failures.js"
import { type Issue, isTimeZone, parseDateTime, timeView } from "../Time.js"
import { slotView } from "../Views.js"
import type { Failure } from "./Define.js"

const isCalComError = (error: Failure): error is CalComError => "_tag" in error

/** A body's failure as the tool answers it. */
export const toFailure = (error: Failure): ToolFailure => (isCalComError(error) ? fromCalComError(error) : error)

/** Fails with `InvalidArguments` when any check reported an issue. */
export const validate = (checks: ReadonlyArray<Issue | undefined>): Effect.Effect<void, ToolFailure> => {
  const issues = checks.filter((c): c is Issue => c !== undefined)
  return issues.length === 0 ? Effect.void : Effect.fail(invalidArguments(issues))
}

/** Tool arguments by the facade input path they are decoded as (`attendee.email` → `attendee_email`). */
export type ArgumentNames = Readonly<Record<string, string>>

/** Facade field names whose argument is not simply their snake_case. */
const SEGMENTS: ArgumentNames = {
  uid: "booking_id",
  timeZone: "timezone",
  lengthInMinutes: "length_minutes",
  weekStart: "week_start",
  id: "id"
}

const snakeCase = (segment: string) => SEGMENTS[segment] ?? segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** A facade issue path as the tool's argument: `names` first, else each segment in snake_case; the root is `arguments`. */
export const argumentPath = (names: ArgumentNames, path: string): string =>
  path === "" ? "arguments" : (names[path] ?? path.split(".").map(snakeCase).join("."))

/** Where a refused start was asked for, to show the nearest slots in the caller's zone. */
export interface SlotContext {
  readonly eventTypeId: number | undefined
  readonly start: DateTime.Utc
  readonly zone: string
}

/**
 * A facade failure as the tool answers it. Input the facade refused before sending becomes
 * `InvalidArguments` named by the tool's arguments (with `zonePath` among them, the date-times
 * read in that zone are not blamed too); a start the slot check found not offered (the facade's
 * `CalComConflictError` with `nearestSlots`) becomes `SlotUnavailable` with those slots in the
 * caller's zone; anything else is passed on.
 */
export const refusal =
  (names: ArgumentNames = {}, slot?: SlotContext, zonePath?: string) =>
  (error: CalComError): Failure => {
    if (error._tag === "CalComConflictError" && error.nearestSlots !== undefined && slot !== undefined) {
      const nearest = error.nearestSlots.map((s) => slotView(s, slot.zone))
      return slotUnavailable(timeView(slot.start, slot.zone), slot.eventTypeId, nearest)
    }
    if (error._tag !== "CalComValidationError" || error.status !== undefined) return error
    const issues = error.issues.map((issue) => ({ path: argumentPath(names, issue.path), message: issue.message }))
    const badZone = zonePath !== undefined && issues.some((issue) => issue.path === zonePath)
    return invalidArguments(badZone ? issues.filter((issue) => !issue.path.endsWith("_time")) : issues)
  }

/** `effect` with the facade's input issues named by the tool's arguments (see `refusal`). */
export const named =
  (names: ArgumentNames = {}) =>
  <A>(effect: Effect.Effect<A, CalComError>): Effect.Effect<A, Failure> =>
    Effect.mapError(effect, refusal(names))

/** The zone to show times in: the argument, else the user's profile zone, else UTC. */
export const zoneFor = (cal: CalComApi, zone: string | undefined): Effect.Effect<string, CalComError> =>
  zone !== undefined
    ? Effect.succeed(zone)
    : Effect.map(cal.me.get(), (user) => (isTimeZone(user.timeZone) ? user.timeZone : "UTC"))

/** An issue unless `value` (when given) is an IANA zone. */
export const zoneCheck = (value: string | undefined, path: string): Issue | undefined =>
  value === undefined || isTimeZone(value)
    ? undefined
    : {
        path,
        message: `${JSON.stringify(value)} is not an IANA time zone name (e.g. Europe/Rome, America/New_York, UTC)`
      }

/** A date-time argument read as an instant (wall-clock time in `zone` when it has no offset), or its issue. */
export const instantOf = (
  value: string | undefined,
  path: string,
  zone: string | undefined,
  zonePath: string
): { readonly instant?: DateTime.Utc; readonly issue?: Issue } => {
  if (value === undefined) return {}
  // A bad zone is reported on its own; do not also blame the date-time for it.
  const parsed = parseDateTime(value, path, zone !== undefined && isTimeZone(zone) ? zone : undefined, zonePath)
  return "instant" in parsed
    ? { instant: parsed.instant }
    : zone !== undefined && !isTimeZone(zone)
      ? {}
      : { issue: parsed.issue }
}

/** Only the entries whose value is given (a partial update's fields): the facade's own rule. */
export { given } from "../../facade/internal/Input.js"

/** An issue unless `value` (when given) is a calendar date `YYYY-MM-DD`. */
export const dateCheck = (value: string | undefined, path: string): Issue | undefined =>
  value === undefined || Schema.is(IsoDate)(value)
    ? undefined
    : { path, message: `${JSON.stringify(value)} is not a calendar date YYYY-MM-DD` }

/**
 * Arguments decoded by `schema` (built from the facade's value schemas), for the tools whose
 * calls have no facade operation to check them: every issue at once, as `InvalidArguments`.
 */
export const decodeArguments = <S extends PureSchema>(schema: S) => {
  const decode = Schema.decodeUnknownEffect(schema, { errors: "all" })
  return (params: unknown): Effect.Effect<S["Type"], ToolFailure> =>
    Effect.mapError(decode(params), (error) =>
      invalidArguments(schemaIssues(error).map((i) => ({ path: argumentPath({}, i.path), message: i.message })))
    )
}
