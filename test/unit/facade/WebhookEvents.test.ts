/**
 * The typed events: every trigger of the pinned document has a member, every trigger's sample
 * payload (built as Cal.com's payload builders build it, `test/support/CalComWebhooks.ts`) decodes,
 * descriptive fields may be missing or null, a trigger this package does not know is kept as
 * `OTHER`, and a known trigger with a broken payload is refused rather than passed off as `OTHER`.
 */
import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import {
  decodeWebhookEvent,
  isBookingEvent,
  isWebhookTrigger,
  type WebhookEvent,
  WebhookTriggers,
  webhookDeliveryKey,
  webhookEventUid
} from "../../../src/facade/WebhookEvents.js"
import { samplePayloads } from "../../support/CalComWebhooks.js"

const document = JSON.parse(
  readFileSync(new URL("../../../generated/openapi.patched.json", import.meta.url), "utf8")
) as { components: { schemas: Record<string, { properties: { triggers: { items: { enum: Array<string> } } } }> } }

const envelope = (triggerEvent: string, payload: unknown, createdAt = "2026-12-01T09:00:00.000Z") => ({
  triggerEvent,
  createdAt,
  payload
})

/** Decodes what arrives on the wire: the JSON text's parse (undefined members vanish, as in Cal.com's JSON.stringify). */
const wire = (json: unknown): unknown => JSON.parse(JSON.stringify(json))
const decode = (json: unknown) => decodeWebhookEvent(wire(json))

describe("WebhookTriggers", () => {
  it("lists exactly the triggers the pinned document offers for webhooks", () => {
    for (const dto of ["CreateWebhookInputDto", "UserWebhookOutputDto", "EventTypeWebhookOutputDto"]) {
      const fromDocument = document.components.schemas[dto]?.properties.triggers.items.enum ?? []
      assert.sameMembers([...WebhookTriggers], fromDocument, dto)
    }
    assert.strictEqual(WebhookTriggers.length, 21)
    assert.strictEqual(new Set(WebhookTriggers).size, 21)
    assert.isTrue(isWebhookTrigger("OOO_CREATED"))
    assert.isFalse(isWebhookTrigger("BOOKING_CONFIRMED"))
  })
})

describe("decodeWebhookEvent", () => {
  for (const trigger of WebhookTriggers) {
    it.effect(`decodes Cal.com's ${trigger} payload`, () =>
      Effect.gen(function* () {
        const event = yield* decode(envelope(trigger, samplePayloads[trigger]))
        assert.strictEqual(event.triggerEvent, trigger)
        assert.strictEqual(DateTime.formatIso(event.createdAt), "2026-12-01T09:00:00.000Z")
        // a known trigger is never taken for an unknown one, even when its payload is broken
        const broken = yield* Effect.flip(decode(envelope(trigger, "not an object")))
        assert.instanceOf(broken, Schema.SchemaError)
      })
    )
  }

  it.effect("booking events carry the booking: uid, instants, people, answers and the trigger's extras", () =>
    Effect.gen(function* () {
      const event = yield* decode(envelope("BOOKING_RESCHEDULED", samplePayloads.BOOKING_RESCHEDULED))
      assert.isTrue(isBookingEvent(event))
      if (event.triggerEvent !== "BOOKING_RESCHEDULED") return assert.fail("narrowing")
      const p = event.payload
      assert.strictEqual(p.uid, "bk-2")
      assert.strictEqual(p.rescheduleUid, "bk-1")
      assert.strictEqual(p.rescheduleStartTime && DateTime.formatIso(p.rescheduleStartTime), "2026-12-02T10:00:00.000Z")
      assert.strictEqual(DateTime.formatIso(p.startTime), "2026-12-03T15:00:00.000Z")
      assert.strictEqual(p.organizer?.utcOffset, 60)
      assert.strictEqual(p.attendees?.[0]?.firstName, "Ada")
      assert.strictEqual(p.responses?.email?.value, "ada@example.com")
      assert.strictEqual(p.status, "ACCEPTED")
      const cancelled = yield* decode(envelope("BOOKING_CANCELLED", samplePayloads.BOOKING_CANCELLED))
      assert.strictEqual(
        cancelled.triggerEvent === "BOOKING_CANCELLED" && cancelled.payload.cancellationReason,
        "Conflict"
      )
    })
  )

  it.effect("is tolerant: only what a receiver needs is required, descriptive fields may be null", () =>
    Effect.gen(function* () {
      const minimal = yield* decode(
        envelope("BOOKING_CREATED", {
          uid: "bk-1",
          startTime: "2026-12-02T10:00:00+01:00",
          endTime: "2026-12-02T10:30:00+01:00"
        })
      )
      assert.strictEqual(
        minimal.triggerEvent === "BOOKING_CREATED" && DateTime.formatIso(minimal.payload.startTime),
        "2026-12-02T09:00:00.000Z"
      )
      const nulls = yield* decode(
        envelope("BOOKING_CREATED", {
          uid: "bk-1",
          startTime: "2026-12-02T10:00:00Z",
          endTime: "2026-12-02T10:30:00Z",
          title: null,
          description: null,
          location: null,
          organizer: { email: "olga@example.com", name: null, timeZone: null, language: null },
          attendees: null,
          metadata: null,
          newFieldFromTheFuture: { anything: true }
        })
      )
      assert.strictEqual(nulls.triggerEvent, "BOOKING_CREATED")
      assert.notProperty(nulls.payload as object, "newFieldFromTheFuture")
    })
  )

  it.effect("refuses a booking without its uid or with an impossible instant", () =>
    Effect.gen(function* () {
      yield* Effect.flip(
        decode(envelope("BOOKING_CREATED", { startTime: "2026-12-02T10:00:00Z", endTime: "2026-12-02T10:30:00Z" }))
      )
      yield* Effect.flip(
        decode(envelope("BOOKING_CREATED", { uid: "bk-1", startTime: "tomorrow", endTime: "2026-12-02T10:30:00Z" }))
      )
      yield* Effect.flip(decode({ triggerEvent: "BOOKING_CREATED", payload: samplePayloads.BOOKING_CREATED }))
      yield* Effect.flip(decode({ createdAt: "2026-12-01T09:00:00.000Z", payload: {} }))
    })
  )

  it.effect("keeps a trigger it does not know as OTHER, with its name and payload", () =>
    Effect.gen(function* () {
      const event = yield* decode(envelope("BOOKING_COMPLETED", { uid: "bk-1", anything: [1, 2] }))
      assert.strictEqual(event.triggerEvent, "OTHER")
      if (event.triggerEvent !== "OTHER") return
      assert.strictEqual(event.trigger, "BOOKING_COMPLETED")
      assert.deepStrictEqual(event.payload, { uid: "bk-1", anything: [1, 2] })
      assert.strictEqual(webhookEventUid(event), "bk-1")
      const noPayload = yield* decode({ triggerEvent: "PING", createdAt: "2026-12-01T09:00:00Z" })
      assert.strictEqual(noPayload.triggerEvent === "OTHER" && noPayload.trigger, "PING")
    })
  )
})

describe("webhookDeliveryKey", () => {
  const eventOf = (trigger: string, payload: unknown, createdAt?: string) =>
    Effect.runSync(decode(envelope(trigger, payload, createdAt))) as WebhookEvent

  it("is trigger, uid and createdAt: equal for a repeated delivery, different for another event", () => {
    const created = eventOf("BOOKING_CREATED", samplePayloads.BOOKING_CREATED)
    assert.strictEqual(webhookDeliveryKey(created), "BOOKING_CREATED:bk-1:2026-12-01T09:00:00.000Z")
    assert.strictEqual(
      webhookDeliveryKey(eventOf("BOOKING_CREATED", samplePayloads.BOOKING_CREATED)),
      webhookDeliveryKey(created)
    )
    assert.notStrictEqual(
      webhookDeliveryKey(eventOf("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, "2026-12-01T09:00:01.000Z")),
      webhookDeliveryKey(created)
    )
    assert.notStrictEqual(
      webhookDeliveryKey(eventOf("BOOKING_CANCELLED", samplePayloads.BOOKING_CANCELLED)),
      webhookDeliveryKey(created)
    )
    assert.strictEqual(webhookDeliveryKey(eventOf("PING", {})), "PING::2026-12-01T09:00:00.000Z")
  })

  it("finds the uid of every kind of event", () => {
    const uids = Object.fromEntries(
      WebhookTriggers.map((trigger) => [trigger, webhookEventUid(eventOf(trigger, samplePayloads[trigger]))])
    )
    assert.strictEqual(uids.BOOKING_NO_SHOW_UPDATED, "bk-1")
    assert.strictEqual(uids.MEETING_STARTED, "bk-meeting")
    assert.strictEqual(uids.AFTER_HOSTS_CAL_VIDEO_NO_SHOW, "bk-meeting")
    assert.strictEqual(uids.OOO_CREATED, "4f0c3c8e-1b2a-4c9d-8e7f-6a5b4c3d2e1f")
    assert.strictEqual(uids.WRONG_ASSIGNMENT_REPORT, "bk-1")
    assert.strictEqual(uids.ROUTING_FORM_FALLBACK_HIT, "456")
    assert.strictEqual(uids.FORM_SUBMITTED, "form-abc")
  })
})
