/**
 * `cal.slots` against Prism (`--errors`): reserve, get, update and release a reservation, and the
 * flow that holds a slot and then books it with its `reservationUid` (Prism checks the booking
 * body, `reservedSlotUid` included, against the patched document).
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import { CalCom } from "../../src/index.js"
import { mockUrl } from "./mock.js"

const withCal = <A, E>(f: (cal: CalCom["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(Effect.service(CalCom), f).pipe(
    Effect.provide(
      CalCom.layer({ apiKey: "cal_test_contract_key_0123456789", baseUrl: mockUrl(), retry: { maxRetries: 0 } })
    )
  )

describe("slot reservations against Prism", () => {
  it.live("slots.reserve, getReservation, updateReservation, release", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const held = yield* cal.slots.reserve({
          eventTypeId: 1,
          start: "2050-09-05T09:00:00Z",
          reservationDuration: 10
        })
        assert.isString(held.reservationUid)
        assert.isTrue(DateTime.isDateTime(held.reservationUntil))
        const found = yield* cal.slots.getReservation(held.reservationUid)
        assert.isString(found.reservationUid)
        const moved = yield* cal.slots.updateReservation(held.reservationUid, {
          eventTypeId: 1,
          start: "2050-09-05T10:00:00Z"
        })
        assert.isString(moved.reservationUid)
        yield* cal.slots.release(held.reservationUid)
      })
    )
  )

  it.live("reserve, then bookings.create with the reservation uid", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const held = yield* cal.slots.reserve({ eventTypeId: 1, start: "2050-09-05T09:00:00Z" })
        const booked = yield* cal.bookings.create({
          eventTypeId: 1,
          start: held.slotStart,
          attendee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" },
          reservationUid: held.reservationUid
        })
        assert.isString(booked.confirmation.uid)
      })
    )
  )
})
