/**
 * Time for agent tools: one way to show an instant (UTC and local, side by side), one way to read
 * one (an ISO 8601 date-time, with an offset or in a named zone), and whole local days as UTC
 * ranges.
 *
 * The rule the tools follow: a date-time without an offset is refused unless the caller names
 * the zone it is in, because "10:00" means a different instant in every zone and a model that
 * guesses books the wrong hour.
 */
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { IsoDate, IsoDateTimeWithOffset, TimeZone } from "../index.js"

/** An instant as the tools show it: UTC, the same instant in a zone, and that zone. */
export const TimeView = Schema.Struct({
  utc: Schema.String.annotate({ description: "The instant in UTC, e.g. 2026-12-01T09:00:00Z" }),
  local: Schema.String.annotate({
    description: "The same instant as wall-clock time in `timezone`, with its offset, e.g. 2026-12-01T10:00:00+01:00"
  }),
  timezone: Schema.String.annotate({ description: "IANA zone of `local`, e.g. Europe/Rome" })
}).annotate({ identifier: "Time", description: "An instant, in UTC and in a local time zone" })
export type TimeView = typeof TimeView.Type

/** A bookable slot, as the tools show it. */
export const SlotView = Schema.Struct({ start: TimeView, end: TimeView }).annotate({ identifier: "Slot" })
export type SlotView = typeof SlotView.Type

/** One problem with a tool argument, named by the argument. */
export interface Issue {
  readonly path: string
  readonly message: string
}

/** Drops milliseconds: Cal.com times are whole minutes, and one format is easier to read. */
const trimMillis = (iso: string): string => iso.replace(/\.\d+(?=Z|[+-]\d{2}:\d{2}$)/, "")

/** `instant` in UTC and as wall-clock time in `timeZone` (an IANA name already checked). */
export const timeView = (instant: DateTime.DateTime, timeZone: string): TimeView => {
  const utc = DateTime.toUtc(instant)
  return {
    utc: trimMillis(DateTime.formatIso(utc)),
    local: trimMillis(DateTime.formatIsoOffset(DateTime.makeZonedUnsafe(utc, { timeZone }))),
    timezone: timeZone
  }
}

/** Whether `zone` is an IANA zone name this runtime knows (the facade's `TimeZone` rule). */
export const isTimeZone = (zone: string): boolean => Schema.is(TimeZone)(zone)

/** An issue unless `zone` is an IANA zone name. */
export const checkTimeZone = (zone: string, path: string): Issue | undefined =>
  isTimeZone(zone)
    ? undefined
    : {
        path,
        message: `${JSON.stringify(zone)} is not an IANA time zone name (e.g. Europe/Rome, America/New_York, UTC)`
      }

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * Reads a date-time argument as an instant.
 *
 * - With `Z` or `±HH:MM` it is that instant (the zone, if any, only affects how it is shown).
 * - Without an offset it is wall-clock time in `zone`; refused when no zone is given, and when the
 *   wall-clock time does not exist or happens twice there (a daylight-saving change).
 */
export const parseDateTime = (
  value: string,
  path: string,
  zone: string | undefined,
  zonePath: string
): { readonly instant: DateTime.Utc } | { readonly issue: Issue } => {
  if (Schema.is(IsoDateTimeWithOffset)(value)) {
    const parsed = DateTime.make(value)
    if (Option.isSome(parsed)) return { instant: DateTime.toUtc(parsed.value) }
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return { issue: { path, message: `${JSON.stringify(value)} is not a real date and time` } }
  }
  const match = localDateTime.exec(value)
  if (match === null) {
    return {
      issue: {
        path,
        message: `${JSON.stringify(value)} is not an ISO 8601 date-time; use e.g. 2026-12-01T10:00:00+01:00 or 2026-12-01T09:00:00Z`
      }
    }
  }
  if (zone === undefined) {
    return {
      issue: {
        path,
        message: `${JSON.stringify(value)} has no UTC offset, so it is ambiguous: add one (e.g. ${value}+01:00 or ${value}Z) or pass ${zonePath}`
      }
    }
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number
  ]
  const valid = Schema.is(IsoDate)(value.slice(0, 10)) && hour < 24 && minute < 60 && second < 60
  const zoned = valid
    ? DateTime.makeZoned(
        { year, month, day, hour, minute, second },
        { timeZone: zone, adjustForTimeZone: true, disambiguation: "reject" }
      )
    : Option.none()
  return Option.isSome(zoned)
    ? { instant: DateTime.toUtc(zoned.value) }
    : {
        issue: {
          path,
          message: valid
            ? `${value} does not name one instant in ${zone} (a daylight-saving change skips or repeats it); give an offset`
            : `${JSON.stringify(value)} is not a real date and time`
        }
      }
}

/** The instant a local calendar day (`YYYY-MM-DD`, checked) starts in `zone`: the first that exists that day. */
export const startOfLocalDay = (date: string, zone: string): DateTime.Utc => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number]
  return DateTime.toUtc(
    DateTime.makeZonedUnsafe(
      { year, month, day, hour: 0, minute: 0 },
      { timeZone: zone, adjustForTimeZone: true, disambiguation: "later" }
    )
  )
}

/** The calendar day after `date` (`YYYY-MM-DD`, checked). */
export const nextDay = (date: string): string =>
  DateTime.formatIsoDate(DateTime.add(DateTime.makeUnsafe(date), { days: 1 }))

/** Whole local days as UTC instants: `startDate` 00:00 up to `endDate` 24:00, in a zone. */
export interface LocalDayRange {
  readonly start: DateTime.Utc
  readonly end: DateTime.Utc
}

/**
 * Problems with a `start_date`..`end_date` pair (`YYYY-MM-DD`, inclusive), whatever the zone:
 * not dates, end before start, or more than `maxDays` days (so that one answer stays readable).
 */
export const checkDayRange = (
  input: { readonly startDate: string; readonly endDate: string },
  paths: { readonly startDate: string; readonly endDate: string },
  maxDays: number
): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  for (const [value, path] of [
    [input.startDate, paths.startDate],
    [input.endDate, paths.endDate]
  ] as const) {
    if (!Schema.is(IsoDate)(value)) {
      issues.push({ path, message: `${JSON.stringify(value)} is not a calendar date YYYY-MM-DD` })
    }
  }
  if (issues.length > 0) return issues
  const days =
    Math.round(
      (DateTime.toEpochMillis(DateTime.makeUnsafe(input.endDate)) -
        DateTime.toEpochMillis(DateTime.makeUnsafe(input.startDate))) /
        86_400_000
    ) + 1
  if (days < 1) return [{ path: paths.endDate, message: `must not be before ${paths.startDate} (${input.startDate})` }]
  if (days > maxDays) {
    return [{ path: paths.endDate, message: `the range is ${days} days; ask for at most ${maxDays} days at a time` }]
  }
  return []
}

/** A checked date range (see `checkDayRange`) as UTC instants in `zone`. */
export const localDayRange = (startDate: string, endDate: string, zone: string): LocalDayRange => ({
  start: startOfLocalDay(startDate, zone),
  end: startOfLocalDay(nextDay(endDate), zone)
})

/** ISO 8601 in UTC with milliseconds, what the facade sends. */
export const isoUtc = (instant: DateTime.DateTime): string => DateTime.formatIso(DateTime.toUtc(instant))
