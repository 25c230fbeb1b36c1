/**
 * `cal.calendars` (no cal-api-version): the connected calendars, and one calendar's busy times
 * read with the query Cal.com parses (`calendarsToLoad[0][credentialId]`, `[externalId]`).
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  connectedCalendarJson,
  destinationCalendarJson,
  onlyRequest,
  router,
  setup,
  success
} from "../support/CalComFixtures.js"

describe("calendars.list", () => {
  it.effect("lists the connected accounts with their calendars and the destination calendar", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/calendars": () =>
            success({
              connectedCalendars: [
                connectedCalendarJson(),
                // An account whose calendars could not be listed: no primary, no calendars.
                { integration: { type: "office365_calendar", title: "Outlook Calendar" }, credentialId: 136 }
              ],
              destinationCalendar: destinationCalendarJson
            })
        })
      )
      const result = yield* cal.calendars.list()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/calendars", query: {}, version: null })
      assert.deepStrictEqual(
        result.connectedCalendars.map((c) => [c.credentialId, c.integration?.type, c.calendars.length]),
        [
          [135, "google_calendar", 2],
          [136, "office365_calendar", 0]
        ]
      )
      assert.deepStrictEqual(
        result.connectedCalendars[0]?.calendars.map((c) => [c.externalId, c.isSelected, c.readOnly]),
        [
          ["ada@example.com", true, false],
          ["en.uk#holiday@group.v.calendar.google.com", false, true]
        ]
      )
      assert.strictEqual(result.connectedCalendars[0]?.primary?.externalId, "ada@example.com")
      assert.strictEqual(result.destinationCalendar?.externalId, "ada@example.com")
      assert.strictEqual(result.destinationCalendar?.id, 31)
    })
  )

  it.effect("a user without calendars: no accounts, no destination calendar", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/calendars": () => success({ connectedCalendars: [] }) }))
      const result = yield* cal.calendars.list()
      assert.deepStrictEqual(result.connectedCalendars, [])
      assert.isUndefined(result.destinationCalendar)
    })
  )

  it.effect("an account without its credential id is a CalComDecodeError (busyTimes needs it)", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "GET /v2/calendars": () => success({ connectedCalendars: [connectedCalendarJson({ credentialId: null })] })
        })
      )
      const error = assertTag(yield* Effect.flip(cal.calendars.list()), "CalComDecodeError")
      assert.include(error.message, "data.connectedCalendars.0.credentialId")
    })
  )
})

const busy = {
  credentialId: 135,
  externalId: "ada@example.com",
  dateFrom: "2026-12-01",
  dateTo: "2026-12-02",
  timeZone: "Europe/Rome"
}

describe("calendars.busyTimes", () => {
  it.effect("sends the calendar as calendarsToLoad[0], the days and the zone; decodes the intervals to UTC", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/calendars/busy-times": () =>
            success([
              { start: "2026-12-01T09:00:00.000Z", end: "2026-12-01T10:00:00.000Z", source: "google_calendar" },
              { start: "2026-12-02T15:30:00+01:00", end: "2026-12-02T16:00:00+01:00" }
            ])
        })
      )
      const times = yield* cal.calendars.busyTimes(busy)
      const request = onlyRequest(fake)
      assertRequest(request, {
        method: "GET",
        path: "/v2/calendars/busy-times",
        query: {
          "calendarsToLoad[0][credentialId]": "135",
          "calendarsToLoad[0][externalId]": "ada@example.com",
          dateFrom: "2026-12-01",
          dateTo: "2026-12-02",
          timeZone: "Europe/Rome",
          loggedInUsersTz: "Europe/Rome"
        },
        version: null
      })
      assert.deepStrictEqual(
        times.map((t) => [DateTime.formatIso(t.start), DateTime.formatIso(t.end), t.source]),
        [
          ["2026-12-01T09:00:00.000Z", "2026-12-01T10:00:00.000Z", "google_calendar"],
          ["2026-12-02T14:30:00.000Z", "2026-12-02T15:00:00.000Z", undefined]
        ]
      )
    })
  )

  it.effect("an external id with reserved characters travels encoded and arrives intact", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/calendars/busy-times": () => success([]) }))
      const externalId = "en.uk#holiday@group.v.calendar.google.com&x=1"
      assert.deepStrictEqual(yield* cal.calendars.busyTimes({ ...busy, externalId }), [])
      assert.strictEqual(onlyRequest(fake).query.get("calendarsToLoad[0][externalId]"), externalId)
    })
  )

  it.effect("refuses bad input before sending anything, every issue at once", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(
          cal.calendars.busyTimes({
            credentialId: 0,
            externalId: " ",
            dateFrom: "2026-02-30",
            dateTo: "2026-12-02T10:00:00Z",
            timeZone: "+01:00"
          })
        ),
        "Calendars.busyTimes",
        ["credentialId", "externalId", "dateFrom", "dateTo", "timeZone"]
      )
      assertInvalid(
        yield* Effect.flip(cal.calendars.busyTimes({ ...busy, dateFrom: "2026-12-03" })),
        "Calendars.busyTimes",
        ["dateTo"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
