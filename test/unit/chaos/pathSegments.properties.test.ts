/**
 * Properties of ids that go into a request path (fast-check): a booking uid that is not one plain
 * path segment (`.`, `..`, anything with `/`, `\`, `%`, `?`, `#`, whitespace or a control
 * character) is refused with a `CalComValidationError` naming it and nothing is sent, so no
 * caller-given id can rewrite the path (`cancel("..")` must never become `POST /v2/cancel`).
 * A plain uid is sent as exactly one segment.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import fc from "fast-check"
import { type CalComApi, make } from "../../../src/index.js"
import { outcomeOf } from "../../support/chaos.js"

const API_KEY = "cal_live_9d2e4b6a8c0f1e3d5b7a"
const RUNS = 1_000

/** A `fetch` recording request URLs, answering 404 (enough: the point is what was sent). */
const recordingFetch = () => {
  const urls: Array<string> = []
  const fetch = (async (input: Request | string | URL) => {
    urls.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url)
    return new Response(JSON.stringify({ status: "error", error: { code: "NotFoundException", message: "no" } }), {
      status: 404,
      headers: { "content-type": "application/json" }
    })
  }) as typeof globalThis.fetch
  return { urls, fetch }
}

const calls: ReadonlyArray<readonly [string, (cal: CalComApi, uid: string) => Effect.Effect<unknown, unknown>]> = [
  ["get", (cal, uid) => cal.bookings.get(uid)],
  ["cancel", (cal, uid) => cal.bookings.cancel(uid)],
  ["reschedule", (cal, uid) => cal.bookings.reschedule(uid, { start: "2026-12-01T10:00:00Z" })]
]

/** Strings that are not one plain segment: dot segments, separators, escapes, spaces, controls. */
const notASegment = fc.oneof(
  fc.constantFrom(".", "..", "/", "%2F", "%2e%2e", "a/..", "../me", "a%2Fb", "a\\b", "a?b", "a#b", "a b", "a\u0000b"),
  fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/),
      fc.constantFrom("/", "\\", "%", "?", "#", " ", "\t", "\n", "\u0000", "\u007f", ":", "@"),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,8}$/)
    )
    .map(([a, sep, b]) => `${a}${sep}${b}`)
)

const plainUid = fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,31}$/).filter((s) => s !== "." && s !== "..")

describe("path segments", () => {
  it.effect(`a booking uid that is not one plain segment is refused and nothing is sent (${RUNS} runs)`, () =>
    Effect.gen(function* () {
      const recorder = recordingFetch()
      const cal = yield* make({ apiKey: API_KEY, fetch: recorder.fetch, retry: { maxRetries: 0 } })
      const samples = fc.sample(fc.tuple(notASegment, fc.constantFrom(...calls)), { numRuns: RUNS, seed: 12 })
      for (const [uid, [name, call]] of samples) {
        const outcome = outcomeOf(yield* Effect.exit(call(cal, uid)))
        assert.strictEqual(outcome.kind, "error", `${name}(${JSON.stringify(uid)})`)
        if (outcome.kind !== "error") continue
        assert.strictEqual(outcome.error._tag, "CalComValidationError", `${name}(${JSON.stringify(uid)})`)
        assert.include(outcome.error.message, "uid")
      }
      assert.deepStrictEqual(recorder.urls, [])
    })
  )

  it.effect("a plain uid is sent as exactly one path segment", () =>
    Effect.gen(function* () {
      const recorder = recordingFetch()
      const cal = yield* make({ apiKey: API_KEY, fetch: recorder.fetch, retry: { maxRetries: 0 } })
      for (const uid of fc.sample(plainUid, { numRuns: 300, seed: 7 })) {
        yield* Effect.exit(cal.bookings.get(uid))
        const path = new URL(recorder.urls.at(-1) ?? "http://x/").pathname
        assert.deepStrictEqual(path.split("/"), ["", "v2", "bookings", uid], uid)
      }
    })
  )
})
