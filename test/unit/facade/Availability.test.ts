/**
 * `cal.availability`: `GET /v2/slots` (cal-api-version 2024-09-04, `format=range`) for an event
 * type by id, a user's by slugs, or a team's; the by-day answer flattened into one list sorted by
 * start, in UTC, each slot with an end (from the answer, `duration`, or the event type's length);
 * `earliest` across event types; and every input checked before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { Slot } from "../../../src/facade/Models.js"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  eventTypeJson,
  onlyRequest,
  queryOf,
  requestAt,
  router,
  routesOf,
  setup,
  success,
  VERSIONS
} from "../support/CalComFixtures.js"

/** Slots by day as Cal.com sends them for Europe/Rome: days and slots deliberately out of order. */
const romeSlots = {
  "2026-12-02": [{ start: "2026-12-02T09:00:00.000+01:00", end: "2026-12-02T09:30:00.000+01:00" }],
  "2026-12-01": [
    {
      start: "2026-12-01T14:00:00.000+01:00",
      end: "2026-12-01T14:30:00.000+01:00",
      seatsBooked: 2,
      seatsRemaining: 3,
      seatsTotal: 5,
      bookingUid: "bk_seated"
    },
    { start: "2026-12-01T09:30:00.000+01:00", end: "2026-12-01T10:00:00.000+01:00" }
  ]
}

/** The same slots without ends (`format=time`, or a server that ignores `format`). */
const startsOnly = {
  "2026-12-02": [{ start: "2026-12-02T09:00:00.000+01:00" }],
  "2026-12-01": [{ start: "2026-12-01T09:30:00.000+01:00" }]
}

const isoOf = (slots: ReadonlyArray<Slot>) =>
  slots.map((s) => [DateTime.formatIso(s.start), DateTime.formatIso(s.end)] as const)

const range = { start: "2026-12-01", end: "2026-12-02", timeZone: "Europe/Rome" } as const

describe("availability.slots", () => {
  it.effect("asks for an event type's slots as ranges and flattens the days into one sorted UTC list", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success(romeSlots) }))
      const slots = yield* cal.availability.slots({ eventTypeId: 42, ...range })
      assertRequest(onlyRequest(fake), {
        method: "GET",
        path: "/v2/slots",
        query: { eventTypeId: "42", start: "2026-12-01", end: "2026-12-02", timeZone: "Europe/Rome", format: "range" },
        version: VERSIONS.slots
      })
      assert.deepStrictEqual(isoOf(slots), [
        ["2026-12-01T08:30:00.000Z", "2026-12-01T09:00:00.000Z"],
        ["2026-12-01T13:00:00.000Z", "2026-12-01T13:30:00.000Z"],
        ["2026-12-02T08:00:00.000Z", "2026-12-02T08:30:00.000Z"]
      ])
      for (const slot of slots) {
        assert.isTrue(DateTime.isUtc(slot.start))
        assert.isTrue(DateTime.isUtc(slot.end))
        assert.strictEqual(slot.timeZone, "Europe/Rome")
      }
      assert.strictEqual(slots[1]?.seatsBooked, 2)
      assert.strictEqual(slots[1]?.seatsRemaining, 3)
      assert.strictEqual(slots[1]?.seatsTotal, 5)
      assert.strictEqual(slots[1]?.bookingUid, "bk_seated")
      assert.notProperty(slots[0], "seatsBooked")
      assert.notProperty(slots[0], "bookingUid")
    })
  )

  it.effect("answers [] when there are no slots", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/slots": () => success({}) }))
      assert.deepStrictEqual(yield* cal.availability.slots({ eventTypeId: 42, ...range }), [])
    })
  )

  it.effect("sends instants with an offset in UTC, as the API requires", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success({}) }))
      yield* cal.availability.slots({
        eventTypeId: 42,
        start: "2026-12-01T09:00:00+01:00",
        end: "2026-12-01T18:30:00.000-05:00",
        timeZone: "Europe/Rome"
      })
      const query = queryOf(onlyRequest(fake))
      assert.strictEqual(query["start"], "2026-12-01T08:00:00.000Z")
      assert.strictEqual(query["end"], "2026-12-01T23:30:00.000Z")
    })
  )

  it.effect("fills missing ends from the event type's length, fetched once", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": () => success(startsOnly),
          "GET /v2/event-types/42": () => success(eventTypeJson({ lengthInMinutes: 45 }))
        })
      )
      const slots = yield* cal.availability.slots({ eventTypeId: 42, ...range })
      assert.deepStrictEqual(isoOf(slots), [
        ["2026-12-01T08:30:00.000Z", "2026-12-01T09:15:00.000Z"],
        ["2026-12-02T08:00:00.000Z", "2026-12-02T08:45:00.000Z"]
      ])
      assert.deepStrictEqual(routesOf(fake), ["GET /v2/slots", "GET /v2/event-types/42"])
      assertRequest(requestAt(fake, 1), { method: "GET", path: "/v2/event-types/42", version: VERSIONS.eventTypes })
    })
  )

  it.effect("fills missing ends from `duration` without asking for the event type, and sends it", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success(startsOnly) }))
      const slots = yield* cal.availability.slots({ eventTypeId: 42, ...range, duration: 60 })
      assert.deepStrictEqual(isoOf(slots), [
        ["2026-12-01T08:30:00.000Z", "2026-12-01T09:30:00.000Z"],
        ["2026-12-02T08:00:00.000Z", "2026-12-02T09:00:00.000Z"]
      ])
      assert.strictEqual(queryOf(onlyRequest(fake))["duration"], "60")
    })
  )

  it.effect("asks for a user's event type by username and slug, finding its length among their event types", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": () => success(startsOnly),
          "GET /v2/event-types": () =>
            success([
              eventTypeJson({ id: 41, slug: "other", lengthInMinutes: 90 }),
              eventTypeJson({ lengthInMinutes: 20 })
            ])
        })
      )
      const slots = yield* cal.availability.slots({ username: "ada", eventTypeSlug: "intro-call", ...range })
      assertRequest(requestAt(fake, 0), {
        method: "GET",
        path: "/v2/slots",
        query: {
          username: "ada",
          eventTypeSlug: "intro-call",
          start: "2026-12-01",
          end: "2026-12-02",
          timeZone: "Europe/Rome",
          format: "range"
        },
        version: VERSIONS.slots
      })
      assertRequest(requestAt(fake, 1), {
        method: "GET",
        path: "/v2/event-types",
        query: { username: "ada" },
        version: VERSIONS.eventTypes
      })
      assert.deepStrictEqual(
        slots.map((s) => DateTime.formatIso(s.end)),
        ["2026-12-01T08:50:00.000Z", "2026-12-02T08:20:00.000Z"]
      )
    })
  )

  it.effect("fails with CalComDecodeError when ends are missing and the user's event type is unknown", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "GET /v2/slots": () => success(startsOnly),
          "GET /v2/event-types": () => success([eventTypeJson({ slug: "something-else" })])
        })
      )
      const error = assertTag(
        yield* Effect.flip(cal.availability.slots({ username: "ada", eventTypeSlug: "intro-call", ...range })),
        "CalComDecodeError"
      )
      assert.deepStrictEqual(
        error.issues.map((i) => i.path),
        ["end"]
      )
      assert.include(error.message, "duration")
    })
  )

  it.effect("asks for a team's event type by team, event type and organization slugs", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success(romeSlots) }))
      const slots = yield* cal.availability.slots({
        teamSlug: "engines",
        eventTypeSlug: "team-sync",
        organizationSlug: "acme",
        ...range
      })
      assertRequest(onlyRequest(fake), {
        method: "GET",
        path: "/v2/slots",
        query: {
          teamSlug: "engines",
          eventTypeSlug: "team-sync",
          organizationSlug: "acme",
          start: "2026-12-01",
          end: "2026-12-02",
          timeZone: "Europe/Rome",
          format: "range"
        },
        version: VERSIONS.slots
      })
      assert.strictEqual(slots.length, 3)
    })
  )

  it.effect("fails with CalComDecodeError for a team's slots without ends and without `duration`", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success(startsOnly) }))
      const error = yield* Effect.flip(
        cal.availability.slots({ teamSlug: "engines", eventTypeSlug: "team-sync", ...range })
      )
      assertTag(error, "CalComDecodeError")
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("fails with CalComDecodeError when the answer is not slots by day", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/slots": () => success({ "2026-12-01": [{ start: "soon" }] }) }))
      const error = assertTag(
        yield* Effect.flip(cal.availability.slots({ eventTypeId: 42, ...range })),
        "CalComDecodeError"
      )
      assert.strictEqual(error.status, 200)
    })
  )

  it.effect("refuses a bad time zone, an end before start and a start without offset, naming each field", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success({}) }))
      assertInvalid(
        yield* Effect.flip(cal.availability.slots({ eventTypeId: 42, ...range, timeZone: "Europe/Atlantis" })),
        "Availability.slots",
        ["timeZone"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.availability.slots({ eventTypeId: 42, start: "2026-12-02", end: "2026-12-01", timeZone: "UTC" })
        ),
        "Availability.slots",
        ["end"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.availability.slots({
            eventTypeId: 42,
            start: "2026-12-01T10:00:00",
            end: "2026-02-30",
            timeZone: "UTC"
          })
        ),
        "Availability.slots",
        ["start", "end"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.availability.slots({
            eventTypeId: 42,
            start: "2026-12-01T12:00:00Z",
            end: "2026-12-01T11:00:00Z",
            timeZone: "UTC"
          })
        ),
        "Availability.slots",
        ["end"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("refuses a bad event type id, empty slugs and a bad duration before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/slots": () => success({}) }))
      assertInvalid(
        yield* Effect.flip(cal.availability.slots({ eventTypeId: 0, ...range, duration: 0 })),
        "Availability.slots",
        ["eventTypeId", "duration"]
      )
      assertInvalid(
        yield* Effect.flip(cal.availability.slots({ username: "", eventTypeSlug: " intro", ...range })),
        "Availability.slots",
        ["username", "eventTypeSlug"]
      )
      assertInvalid(
        yield* Effect.flip(cal.availability.slots({ teamSlug: "", eventTypeSlug: "sync", ...range })),
        "Availability.slots",
        ["teamSlug"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("availability.earliest", () => {
  const byEventType = () =>
    router({
      "GET /v2/slots": (request) =>
        queryOf(request)["eventTypeId"] === "42"
          ? success({
              "2026-12-01": [
                { start: "2026-12-01T10:00:00.000Z", end: "2026-12-01T10:30:00.000Z" },
                { start: "2026-12-01T12:00:00.000Z", end: "2026-12-01T12:30:00.000Z" }
              ]
            })
          : success({
              "2026-12-01": [
                { start: "2026-12-01T09:00:00.000Z", end: "2026-12-01T10:00:00.000Z" },
                { start: "2026-12-01T11:00:00.000Z", end: "2026-12-01T12:00:00.000Z" }
              ]
            })
    })

  it.effect("merges the event types' slots, sorted by start, tagged with their event type, up to count", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(byEventType())
      const earliest = yield* cal.availability.earliest({ eventTypeIds: [42, 43], ...range, count: 3 })
      assert.deepStrictEqual(
        earliest.map((s) => [DateTime.formatIso(s.start), s.eventTypeId]),
        [
          ["2026-12-01T09:00:00.000Z", 43],
          ["2026-12-01T10:00:00.000Z", 42],
          ["2026-12-01T11:00:00.000Z", 43]
        ]
      )
      assert.deepStrictEqual(fake.requests.map((r) => queryOf(r)["eventTypeId"]).sort(), ["42", "43"])
      for (const request of fake.requests) {
        assertRequest(request, { method: "GET", path: "/v2/slots", version: VERSIONS.slots })
        assert.strictEqual(queryOf(request)["timeZone"], "Europe/Rome")
      }
    })
  )

  it.effect("returns five slots by default", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(byEventType())
      const earliest = yield* cal.availability.earliest({ eventTypeIds: [42, 43, 44], ...range })
      assert.strictEqual(earliest.length, 5)
    })
  )

  it.effect("refuses no event types, a bad id, a bad count and a bad range before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(byEventType())
      assertInvalid(
        yield* Effect.flip(cal.availability.earliest({ eventTypeIds: [], ...range, count: 0 })),
        "Availability.earliest",
        ["eventTypeIds", "count"]
      )
      assertInvalid(
        yield* Effect.flip(cal.availability.earliest({ eventTypeIds: [42, -1], ...range, count: 101 })),
        "Availability.earliest",
        ["eventTypeIds.1", "count"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.availability.earliest({ eventTypeIds: [42], start: "2026-12-03", end: "2026-12-01", timeZone: "Nowhere" })
        ),
        "Availability.earliest",
        ["end", "timeZone"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
