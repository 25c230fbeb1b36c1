/**
 * What a thrown `fetch` error means, read from its cause chain as Node's fetch (undici) throws
 * it: a connection never made (refused, unresolved, TLS, a blocked port) is "not sent" with its
 * host and code; a bad URL is a validation error and a body that does not decompress a decode
 * error, neither a retryable network failure; the cause is kept. And the key is scrubbed from
 * whatever an error carries.
 */
import { assert, describe, it } from "@effect/vitest"
import { CalComApiError, CalComValidationError } from "../../../src/facade/Errors.js"
import { BodyTooLarge } from "../../../src/facade/internal/Body.js"
import { isAmbiguous, shouldRetry } from "../../../src/facade/Retry.js"
import { errorForStatus, scrubError, transportError } from "../../../src/facade/Status.js"

const ctx = { operation: "Me.get", requestId: "ecc_test", host: "api.cal.com" }

/** `TypeError: fetch failed` with `cause`, as undici throws it. */
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause })
const systemError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code} something`), { code, ...extra })

describe("transportError", () => {
  for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID"]) {
    it(`${code}: not sent, retried freely, with host, code and cause`, () => {
      const thrown = fetchFailed(systemError(code, { hostname: "api.cal.com" }))
      const error = transportError(thrown, ctx)
      assert.strictEqual(error._tag, "CalComTransportError")
      if (error._tag !== "CalComTransportError") return
      assert.isFalse(error.mayHaveReachedServer)
      assert.strictEqual(error.code, code)
      assert.strictEqual(error.host, "api.cal.com")
      assert.strictEqual(error.cause, thrown)
      assert.include(error.message, code)
      assert.include(error.message, "api.cal.com")
      assert.include(error.message, "nothing was sent")
      assert.isTrue(shouldRetry(error, false, new Set()))
      assert.isFalse(isAmbiguous(error))
    })
  }

  it("an AggregateError (every address refused) is read through its errors", () => {
    const aggregate = Object.assign(
      new AggregateError([systemError("ECONNREFUSED", { address: "::1", port: 443 })]),
      {}
    )
    const error = transportError(fetchFailed(aggregate), ctx)
    assert.strictEqual(error._tag, "CalComTransportError")
    if (error._tag === "CalComTransportError") assert.isFalse(error.mayHaveReachedServer)
  })

  it("a reset after sending may have reached the server", () => {
    const error = transportError(fetchFailed(systemError("ECONNRESET")), ctx)
    assert.strictEqual(error._tag, "CalComTransportError")
    if (error._tag === "CalComTransportError") assert.isTrue(error.mayHaveReachedServer)
  })

  it("a URL that cannot be built is a CalComValidationError: nothing was sent, not retried", () => {
    const error = transportError(Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" }), ctx)
    assert.strictEqual(error._tag, "CalComValidationError")
    assert.include(error.message, "nothing was sent")
  })

  it("a body that does not decompress is a CalComDecodeError, not a network failure", () => {
    const error = transportError(new TypeError("terminated", { cause: systemError("Z_DATA_ERROR") }), ctx)
    assert.strictEqual(error._tag, "CalComDecodeError")
    assert.include(error.message, "decompressed")
    assert.isFalse(isAmbiguous(error))
  })

  it("the body cap is a CalComDecodeError with the status that came", () => {
    const error = transportError(new TypeError("terminated", { cause: new BodyTooLarge(1024, 200) }), ctx)
    assert.strictEqual(error._tag, "CalComDecodeError")
    if (error._tag === "CalComDecodeError") assert.strictEqual(error.status, 200)
  })
})

describe("errorForStatus", () => {
  const status = (code: number, body: unknown, headers: Record<string, string> = {}) =>
    errorForStatus(code, body, new Headers(headers), 0, ctx, [])

  it("a 3xx names its Location and is not retried", () => {
    const error = status(307, "", { location: "https://elsewhere.example/v2/bookings" })
    assert.instanceOf(error, CalComApiError)
    assert.include(error.message, "https://elsewhere.example/v2/bookings")
    assert.isFalse(isAmbiguous(error))
  })

  it("server text copied into a message is capped", () => {
    const error = status(400, { error: { code: "BadRequestException", message: "y".repeat(100_000) } })
    assert.instanceOf(error, CalComValidationError)
    assert.isBelow(error.message.length, 600)
  })
})

describe("scrubError", () => {
  const KEY = "cal_live_scrub0123456789abcdef"
  it("removes the key from message, issues and code, keeping the class", () => {
    const error = new CalComValidationError({
      operation: "Me.get",
      status: 400,
      code: `echo ${KEY}`,
      message: `bad: Bearer ${KEY}`,
      issues: [{ path: "authorization", message: `got ${KEY}` }]
    })
    const clean = scrubError(error, KEY)
    assert.instanceOf(clean, CalComValidationError)
    assert.notInclude(JSON.stringify(clean), KEY)
    assert.include(clean.message, "Bearer [redacted]")
  })
})
