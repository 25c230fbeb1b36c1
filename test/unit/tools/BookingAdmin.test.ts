/**
 * The host's booking tools (`booking-admin`) and team event types: the request each sends, the
 * booking it answers (in the zone asked for, within its output schema), and the failures:
 * arguments the facade refuses, named by the tool's arguments, before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import { introBookingJson, success, teamEventTypeJson } from "../support/CalComFixtures.js"
import { errorEnvelope, type FakeFetch } from "../support/FakeFetch.js"
import { assertConforms, makeFakeApi, runTool } from "./support.js"

const bookingAs = (overrides: Record<string, unknown>) => () => success(introBookingJson(overrides))

const routes = {
  "POST /v2/bookings/bk_123/confirm": bookingAs({ status: "accepted" }),
  "POST /v2/bookings/bk_123/decline": bookingAs({ status: "rejected" }),
  "POST /v2/bookings/bk_123/mark-absent": bookingAs({}),
  "POST /v2/bookings/bk_123/guests": bookingAs({})
}

const sent = (api: FakeFetch) => api.requests.map((r) => `${r.method} ${r.pathname}`)
const issuesOf = (encoded: unknown) => (encoded as ToolFailure).issues?.map((i) => i.path) ?? []

describe("booking-admin tools", () => {
  it.effect("confirm_booking confirms and answers the booking in the zone asked for", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(routes)
      const outcome = yield* runTool(api, "confirm_booking", { booking_id: "bk_123", timezone: "Europe/Rome" })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("confirm_booking", outcome)
      const booking = (outcome.encoded as { booking: { status: string; start: { local: string } } }).booking
      assert.strictEqual(booking.status, "accepted")
      assert.strictEqual(booking.start.local, "2026-12-01T09:00:00+01:00")
      assert.deepStrictEqual(sent(api), ["POST /v2/bookings/bk_123/confirm"])
    })
  )

  it.effect("decline_booking sends the reason; an over-long reason is refused, named reason", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(routes)
      const outcome = yield* runTool(api, "decline_booking", {
        booking_id: "bk_123",
        reason: "Double booked",
        timezone: "UTC"
      })
      assertConforms("decline_booking", outcome)
      assert.strictEqual((outcome.encoded as { booking: { status: string } }).booking.status, "rejected")
      assert.deepStrictEqual(api.requests[0]?.json, { reason: "Double booked" })
      const long = makeFakeApi(routes)
      const refused = yield* runTool(long, "decline_booking", {
        booking_id: "bk_123",
        reason: "x".repeat(5001),
        timezone: "UTC"
      })
      assert.isTrue(refused.isFailure)
      assertConforms("decline_booking", refused)
      assert.deepStrictEqual(issuesOf(refused.encoded), ["reason"])
      assert.lengthOf(long.requests, 0)
    })
  )

  it.effect("mark_no_show sends the host and attendee flags; a bad email or nothing to mark is refused", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(routes)
      const outcome = yield* runTool(api, "mark_no_show", {
        booking_id: "bk_123",
        host: false,
        attendees: [{ email: "grace@example.com", absent: true }],
        timezone: "UTC"
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("mark_no_show", outcome)
      assert.deepStrictEqual(api.requests[0]?.json, {
        host: false,
        attendees: [{ email: "grace@example.com", absent: true }]
      })
      const bad = makeFakeApi(routes)
      const email = yield* runTool(bad, "mark_no_show", {
        booking_id: "bk_123",
        attendees: [{ email: "grace", absent: true }],
        timezone: "UTC"
      })
      assert.deepStrictEqual(issuesOf(email.encoded), ["attendees.0.email"])
      const nothing = yield* runTool(bad, "mark_no_show", { booking_id: "bk_123", timezone: "UTC" })
      assert.deepStrictEqual(issuesOf(nothing.encoded), ["arguments"])
      assert.lengthOf(bad.requests, 0)
    })
  )

  it.effect("add_booking_guests sends the guests in the facade's shape; a bad zone is named guests.0.timezone", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(routes)
      const outcome = yield* runTool(api, "add_booking_guests", {
        booking_id: "bk_123",
        guests: [{ email: "ada@example.org", name: " Ada ", timezone: "Europe/London" }],
        timezone: "UTC"
      })
      assertConforms("add_booking_guests", outcome)
      assert.deepStrictEqual(api.requests[0]?.json, {
        guests: [{ email: "ada@example.org", name: "Ada", timeZone: "Europe/London" }]
      })
      const bad = makeFakeApi(routes)
      const refused = yield* runTool(bad, "add_booking_guests", {
        booking_id: "bk_123",
        guests: [{ email: "ada@example.org", timezone: "Mars/Base" }],
        timezone: "UTC"
      })
      assert.deepStrictEqual(issuesOf(refused.encoded), ["guests.0.timezone"])
      const none = yield* runTool(bad, "add_booking_guests", { booking_id: "bk_123", guests: [], timezone: "UTC" })
      assert.deepStrictEqual(issuesOf(none.encoded), ["guests"])
      assert.lengthOf(bad.requests, 0)
    })
  )

  it.effect("a booking that is not pending: Cal.com's 400 comes back as CalComValidationError with its status", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "POST /v2/bookings/bk_123/confirm": () =>
          errorEnvelope(400, "BadRequestException", "Booking is not pending confirmation")
      })
      const outcome = yield* runTool(api, "confirm_booking", { booking_id: "bk_123", timezone: "UTC" })
      assert.isTrue(outcome.isFailure)
      assertConforms("confirm_booking", outcome)
      const failure = outcome.encoded as ToolFailure
      assert.strictEqual(failure.error, "CalComValidationError")
      assert.strictEqual(failure.status, 400)
      assert.isFalse(failure.retryable)
    })
  )
})

describe("list_team_event_types", () => {
  it.effect("lists a team's event types; a non-positive team id is refused, named team_id", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/teams/5/event-types": () => success([teamEventTypeJson()]) })
      const outcome = yield* runTool(api, "list_team_event_types", { team_id: 5 })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("list_team_event_types", outcome)
      const list = outcome.encoded as { count: number; event_types: ReadonlyArray<{ team_id: number }> }
      assert.strictEqual(list.count, 1)
      assert.strictEqual(list.event_types[0]?.team_id, 5)
      const bad = makeFakeApi()
      const refused = yield* runTool(bad, "list_team_event_types", { team_id: 0 })
      assert.deepStrictEqual(issuesOf(refused.encoded), ["team_id"])
      assert.lengthOf(bad.requests, 0)
    })
  )
})

describe("recordings and transcripts", () => {
  it.effect("get_booking_recordings shows each recording's start in UTC and locally, and its download link", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/bookings/bk_123/recordings": () =>
          success([
            {
              id: "rec_1",
              roomName: "abc",
              startTs: 1_796_115_600,
              status: "finished",
              maxParticipants: 2,
              duration: 1800,
              shareToken: "tok",
              downloadLink: "https://video.example.com/rec_1.mp4",
              error: null
            }
          ])
      })
      const outcome = yield* runTool(api, "get_booking_recordings", { booking_id: "bk_123", timezone: "Europe/Rome" })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("get_booking_recordings", outcome)
      assert.deepStrictEqual(outcome.encoded, {
        booking_id: "bk_123",
        count: 1,
        recordings: [
          {
            recording_id: "rec_1",
            status: "finished",
            started: { utc: "2026-12-01T09:00:00Z", local: "2026-12-01T10:00:00+01:00", timezone: "Europe/Rome" },
            duration_seconds: 1800,
            download_url: "https://video.example.com/rec_1.mp4"
          }
        ]
      })
      assert.strictEqual(api.requests[0]?.headers["cal-api-version"], "2024-08-13")
    })
  )

  it.effect("get_booking_transcripts lists the links; an empty booking id is refused before sending", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/bookings/bk_123/transcripts": () => success(["https://video.example.com/t1.vtt"])
      })
      const outcome = yield* runTool(api, "get_booking_transcripts", { booking_id: "bk_123" })
      assertConforms("get_booking_transcripts", outcome)
      assert.deepStrictEqual(outcome.encoded, {
        booking_id: "bk_123",
        count: 1,
        transcript_urls: ["https://video.example.com/t1.vtt"]
      })
      const bad = makeFakeApi()
      const refused = yield* runTool(bad, "get_booking_transcripts", { booking_id: "" })
      assert.deepStrictEqual(issuesOf(refused.encoded), ["booking_id"])
      assert.lengthOf(bad.requests, 0)
    })
  )

  it.effect("an unknown booking is CalComNotFoundError", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/bookings/bk_nope/recordings": () => errorEnvelope(404, "NotFoundException", "Booking not found")
      })
      const outcome = yield* runTool(api, "get_booking_recordings", { booking_id: "bk_nope", timezone: "UTC" })
      assertConforms("get_booking_recordings", outcome)
      assert.strictEqual((outcome.encoded as ToolFailure).error, "CalComNotFoundError")
    })
  )
})
