/**
 * Hostile: the late original. The first POST is held by the stateful fake until after the
 * client gave up (its attempt timeout), then processed: on a round-robin event type with two
 * hosts, a blind resend would be booked with the other host, making two bookings for one call.
 * "Never books twice" must hold whether the original lands inside the client's lookup window
 * (the call returns it) or after it (`CalComOutcomeUnknownError`, nothing resent).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { CalCom } from "../../src/index.js"
import type { FakeCalCom } from "../support/FakeCalCom.js"
import { fakeCalCom, withClient } from "./support.js"

const DAY = 86_400_000
const ROUND_ROBIN = 1004

/** 11:00 UTC on the first weekday at least `days` ahead (the fake offers weekdays 09:00-17:00 UTC). */
const weekdayAt11 = (days: number) => {
  let ms = Math.floor(Date.now() / DAY) * DAY + days * DAY + 11 * 3_600_000
  while ([0, 6].includes(new Date(ms).getUTCDay())) ms += DAY
  return new Date(ms).toISOString()
}

const attendee = { name: "Grace Hopper", email: "grace@example.com", timeZone: "UTC" }
const TIMING = { timeout: "1 second", deadline: "10 seconds" } as const

/** Holds the first request to `method path` for `delayMs`, then processes it. */
const lateFirst = (server: FakeCalCom, method: string, path: RegExp, delayMs: number) =>
  server.setFaultPlan((request) =>
    request.method === method && path.test(request.path) && request.attempt === 1
      ? { kind: "late", delayMs }
      : undefined
  )

const posts = (server: FakeCalCom, path: RegExp) =>
  server.requests.filter((r) => r.method === "POST" && path.test(r.path)).length

/** Waits (real time) until the held original has surely been processed. */
const settle = (ms: number) => Effect.promise(() => new Promise((resolve) => setTimeout(resolve, ms)))

describe("hostile: late originals", () => {
  it.live("create: the original lands after the timeout but inside the lookup window: one booking, returned", () =>
    Effect.gen(function* () {
      const server = yield* fakeCalCom({ roundRobinHosts: 2 })
      lateFirst(server, "POST", /^\/v2\/bookings$/, 1_400)
      const start = weekdayAt11(4)
      const result = yield* Effect.flatMap(CalCom, (cal) =>
        cal.bookings.create({ eventTypeId: ROUND_ROBIN, start, attendee })
      ).pipe(withClient(server.url, TIMING))
      yield* settle(1_000)
      const made = server.bookings().filter((b) => b.status === "accepted")
      assert.lengthOf(made, 1)
      assert.strictEqual(result.booking.uid, made[0]?.uid)
      assert.strictEqual(posts(server, /^\/v2\/bookings$/), 1)
    })
  )

  it.live("create: the original lands after the lookup window: CalComOutcomeUnknownError, never a second booking", () =>
    Effect.gen(function* () {
      const server = yield* fakeCalCom({ roundRobinHosts: 2 })
      lateFirst(server, "POST", /^\/v2\/bookings$/, 3_500)
      const start = weekdayAt11(5)
      const error = yield* Effect.flatMap(CalCom, (cal) =>
        Effect.flip(cal.bookings.create({ eventTypeId: ROUND_ROBIN, start, attendee }))
      ).pipe(withClient(server.url, TIMING))
      assert.strictEqual(error._tag, "CalComOutcomeUnknownError")
      if (error._tag !== "CalComOutcomeUnknownError") return
      assert.include(error.lookup, String(ROUND_ROBIN))
      assert.include(error.lookup, attendee.email)
      assert.include(error.message, "not sent again")
      yield* settle(2_500)
      // The original completed on the server; the client never sent another.
      assert.lengthOf(
        server.bookings().filter((b) => b.status === "accepted"),
        1
      )
      assert.strictEqual(posts(server, /^\/v2\/bookings$/), 1)
    })
  )

  it.live("reschedule: a late original move is found, not made twice", () =>
    Effect.gen(function* () {
      const server = yield* fakeCalCom({ roundRobinHosts: 2 })
      const result = yield* Effect.gen(function* () {
        const cal = yield* CalCom
        const { booking } = yield* cal.bookings.create({ eventTypeId: ROUND_ROBIN, start: weekdayAt11(6), attendee })
        lateFirst(server, "POST", /\/reschedule$/, 1_400)
        return yield* cal.bookings.reschedule(booking.uid, { start: weekdayAt11(7) })
      }).pipe(withClient(server.url, TIMING))
      yield* settle(1_000)
      const live = server.bookings().filter((b) => b.status === "accepted")
      assert.lengthOf(live, 1)
      assert.strictEqual(result.booking.uid, live[0]?.uid)
      assert.strictEqual(result.booking.start.epochMilliseconds, Date.parse(weekdayAt11(7)))
      assert.strictEqual(posts(server, /\/reschedule$/), 1)
    })
  )
})
