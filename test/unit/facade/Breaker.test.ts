/**
 * The circuit breaker on its own: states, the doubling open period, and which outcomes count.
 * Time is the TestClock; the guarded effects are plain effects (no HTTP).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { TestClock } from "effect/testing"
import { type Breaker, makeBreaker, type Outcome } from "../../../src/facade/Breaker.js"

class Refused {
  readonly _tag = "Refused"
  constructor(readonly retryAfterMs: number) {}
}

const settings = { failures: 3, openDuration: Duration.seconds(5), maxOpenDuration: Duration.seconds(12) }

/** Outcomes by error: "ignore" is a 429-like answer; anything else failed; success succeeded. */
const classify = (error: string | undefined): Outcome =>
  error === undefined ? "success" : error === "ignore" ? "ignored" : "failure"

const run = <A, E extends string>(breaker: Breaker, self: Effect.Effect<A, E>) =>
  breaker.execute(self, classify, ({ retryAfterMs }) => new Refused(retryAfterMs))

const fail = (breaker: Breaker, times = 1) =>
  Effect.forEach(Array.from({ length: times }), () => Effect.flip(run(breaker, Effect.fail("boom"))), {
    discard: true
  })

const tag = (breaker: Breaker) => Effect.map(breaker.state, (s) => s._tag)

describe("Breaker", () => {
  it.effect("opens after the configured number of consecutive failures, not before", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 2)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Closed", failures: 2 })
      yield* fail(breaker)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Open", retryAfterMs: 5_000, openings: 1 })
    })
  )

  it.effect("a success resets the streak", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 2)
      assert.strictEqual(yield* run(breaker, Effect.succeed(1)), 1)
      yield* fail(breaker, 2)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Closed", failures: 2 })
    })
  )

  it.effect("an ignored outcome neither counts nor resets the streak", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 2)
      yield* Effect.flip(run(breaker, Effect.fail("ignore")))
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Closed", failures: 2 })
      yield* fail(breaker)
      assert.strictEqual(yield* tag(breaker), "Open")
    })
  )

  it.effect("open: refuses without running the effect, saying how long is left", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 3)
      yield* TestClock.adjust("2 seconds")
      let ran = false
      const refused = yield* Effect.flip(
        run(
          breaker,
          Effect.sync(() => {
            ran = true
          })
        )
      )
      assert.isFalse(ran)
      assert.instanceOf(refused, Refused)
      assert.strictEqual((refused as Refused).retryAfterMs, 3_000)
    })
  )

  it.effect("after the open period it reads HalfOpen; the probe runs alone and its success closes", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 3)
      yield* TestClock.adjust("5 seconds")
      assert.deepStrictEqual(yield* breaker.state, { _tag: "HalfOpen", probing: false, openings: 1 })
      const gate = yield* Deferred.make<void>()
      const probe = yield* Effect.forkChild(run(breaker, Effect.as(Deferred.await(gate), "probed")))
      yield* Effect.yieldNow
      assert.deepStrictEqual(yield* breaker.state, { _tag: "HalfOpen", probing: true, openings: 1 })
      const other = yield* Effect.flip(run(breaker, Effect.succeed("other")))
      assert.strictEqual((other as Refused).retryAfterMs, 1_000)
      yield* Deferred.succeed(gate, undefined)
      assert.strictEqual(yield* Fiber.join(probe), "probed")
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Closed", failures: 0 })
    })
  )

  it.effect("each failed probe doubles the open period, up to the maximum; a good probe resets it", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 3)
      const periods: Array<unknown> = []
      for (const wait of [5_000, 10_000, 12_000]) {
        yield* TestClock.adjust(Duration.millis(wait))
        yield* fail(breaker) // the probe
        const state = yield* breaker.state
        periods.push(state._tag === "Open" ? [state.retryAfterMs, state.openings] : state._tag)
      }
      assert.deepStrictEqual(periods, [
        [10_000, 2],
        [12_000, 3],
        [12_000, 4]
      ])
      yield* TestClock.adjust("12 seconds")
      yield* run(breaker, Effect.void)
      yield* fail(breaker, 3)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Open", retryAfterMs: 5_000, openings: 1 })
    })
  )

  it.effect("an interrupted probe frees the slot: the next call probes", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 3)
      yield* TestClock.adjust("5 seconds")
      const probe = yield* Effect.forkChild(run(breaker, Effect.never))
      yield* Effect.yieldNow
      yield* Fiber.interrupt(probe)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "HalfOpen", probing: false, openings: 1 })
      assert.strictEqual(yield* run(breaker, Effect.succeed("second probe")), "second probe")
      assert.strictEqual(yield* tag(breaker), "Closed")
    })
  )

  it.effect("an interrupted call while closed counts for nothing; a defect counts as a failure", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      yield* fail(breaker, 2)
      const call = yield* Effect.forkChild(run(breaker, Effect.never))
      yield* Effect.yieldNow
      yield* Fiber.interrupt(call)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Closed", failures: 2 })
      yield* Effect.exit(run(breaker, Effect.die("bug")))
      assert.strictEqual(yield* tag(breaker), "Open")
    })
  )

  it.effect("a slow call admitted while closed does not change a circuit that opened meanwhile", () =>
    Effect.gen(function* () {
      const breaker = makeBreaker(settings)
      const gate = yield* Deferred.make<void>()
      const slow = yield* Effect.forkChild(run(breaker, Deferred.await(gate)))
      yield* Effect.yieldNow
      yield* fail(breaker, 3)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(slow)
      assert.deepStrictEqual(yield* breaker.state, { _tag: "Open", retryAfterMs: 5_000, openings: 1 })
    })
  )
})
