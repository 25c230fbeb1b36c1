/**
 * Rate limits: the `X-RateLimit-*` and `Retry-After` headers as Cal.com and other servers send
 * them, and the limiter that queues callers into the next window when one is used up.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { TestClock } from "effect/testing"
import fc from "fast-check"
import { makeRateLimiter, parseRateLimits, parseRetryAfter, waitFromHeaders } from "../../../src/facade/RateLimit.js"

const NOW = 1_767_225_600_000 // 2026-01-01T00:00:00Z

describe("parseRateLimits", () => {
  it("reads Cal.com's suffixed headers, naming the limit after the suffix", () => {
    const headers = new Headers({
      "X-RateLimit-Limit-Default": "120",
      "X-RateLimit-Remaining-Default": "119",
      "X-RateLimit-Reset-Default": "60"
    })
    assert.deepStrictEqual(parseRateLimits(headers, NOW), [
      { name: "Default", limit: 120, remaining: 119, resetAt: NOW + 60_000 }
    ])
  })

  it("keeps several named limits apart", () => {
    const headers = new Headers({
      "X-RateLimit-Remaining-Default": "5",
      "X-RateLimit-Remaining-Short": "0",
      "X-RateLimit-Reset-Short": "2"
    })
    const byName = new Map(parseRateLimits(headers, NOW).map((s) => [s.name, s]))
    assert.deepStrictEqual(byName.get("Default"), { name: "Default", remaining: 5 })
    assert.deepStrictEqual(byName.get("Short"), { name: "Short", remaining: 0, resetAt: NOW + 2_000 })
  })

  it("reads unsuffixed headers as the Default limit", () => {
    const headers = new Headers({ "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "30" })
    assert.deepStrictEqual(parseRateLimits(headers, NOW), [
      { name: "Default", limit: 60, remaining: 0, resetAt: NOW + 30_000 }
    ])
  })

  it("reads a reset given as epoch seconds", () => {
    const headers = new Headers({ "X-RateLimit-Reset-Default": String((NOW + 45_000) / 1000) })
    assert.strictEqual(parseRateLimits(headers, NOW)[0]?.resetAt, NOW + 45_000)
  })

  it("reads a reset given as epoch milliseconds", () => {
    const headers = new Headers({ "X-RateLimit-Reset-Default": String(NOW + 12_345) })
    assert.strictEqual(parseRateLimits(headers, NOW)[0]?.resetAt, NOW + 12_345)
  })

  it("ignores empty and non-numeric values and unrelated headers", () => {
    const headers = new Headers({
      "X-RateLimit-Limit-Default": "",
      "X-RateLimit-Remaining-Default": "lots",
      "Content-Type": "application/json"
    })
    assert.deepStrictEqual(parseRateLimits(headers, NOW), [])
  })
})

describe("parseRetryAfter", () => {
  it("reads seconds", () => {
    assert.strictEqual(parseRetryAfter(new Headers({ "Retry-After": "3" }), NOW), 3_000)
    assert.strictEqual(parseRetryAfter(new Headers({ "Retry-After": "0" }), NOW), 0)
  })

  it("reads an HTTP date", () => {
    const at = new Date(NOW + 30_000).toUTCString()
    assert.strictEqual(parseRetryAfter(new Headers({ "Retry-After": at }), NOW), 30_000)
  })

  it("a date in the past means no wait", () => {
    const at = new Date(NOW - 30_000).toUTCString()
    assert.strictEqual(parseRetryAfter(new Headers({ "Retry-After": at }), NOW), 0)
  })

  it("absent or unreadable is undefined", () => {
    assert.isUndefined(parseRetryAfter(new Headers(), NOW))
    assert.isUndefined(parseRetryAfter(new Headers({ "Retry-After": "soon" }), NOW))
  })
})

describe("lying headers", () => {
  it("Retry-After beyond an hour (1e308, Infinity-like) is clamped to an hour", () => {
    for (const raw of ["1e308", "99999999999", "1e400"]) {
      const wait = parseRetryAfter(new Headers({ "Retry-After": raw }), NOW)
      assert.strictEqual(wait, 3_600_000, raw)
    }
  })

  it("a negative Retry-After means now", () => {
    assert.strictEqual(parseRetryAfter(new Headers({ "Retry-After": "-5" }), NOW), 0)
  })

  it("property: whatever the reset and Retry-After say, no wait exceeds an hour, and none is negative or not finite", () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -1e9, max: 1e13 }),
      fc.constantFrom("1e308", "-1e308", "Infinity", "NaN", "0", "-0", "999999999", "0x10", " 7 ")
    )
    fc.assert(
      fc.property(value, value, fc.integer({ min: -5, max: 200 }), (reset, retryAfter, remaining) => {
        const headers = new Headers({
          "X-RateLimit-Remaining": String(remaining),
          "X-RateLimit-Reset": String(reset),
          "Retry-After": String(retryAfter)
        })
        const waits = [waitFromHeaders(headers, NOW), parseRetryAfter(headers, NOW)]
        for (const wait of waits) {
          if (wait === undefined) continue
          if (!(Number.isFinite(wait) && wait >= 0 && wait <= 3_600_000)) return false
        }
        for (const snapshot of parseRateLimits(headers, NOW)) {
          if (snapshot.resetAt !== undefined && !(snapshot.resetAt >= NOW && snapshot.resetAt <= NOW + 3_600_000)) {
            return false
          }
        }
        return true
      }),
      { numRuns: 2_000, seed: 3 }
    )
  })

  it.effect("property: after any sequence of answers, the limiter never asks for a wait beyond an hour", () =>
    Effect.gen(function* () {
      const answer = fc.record({
        limit: fc.integer({ min: 0, max: 500 }),
        remaining: fc.integer({ min: -3, max: 500 }),
        reset: fc.oneof(fc.integer({ min: -100, max: 4_000 }), fc.constantFrom(0, 999_999_999, 1e12, 1e15, 1e308))
      })
      for (const answers of fc.sample(fc.array(answer, { minLength: 1, maxLength: 6 }), { numRuns: 300, seed: 5 })) {
        const limiter = yield* makeRateLimiter
        for (const a of answers) {
          yield* limiter.observe(
            new Headers({
              "X-RateLimit-Limit-Default": String(a.limit),
              "X-RateLimit-Remaining-Default": String(a.remaining),
              "X-RateLimit-Reset-Default": String(a.reset)
            })
          )
        }
        const wait = yield* limiter.reserve
        assert.isAtMost(wait, 3_600_000, JSON.stringify(answers))
        assert.isAtLeast(wait, 0)
      }
    })
  )
})

describe("waitFromHeaders", () => {
  it("prefers Retry-After", () => {
    const headers = new Headers({
      "Retry-After": "3",
      "X-RateLimit-Remaining-Default": "0",
      "X-RateLimit-Reset-Default": "10"
    })
    assert.strictEqual(waitFromHeaders(headers, NOW), 3_000)
  })

  it("without Retry-After, waits for the reset of the exhausted limit", () => {
    const headers = new Headers({ "X-RateLimit-Remaining-Default": "0", "X-RateLimit-Reset-Default": "10" })
    assert.strictEqual(waitFromHeaders(headers, NOW), 10_000)
  })

  it("a reset without a remaining count (a 429's headers) counts as exhausted", () => {
    assert.strictEqual(waitFromHeaders(new Headers({ "X-RateLimit-Reset-Default": "10" }), NOW), 10_000)
  })

  it("the longest of several exhausted limits; limits with budget left do not count", () => {
    const headers = new Headers({
      "X-RateLimit-Remaining-Short": "0",
      "X-RateLimit-Reset-Short": "2",
      "X-RateLimit-Remaining-Long": "0",
      "X-RateLimit-Reset-Long": "40",
      "X-RateLimit-Remaining-Default": "10",
      "X-RateLimit-Reset-Default": "90"
    })
    assert.strictEqual(waitFromHeaders(headers, NOW), 40_000)
  })

  it("nothing to wait for is undefined", () => {
    assert.isUndefined(waitFromHeaders(new Headers(), NOW))
    const budget = new Headers({ "X-RateLimit-Remaining-Default": "5", "X-RateLimit-Reset-Default": "10" })
    assert.isUndefined(waitFromHeaders(budget, NOW))
  })
})

describe("the limiter", () => {
  // The TestClock starts at 0, so a reset of "5" means 5 000 ms from the start.
  const window = (limit: number, remaining: number, resetSeconds: number) =>
    new Headers({
      "X-RateLimit-Limit-Default": String(limit),
      "X-RateLimit-Remaining-Default": String(remaining),
      "X-RateLimit-Reset-Default": String(resetSeconds)
    })

  it.effect("while nothing is known, one caller goes and the others wait for its answer", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      assert.strictEqual(yield* limiter.reserve, 0)
      const held = yield* Effect.forkChild(Effect.all([limiter.reserve, limiter.reserve]))
      yield* TestClock.adjust("10 seconds")
      assert.isUndefined(held.pollUnsafe(), "callers before the first answer are held")
      // The first answer says 2 remain: both held callers go, counted against it.
      yield* limiter.observe(window(10, 2, 30))
      assert.deepStrictEqual(yield* Fiber.join(held), [0, 0])
      assert.strictEqual(yield* limiter.reserve, 30_000)
    })
  )

  it.effect("a first attempt that ends without an answer lets the next caller probe", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      assert.strictEqual(yield* limiter.reserve, 0)
      const held = yield* Effect.forkChild(limiter.reserve)
      yield* TestClock.adjust("1 second")
      assert.isUndefined(held.pollUnsafe())
      yield* limiter.settle
      assert.strictEqual(yield* Fiber.join(held), 0)
      // A server that sends no rate-limit headers: once it has answered, nobody is held.
      yield* limiter.observe(new Headers())
      assert.deepStrictEqual(yield* Effect.all([limiter.reserve, limiter.reserve, limiter.reserve]), [0, 0, 0])
    })
  )

  it.effect("a reset of 0 means now: the window has just reset", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(10, 0, 0))
      assert.strictEqual(yield* limiter.reserve, 0)
    })
  )

  it.effect("a lying reset (999999999 s) is clamped to the window learned before it", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(10, 9, 60))
      yield* limiter.observe(window(10, 0, 999_999_999))
      const wait = yield* limiter.reserve
      assert.isAtMost(wait, 60_000)
    })
  )

  it.effect("counts callers against the remaining budget, then queues the next into the next window", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(3, 2, 5))
      assert.strictEqual(yield* limiter.reserve, 0)
      assert.strictEqual(yield* limiter.reserve, 0)
      // The window is used up: the next callers wait for its reset, three of them (its limit).
      assert.strictEqual(yield* limiter.reserve, 5_000)
      assert.strictEqual(yield* limiter.reserve, 5_000)
      assert.strictEqual(yield* limiter.reserve, 5_000)
      // That window is full too: the next caller goes into the one after. A window is as long as
      // the longest reset announced so far (5 s here), not an assumed minute.
      assert.strictEqual(yield* limiter.reserve, 10_000)
    })
  )

  it.effect("with remaining 0 the next caller waits for the reset", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(120, 0, 5))
      assert.strictEqual(yield* limiter.reserve, 5_000)
      const [snapshot] = yield* limiter.snapshot
      assert.strictEqual(snapshot?.name, "Default")
      assert.strictEqual(snapshot?.limit, 120)
    })
  )

  it.effect("lets a fresh window through after the reset", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(120, 0, 5))
      yield* TestClock.adjust("4999 millis")
      assert.strictEqual(yield* limiter.reserve, 1)
      yield* TestClock.adjust("1 millis")
      // The caller above was queued into this window; the next ones go at once.
      assert.strictEqual(yield* limiter.reserve, 0)
      assert.strictEqual(yield* limiter.reserve, 0)
    })
  )

  it.effect("a window that reset before anyone asked is fresh", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(2, 0, 5))
      yield* TestClock.adjust("6 seconds")
      assert.strictEqual(yield* limiter.reserve, 0)
      assert.strictEqual(yield* limiter.reserve, 0)
    })
  )

  it.effect("the server's figures replace the local ones from a new window", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(120, 0, 5))
      yield* TestClock.adjust("5 seconds")
      yield* limiter.observe(window(120, 100, 60))
      const [snapshot] = yield* limiter.snapshot
      assert.strictEqual(snapshot?.remaining, 100)
      assert.strictEqual(snapshot?.resetAt, 65_000)
      assert.strictEqual(yield* limiter.reserve, 0)
    })
  )

  it.effect("requests counted locally stay counted when a late response reports more budget in the same window", () =>
    Effect.gen(function* () {
      const limiter = yield* makeRateLimiter
      yield* limiter.observe(window(10, 3, 30))
      yield* limiter.reserve
      yield* limiter.reserve
      yield* limiter.reserve
      // A response sent before those three arrives late, still saying 3 remain.
      yield* limiter.observe(window(10, 3, 30))
      assert.strictEqual(yield* limiter.reserve, 30_000)
    })
  )
})
