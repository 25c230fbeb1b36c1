/**
 * Verifying a Cal.com webhook delivery before anything reads it.
 *
 * Cal.com signs the raw body: `X-Cal-Signature-256` is the hex HMAC-SHA256 of the exact bytes sent,
 * keyed with the webhook's secret, or the literal `no-secret-provided` when the webhook has no
 * secret (`createWebhookSignature` in Cal.com's `packages/features/webhooks/lib/sendPayload.ts`).
 * {@link verifyWebhook} recomputes the HMAC with Web Crypto (any runtime: Node 20+, Bun, Deno,
 * Workers, browsers), compares in constant time, and only then parses and decodes the body.
 *
 * Gotcha: nothing signed carries a time, so a captured delivery verifies forever. A receiver that
 * must not act twice de-duplicates by {@link webhookDeliveryKey} (see `webhookHandler`'s `dedupe`).
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { schemaIssues } from "./Decode.js"
import { ValidationIssue } from "./Errors.js"
import { decodeWebhookEvent, type WebhookEvent } from "./WebhookEvents.js"

/** The header that carries the signature (HTTP headers are case-insensitive). */
export const SIGNATURE_HEADER = "x-cal-signature-256"

/** The header that carries the payload version, `2021-10-20` today. */
export const VERSION_HEADER = "x-cal-webhook-version"

/** What Cal.com sends as the signature when the webhook has no secret. */
export const UNSIGNED_SIGNATURE = "no-secret-provided"

/** Why a delivery was refused. */
export const CalComWebhookErrorReason = Schema.Literals([
  /** No `X-Cal-Signature-256` header. */
  "missing-signature",
  /** The header is not 64 hex digits. */
  "malformed-signature",
  /** The HMAC does not match: wrong secret, or the body was changed. */
  "signature-mismatch",
  /** Cal.com sent `no-secret-provided`: the webhook was created without a secret. */
  "unsigned-webhook",
  /** The secret given to verify with is empty. */
  "empty-secret",
  /** Verified, but the body is not UTF-8 JSON (a non-JSON `payloadTemplate` sends form data). */
  "body-not-json",
  /** Verified JSON that is not a delivery of a known shape (a `payloadTemplate`, or a broken payload). */
  "unknown-shape",
  /** The body is larger than the receiver accepts (`webhookHandler`'s `maxBodyBytes`). */
  "body-too-large",
  /** The runtime's Web Crypto failed or is missing. */
  "crypto-unavailable"
])
export type CalComWebhookErrorReason = typeof CalComWebhookErrorReason.Type

/**
 * A webhook delivery was refused. Never contains the secret; `issues` (for `unknown-shape`) name
 * fields and what was expected, not the values sent.
 */
export class CalComWebhookError extends Schema.TaggedError<CalComWebhookError>()("CalComWebhookError", {
  reason: CalComWebhookErrorReason,
  message: Schema.String,
  issues: Schema.optional(Schema.Array(ValidationIssue))
}) {}

/** Whether the error means the sender is not who it claims (answer 401) rather than a bad body. */
export const isAuthenticationFailure = (error: CalComWebhookError): boolean =>
  error.reason === "missing-signature" ||
  error.reason === "malformed-signature" ||
  error.reason === "signature-mismatch" ||
  error.reason === "unsigned-webhook" ||
  error.reason === "empty-secret"

/** A webhook secret: as a string, or `Redacted` (as `webhooks.create` returns it). */
export type WebhookSecret = string | Redacted.Redacted<string>

/** The raw body exactly as received: text, or bytes (preferred: no re-encoding). */
export type WebhookBody = string | Uint8Array | ArrayBuffer

export interface VerifyWebhookInput {
  readonly body: WebhookBody
  /** The `X-Cal-Signature-256` header value (`request.headers.get("x-cal-signature-256")`). */
  readonly signature: string | null | undefined
  readonly secret: WebhookSecret
}

const fail = (reason: CalComWebhookErrorReason, message: string, issues?: ReadonlyArray<ValidationIssue>) =>
  Effect.fail(new CalComWebhookError({ reason, message, ...(issues === undefined ? {} : { issues }) }))

const encoder = new TextEncoder()
const decoder = new TextDecoder("utf-8", { fatal: true })

const bytesOf = (body: WebhookBody): Uint8Array<ArrayBuffer> =>
  typeof body === "string"
    ? encoder.encode(body)
    : body instanceof ArrayBuffer
      ? new Uint8Array(body)
      : new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer)

/** The 32 bytes a well-formed signature names, or undefined. */
const parseSignature = (signature: string): Uint8Array | undefined => {
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return undefined
  const bytes = new Uint8Array(32)
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(signature.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/** Compares two equal-length byte strings in time independent of where they differ. */
const constantTimeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}

const subtle = (): SubtleCrypto | undefined => (globalThis as { crypto?: Crypto }).crypto?.subtle

/**
 * A verifier for one secret: the HMAC key is imported once and reused for every delivery.
 * Returns the verified body bytes.
 *
 * @internal
 */
export const makeSignatureVerifier = (secret: WebhookSecret) => {
  // The secret leaves its Redacted wrapper only to become the HMAC key.
  const raw = typeof secret === "string" ? secret : Redacted.value(secret)
  let key: Promise<CryptoKey> | undefined
  const keyOnce = () => {
    const crypto = subtle()
    if (crypto === undefined) return Promise.reject(new Error("crypto.subtle is not available"))
    key ??= crypto.importKey("raw", encoder.encode(raw), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
    return key
  }

  return Effect.fn("Webhooks.verifySignature")(function* (
    body: WebhookBody,
    signature: string | null | undefined
  ): Effect.fn.Return<Uint8Array, CalComWebhookError> {
    if (raw.length === 0) return yield* fail("empty-secret", "the webhook secret to verify with is empty")
    if (signature === null || signature === undefined || signature === "")
      return yield* fail("missing-signature", "the delivery has no X-Cal-Signature-256 header")
    if (signature === UNSIGNED_SIGNATURE)
      return yield* fail(
        "unsigned-webhook",
        "the delivery is unsigned (no-secret-provided): the webhook was created without a secret"
      )
    const expected = parseSignature(signature.trim())
    if (expected === undefined)
      return yield* fail("malformed-signature", "X-Cal-Signature-256 is not a hex HMAC-SHA256 (64 hex digits)")
    const bytes = bytesOf(body)
    const actual = yield* Effect.tryPromise({
      try: async () => new Uint8Array(await (subtle() as SubtleCrypto).sign("HMAC", await keyOnce(), bytes)),
      catch: (cause) =>
        new CalComWebhookError({
          reason: "crypto-unavailable",
          message: `Web Crypto HMAC failed: ${cause instanceof Error ? cause.name : "unknown error"}`
        })
    })
    if (!constantTimeEqual(actual, expected))
      return yield* fail("signature-mismatch", "the signature does not match the body (wrong secret or altered body)")
    return bytes
  })
}

/**
 * A new webhook secret: 32 random bytes from the platform's CSPRNG (`crypto.getRandomValues`), as
 * 64 hex digits. `webhooks.create` uses it when no secret is given.
 */
export const generateWebhookSecret: Effect.Effect<Redacted.Redacted<string>> = Effect.sync(() => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32))
  return Redacted.make(Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""))
})

/**
 * Parses and decodes a body that has already been verified.
 *
 * @internal
 */
export const decodeVerifiedBody = (bytes: Uint8Array): Effect.Effect<WebhookEvent, CalComWebhookError> =>
  Effect.try({
    try: () => JSON.parse(decoder.decode(bytes)) as unknown,
    catch: () =>
      new CalComWebhookError({
        reason: "body-not-json",
        message: "the verified body is not UTF-8 JSON (a payloadTemplate that is not JSON is sent form-encoded)"
      })
  }).pipe(
    Effect.flatMap(decodeWebhookEvent),
    Effect.catchTag("SchemaError", (error) => {
      const issues = schemaIssues(error)
      return fail(
        "unknown-shape",
        `the verified body is not a Cal.com delivery of a known shape (${issues
          .map((i) => `${i.path || "body"}: ${i.message}`)
          .slice(0, 5)
          .join("; ")})`,
        issues
      )
    })
  )

/**
 * Verifies a delivery's signature over its raw body and returns the raw body, for webhooks with a
 * custom `payloadTemplate` (whose body is whatever the template produces).
 */
export const verifyWebhookSignature = (input: VerifyWebhookInput): Effect.Effect<string, CalComWebhookError> =>
  makeSignatureVerifier(input.secret)(input.body, input.signature).pipe(
    Effect.flatMap((bytes) =>
      Effect.try({
        try: () => decoder.decode(bytes),
        catch: () => new CalComWebhookError({ reason: "body-not-json", message: "the verified body is not UTF-8" })
      })
    )
  )

/**
 * Verifies a Cal.com delivery and decodes it into a typed {@link WebhookEvent}.
 *
 * Pass the body exactly as received (`await request.text()` or the raw bytes, never a re-serialised
 * `JSON.parse` result), the `X-Cal-Signature-256` header, and the webhook's secret. The body is
 * parsed only after the signature matches.
 *
 * ```ts
 * const event = yield* verifyWebhook({ body, signature: request.headers.get("x-cal-signature-256"), secret })
 * if (event.triggerEvent === "BOOKING_CANCELLED") console.log(event.payload.uid, event.payload.cancellationReason)
 * ```
 */
export const verifyWebhook = (input: VerifyWebhookInput): Effect.Effect<WebhookEvent, CalComWebhookError> =>
  makeSignatureVerifier(input.secret)(input.body, input.signature).pipe(Effect.flatMap(decodeVerifiedBody))
