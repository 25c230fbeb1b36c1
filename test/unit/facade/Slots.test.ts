/**
 * `cal.slots` (reserve, getReservation, updateReservation, release) and the flow that holds a
 * slot, then books it with `bookings.create({ reservationUid })`: the request each sends, the
 * reservation decoded from the answer, input refused before sending, and which writes are sent
 * again after an ambiguous failure.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  bodyOf,
  bookingJson,
  created,
  onlyRequest,
  reservationJson,
  router,
  routesOf,
  setup,
  success,
  untilRequests,
  versionOf
} from "../support/CalComFixtures.js"
import { errorEnvelope, json } from "../support/FakeFetch.js"

const reservation = reservationJson()
const uid = reservation.reservationUid
const version = versionOf("POST /v2/slots/reservations")
const unavailable = () => errorEnvelope(503, "ServiceUnavailableException", "busy")

describe("slots.reserve", () => {
  it.effect("sends event type, start in UTC, slot length and hold, and decodes the reservation", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/slots/reservations": () => created(reservation) }))
      const held = yield* cal.slots.reserve({
        eventTypeId: 42,
        start: "2026-12-01T11:00:00+01:00",
        duration: 30,
        reservationDuration: 10
      })
      assert.strictEqual(held.reservationUid, uid)
      assert.strictEqual(DateTime.formatIso(held.reservationUntil), "2026-11-30T09:10:00.000Z")
      assert.strictEqual(held.slotDuration, 30)
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/slots/reservations",
        version,
        body: { eventTypeId: 42, slotStart: "2026-12-01T10:00:00.000Z", slotDuration: 30, reservationDuration: 10 }
      })
    })
  )

  it.effect("refuses a bad event type id, a start without offset and a hold over a day before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      const error = yield* Effect.flip(
        cal.slots.reserve({ eventTypeId: -1, start: "2026-12-01T10:00:00", reservationDuration: 1_441 })
      )
      assertInvalid(error, "Slots.reserve", ["eventTypeId", "start", "reservationDuration"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("is not sent again after an ambiguous failure: a second hold would stand behind the first", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/slots/reservations": unavailable }), {
        retry: { maxRetries: 3 }
      })
      const error = yield* Effect.flip(cal.slots.reserve({ eventTypeId: 42, start: reservation.slotStart }))
      assert.strictEqual(error._tag, "CalComApiError")
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("a slot already held or booked is Cal.com's 422, a CalComValidationError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "POST /v2/slots/reservations": () =>
            errorEnvelope(422, "UnprocessableEntityException", "This time slot is already reserved by another user.")
        })
      )
      const error = yield* Effect.flip(cal.slots.reserve({ eventTypeId: 42, start: reservation.slotStart }))
      assert.include(assertTag(error, "CalComValidationError").message, "already reserved")
    })
  )
})

describe("slots.getReservation", () => {
  it.effect("decodes the reservation (no reservationDuration in this answer)", () =>
    Effect.gen(function* () {
      const { reservationDuration: _, ...stored } = reservation
      const { fake, cal } = yield* setup(router({ [`GET /v2/slots/reservations/${uid}`]: () => success(stored) }))
      const found = yield* cal.slots.getReservation(uid)
      assert.strictEqual(found.eventTypeId, 42)
      assert.isUndefined(found.reservationDuration)
      assertRequest(onlyRequest(fake), { method: "GET", path: `/v2/slots/reservations/${uid}`, version })
    })
  )

  it.effect("an unknown uid (data: null) is CalComNotFoundError naming it", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ [`GET /v2/slots/reservations/${uid}`]: () => success(null) }))
      const error = assertTag(yield* Effect.flip(cal.slots.getReservation(uid)), "CalComNotFoundError")
      assert.strictEqual(error.resource, "reservation")
      assert.strictEqual(error.id, uid)
    })
  )

  it.effect("refuses a uid that is not one path segment before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.slots.getReservation("../bookings")), "Slots.getReservation", ["uid"])
      assertInvalid(yield* Effect.flip(cal.slots.release("..")), "Slots.release", ["uid"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("slots.updateReservation and slots.release", () => {
  it.effect("an update PATCHes the new slot and is sent again after an ambiguous failure", () =>
    Effect.gen(function* () {
      const moved = { ...reservation, slotStart: "2026-12-01T11:00:00.000Z", slotEnd: "2026-12-01T11:30:00.000Z" }
      const { fake, cal } = yield* setup(
        router({ [`PATCH /v2/slots/reservations/${uid}`]: (_, n) => (n === 0 ? unavailable() : success(moved)) }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(
        cal.slots.updateReservation(uid, { eventTypeId: 42, start: "2026-12-01T11:00:00Z" })
      )
      yield* untilRequests(fake, 2)
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(DateTime.formatIso(result.slotStart), "2026-12-01T11:00:00.000Z")
      assert.deepStrictEqual(bodyOf(fake.requests[1]!), { eventTypeId: 42, slotStart: "2026-12-01T11:00:00.000Z" })
      assert.strictEqual(fake.requests[1]?.headers["cal-api-version"], version)
    })
  )

  it.effect("a release DELETEs the reservation", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ [`DELETE /v2/slots/reservations/${uid}`]: () => json(200, { status: "success" }) })
      )
      yield* cal.slots.release(uid)
      assertRequest(onlyRequest(fake), { method: "DELETE", path: `/v2/slots/reservations/${uid}`, version })
    })
  )
})

describe("reserve, then book", () => {
  it.effect("books the held slot with its reservation uid and skips the slot list", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/slots/reservations": () => created(reservation),
          "POST /v2/bookings": () => created(bookingJson({ start: reservation.slotStart, end: reservation.slotEnd }))
        })
      )
      const held = yield* cal.slots.reserve({ eventTypeId: 42, start: "2026-12-01T10:00:00Z" })
      // ... the person confirms ...
      const booked = yield* cal.bookings.create({
        eventTypeId: 42,
        start: held.slotStart,
        attendee: { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" },
        reservationUid: held.reservationUid
      })
      assert.strictEqual(booked.booking.uid, "bk_grace_1")
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/slots/reservations", "POST /v2/bookings"])
      const body = bodyOf(fake.requests[1]!) as Record<string, unknown>
      assert.strictEqual(body["reservedSlotUid"], uid)
      assert.strictEqual(body["start"], "2026-12-01T10:00:00.000Z")
    })
  )

  it.effect("refuses a reservation uid that is not one path segment before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      const error = yield* Effect.flip(
        cal.bookings.create({
          eventTypeId: 42,
          start: "2026-12-01T10:00:00Z",
          attendee: { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" },
          reservationUid: "a b"
        })
      )
      assertInvalid(error, "Bookings.create", ["reservationUid"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("a hold that expired fails the booking with the server's answer, and no booking is looked for", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/bookings": () => errorEnvelope(410, "HttpException", "reservation_not_found_or_expired") })
      )
      const error = yield* Effect.flip(
        cal.bookings.create({
          eventTypeId: 42,
          start: "2026-12-01T10:00:00Z",
          attendee: { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" },
          reservationUid: uid
        })
      )
      assert.include(error.message, "reservation_not_found_or_expired")
      assert.strictEqual(fake.requests.length, 1)
    })
  )
})
