/**
 * `cal.bookings.confirm`, `decline`, `markAbsent` and `addGuests` against Prism (`--errors`): Prism refuses
 * a request the patched document does not allow, and each answer must decode into a `Booking`.
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
})
