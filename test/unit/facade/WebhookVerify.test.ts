/**
 * `verifyWebhook` against deliveries built and signed exactly as Cal.com's `sendPayload.ts` does
 * (see `test/support/CalComWebhooks.ts` for the file, commit and lines): a valid delivery decodes;
 * a tampered body, a wrong secret, a missing or malformed header and an unsigned webhook are
 * refused with their reason, and the body is never parsed before the signature matches.
 */
import { createHmac } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import {
  type CalComWebhookErrorReason,
  generateWebhookSecret,
  isAuthenticationFailure,
  verifyWebhook,
  verifyWebhookSignature
} from "../../../src/facade/WebhookVerify.js"
import { delivery, samplePayloads, signedDelivery } from "../../support/CalComWebhooks.js"

const SECRET = "whsec-test-0123456789abcdef"
const created = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: SECRET })
const signature = (d: { headers: Record<string, string> }) => d.headers["X-Cal-Signature-256"]

const refusal = (input: Parameters<typeof verifyWebhook>[0]) =>
  Effect.flip(verifyWebhook(input)).pipe(Effect.map((error) => error.reason))

const assertRefused = (reason: CalComWebhookErrorReason, expected: CalComWebhookErrorReason) =>
  assert.strictEqual(reason, expected)

describe("verifyWebhook", () => {
  it.effect("decodes a delivery signed as Cal.com signs it, with the secret as a string or Redacted", () =>
    Effect.gen(function* () {
      for (const secret of [SECRET, Redacted.make(SECRET)]) {
        const event = yield* verifyWebhook({ body: created.body, signature: signature(created), secret })
        assert.strictEqual(event.triggerEvent, "BOOKING_CREATED")
        if (event.triggerEvent !== "BOOKING_CREATED") return
        assert.strictEqual(event.payload.uid, "bk-1")
        assert.strictEqual(DateTime.formatIso(event.payload.startTime), "2026-12-02T10:00:00.000Z")
        assert.strictEqual(DateTime.formatIso(event.createdAt), "2026-12-01T09:00:00.000Z")
        assert.strictEqual(event.payload.attendees?.[0]?.email, "ada@example.com")
      }
    })
  )

  it.effect("verifies the raw bytes too (as received, before any decoding)", () =>
    Effect.gen(function* () {
      const bytes = new TextEncoder().encode(created.body)
      const event = yield* verifyWebhook({ body: bytes, signature: signature(created), secret: SECRET })
      assert.strictEqual(event.triggerEvent, "BOOKING_CREATED")
      const fromBuffer = yield* verifyWebhook({ body: bytes.buffer, signature: signature(created), secret: SECRET })
      assert.strictEqual(fromBuffer.triggerEvent, "BOOKING_CREATED")
      // a view into a larger buffer: only the view's bytes are signed
      const padded = new Uint8Array(bytes.length + 8)
      padded.set(bytes, 4)
      const view = padded.subarray(4, 4 + bytes.length)
      assert.strictEqual(
        (yield* verifyWebhook({ body: view, signature: signature(created), secret: SECRET })).triggerEvent,
        "BOOKING_CREATED"
      )
    })
  )

  it.effect("accepts the signature in upper-case hex and a non-ASCII body", () =>
    Effect.gen(function* () {
      const d = delivery(
        "BOOKING_CREATED",
        { ...(samplePayloads.BOOKING_CREATED as object), title: "Café ☕ with Zoë" },
        {
          secret: SECRET
        }
      )
      const event = yield* verifyWebhook({ body: d.body, signature: signature(d)?.toUpperCase(), secret: SECRET })
      assert.strictEqual(event.triggerEvent === "BOOKING_CREATED" && event.payload.title, "Café ☕ with Zoë")
    })
  )

  it.effect("refuses a tampered body, a wrong secret and a signature for another delivery", () =>
    Effect.gen(function* () {
      const tampered = created.body.replace('"uid":"bk-1"', '"uid":"bk-9"')
      assert.notStrictEqual(tampered, created.body)
      assertRefused(
        yield* refusal({ body: tampered, signature: signature(created), secret: SECRET }),
        "signature-mismatch"
      )
      assertRefused(
        yield* refusal({ body: `${created.body} `, signature: signature(created), secret: SECRET }),
        "signature-mismatch"
      )
      assertRefused(
        yield* refusal({ body: created.body, signature: signature(created), secret: `${SECRET}x` }),
        "signature-mismatch"
      )
      const other = delivery("BOOKING_CANCELLED", samplePayloads.BOOKING_CANCELLED, { secret: SECRET })
      assertRefused(
        yield* refusal({ body: created.body, signature: signature(other), secret: SECRET }),
        "signature-mismatch"
      )
    })
  )

  it.effect("refuses a missing header, a malformed one, and an unsigned webhook's no-secret-provided", () =>
    Effect.gen(function* () {
      for (const missing of [undefined, null, ""]) {
        assertRefused(yield* refusal({ body: created.body, signature: missing, secret: SECRET }), "missing-signature")
      }
      for (const malformed of ["sha256=abc", "xyz", "a".repeat(63), "g".repeat(64), `${"a".repeat(64)}00`]) {
        assertRefused(
          yield* refusal({ body: created.body, signature: malformed, secret: SECRET }),
          "malformed-signature"
        )
      }
      // Cal.com sends this literal when the webhook has no secret (createWebhookSignature, L332-335)
      const unsigned = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: null })
      assert.strictEqual(signature(unsigned), "no-secret-provided")
      assertRefused(
        yield* refusal({ body: unsigned.body, signature: signature(unsigned), secret: SECRET }),
        "unsigned-webhook"
      )
      assertRefused(yield* refusal({ body: created.body, signature: signature(created), secret: "" }), "empty-secret")
      assertRefused(
        yield* refusal({ body: created.body, signature: signature(created), secret: Redacted.make("") }),
        "empty-secret"
      )
    })
  )

  it.effect("never parses an unverified body: a forged non-JSON body is a mismatch, not a parse error", () =>
    Effect.gen(function* () {
      assertRefused(
        yield* refusal({ body: "{not json", signature: "0".repeat(64), secret: SECRET }),
        "signature-mismatch"
      )
      assertRefused(
        yield* refusal({ body: JSON.stringify({ triggerEvent: 1 }), signature: "0".repeat(64), secret: SECRET }),
        "signature-mismatch"
      )
    })
  )

  it.effect("a verified body that is not JSON, not UTF-8, or not a delivery says so", () =>
    Effect.gen(function* () {
      // A payloadTemplate that is not JSON is sent form-encoded (sendPayload.ts L254-255, L281)
      const form = signedDelivery("type=BOOKING_CREATED&title=30min", SECRET)
      assertRefused(yield* refusal({ body: form.body, signature: signature(form), secret: SECRET }), "body-not-json")
      const latin1 = new Uint8Array([0x7b, 0xe9, 0x7d])
      const hex = createHmac("sha256", SECRET).update(latin1).digest("hex")
      assertRefused(yield* refusal({ body: latin1, signature: hex, secret: SECRET }), "body-not-json")
      const template = signedDelivery(JSON.stringify({ content: "A new event has been scheduled" }), SECRET)
      assertRefused(
        yield* refusal({ body: template.body, signature: signature(template), secret: SECRET }),
        "unknown-shape"
      )
      const broken = delivery("BOOKING_CREATED", { startTime: "2026-12-02T10:00:00Z" }, { secret: SECRET })
      const error = yield* Effect.flip(
        verifyWebhook({ body: broken.body, signature: signature(broken), secret: SECRET })
      )
      assert.strictEqual(error.reason, "unknown-shape")
      assert.deepStrictEqual(
        error.issues?.map((i) => i.path),
        ["payload.uid"]
      )
      assert.notInclude(error.message, SECRET)
    })
  )

  it.effect("verifyWebhookSignature returns the verified text of a templated delivery", () =>
    Effect.gen(function* () {
      const template = signedDelivery("type=BOOKING_CREATED&title=30min", SECRET)
      const text = yield* verifyWebhookSignature({
        body: template.body,
        signature: signature(template),
        secret: SECRET
      })
      assert.strictEqual(text, "type=BOOKING_CREATED&title=30min")
      const refused = yield* Effect.flip(
        verifyWebhookSignature({ body: `${template.body}&x=1`, signature: signature(template), secret: SECRET })
      )
      assert.strictEqual(refused.reason, "signature-mismatch")
      assert.isTrue(isAuthenticationFailure(refused))
    })
  )

  it.effect("a replayed delivery verifies again: signatures carry no time (de-duplicate in the handler)", () =>
    Effect.gen(function* () {
      const first = yield* verifyWebhook({ body: created.body, signature: signature(created), secret: SECRET })
      const replay = yield* verifyWebhook({ body: created.body, signature: signature(created), secret: SECRET })
      assert.deepStrictEqual(replay, first)
    })
  )
})

describe("generateWebhookSecret", () => {
  it.effect("is 32 random bytes as 64 hex digits, Redacted, different each time, and usable to verify", () =>
    Effect.gen(function* () {
      const a = yield* generateWebhookSecret
      const b = yield* generateWebhookSecret
      assert.match(Redacted.value(a), /^[0-9a-f]{64}$/)
      assert.notStrictEqual(Redacted.value(a), Redacted.value(b))
      assert.notInclude(String(a), Redacted.value(a))
      const d = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: Redacted.value(a) })
      assert.strictEqual(
        (yield* verifyWebhook({ body: d.body, signature: signature(d), secret: a })).triggerEvent,
        "BOOKING_CREATED"
      )
    })
  )
})
