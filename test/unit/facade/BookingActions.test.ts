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
  created,
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
          // A 500 is a final answer, so a lookup that proves nothing was made allows sending again.
          [`POST /v2/bookings/${booking.uid}/guests`]: (_, n) =>
            n === 0
              ? errorEnvelope(500, "InternalServerErrorException", "failed")
              : success(bookingJson({ guests: ["ada@example.com"] })),
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

const reassignPath = `/v2/bookings/${booking.uid}/reassign`
const newHost = { id: 9, name: "Charles Babbage", email: "charles@example.com", displayEmail: "charles@example.com" }

describe("bookings.reassign", () => {
  it.effect("to a user: sends the reason to /reassign/{userId} and decodes the new host", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST ${reassignPath}/9`]: () => success({ bookingUid: booking.uid, reassignedTo: newHost })
        })
      )
      const result = yield* cal.bookings.reassign(booking.uid, { userId: 9, reason: "Ada is away" })
      assert.deepStrictEqual(result, { bookingUid: booking.uid, reassignedTo: newHost })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: `${reassignPath}/9`,
        version: VERSIONS.bookings,
        body: { reason: "Ada is away" }
      })
    })
  )

  it.effect("round robin: reads the current host, then asks Cal.com to pick the next one", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`GET /v2/bookings/${booking.uid}`]: () => success(booking),
          [`POST ${reassignPath}`]: () => success({ bookingUid: booking.uid, reassignedTo: { id: 9 } })
        })
      )
      const result = yield* cal.bookings.reassign(booking.uid)
      assert.strictEqual(result.reassignedTo.id, 9)
      assert.deepStrictEqual(routesOf(fake), [`GET /v2/bookings/${booking.uid}`, `POST ${reassignPath}`])
      assert.isUndefined(fake.requests[1]?.body)
    })
  )

  it.effect("refuses a reason without userId, a bad user id and an empty uid before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.bookings.reassign(booking.uid, { reason: "x" })), "Bookings.reassign", [
        "reason"
      ])
      assertInvalid(yield* Effect.flip(cal.bookings.reassign("", { userId: 0 })), "Bookings.reassign", [
        "uid",
        "userId"
      ])
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("round robin after an ambiguous failure: a new host on the booking means it was done, not redone", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`GET /v2/bookings/${booking.uid}`]: (_, n) =>
            success(n === 0 ? booking : bookingJson({ hosts: [{ ...newHost, username: "charles" }] })),
          [`POST ${reassignPath}`]: unavailable
        }),
        { retry: { maxRetries: 3 } }
      )
      const result = yield* cal.bookings.reassign(booking.uid)
      assert.deepStrictEqual(result.reassignedTo, newHost)
      assert.deepStrictEqual(routesOf(fake), [
        `GET /v2/bookings/${booking.uid}`,
        `POST ${reassignPath}`,
        `GET /v2/bookings/${booking.uid}`
      ])
    })
  )

  it.effect("to a user after a final failure: sent again only when the booking is not theirs yet", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST ${reassignPath}/9`]: (_, n) =>
            n === 0
              ? errorEnvelope(500, "InternalServerErrorException", "failed")
              : success({ bookingUid: booking.uid, reassignedTo: newHost }),
          [`GET /v2/bookings/${booking.uid}`]: () => success(booking)
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.bookings.reassign(booking.uid, { userId: 9 }))
      yield* untilRequests(fake, 3)
      assert.strictEqual((yield* Fiber.join(fiber)).reassignedTo.id, 9)
      assert.deepStrictEqual(routesOf(fake), [
        `POST ${reassignPath}/9`,
        `GET /v2/bookings/${booking.uid}`,
        `POST ${reassignPath}/9`
      ])
    })
  )
})

const attendeesPath = `/v2/bookings/${booking.uid}/attendees`
const attendeeItem = {
  id: 251,
  bookingId: 1001,
  name: "Charles Babbage",
  email: "charles@example.com",
  displayEmail: "charles@example.com",
  timeZone: "Europe/London",
  language: "en",
  absent: false
}

describe("bookings.listAttendees", () => {
  it.effect("decodes every attendee, with or without ids", () =>
    Effect.gen(function* () {
      const { name, email, timeZone } = attendeeItem
      const { fake, cal } = yield* setup(
        router({ [`GET ${attendeesPath}`]: () => success([attendeeItem, { name, email, timeZone, absent: true }]) })
      )
      const attendees = yield* cal.bookings.listAttendees(booking.uid)
      assert.strictEqual(attendees.length, 2)
      assert.strictEqual(attendees[0]?.id, 251)
      assert.isUndefined(attendees[1]?.id)
      assert.strictEqual(attendees[1]?.absent, true)
      assertRequest(onlyRequest(fake), { method: "GET", path: attendeesPath, version: VERSIONS.bookings })
    })
  )

  it.effect("names the attendee that does not decode", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ [`GET ${attendeesPath}`]: () => success([attendeeItem, { id: "x" }]) }))
      const error = yield* Effect.flip(cal.bookings.listAttendees(booking.uid))
      assert.strictEqual(error._tag, "CalComDecodeError")
      assert.include(error.message, "attendee 1 of 2")
    })
  )
})

describe("bookings.addAttendee", () => {
  const input = { name: "Charles Babbage", email: "charles@example.com", timeZone: "Europe/London" }

  it.effect("sends the attendee and decodes the one Cal.com made", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ [`POST ${attendeesPath}`]: () => created(attendeeItem) }))
      const result = yield* cal.bookings.addAttendee(booking.uid, {
        ...input,
        phoneNumber: "+441234567890",
        language: "en"
      })
      assert.strictEqual(result.id, 251)
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: attendeesPath,
        version: VERSIONS.bookings,
        body: { ...input, phoneNumber: "+441234567890", language: "en" }
      })
    })
  )

  it.effect("refuses an empty name, a bad email, zone and phone before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      const error = yield* Effect.flip(
        cal.bookings.addAttendee(booking.uid, { name: " ", email: "nope", timeZone: "Mars/Base", phoneNumber: "12" })
      )
      assertInvalid(error, "Bookings.addAttendee", ["name", "email", "timeZone", "phoneNumber"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("after an ambiguous failure, returns the attendee the lookup finds instead of adding them twice", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`POST ${attendeesPath}`]: unavailable,
          [`GET ${attendeesPath}`]: () => success([{ ...attendeeItem, email: "CHARLES@example.com" }])
        }),
        { retry: { maxRetries: 3 } }
      )
      const result = yield* cal.bookings.addAttendee(booking.uid, input)
      assert.strictEqual(result.id, 251)
      assert.deepStrictEqual(routesOf(fake), [`POST ${attendeesPath}`, `GET ${attendeesPath}`])
    })
  )
})

describe("bookings.updateLocation", () => {
  const locationPath = `/v2/bookings/${booking.uid}/location`

  it.effect("sends the location object and returns the booking (the occurrence asked for from a series)", () =>
    Effect.gen(function* () {
      const moved = bookingJson({ location: "https://meet.example.com/ada" })
      const { fake, cal } = yield* setup(
        router({
          [`PATCH ${locationPath}`]: () => success([bookingJson({ uid: "bk_other" }), moved])
        })
      )
      const result = yield* cal.bookings.updateLocation(booking.uid, {
        type: "link",
        link: "https://meet.example.com/ada"
      })
      assert.strictEqual(result.uid, booking.uid)
      assert.strictEqual(result.location, "https://meet.example.com/ada")
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: locationPath,
        version: VERSIONS.bookings,
        body: { location: { type: "link", link: "https://meet.example.com/ada" } }
      })
    })
  )

  it.effect("refuses a link that is not http(s), a bad phone and an unknown type before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      const bad = (location: unknown) =>
        Effect.flip(
          cal.bookings.updateLocation(booking.uid, location as Parameters<typeof cal.bookings.updateLocation>[1])
        )
      assertInvalid(yield* bad({ type: "link", link: "ftp://example.com" }), "Bookings.updateLocation", [
        "location.link"
      ])
      assertInvalid(yield* bad({ type: "phone", phone: "call me" }), "Bookings.updateLocation", ["location.phone"])
      const unknown = yield* bad({ type: "teleport", where: "Mars" })
      assert.strictEqual(unknown._tag, "CalComValidationError")
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("after an ambiguous failure, returns the booking already at the new location", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [`PATCH ${locationPath}`]: unavailable,
          [`GET /v2/bookings/${booking.uid}`]: () => success(bookingJson({ location: "+441234567890" }))
        }),
        { retry: { maxRetries: 3 } }
      )
      const result = yield* cal.bookings.updateLocation(booking.uid, { type: "phone", phone: "+441234567890" })
      assert.strictEqual(result.location, "+441234567890")
      assert.deepStrictEqual(routesOf(fake), [`PATCH ${locationPath}`, `GET /v2/bookings/${booking.uid}`])
    })
  )
})
