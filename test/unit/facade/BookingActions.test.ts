/**
 * `cal.bookings.decline`, `markAbsent` and `addGuests`: the request each sends (path, body,
 * `cal-api-version`), the booking decoded from the answer, input refused before sending, and
 * what happens after an ambiguous failure (looked up, or sent again only when safe).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import {
  assertInvalid,
  assertRequest,
  bookingJson,
  onlyRequest,
  router,
  routesOf,
  setup,
  success,
  untilRequests,
  VERSIONS
} from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"

const booking = bookingJson()
const unavailable = () => errorEnvelope(503, "ServiceUnavailableException", "busy")

describe("bookings.decline", () => {
  it.effect("sends the reason and returns the declined booking", () =>
    Effect.gen(function* () {
      const declined = bookingJson({ status: "rejected" })
      const { fake, cal } = yield* setup(
        router({ [`POST /v2/bookings/${booking.uid}/decline`]: () => success(declined) })
      )
      const result = yield* cal.bookings.decline(booking.uid, { reason: "Double-booked" })
      assert.strictEqual(result.status, "rejected")
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: `/v2/bookings/${booking.uid}/decline`,
        version: VERSIONS.bookings,
        body: { reason: "Double-booked" }
      })
    })
  )

  it.effect("refuses an empty uid and a reason over 5000 characters before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      const error = yield* Effect.flip(cal.bookings.decline("", { reason: "x".repeat(5001) }))
      assertInvalid(error, "Bookings.decline", ["uid", "reason"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("after an ambiguous failure, returns the booking when the lookup shows it declined", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST /v2/bookings/${booking.uid}/decline`]: unavailable,
          [`GET /v2/bookings/${booking.uid}`]: () => success(bookingJson({ status: "rejected" }))
        }),
        { retry: { maxRetries: 3 } }
      )
      const result = yield* cal.bookings.decline(booking.uid)
      assert.strictEqual(result.status, "rejected")
      assert.deepStrictEqual(routesOf(fake), [
        `POST /v2/bookings/${booking.uid}/decline`,
        `GET /v2/bookings/${booking.uid}`
      ])
    })
  )
})

describe("bookings.markAbsent", () => {
  it.effect("sends host and attendees and returns the booking", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ [`POST /v2/bookings/${booking.uid}/mark-absent`]: () => success(bookingJson({ absentHost: true })) })
      )
      const result = yield* cal.bookings.markAbsent(booking.uid, {
        host: true,
        attendees: [{ email: "grace@example.com", absent: true }]
      })
      assert.strictEqual(result.absentHost, true)
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: `/v2/bookings/${booking.uid}/mark-absent`,
        version: VERSIONS.bookings,
        body: { host: true, attendees: [{ email: "grace@example.com", absent: true }] }
      })
    })
  )

  it.effect("refuses a call that names nobody, and a bad attendee email, before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.bookings.markAbsent(booking.uid, {})), "Bookings.markAbsent", [""])
      assertInvalid(
        yield* Effect.flip(cal.bookings.markAbsent(booking.uid, { attendees: [{ email: "nope", absent: true }] })),
        "Bookings.markAbsent",
        ["attendees.0.email"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("is sent again after an ambiguous failure: setting the flags twice is harmless", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST /v2/bookings/${booking.uid}/mark-absent`]: (_, n) => (n === 0 ? unavailable() : success(booking))
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.bookings.markAbsent(booking.uid, { host: false }))
      yield* untilRequests(fake, 2)
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.uid, booking.uid)
    })
  )
})

describe("bookings.addGuests", () => {
  it.effect("sends the guests and returns the booking", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST /v2/bookings/${booking.uid}/guests`]: () => success(bookingJson({ guests: ["ada@example.com"] }))
        })
      )
      const result = yield* cal.bookings.addGuests(booking.uid, [
        { email: "ada@example.com", name: "Ada", timeZone: "Europe/London" }
      ])
      assert.deepStrictEqual(result.guests, ["ada@example.com"])
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: `/v2/bookings/${booking.uid}/guests`,
        version: VERSIONS.bookings,
        body: { guests: [{ email: "ada@example.com", name: "Ada", timeZone: "Europe/London" }] }
      })
    })
  )

  it.effect("refuses no guests, more than 10, a bad email and a bad zone before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.bookings.addGuests(booking.uid, [])), "Bookings.addGuests", ["guests"])
      const eleven = Array.from({ length: 11 }, (_, i) => ({ email: `g${i}@example.com` }))
      assertInvalid(yield* Effect.flip(cal.bookings.addGuests(booking.uid, eleven)), "Bookings.addGuests", ["guests"])
      assertInvalid(
        yield* Effect.flip(cal.bookings.addGuests(booking.uid, [{ email: "x", timeZone: "Mars/Base" }])),
        "Bookings.addGuests",
        ["guests.0.email", "guests.0.timeZone"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("after an ambiguous failure, sends again only when the lookup shows the guests missing", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST /v2/bookings/${booking.uid}/guests`]: (_, n) =>
            n === 0 ? unavailable() : success(bookingJson({ guests: ["ada@example.com"] })),
          [`GET /v2/bookings/${booking.uid}`]: () => success(bookingJson({ guests: [] }))
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.bookings.addGuests(booking.uid, [{ email: "ada@example.com" }]))
      yield* untilRequests(fake, 3)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(routesOf(fake), [
        `POST /v2/bookings/${booking.uid}/guests`,
        `GET /v2/bookings/${booking.uid}`,
        `POST /v2/bookings/${booking.uid}/guests`
      ])
    })
  )

  it.effect("after an ambiguous failure, returns the booking when the guests are already on it", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST /v2/bookings/${booking.uid}/guests`]: unavailable,
          [`GET /v2/bookings/${booking.uid}`]: () => success(bookingJson({ guests: ["ADA@example.com"] }))
        }),
        { retry: { maxRetries: 3 } }
      )
      const result = yield* cal.bookings.addGuests(booking.uid, [{ email: "ada@example.com" }])
      assert.deepStrictEqual(result.guests, ["ADA@example.com"])
      assert.strictEqual(fake.requests.length, 2)
    })
  )
})
