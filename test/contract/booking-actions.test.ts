/**
 * `cal.bookings.confirm`, `decline`, `markAbsent`, `addGuests`, `reassign`, `listAttendees`,
 * `addAttendee` and `updateLocation` against Prism (`--errors`): Prism refuses a request the
 * patched document does not allow, and each answer must decode into the facade's model.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { CalCom } from "../../src/index.js"
import { mockUrl } from "./mock.js"

const withCal = <A, E>(f: (cal: CalCom["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(Effect.service(CalCom), f).pipe(
    Effect.provide(
      CalCom.layer({ apiKey: "cal_test_contract_key_0123456789", baseUrl: mockUrl(), retry: { maxRetries: 0 } })
    )
  )

describe("booking actions against Prism", () => {
  it.live("bookings.confirm", () =>
    withCal((cal) =>
      Effect.map(cal.bookings.confirm("abc"), ({ booking, confirmation }) => {
        assert.isString(booking.uid)
        assert.strictEqual(confirmation.uid, booking.uid)
      })
    )
  )

  it.live("bookings.decline", () =>
    withCal((cal) =>
      Effect.map(cal.bookings.decline("abc", { reason: "Double-booked" }), (booking) => assert.isString(booking.uid))
    )
  )

  it.live("bookings.markAbsent", () =>
    withCal((cal) =>
      Effect.map(
        cal.bookings.markAbsent("abc", { host: false, attendees: [{ email: "ada@example.com", absent: true }] }),
        (booking) => assert.isString(booking.uid)
      )
    )
  )

  it.live("bookings.addGuests", () =>
    withCal((cal) =>
      Effect.map(cal.bookings.addGuests("abc", [{ email: "ada@example.com", name: "Ada" }]), (booking) =>
        assert.isString(booking.uid)
      )
    )
  )

  it.live("bookings.reassign (round robin, and to a user)", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const next = yield* cal.bookings.reassign("abc")
        assert.isString(next.bookingUid)
        assert.isNumber(next.reassignedTo.id)
        const toUser = yield* cal.bookings.reassign("abc", { userId: 123, reason: "Host is away" })
        assert.isNumber(toUser.reassignedTo.id)
      })
    )
  )

  it.live("bookings.listAttendees", () =>
    withCal((cal) =>
      Effect.map(cal.bookings.listAttendees("abc"), (attendees) => {
        assert.isAbove(attendees.length, 0)
        for (const attendee of attendees) assert.isString(attendee.email)
      })
    )
  )

  it.live("bookings.addAttendee", () =>
    withCal((cal) =>
      Effect.map(
        cal.bookings.addAttendee("abc", {
          name: "Charles Babbage",
          email: "charles@example.com",
          timeZone: "Europe/London",
          phoneNumber: "+441234567890",
          language: "en"
        }),
        (attendee) => assert.isString(attendee.email)
      )
    )
  )

  it.live("bookings.updateLocation", () =>
    withCal((cal) =>
      Effect.map(
        cal.bookings.updateLocation("abc", { type: "link", link: "https://meet.example.com/ada" }),
        (booking) => assert.isString(booking.uid)
      )
    )
  )
})
