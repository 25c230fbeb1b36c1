/**
 * The retry policy as a table: which failures leave the server's state unknown, which are tried
 * again (and for which calls), when a call that may have created something looks first, and what
 * the circuit breaker counts. The transport's behaviour over time is in `Transport.test.ts`.
 */
import { assert, describe, it } from "@effect/vitest"
import {
  CalComApiError,
  CalComConflictError,
  CalComDecodeError,
  type CalComError,
  CalComNotFoundError,
  CalComRateLimitError,
  CalComTimeoutError,
  CalComTransportError,
  CalComValidationError
} from "../../../src/facade/Errors.js"
import { classify, isAmbiguous, needsReconcile, shouldRetry } from "../../../src/facade/Retry.js"

const operation = "Bookings.create"
const serverError = new CalComApiError({ operation, status: 503, message: "down" })
const teapot = new CalComApiError({ operation, status: 418, message: "odd" })
const dropped = new CalComTransportError({ operation, mayHaveReachedServer: true, message: "reset" })
const refused = new CalComTransportError({ operation, mayHaveReachedServer: false, message: "ECONNREFUSED" })
const timeout = new CalComTimeoutError({ operation, scope: "attempt", timeoutMs: 30_000, message: "slow" })
const limited = new CalComRateLimitError({ operation, status: 429, rateLimits: [], message: "429" })
const gateRefusal = new CalComRateLimitError({ operation, rateLimits: [], message: "resets after the deadline" })
const conflict = new CalComConflictError({ operation, status: 409, message: "slot taken" })
const rejected = new CalComValidationError({ operation, status: 400, issues: [], message: "already cancelled" })
const invalid = new CalComValidationError({ operation, issues: [], message: "bad input" })
const unreadable = new CalComDecodeError({ operation, status: 201, issues: [], message: "not JSON" })
const missing = new CalComNotFoundError({ operation, status: 404, message: "gone" })

const none: ReadonlySet<CalComError> = new Set()

describe("isAmbiguous", () => {
  it("is true for 5xx, timeouts and failures after the request may have left", () => {
    assert.deepStrictEqual(
      [serverError, timeout, dropped].map(isAmbiguous),
      [true, true, true],
      "the server may have done the work"
    )
    assert.deepStrictEqual([refused, limited, conflict, invalid, teapot, missing].map(isAmbiguous), [
      false,
      false,
      false,
      false,
      false,
      false
    ])
  })
})

describe("shouldRetry", () => {
  it("always retries a 429 and a failure before anything was sent; never the gate's own refusal", () => {
    for (const idempotent of [true, false]) {
      assert.isTrue(shouldRetry(limited, idempotent, none))
      assert.isTrue(shouldRetry(refused, idempotent, none))
      assert.isFalse(shouldRetry(gateRefusal, idempotent, none))
    }
  })

  it("retries ambiguous failures of idempotent calls, and of others only once proven harmless", () => {
    for (const error of [serverError, timeout, dropped]) {
      assert.isTrue(shouldRetry(error, true, none))
      assert.isFalse(shouldRetry(error, false, none), `${error._tag} of a create is not retried blindly`)
      assert.isTrue(shouldRetry(error, false, new Set([error])), "the lookup proved nothing was made")
    }
  })

  it("never retries 4xx answers", () => {
    for (const error of [conflict, rejected, invalid, missing, teapot, unreadable]) {
      assert.isFalse(shouldRetry(error, true, new Set([error])), error._tag)
    }
  })
})

describe("needsReconcile", () => {
  it("looks after an ambiguous failure and after a 2xx it cannot read", () => {
    for (const error of [serverError, timeout, dropped, unreadable]) assert.isTrue(needsReconcile(error, false))
  })

  it("looks after a refusal only when an earlier attempt was ambiguous (it may be our own work)", () => {
    for (const error of [conflict, rejected]) {
      assert.isFalse(needsReconcile(error, false))
      assert.isTrue(needsReconcile(error, true))
    }
    assert.isFalse(needsReconcile(invalid, true), "input refused before sending is not the server's answer")
    assert.isFalse(needsReconcile(missing, true))
  })
})

describe("classify", () => {
  it("counts only 5xx, timeouts and network failures against the circuit; ignores 429", () => {
    assert.strictEqual(classify(undefined), "success")
    for (const error of [serverError, timeout, dropped, refused]) assert.strictEqual(classify(error), "failure")
    assert.strictEqual(classify(limited), "ignored")
    for (const error of [conflict, invalid, missing, unreadable, teapot]) assert.strictEqual(classify(error), "success")
  })
})
