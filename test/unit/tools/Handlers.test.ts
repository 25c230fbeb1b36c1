/**
 * Each tool through the toolkit's handlers, on a real `CalCom` client whose `fetch` is a fake
 * Cal.com: arguments checked before anything is sent, results in UTC and local time, failures
 * as structured JSON, and never the API key in any output.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import { API_KEY, success } from "../support/CalComFixtures.js"
import { errorEnvelope, type FakeFetch, type RecordedRequest } from "../support/FakeFetch.js"
import { makeFakeApi, runTool } from "./support.js"

/** Every JSON a tool produced in these tests, checked for the key at the end of each test. */
const assertNoKey = (...outputs: ReadonlyArray<unknown>) => {
  for (const output of outputs) assert.notInclude(JSON.stringify(output), API_KEY.slice(4))
}

const failureOf = (outcome: { readonly isFailure: boolean; readonly encoded: unknown }): ToolFailure => {
  assert.isTrue(outcome.isFailure, `expected a failure, got ${JSON.stringify(outcome.encoded)}`)
  return outcome.encoded as ToolFailure
}

const sentTo = (api: FakeFetch, method: string, path: string): ReadonlyArray<RecordedRequest> =>
  api.requests.filter((r) => r.method === method && r.pathname === path)

describe("get_user_profile", () => {
  it.effect("returns the profile in snake_case with the user's time zone", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "get_user_profile", {})
      assert.isFalse(outcome.isFailure)
      assert.deepStrictEqual(outcome.encoded, {
        user_id: 7,
        username: "ada",
        name: "Ada Lovelace",
        email: "ada@example.com",
        timezone: "Europe/Rome",
        week_start: "Monday",
        time_format: 24,
        default_schedule_id: 3
      })
      assertNoKey(outcome.encoded)
    })
  )

  it.effect("a refused key is CalComAuthError, not retryable, without the key in the message", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/me": () => errorEnvelope(401, "UnauthorizedException", "Invalid API key") })
      const failure = failureOf(yield* runTool(api, "get_user_profile", {}))
      assert.strictEqual(failure.error, "CalComAuthError")
      assert.isFalse(failure.retryable)
      assert.strictEqual(failure.status, 401)
      assert.match(failure.hint, /CAL_COM_API_KEY/)
      assertNoKey(failure)
      // The key did go to the server, as the Authorization header.
      assert.strictEqual(api.requests[0]?.headers["authorization"], `Bearer ${API_KEY}`)
    })
  )
})

describe("list_event_types and get_event_type", () => {
  it.effect("lists event types with the ids other tools take", () =>
    Effect.gen(function* () {
      const outcome = yield* runTool(makeFakeApi(), "list_event_types", {})
      assert.deepStrictEqual(outcome.encoded, {
        count: 1,
        event_types: [
          {
            event_type_id: 42,
            title: "Intro call",
            slug: "intro",
            length_minutes: 30,
            description: "A first chat",
            hidden: false,
            owner_id: 7,
            booking_url: "https://cal.com/ada/intro"
          }
        ]
      })
    })
  )

  it.effect("team_id lists the team's event types", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/teams/5/event-types": () => success([]) })
      const outcome = yield* runTool(api, "list_event_types", { team_id: 5 })
      assert.deepStrictEqual(outcome.encoded, { count: 0, event_types: [] })
      assert.lengthOf(sentTo(api, "GET", "/v2/teams/5/event-types"), 1)
    })
  )

  it.effect("a non-positive id is InvalidArguments naming it, and nothing is sent", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(yield* runTool(api, "list_event_types", { owner_id: 0, team_id: -3 }))
      assert.strictEqual(failure.error, "InvalidArguments")
      assert.deepStrictEqual(
        failure.issues?.map((i) => i.path),
        ["owner_id", "team_id"]
      )
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("an unknown event type is CalComNotFoundError pointing at list_event_types", () =>
    Effect.gen(function* () {
      const failure = failureOf(yield* runTool(makeFakeApi(), "get_event_type", { event_type_id: 999 }))
      assert.strictEqual(failure.error, "CalComNotFoundError")
      assert.strictEqual(failure.status, 404)
      assert.isFalse(failure.retryable)
      assert.match(failure.hint, /list_event_types/)
      assertNoKey(failure)
    })
  )

  it.effect("a wrong JSON type never reaches the handler: a parameter failure", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "get_event_type", { event_type_id: "forty-two" })
      assert.isTrue(outcome.isFailure)
      assert.strictEqual(outcome.failureOrigin, "parameters")
      assert.lengthOf(api.requests, 0)
    })
  )
})

describe("list_availability", () => {
  it.effect("reads the dates as whole days in the zone and shows each slot in UTC and local time", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "list_availability", {
        event_type_id: 42,
        start_date: "2026-12-01",
        end_date: "2026-12-01",
        timezone: "Europe/Rome"
      })
      assert.isFalse(outcome.isFailure)
      const result = outcome.encoded as {
        from: unknown
        to: unknown
        count: number
        slots: ReadonlyArray<{ start: unknown; end: unknown }>
      }
      // 2026-12-01 00:00 to 24:00 in Rome (UTC+1).
      assert.deepStrictEqual(result.from, {
        utc: "2026-11-30T23:00:00Z",
        local: "2026-12-01T00:00:00+01:00",
        timezone: "Europe/Rome"
      })
      assert.deepStrictEqual(result.to, {
        utc: "2026-12-01T23:00:00Z",
        local: "2026-12-02T00:00:00+01:00",
        timezone: "Europe/Rome"
      })
      assert.strictEqual(result.count, 3)
      assert.deepStrictEqual(result.slots[0], {
        start: { utc: "2026-12-01T08:00:00Z", local: "2026-12-01T09:00:00+01:00", timezone: "Europe/Rome" },
        end: { utc: "2026-12-01T08:30:00Z", local: "2026-12-01T09:30:00+01:00", timezone: "Europe/Rome" }
      })
      const [request] = sentTo(api, "GET", "/v2/slots")
      assert.strictEqual(request?.query.get("start"), "2026-11-30T23:00:00.000Z")
      assert.strictEqual(request?.query.get("end"), "2026-12-01T23:00:00.000Z")
      assert.strictEqual(request?.query.get("timeZone"), "Europe/Rome")
    })
  )

  it.effect("the same day in another zone is another range of instants", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "list_availability", {
        event_type_id: 42,
        start_date: "2026-12-01",
        end_date: "2026-12-01",
        timezone: "America/New_York"
      })
      const result = outcome.encoded as { slots: ReadonlyArray<{ start: { local: string } }> }
      // New York's 1 December is 05:00Z to 05:00Z next day: 09:00, 09:30, 10:00 Rome are 03:00-04:00 there.
      assert.deepStrictEqual(
        result.slots.map((s) => s.start.local),
        ["2026-12-01T03:00:00-05:00", "2026-12-01T03:30:00-05:00", "2026-12-01T04:00:00-05:00"]
      )
    })
  )

  it.effect("without timezone the dates are days in the user's profile zone", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "list_availability", {
        username: "ada",
        slug: "intro",
        start_date: "2026-12-02",
        end_date: "2026-12-03"
      })
      const result = outcome.encoded as { timezone: string; count: number }
      assert.strictEqual(result.timezone, "Europe/Rome")
      assert.strictEqual(result.count, 2)
      const [request] = sentTo(api, "GET", "/v2/slots")
      assert.strictEqual(request?.query.get("username"), "ada")
      assert.strictEqual(request?.query.get("eventTypeSlug"), "intro")
    })
  )

  it.effect("a bad time zone is InvalidArguments naming timezone, and nothing is sent", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "list_availability", {
          event_type_id: 42,
          start_date: "2026-12-01",
          end_date: "2026-12-01",
          timezone: "Mars/Olympus_Mons"
        })
      )
      assert.strictEqual(failure.error, "InvalidArguments")
      assert.isFalse(failure.retryable)
      assert.deepStrictEqual(failure.issues?.[0]?.path, "timezone")
      assert.match(failure.issues?.[0]?.message ?? "", /IANA/)
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("an end date before the start date is InvalidArguments naming end_date", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "list_availability", {
          event_type_id: 42,
          start_date: "2026-12-05",
          end_date: "2026-12-01",
          timezone: "Europe/Rome"
        })
      )
      assert.deepStrictEqual(failure.issues, [
        { path: "end_date", message: "must not be before start_date (2026-12-05)" }
      ])
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("a date that is not YYYY-MM-DD, and a range over 31 days, are refused", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const badDate = failureOf(
        yield* runTool(api, "list_availability", {
          event_type_id: 42,
          start_date: "01/12/2026",
          end_date: "2026-02-30",
          timezone: "UTC"
        })
      )
      assert.deepStrictEqual(
        badDate.issues?.map((i) => i.path),
        ["start_date", "end_date"]
      )
      const tooLong = failureOf(
        yield* runTool(api, "list_availability", {
          event_type_id: 42,
          start_date: "2026-01-01",
          end_date: "2026-03-01",
          timezone: "UTC"
        })
      )
      assert.match(tooLong.issues?.[0]?.message ?? "", /at most 31 days/)
    })
  )

  it.effect("the event type must be named one way: event_type_id, or username and slug", () =>
    Effect.gen(function* () {
      const neither = failureOf(
        yield* runTool(makeFakeApi(), "list_availability", { start_date: "2026-12-01", end_date: "2026-12-01" })
      )
      assert.strictEqual(neither.issues?.[0]?.path, "event_type_id")
      const half = failureOf(
        yield* runTool(makeFakeApi(), "list_availability", {
          username: "ada",
          start_date: "2026-12-01",
          end_date: "2026-12-01"
        })
      )
      assert.strictEqual(half.issues?.[0]?.path, "slug")
    })
  )

  it.effect("a 503 is CalComApiError marked retryable", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/slots": () => errorEnvelope(503, "ServiceUnavailable", "try later") })
      const failure = failureOf(
        yield* runTool(api, "list_availability", {
          event_type_id: 42,
          start_date: "2026-12-01",
          end_date: "2026-12-01",
          timezone: "UTC"
        })
      )
      assert.strictEqual(failure.error, "CalComApiError")
      assert.isTrue(failure.retryable)
      assert.strictEqual(failure.status, 503)
      assertNoKey(failure)
    })
  )

  it.effect("a 429 is CalComRateLimitError marked retryable", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/slots": () => errorEnvelope(429, "TooManyRequestsException", "slow down") })
      const failure = failureOf(
        yield* runTool(api, "list_availability", {
          event_type_id: 42,
          start_date: "2026-12-01",
          end_date: "2026-12-01",
          timezone: "UTC"
        })
      )
      assert.strictEqual(failure.error, "CalComRateLimitError")
      assert.isTrue(failure.retryable)
    })
  )
})

describe("list_bookings and get_booking", () => {
  it.effect("lists a page with times in the profile's zone and the skip of the next page", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "list_bookings", {})
      const result = outcome.encoded as {
        timezone: string
        count: number
        total: number
        next_skip: number
        bookings: ReadonlyArray<Record<string, unknown>>
      }
      assert.strictEqual(result.timezone, "Europe/Rome")
      assert.strictEqual(result.count, 1)
      assert.strictEqual(result.total, 3)
      assert.strictEqual(result.next_skip, 1)
      assert.deepStrictEqual(result.bookings[0], {
        booking_id: "bk_123",
        title: "Intro call between Ada Lovelace and Grace Hopper",
        status: "accepted",
        start: { utc: "2026-12-01T08:00:00Z", local: "2026-12-01T09:00:00+01:00", timezone: "Europe/Rome" },
        end: { utc: "2026-12-01T08:30:00Z", local: "2026-12-01T09:30:00+01:00", timezone: "Europe/Rome" },
        duration_minutes: 30,
        event_type_id: 42,
        attendees: [{ name: "Grace Hopper", email: "grace@example.com", timezone: "America/New_York" }],
        hosts: [{ name: "Ada Lovelace", email: "ada@example.com" }],
        location: "https://cal.com/video/abc",
        meeting_url: "https://cal.com/video/abc",
        manage_url: "https://cal.com/booking/bk_123"
      })
      // The default page size is 10.
      assert.strictEqual(sentTo(api, "GET", "/v2/bookings")[0]?.query.get("take"), "10")
      assertNoKey(outcome.encoded)
    })
  )

  it.effect("filters by status and by whole local days", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      yield* runTool(api, "list_bookings", {
        status: "upcoming",
        start_date: "2026-12-01",
        end_date: "2026-12-07",
        timezone: "America/New_York",
        limit: 100,
        skip: 20
      })
      const query = sentTo(api, "GET", "/v2/bookings")[0]?.query
      assert.strictEqual(query?.get("status"), "upcoming")
      assert.strictEqual(query?.get("afterStart"), "2026-12-01T05:00:00.000Z")
      assert.strictEqual(query?.get("beforeEnd"), "2026-12-08T05:00:00.000Z")
      assert.strictEqual(query?.get("take"), "100")
      assert.strictEqual(query?.get("skip"), "20")
      yield* runTool(api, "list_bookings", { status: ["upcoming", "unconfirmed"] })
      assert.strictEqual(sentTo(api, "GET", "/v2/bookings")[1]?.query.get("status"), "upcoming,unconfirmed")
    })
  )

  it.effect(
    "limit over 250 and a negative skip (the facade's rules), and end before start, are refused; nothing is sent",
    () =>
      Effect.gen(function* () {
        const api = makeFakeApi()
        const failure = failureOf(yield* runTool(api, "list_bookings", { limit: 251, skip: -1, timezone: "UTC" }))
        assert.deepStrictEqual(
          failure.issues?.map((i) => i.path),
          ["limit", "skip"]
        )
        assert.match(failure.message, /Nothing was sent/)
        const dates = failureOf(
          yield* runTool(api, "list_bookings", { start_date: "2026-12-07", end_date: "2026-12-01" })
        )
        assert.deepStrictEqual(dates.issues, [
          { path: "end_date", message: "must not be before start_date (2026-12-07)" }
        ])
        assert.lengthOf(api.requests, 0)
      })
  )

  it.effect("get_booking shows the booking in the zone asked for", () =>
    Effect.gen(function* () {
      const outcome = yield* runTool(makeFakeApi(), "get_booking", { booking_id: "bk_123", timezone: "Asia/Kolkata" })
      const result = outcome.encoded as { start: unknown }
      assert.deepStrictEqual(result.start, {
        utc: "2026-12-01T08:00:00Z",
        local: "2026-12-01T13:30:00+05:30",
        timezone: "Asia/Kolkata"
      })
    })
  )

  it.effect("an unknown booking is CalComNotFoundError pointing at list_bookings", () =>
    Effect.gen(function* () {
      const failure = failureOf(yield* runTool(makeFakeApi(), "get_booking", { booking_id: "nope" }))
      assert.strictEqual(failure.error, "CalComNotFoundError")
      assert.match(failure.hint, /list_bookings/)
      assertNoKey(failure)
    })
  )
})

describe("create_booking", () => {
  const valid = {
    event_type_id: 42,
    start_time: "2026-12-01T09:30:00+01:00",
    attendee_name: "Grace Hopper",
    attendee_email: "grace@example.com",
    attendee_timezone: "America/New_York",
    notes: "About the compiler"
  }

  it.effect("books an offered slot and shows it in the attendee's zone", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "create_booking", valid)
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      const result = outcome.encoded as {
        booking: { booking_id: string; start: unknown; end: unknown }
        notifications: string
      }
      assert.strictEqual(result.booking.booking_id, "bk_new")
      assert.deepStrictEqual(result.booking.start, {
        utc: "2026-12-01T08:30:00Z",
        local: "2026-12-01T03:30:00-05:00",
        timezone: "America/New_York"
      })
      assert.strictEqual(result.notifications, "sent by Cal.com according to the event type's settings")
      const [post] = sentTo(api, "POST", "/v2/bookings")
      assert.deepStrictEqual(post?.json, {
        start: "2026-12-01T08:30:00.000Z",
        eventTypeId: 42,
        attendee: { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" },
        bookingFieldsResponses: { notes: "About the compiler" }
      })
      // One availability query: the facade's slot check (±3 days), none by the tool.
      assert.lengthOf(sentTo(api, "GET", "/v2/slots"), 1)
      assertNoKey(outcome.encoded)
    })
  )

  it.effect("a start without offset is read in attendee_timezone", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "create_booking", {
        ...valid,
        start_time: "2026-12-01T03:00",
        end_time: "2026-12-01T03:30:00"
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      const body = sentTo(api, "POST", "/v2/bookings")[0]?.json as { start: string } | undefined
      assert.strictEqual(body?.start, "2026-12-01T08:00:00.000Z")
    })
  )

  it.effect("a start without offset and no usable zone is refused, naming the argument", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "create_booking", { ...valid, start_time: "2026-12-01T09:30", attendee_timezone: "CET+1" })
      )
      assert.strictEqual(failure.error, "InvalidArguments")
      assert.deepStrictEqual(
        failure.issues?.map((i) => i.path),
        ["attendee_timezone"]
      )
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("an end that is not the slot's end, or not after the start, is refused", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const before = failureOf(
        yield* runTool(api, "create_booking", { ...valid, end_time: "2026-12-01T09:00:00+01:00" })
      )
      assert.deepStrictEqual(before.issues, [{ path: "end_time", message: "must be after start" }])
      const wrongLength = failureOf(
        yield* runTool(api, "create_booking", { ...valid, end_time: "2026-12-01T10:30:00+01:00" })
      )
      assert.strictEqual(wrongLength.issues?.[0]?.path, "end_time")
      assert.match(wrongLength.issues?.[0]?.message ?? "", /ends at 2026-12-01T09:00:00.000Z/)
      assert.lengthOf(sentTo(api, "POST", "/v2/bookings"), 0)
    })
  )

  it.effect("bad email, empty name and a bad zone are reported together", () =>
    Effect.gen(function* () {
      const failure = failureOf(
        yield* runTool(makeFakeApi(), "create_booking", {
          ...valid,
          attendee_name: " ",
          attendee_email: "grace",
          attendee_timezone: "Nowhere/Land"
        })
      )
      assert.deepStrictEqual(
        failure.issues?.map((i) => i.path),
        ["attendee_name", "attendee_email", "attendee_timezone"]
      )
    })
  )

  it.effect("a start that is not offered is SlotUnavailable with the 5 nearest slots, and nothing is booked", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "create_booking", { ...valid, start_time: "2026-12-01T12:00:00+01:00" })
      )
      assert.strictEqual(failure.error, "SlotUnavailable")
      assert.isFalse(failure.retryable)
      assert.match(failure.hint, /nearest_slots/)
      assert.match(failure.message, /2026-12-01T06:00:00-05:00 \(2026-12-01T11:00:00Z\)/)
      // Closest to 12:00 Rome: 10:00, 09:30, 09:00 that day, 09:00 the next, 15:00 on the 3rd; earliest first.
      assert.deepStrictEqual(
        failure.nearest_slots?.map((s) => s.start.utc),
        [
          "2026-12-01T08:00:00Z",
          "2026-12-01T08:30:00Z",
          "2026-12-01T09:00:00Z",
          "2026-12-02T08:00:00Z",
          "2026-12-03T14:00:00Z"
        ]
      )
      assert.deepStrictEqual(failure.nearest_slots?.[0]?.start, {
        utc: "2026-12-01T08:00:00Z",
        local: "2026-12-01T03:00:00-05:00",
        timezone: "America/New_York"
      })
      // Availability was asked ±3 days around the requested start.
      const [slots] = sentTo(api, "GET", "/v2/slots")
      assert.strictEqual(slots?.query.get("start"), "2026-11-28T11:00:00.000Z")
      assert.strictEqual(slots?.query.get("end"), "2026-12-04T11:00:00.000Z")
      assert.lengthOf(sentTo(api, "POST", "/v2/bookings"), 0)
      assertNoKey(failure)
    })
  )

  it.effect("send_confirmation=false is kept but reported as not honoured", () =>
    Effect.gen(function* () {
      const outcome = yield* runTool(makeFakeApi(), "create_booking", { ...valid, send_confirmation: false })
      const result = outcome.encoded as { notifications: string }
      assert.match(result.notifications, /send_confirmation=false could not be honoured/)
    })
  )

  it.effect("a slot taken meanwhile (409) is CalComConflictError pointing at list_availability", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "POST /v2/bookings": () => errorEnvelope(409, "ConflictException", "slot taken") })
      const failure = failureOf(yield* runTool(api, "create_booking", valid))
      assert.strictEqual(failure.error, "CalComConflictError")
      assert.match(failure.hint, /list_availability/)
    })
  )
})

describe("reschedule_booking", () => {
  it.effect("moves a booking to an offered slot; the result names the old booking", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "reschedule_booking", {
        booking_id: "bk_123",
        new_start_time: "2026-12-02T09:00",
        new_end_time: "2026-12-02T09:30",
        timezone: "Europe/Rome",
        reason: "Clash"
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      const result = outcome.encoded as {
        booking: { booking_id: string; start: unknown }
        previous_booking_id: string
        notifications: string
      }
      assert.strictEqual(result.booking.booking_id, "bk_moved")
      assert.strictEqual(result.previous_booking_id, "bk_123")
      assert.deepStrictEqual(result.booking.start, {
        utc: "2026-12-02T08:00:00Z",
        local: "2026-12-02T09:00:00+01:00",
        timezone: "Europe/Rome"
      })
      assert.deepStrictEqual(sentTo(api, "POST", "/v2/bookings/bk_123/reschedule")[0]?.json, {
        start: "2026-12-02T08:00:00.000Z",
        reschedulingReason: "Clash"
      })
    })
  )

  it.effect("a new start without offset and without timezone is refused", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "reschedule_booking", { booking_id: "bk_123", new_start_time: "2026-12-02T09:00" })
      )
      assert.strictEqual(failure.issues?.[0]?.path, "new_start_time")
      assert.match(failure.issues?.[0]?.message ?? "", /no UTC offset/)
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("a new start that is not offered is SlotUnavailable with nearest slots", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "reschedule_booking", {
          booking_id: "bk_123",
          new_start_time: "2026-12-04T08:55:00Z",
          timezone: "UTC"
        })
      )
      assert.strictEqual(failure.error, "SlotUnavailable")
      // Offered within 3 days of it: four slots, earliest first.
      assert.deepStrictEqual(
        failure.nearest_slots?.map((s) => s.start.utc),
        ["2026-12-01T09:00:00Z", "2026-12-02T08:00:00Z", "2026-12-03T14:00:00Z", "2026-12-04T08:00:00Z"]
      )
      assert.lengthOf(sentTo(api, "POST", "/v2/bookings/bk_123/reschedule"), 0)
    })
  )

  it.effect("a new end that changes the booking's length is refused by the facade, named new_end_time", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(
        yield* runTool(api, "reschedule_booking", {
          booking_id: "bk_123",
          new_start_time: "2026-12-02T09:00",
          new_end_time: "2026-12-02T10:00",
          timezone: "Europe/Rome"
        })
      )
      assert.strictEqual(failure.error, "InvalidArguments")
      assert.deepStrictEqual(
        failure.issues?.map((i) => i.path),
        ["new_end_time"]
      )
      assert.lengthOf(sentTo(api, "POST", "/v2/bookings/bk_123/reschedule"), 0)
    })
  )

  it.effect("a daylight-saving gap has no single instant: refused with a request for an offset", () =>
    Effect.gen(function* () {
      const failure = failureOf(
        yield* runTool(makeFakeApi(), "reschedule_booking", {
          booking_id: "bk_123",
          new_start_time: "2026-03-29T02:30",
          timezone: "Europe/Rome"
        })
      )
      assert.match(failure.issues?.[0]?.message ?? "", /daylight-saving/)
    })
  )
})

describe("cancel_booking", () => {
  it.effect("cancels with the reason and reports who notifies", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "cancel_booking", {
        booking_id: "bk_123",
        cancellation_reason: "Sick",
        send_notification: false
      })
      const result = outcome.encoded as {
        booking: { status: string; cancellation_reason: string }
        notifications: string
      }
      assert.strictEqual(result.booking.status, "cancelled")
      assert.strictEqual(result.booking.cancellation_reason, "Sick")
      assert.match(result.notifications, /send_notification=false could not be honoured/)
      assert.deepStrictEqual(sentTo(api, "POST", "/v2/bookings/bk_123/cancel")[0]?.json, {
        cancellationReason: "Sick"
      })
    })
  )

  it.effect("an empty booking id is refused before anything is sent", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(yield* runTool(api, "cancel_booking", { booking_id: "" }))
      assert.strictEqual(failure.issues?.[0]?.path, "booking_id")
      assert.lengthOf(api.requests, 0)
    })
  )
})

describe("teams", () => {
  it.effect("list_teams and get_team with members", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const list = yield* runTool(api, "list_teams", {})
      assert.deepStrictEqual(list.encoded, {
        count: 1,
        teams: [
          {
            team_id: 5,
            name: "Analytical Engines",
            slug: "engines",
            is_organization: false,
            timezone: "Europe/London",
            bio: "We build engines",
            private: false
          }
        ]
      })
      const one = yield* runTool(api, "get_team", { team_id: 5 })
      const team = one.encoded as { member_count: number; members: ReadonlyArray<unknown> }
      assert.strictEqual(team.member_count, 1)
      assert.deepStrictEqual(team.members[0], {
        user_id: 7,
        name: "Ada Lovelace",
        username: "ada",
        email: "ada@example.com",
        role: "OWNER",
        accepted: true
      })
    })
  )
})

describe("update_user_timezone", () => {
  it.effect("sets the zone and says what it was", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "update_user_timezone", { timezone: "America/New_York" })
      const result = outcome.encoded as { previous_timezone: string; timezone: string }
      assert.strictEqual(result.previous_timezone, "Europe/Rome")
      assert.strictEqual(result.timezone, "America/New_York")
      assert.deepStrictEqual(sentTo(api, "PATCH", "/v2/me")[0]?.json, { timeZone: "America/New_York" })
    })
  )

  it.effect("an offset instead of a zone name is refused before anything is sent", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const failure = failureOf(yield* runTool(api, "update_user_timezone", { timezone: "+02:00" }))
      assert.strictEqual(failure.error, "InvalidArguments")
      assert.lengthOf(api.requests, 0)
    })
  )
})
