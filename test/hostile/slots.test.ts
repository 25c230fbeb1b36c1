/**
 * A taken slot and a start in the past, against the stateful fake: a taken slot is refused with
 * the nearest free slots and no second booking; a start in the past is said to be in the past.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { CalCom } from "../../src/index.js"
import { fakeCalCom, withClient } from "./support.js"

const DAY = 86_400_000

/** 10:00 UTC on the first weekday at least `days` ahead: the fake offers weekdays 09:00-17:00 UTC. */
const weekdayAt10 = (days: number) => {
  let ms = Math.floor(Date.now() / DAY) * DAY + days * DAY + 10 * 3_600_000
  while ([0, 6].includes(new Date(ms).getUTCDay())) ms += DAY
  return new Date(ms).toISOString()
}

const attendee = { name: "Ada Lovelace", email: "ada@example.com", timeZone: "UTC" }

describe("hostile: slots", () => {
  it.live("a taken slot is refused with the nearest free slots, and no second booking", () =>
    Effect.gen(function* () {
      const server = yield* fakeCalCom()
      const start = weekdayAt10(3)
      const error = yield* Effect.gen(function* () {
        const cal = yield* CalCom
        yield* cal.bookings.create({ eventTypeId: 1001, start, attendee })
        return yield* Effect.flip(cal.bookings.create({ eventTypeId: 1001, start, attendee }))
      }).pipe(withClient(server.url))
      assert.strictEqual(error._tag, "CalComConflictError")
      if (error._tag !== "CalComConflictError") return
      assert.strictEqual(error.status, undefined)
      assert.match(error.message, /only the slots were read, nothing was booked or changed$/)
      assert.notInclude(error.message, "nothing was sent")
      const nearest = (error.nearestSlots ?? []).map((slot) => slot.start.epochMilliseconds)
      assert.include(nearest, Date.parse(start) + 30 * 60_000)
      assert.notInclude(nearest, Date.parse(start))
      assert.strictEqual(server.bookings().length, 1)
      assert.strictEqual(server.requests.filter((r) => r.method === "POST").length, 1)
    })
  )

  it.live("a start in the past is refused as such, before anything is sent", () =>
    Effect.gen(function* () {
      const server = yield* fakeCalCom()
      const start = new Date(Date.now() - 2 * DAY).toISOString()
      const error = yield* Effect.flatMap(CalCom, (cal) =>
        Effect.flip(cal.bookings.create({ eventTypeId: 1001, start, attendee }))
      ).pipe(withClient(server.url))
      assert.strictEqual(error._tag, "CalComValidationError")
      assert.include(error.message, "in the past")
      assert.strictEqual(server.requests.length, 0)
    })
  )
})
