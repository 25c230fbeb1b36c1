/**
 * The real Cal.com API. Runs only when CAL_COM_API_KEY is set (`npm run test:live`); otherwise
 * every test is skipped with the reason. Whatever it creates is cancelled, and any setting it
 * changes is restored, even when a step fails (scope finalizers).
 */
import { existsSync, readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import dotenv from "dotenv"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { CalCom, TimeZone } from "../../src/index.js"
import { layerConfig } from "../../src/node.js"

const dotenvKey = existsSync(".env") ? dotenv.parse(readFileSync(".env", "utf8"))["CAL_COM_API_KEY"] : undefined
const hasKey = (process.env["CAL_COM_API_KEY"] ?? dotenvKey ?? "").trim() !== ""
if (!hasKey) {
  console.warn("live tests skipped: set CAL_COM_API_KEY (environment or .env) to run them against the real Cal.com API")
}

// The Node entry's layerConfig: the environment, then `.env` (as `hasKey` above checks).
const live = layerConfig({ overrides: { verifyOnStart: true } })

describe.skipIf(!hasKey)("live Cal.com API", () => {
  it.live(
    "profile, event types, slots, then create → list → reschedule → cancel, cleaning up",
    () =>
      Effect.gen(function* () {
        const cal = yield* Effect.service(CalCom)
        const me = yield* cal.me.get({ refresh: true })
        const timeZone = Schema.is(TimeZone)(me.timeZone) ? me.timeZone : "UTC"

        const eventTypes = yield* cal.eventTypes.list()
        const eventType = eventTypes.find((e) => !e.hidden) ?? eventTypes[0]
        assert.isDefined(eventType, "the account needs at least one event type")
        if (eventType === undefined) return

        const now = yield* DateTime.now
        const slots = yield* cal.availability.slots({
          eventTypeId: eventType.id,
          start: DateTime.formatIsoDate(DateTime.add(now, { days: 1 })),
          end: DateTime.formatIsoDate(DateTime.add(now, { days: 14 })),
          timeZone
        })
        assert.isAtLeast(slots.length, 2, "the event type needs two free slots in the next two weeks")
        const [first, second] = slots
        if (first === undefined || second === undefined) return

        const attendeeEmail = `effect-calcom-live+${DateTime.toEpochMillis(now)}@example.com`
        // Cancel whatever the test made, whatever happens next.
        const made: Array<string> = []
        yield* Effect.addFinalizer(() =>
          Effect.forEach(
            made,
            (uid) => Effect.ignore(cal.bookings.cancel(uid, { reason: "effect-calcom live test cleanup" })),
            {
              discard: true
            }
          )
        )

        const created = yield* cal.bookings.create({
          eventTypeId: eventType.id,
          start: first.start,
          attendee: { name: "effect-calcom live test", email: attendeeEmail, timeZone }
        })
        made.push(created.booking.uid)
        assert.strictEqual(DateTime.toEpochMillis(created.booking.start), DateTime.toEpochMillis(first.start))

        const listed = yield* cal.bookings.list({ attendeeEmail, eventTypeId: eventType.id })
        assert.isTrue(listed.bookings.some((b) => b.uid === created.booking.uid))

        const moved = yield* cal.bookings.reschedule(created.booking.uid, { start: second.start, reason: "live test" })
        made.push(moved.booking.uid)
        assert.notStrictEqual(moved.booking.uid, created.booking.uid)

        const cancelled = yield* cal.bookings.cancel(moved.booking.uid, { reason: "live test done" })
        assert.strictEqual(cancelled.confirmation.status, "cancelled")
      }).pipe(Effect.scoped, Effect.provide(live)),
    120_000
  )

  it.live(
    "updating the time zone is restored afterwards",
    () =>
      Effect.gen(function* () {
        const cal = yield* Effect.service(CalCom)
        const before = yield* cal.me.get({ refresh: true })
        yield* Effect.addFinalizer(() => Effect.ignore(cal.me.update({ timeZone: before.timeZone })))
        const target = before.timeZone === "Europe/Rome" ? "Europe/Paris" : "Europe/Rome"
        const after = yield* cal.me.update({ timeZone: target })
        assert.strictEqual(after.timeZone, target)
      }).pipe(Effect.scoped, Effect.provide(live)),
    60_000
  )
})

describe.skipIf(hasKey)("live Cal.com API (no key)", () => {
  it("is skipped: CAL_COM_API_KEY is not set", () => {
    assert.isFalse(hasKey)
  })
})
