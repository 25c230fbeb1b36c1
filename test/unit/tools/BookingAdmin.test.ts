/**
 * The host's booking tools (`booking-admin`) and team event types: the request each sends, the
 * booking it answers (in the zone asked for, within its output schema), and the failures:
 * arguments the facade refuses, named by the tool's arguments, before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import { introBookingJson, success, teamEventTypeJson } from "../support/CalComFixtures.js"
import { errorEnvelope, type FakeFetch, json } from "../support/FakeFetch.js"
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

describe("reassign, attendees and location", () => {
  it.effect(
    "reassign_booking hands the booking to a user and names the new host; a reason without user_id is refused",
    () =>
      Effect.gen(function* () {
        const api = makeFakeApi({
          "POST /v2/bookings/bk_123/reassign/12": () =>
            success({
              bookingUid: "bk_123",
              reassignedTo: { id: 12, name: "Katherine Johnson", email: "kj@example.com" }
            })
        })
        const outcome = yield* runTool(api, "reassign_booking", {
          booking_id: "bk_123",
          user_id: 12,
          reason: "Vacation"
        })
        assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
        assertConforms("reassign_booking", outcome)
        assert.deepStrictEqual(outcome.encoded, {
          booking_id: "bk_123",
          reassigned_to: { user_id: 12, name: "Katherine Johnson", email: "kj@example.com" }
        })
        assert.deepStrictEqual(api.requests[0]?.json, { reason: "Vacation" })
        const bad = makeFakeApi()
        const refused = yield* runTool(bad, "reassign_booking", { booking_id: "bk_123", reason: "Vacation" })
        assert.deepStrictEqual(issuesOf(refused.encoded), ["reason"])
        assert.lengthOf(bad.requests, 0)
      })
  )

  it.effect("list_booking_attendees and add_booking_attendee; a bad phone is named phone", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/bookings/bk_123/attendees": () =>
          success([
            {
              id: 3,
              bookingId: 1001,
              name: "Grace Hopper",
              email: "grace@example.com",
              timeZone: "America/New_York",
              absent: false
            }
          ]),
        "POST /v2/bookings/bk_123/attendees": (request) =>
          json(201, { status: "success", data: { id: 4, bookingId: 1001, ...(request.json as object) } })
      })
      const list = yield* runTool(api, "list_booking_attendees", { booking_id: "bk_123" })
      assertConforms("list_booking_attendees", list)
      assert.deepStrictEqual((list.encoded as { attendees: unknown }).attendees, [
        {
          attendee_id: 3,
          name: "Grace Hopper",
          email: "grace@example.com",
          timezone: "America/New_York",
          absent: false
        }
      ])
      const added = yield* runTool(api, "add_booking_attendee", {
        booking_id: "bk_123",
        name: " Ada Lovelace ",
        email: "ada@example.org",
        timezone: "Europe/London",
        phone: "+442071234567"
      })
      assert.isFalse(added.isFailure, JSON.stringify(added.encoded))
      assertConforms("add_booking_attendee", added)
      assert.deepStrictEqual(api.requests[1]?.json, {
        name: "Ada Lovelace",
        email: "ada@example.org",
        timeZone: "Europe/London",
        phoneNumber: "+442071234567"
      })
      const bad = makeFakeApi()
      const refused = yield* runTool(bad, "add_booking_attendee", {
        booking_id: "bk_123",
        name: "Ada",
        email: "ada",
        timezone: "Europe/London",
        phone: "0207"
      })
      assert.sameMembers(issuesOf(refused.encoded), ["email", "phone"])
      assert.lengthOf(bad.requests, 0)
    })
  )

  it.effect("update_booking_location sends the facade's location; a non-URL link is named value", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "PATCH /v2/bookings/bk_123/location": bookingAs({ location: "https://meet.example.com/x" })
      })
      const outcome = yield* runTool(api, "update_booking_location", {
        booking_id: "bk_123",
        location_type: "link",
        value: "https://meet.example.com/x",
        timezone: "UTC"
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("update_booking_location", outcome)
      assert.deepStrictEqual(api.requests[0]?.json, { location: { type: "link", link: "https://meet.example.com/x" } })
      const bad = makeFakeApi()
      const refused = yield* runTool(bad, "update_booking_location", {
        booking_id: "bk_123",
        location_type: "link",
        value: "javascript:alert(1)",
        timezone: "UTC"
      })
      assert.deepStrictEqual(issuesOf(refused.encoded), ["value"])
      assert.lengthOf(bad.requests, 0)
    })
  )
})
