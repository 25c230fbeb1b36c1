/**
 * The slot hold tools (reserve_slot, get_slot_reservation, update_slot_reservation,
 * release_slot_reservation) and create_booking with a reservation_id: the request each sends
 * through the facade, the view within its output schema (times in UTC and the asked zone, whether
 * the hold has ended), and bad arguments refused by their own names before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { TestClock } from "effect/testing"
import type { ToolFailure } from "../../../src/tools/index.js"
import { bookingJson, created, reservationJson, success } from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"
import { assertConforms, makeFakeApi, runTool } from "./support.js"

const uid = reservationJson().reservationUid
/** create_booking's arguments for the held slot. */
const bookHeld = (reservationId: string) => ({
  event_type_id: 42,
  start_time: "2026-12-01T10:00:00Z",
  attendee_name: "Grace Hopper",
  attendee_email: "grace@example.com",
  attendee_timezone: "Europe/Rome",
  reservation_id: reservationId
})
const issuesOf = (encoded: unknown) => (encoded as ToolFailure).issues?.map((i) => i.path) ?? []

describe("slot hold tools", () => {
  it.effect("reserve_slot reads a local start in timezone and shows the hold there", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "POST /v2/slots/reservations": () => created(reservationJson()) })
      const held = yield* runTool(api, "reserve_slot", {
        event_type_id: 42,
        start_time: "2026-12-01T11:00:00",
        duration_minutes: 30,
        hold_minutes: 10,
        timezone: "Europe/Rome"
      })
      assertConforms("reserve_slot", held)
      assert.deepStrictEqual(api.requests.at(-1)?.json, {
        eventTypeId: 42,
        slotStart: "2026-12-01T10:00:00.000Z",
        slotDuration: 30,
        reservationDuration: 10
      })
      assert.deepStrictEqual(held.encoded, {
        reservation_id: uid,
        event_type_id: 42,
        start: { utc: "2026-12-01T10:00:00Z", local: "2026-12-01T11:00:00+01:00", timezone: "Europe/Rome" },
        end: { utc: "2026-12-01T10:30:00Z", local: "2026-12-01T11:30:00+01:00", timezone: "Europe/Rome" },
        held_until: { utc: "2026-11-30T09:10:00Z", local: "2026-11-30T10:10:00+01:00", timezone: "Europe/Rome" },
        expired: false
      })
    })
  )

  it.effect("get_slot_reservation says when the hold has ended, in the profile's zone by default", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ [`GET /v2/slots/reservations/${uid}`]: () => success(reservationJson()) })
      yield* TestClock.setTime(Date.parse("2026-11-30T09:10:00Z"))
      const found = yield* runTool(api, "get_slot_reservation", { reservation_id: uid })
      assertConforms("get_slot_reservation", found)
      const view = found.encoded as { expired: boolean; held_until: { timezone: string } }
      assert.isTrue(view.expired)
      // The fixture account's profile zone.
      assert.strictEqual(view.held_until.timezone, "Europe/Rome")
    })
  )

  it.effect("update_slot_reservation moves the hold; release_slot_reservation lets it go", () =>
    Effect.gen(function* () {
      const moved = reservationJson({ slotStart: "2026-12-01T11:00:00.000Z", slotEnd: "2026-12-01T11:30:00.000Z" })
      const api = makeFakeApi({
        [`PATCH /v2/slots/reservations/${uid}`]: () => success(moved),
        [`DELETE /v2/slots/reservations/${uid}`]: () => success(null)
      })
      const updated = yield* runTool(api, "update_slot_reservation", {
        reservation_id: uid,
        event_type_id: 42,
        start_time: "2026-12-01T11:00:00Z"
      })
      assertConforms("update_slot_reservation", updated)
      const patch = api.requests.find((r) => r.method === "PATCH")
      assert.deepStrictEqual(patch?.json, { eventTypeId: 42, slotStart: "2026-12-01T11:00:00.000Z" })
      assert.strictEqual((updated.encoded as { start: { utc: string } }).start.utc, "2026-12-01T11:00:00Z")
      const released = yield* runTool(api, "release_slot_reservation", { reservation_id: uid })
      assertConforms("release_slot_reservation", released)
      assert.deepStrictEqual(released.encoded, { reservation_id: uid, released: true })
      assert.strictEqual(api.requests.at(-1)?.method, "DELETE")
    })
  )

  it.effect("bad arguments are named by the tool's own names, and nothing is sent", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const reserve = yield* runTool(api, "reserve_slot", {
        event_type_id: 0,
        start_time: "2026-12-01T11:00:00Z",
        hold_minutes: 2000
      })
      assert.sameMembers(issuesOf(reserve.encoded), ["event_type_id", "hold_minutes"])
      const noZone = yield* runTool(api, "reserve_slot", { event_type_id: 42, start_time: "2026-12-01T11:00:00" })
      assert.deepStrictEqual(issuesOf(noZone.encoded), ["start_time"])
      const badZone = yield* runTool(api, "reserve_slot", {
        event_type_id: 42,
        start_time: "2026-12-01T11:00:00",
        timezone: "Mars/Olympus"
      })
      assert.deepStrictEqual(issuesOf(badZone.encoded), ["timezone"])
      const get = yield* runTool(api, "get_slot_reservation", { reservation_id: "../bookings" })
      assert.deepStrictEqual(issuesOf(get.encoded), ["reservation_id"])
      const release = yield* runTool(api, "release_slot_reservation", { reservation_id: "" })
      assert.deepStrictEqual(issuesOf(release.encoded), ["reservation_id"])
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("a slot booked or held by another is Cal.com's refusal, passed on", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "POST /v2/slots/reservations": () =>
          errorEnvelope(422, "UnprocessableEntityException", "This time slot is already reserved by another user.")
      })
      const refused = yield* runTool(api, "reserve_slot", { event_type_id: 42, start_time: "2026-12-01T10:00:00Z" })
      assertConforms("reserve_slot", refused)
      assert.isTrue(refused.isFailure)
      assert.strictEqual((refused.encoded as ToolFailure).error, "CalComValidationError")
    })
  )
})

describe("create_booking with a reservation_id", () => {
  it.effect("books the held slot without a slot check, naming the reservation", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "POST /v2/bookings": () => created(bookingJson()) })
      const booked = yield* runTool(api, "create_booking", bookHeld(uid))
      assertConforms("create_booking", booked)
      assert.isFalse(booked.isFailure)
      assert.deepStrictEqual(
        api.requests.map((r) => `${r.method} ${r.path}`),
        ["POST /v2/bookings"]
      )
      assert.strictEqual((api.requests[0]?.json as { reservedSlotUid?: string } | undefined)?.reservedSlotUid, uid)
    })
  )

  it.effect("a reservation id that is not one path segment is refused as reservation_id", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const refused = yield* runTool(api, "create_booking", bookHeld("a/b"))
      assert.deepStrictEqual(issuesOf(refused.encoded), ["reservation_id"])
      assert.lengthOf(api.requests, 0)
    })
  )
})
