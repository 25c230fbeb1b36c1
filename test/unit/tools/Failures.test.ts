/**
 * Facade errors as tool failures: the tag, the message, `retryable` from `isRetryable`, a hint,
 * and nothing else (no stack, no cause).
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import {
  CalComApiError,
  CalComAuthError,
  CalComCircuitOpenError,
  CalComConfigError,
  CalComConflictError,
  CalComDecodeError,
  type CalComError,
  CalComNotFoundError,
  CalComRateLimitError,
  CalComTimeoutError,
  CalComTransportError,
  CalComValidationError
} from "../../../src/index.js"
import { fromCalComError } from "../../../src/tools/index.js"

const common = { operation: "Bookings.get", message: "Bookings.get: something (request ecc_1)" }

const cases: ReadonlyArray<readonly [CalComError, boolean]> = [
  [new CalComConfigError({ variable: "CAL_COM_API_KEY", message: "CAL_COM_API_KEY is not set" }), false],
  [new CalComAuthError({ ...common, status: 401 }), false],
  [new CalComNotFoundError({ ...common, status: 404, resource: "booking", id: "x" }), false],
  [new CalComValidationError({ ...common, status: 400, issues: [{ path: "start", message: "bad" }] }), false],
  [new CalComConflictError({ ...common, status: 409 }), false],
  [new CalComRateLimitError({ ...common, status: 429, retryAfterMs: 1500.4, rateLimits: [] }), true],
  [new CalComApiError({ ...common, status: 502 }), true],
  [new CalComApiError({ ...common, status: 418 }), false],
  [new CalComTransportError({ ...common, mayHaveReachedServer: true }), true],
  [new CalComTimeoutError({ ...common, scope: "attempt", timeoutMs: 30_000 }), true],
  [new CalComDecodeError({ ...common, issues: [{ path: "data.uid", message: "missing" }] }), false],
  [new CalComCircuitOpenError({ ...common, key: "https://api.cal.com", retryAfterMs: 5_000 }), true]
]

describe("fromCalComError", () => {
  for (const [error, retryable] of cases) {
    it(`${error._tag}${"status" in error ? ` ${error.status}` : ""} is ${retryable ? "" : "not "}retryable, with a hint`, () => {
      const failure = fromCalComError(error)
      assert.strictEqual(failure.error, error._tag)
      assert.strictEqual(failure.message, error.message)
      assert.strictEqual(failure.retryable, retryable)
      assert.isAbove(failure.hint.length, 20)
      // A plain JSON object: nothing but the declared fields.
      const allowed = ["error", "message", "retryable", "hint", "issues", "status", "retry_after_ms", "nearest_slots"]
      for (const key of Object.keys(failure)) assert.include(allowed, key)
      assert.notInclude(JSON.stringify(failure), "stack")
    })
  }

  it("keeps the issues of a validation error and rounds the wait of a rate limit up", () => {
    assert.deepStrictEqual(fromCalComError(cases[3]![0]).issues, [{ path: "start", message: "bad" }])
    assert.strictEqual(fromCalComError(cases[5]![0]).retry_after_ms, 1501)
  })

  it("a conflict with the nearest offered slots carries them, in UTC", () => {
    const slot = {
      start: DateTime.makeUnsafe("2026-12-01T09:00:00Z"),
      end: DateTime.makeUnsafe("2026-12-01T09:30:00Z"),
      timeZone: "UTC"
    }
    const failure = fromCalComError(
      new CalComConflictError({ ...common, operation: "Bookings.create", nearestSlots: [slot] })
    )
    assert.deepStrictEqual(failure.nearest_slots, [
      {
        start: { utc: "2026-12-01T09:00:00Z", local: "2026-12-01T09:00:00+00:00", timezone: "UTC" },
        end: { utc: "2026-12-01T09:30:00Z", local: "2026-12-01T09:30:00+00:00", timezone: "UTC" }
      }
    ])
  })
})
