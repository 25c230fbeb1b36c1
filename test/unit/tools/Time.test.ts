/**
 * Time rules of the tools: how an instant is shown, how a date-time argument is read, and how
 * a date range becomes UTC instants.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import { checkDayRange, localDayRange, parseDateTime, timeView } from "../../../src/tools/Time.js"

const iso = (instant: DateTime.DateTime) => DateTime.formatIso(DateTime.toUtc(instant))

const instantOf = (value: string, zone?: string) => {
  const parsed = parseDateTime(value, "start_time", zone, "timezone")
  if (!("instant" in parsed)) throw new Error(`expected an instant, got ${JSON.stringify(parsed.issue)}`)
  return iso(parsed.instant)
}

const issueOf = (value: string, zone?: string) => {
  const parsed = parseDateTime(value, "start_time", zone, "timezone")
  if (!("issue" in parsed)) throw new Error(`expected an issue, got ${iso(parsed.instant)}`)
  return parsed.issue
}

describe("timeView", () => {
  it("gives UTC and local wall-clock time with its offset, without milliseconds", () => {
    const instant = DateTime.makeUnsafe("2026-12-01T09:00:00.000Z")
    assert.deepStrictEqual(timeView(instant, "Europe/Rome"), {
      utc: "2026-12-01T09:00:00Z",
      local: "2026-12-01T10:00:00+01:00",
      timezone: "Europe/Rome"
    })
    assert.deepStrictEqual(timeView(instant, "UTC"), {
      utc: "2026-12-01T09:00:00Z",
      local: "2026-12-01T09:00:00+00:00",
      timezone: "UTC"
    })
  })

  it("follows daylight saving: the same zone has another offset in summer", () => {
    assert.strictEqual(
      timeView(DateTime.makeUnsafe("2026-07-01T09:00:00Z"), "Europe/Rome").local,
      "2026-07-01T11:00:00+02:00"
    )
  })
})

describe("parseDateTime", () => {
  it("takes an instant with Z or an offset as it is, whatever zone is given", () => {
    assert.strictEqual(instantOf("2026-12-01T10:00:00+01:00"), "2026-12-01T09:00:00.000Z")
    assert.strictEqual(instantOf("2026-12-01T09:00Z", "America/New_York"), "2026-12-01T09:00:00.000Z")
  })

  it("reads a date-time without offset as wall-clock time in the zone", () => {
    assert.strictEqual(instantOf("2026-12-01T10:00", "Europe/Rome"), "2026-12-01T09:00:00.000Z")
    assert.strictEqual(instantOf("2026-07-01T10:00:00", "Europe/Rome"), "2026-07-01T08:00:00.000Z")
  })

  it("refuses a date-time without offset when no zone is given, saying how to fix it", () => {
    const issue = issueOf("2026-12-01T10:00:00")
    assert.strictEqual(issue.path, "start_time")
    assert.match(issue.message, /no UTC offset/)
    assert.match(issue.message, /timezone/)
  })

  it("refuses wall-clock times a daylight-saving change skips or repeats", () => {
    assert.match(issueOf("2026-03-29T02:30", "Europe/Rome").message, /daylight-saving/)
    assert.match(issueOf("2026-10-25T02:30", "Europe/Rome").message, /daylight-saving/)
  })

  it("refuses what is not an ISO 8601 date-time, or not a real one", () => {
    assert.match(issueOf("tomorrow at 10").message, /not an ISO 8601 date-time/)
    assert.match(issueOf("2026-02-30T10:00", "UTC").message, /not a real date/)
    assert.match(issueOf("2026-02-30T10:00:00Z").message, /not a real date/)
    assert.match(issueOf("2026-12-01T24:00:00+01:00").message, /not a real date/)
    assert.match(issueOf("2026-12-01T10:00:00+1").message, /not an ISO 8601 date-time/)
  })
})

describe("checkDayRange and localDayRange", () => {
  const paths = { startDate: "start_date", endDate: "end_date" }

  it("is start_date 00:00 to end_date 24:00 in the zone, as UTC instants", () => {
    assert.deepStrictEqual(checkDayRange({ startDate: "2026-12-01", endDate: "2026-12-02" }, paths, 31), [])
    const range = localDayRange("2026-12-01", "2026-12-02", "Europe/Rome")
    assert.strictEqual(iso(range.start), "2026-11-30T23:00:00.000Z")
    assert.strictEqual(iso(range.end), "2026-12-02T23:00:00.000Z")
  })

  it("a day with a daylight-saving change is 23 or 25 hours long", () => {
    const hours = (range: { start: DateTime.Utc; end: DateTime.Utc }) =>
      (DateTime.toEpochMillis(range.end) - DateTime.toEpochMillis(range.start)) / 3_600_000
    assert.strictEqual(hours(localDayRange("2026-03-29", "2026-03-29", "Europe/Rome")), 23)
    assert.strictEqual(hours(localDayRange("2026-10-25", "2026-10-25", "Europe/Rome")), 25)
  })

  it("refuses non-dates, an end before the start and ranges longer than the bound", () => {
    assert.deepStrictEqual(
      checkDayRange({ startDate: "2026-13-01", endDate: "tomorrow" }, paths, 31).map((i) => i.path),
      ["start_date", "end_date"]
    )
    assert.deepStrictEqual(checkDayRange({ startDate: "2026-12-02", endDate: "2026-12-01" }, paths, 31), [
      { path: "end_date", message: "must not be before start_date (2026-12-02)" }
    ])
    assert.deepStrictEqual(checkDayRange({ startDate: "2026-01-01", endDate: "2026-02-01" }, paths, 31), [
      { path: "end_date", message: "the range is 32 days; ask for at most 31 days at a time" }
    ])
  })
})
