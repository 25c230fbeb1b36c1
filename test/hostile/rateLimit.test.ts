/**
 * Hostile: rate-limit headers that lie, and a start-up burst against a small window.
 *
 * - A burst that starts before any answer has arrived must not overshoot the window: Cal.com
 *   locks keys that keep exceeding it, so a 429 at the server is a cost even when retried.
 * - One answer must not lock the client out: a reset 31 years away, `Retry-After: 1e308` and a
 *   reset of 0 are bounded, typed, and 0 means now.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { CalCom } from "../../src/index.js"
import { outcomeOf } from "../support/chaos.js"
import { answer, fakeCalCom, hostileServer, ME, success, withClient } from "./support.js"

const me = Effect.flatMap(CalCom, (cal) => cal.me.get({ refresh: true }))

/** A server answering `GET /v2/me`, with these rate-limit headers on its first answer only. */
const firstAnswerSays = (figures: { readonly limit: string; readonly remaining: string; readonly reset: string }) =>
  hostileServer((_req, res, index) =>
    answer(
      res,
      200,
      success(ME),
      index === 0
        ? {
            "X-RateLimit-Limit": figures.limit,
            "X-RateLimit-Remaining": figures.remaining,
            "X-RateLimit-Reset": figures.reset
          }
        : {}
    )
  )

describe("hostile: rate limits", () => {
  it.live("a start-up burst (20 calls, 8 at a time) against 10 per window: the server answers no 429", () =>
    Effect.gen(function* () {
      const server = yield* fakeCalCom({ rateLimit: { limit: 10, windowMs: 2_000 } })
      const exits = yield* Effect.forEach(Array.from({ length: 20 }), () => Effect.exit(me), { concurrency: 8 }).pipe(
        withClient(server.url, { deadline: "15 seconds" })
      )
      assert.deepStrictEqual(
        exits.map((exit) => outcomeOf(exit).kind),
        Array.from({ length: 20 }, () => "ok")
      )
      // Every request the server saw is one of the 20 calls: none was a 429 that had to be retried.
      assert.strictEqual(server.requests.length, 20)
    })
  )

  it.live("a reset 999999999 s away does not lock the client out for 31 years", () =>
    Effect.gen(function* () {
      const server = yield* firstAnswerSays({ limit: "120", remaining: "0", reset: "999999999" })
      const second = yield* Effect.flip(Effect.andThen(me, me)).pipe(withClient(server.url))
      assert.strictEqual(second._tag, "CalComRateLimitError")
      if (second._tag !== "CalComRateLimitError") return
      assert.isAtMost(second.retryAfterMs ?? Number.POSITIVE_INFINITY, 60_000)
    })
  )

  it.live("Retry-After: 1e308 on a 429 is a typed CalComRateLimitError with a bounded wait", () =>
    Effect.gen(function* () {
      const server = yield* hostileServer((_req, res) =>
        answer(
          res,
          429,
          JSON.stringify({ status: "error", error: { code: "ThrottlerException", message: "slow down" } }),
          {
            "Retry-After": "1e308"
          }
        )
      )
      const outcome = outcomeOf(yield* Effect.exit(me.pipe(withClient(server.url))))
      assert.strictEqual(outcome.kind, "error", outcome.kind === "bad" ? outcome.detail : "")
      if (outcome.kind !== "error") return
      assert.strictEqual(outcome.error._tag, "CalComRateLimitError")
      if (outcome.error._tag !== "CalComRateLimitError") return
      assert.isAtMost(outcome.error.retryAfterMs ?? 0, 3_600_000)
      assert.strictEqual(server.received.length, 1)
    })
  )

  it.live("a reset of 0 means now: the next call goes at once", () =>
    Effect.gen(function* () {
      const server = yield* firstAnswerSays({ limit: "10", remaining: "0", reset: "0" })
      const started = Date.now()
      yield* Effect.andThen(me, me).pipe(withClient(server.url))
      assert.strictEqual(server.received.length, 2)
      assert.isBelow(Date.now() - started, 2_000)
    })
  )
})
