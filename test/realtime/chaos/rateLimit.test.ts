/**
 * Chaos: bursts against the fake server's rate limit (120 requests per window), with time scaled
 * down to a 600 ms window so a 500-call burst takes seconds, not minutes.
 *
 * Scaling caveat: like Cal.com, the fake sends `X-RateLimit-Reset-Default` in whole seconds
 * (rounded up), so a 600 ms window is announced as "1 s": the client waits up to 400 ms longer
 * than needed and, in between, the server's new window can already hold requests the client does
 * not count (retries), so a few 429s happen on the wire. They are retried; none reaches a caller.
 *
 * Real HTTP on 127.0.0.1 and the real clock: the waits are what is tested.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import { CalCom, type CalComOptions, withRequestOptions } from "../../../src/index.js"
import { outcomeOf } from "../../support/chaos.js"
import { startFakeCalCom } from "../../support/FakeCalCom.js"

const API_KEY = "cal_live_7e1d9a3c5b2f4e6a8c0d"
const LIMIT = 120
const WINDOW_MS = 600
const BURST = 500
const SLOW_LIMIT = 5
const SLOW_WINDOW_MS = 4_000

const startServer = (rateLimit = { limit: LIMIT, windowMs: WINDOW_MS }) =>
  Effect.acquireRelease(
    Effect.promise(() => startFakeCalCom({ apiKey: API_KEY, rateLimit })),
    (server) => Effect.promise(() => server.close())
  )

const client = (baseUrl: string, options: Partial<CalComOptions> = {}) =>
  CalCom.layer({
    apiKey: API_KEY,
    baseUrl,
    deadline: "30 seconds",
    retry: { baseDelay: "5 millis", maxDelay: "20 millis" },
    ...options
  })

/** `BURST` calls of `me.get` at `concurrency`; the tally of outcomes by tag and HTTP status. */
const burst = (concurrency: number | "unbounded") =>
  Effect.gen(function* () {
    const cal = yield* CalCom
    const tally = new Map<string, number>()
    yield* Effect.forEach(
      Array.from({ length: BURST }),
      () =>
        Effect.map(Effect.exit(cal.me.get({ refresh: true })), (exit) => {
          const outcome = outcomeOf(exit)
          const key =
            outcome.kind === "ok"
              ? "ok"
              : outcome.kind === "error"
                ? `${outcome.error._tag}${"status" in outcome.error && outcome.error.status !== undefined ? ` ${outcome.error.status}` : ""}`
                : `defect ${outcome.detail}`
          tally.set(key, (tally.get(key) ?? 0) + 1)
        }),
      { concurrency, discard: true }
    )
    return Object.fromEntries(tally)
  })

describe("chaos: rate limit", () => {
  it.live(
    "a burst of 500 calls through 64 workers against 120 per window: every call succeeds, no 429 reaches a caller",
    () =>
      Effect.gen(function* () {
        const server = yield* startServer()
        const started = Date.now()
        const tally = yield* burst(64).pipe(
          Effect.provide(client(server.url)),
          Effect.provideService(Logger.CurrentLoggers, new Set())
        )
        const ms = Date.now() - started
        assert.deepStrictEqual(tally, { ok: BURST })
        // At 120 per window at least ceil(500 / 120) - 1 windows must pass.
        assert.isAtLeast(ms, (Math.ceil(BURST / LIMIT) - 1) * WINDOW_MS)
        assert.isBelow(ms, 45_000, "the burst ended (a bound, not a speed claim: the machine may be loaded)")
        console.log(
          `rate limit (64 workers): ${ms} ms, ${server.requests.length - BURST} requests answered 429 and retried`
        )
      }),
    60_000
  )

  // The limiter learns the window length from the reset headers, so callers queued past the
  // next reset wait for the real windows, not assumed minute-long ones.
  it.live(
    "a burst of 500 calls all at once: no CalComRateLimitError reaches a caller whose deadline allows the wait",
    () =>
      Effect.gen(function* () {
        const server = yield* startServer()
        const tally = yield* burst("unbounded").pipe(
          Effect.provide(client(server.url)),
          Effect.provideService(Logger.CurrentLoggers, new Set())
        )
        assert.deepStrictEqual(tally, { ok: BURST })
      }),
    60_000
  )

  it.live(
    "when the window is used up, a call whose deadline is shorter than the wait fails at once with a typed CalComRateLimitError and sends nothing",
    () =>
      Effect.gen(function* () {
        // A small, long window of its own: using it up takes a few requests, so a loaded machine
        // cannot let the window roll over before the deadline-bound call is made.
        const server = yield* startServer({ limit: SLOW_LIMIT, windowMs: SLOW_WINDOW_MS })
        yield* Effect.gen(function* () {
          const cal = yield* CalCom
          // Use the window up; the answers tell the client that nothing remains.
          yield* Effect.forEach(Array.from({ length: SLOW_LIMIT }), () => cal.me.get({ refresh: true }), {
            concurrency: 4,
            discard: true
          })
          const sent = server.requests.length
          const started = Date.now()
          const error = yield* Effect.flip(
            cal.me.get({ refresh: true }).pipe(withRequestOptions({ deadline: "100 millis" }))
          )
          const ms = Date.now() - started
          assert.strictEqual(error._tag, "CalComRateLimitError", error.message)
          if (error._tag !== "CalComRateLimitError") return
          assert.isUndefined(error.status, "the client refused; the server was not asked")
          assert.isAbove(error.retryAfterMs ?? 0, 0)
          assert.isAtMost(error.retryAfterMs ?? 0, SLOW_WINDOW_MS)
          assert.isBelow(ms, SLOW_WINDOW_MS / 2, "it failed at once instead of waiting for the reset")
          assert.strictEqual(server.requests.length, sent, "nothing was sent")
          assert.include(error.message, "deadline")
          // A caller with time to wait gets through once the window resets.
          yield* cal.me.get({ refresh: true })
          assert.strictEqual(server.requests.length, sent + 1)
        }).pipe(Effect.provide(client(server.url)), Effect.provideService(Logger.CurrentLoggers, new Set()))
      }),
    60_000
  )
})
