/**
 * The events Cal.com delivers to a webhook, as `effect/Schema` models: one union discriminated
 * by `triggerEvent`, covering every trigger the pinned document lists.
 *
 * A delivery is `{ triggerEvent, createdAt, payload }` (Cal.com's `sendPayload` and
 * `sendGenericWebhookPayload`), and each trigger's payload is what Cal.com's payload builders put
 * there (`packages/features/webhooks/lib/factory/versioned/v2021-10-20/*` in Cal.com's source, the
 * payload version sent in `X-Cal-Webhook-Version`). The models follow the same rule as the
 * response models: required only what a receiver needs to act (a booking's `uid` and times, a form's
 * id), every descriptive field optional and nullable, unknown fields dropped. A trigger this package
 * does not know yet decodes to {@link OtherWebhookEvent} instead of failing, so a new Cal.com
 * feature never breaks a receiver; a known trigger whose payload does not match is an error.
 *
 * Instants (`startTime`, `createdAt`, ...) decode to `DateTime.Utc`.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"
import type { components } from "../../generated/openapi.js"
import { JsonObject, optionalNullable } from "./internal/Fields.js"

// ---------------------------------------------------------------------------------------------
// Triggers
// ---------------------------------------------------------------------------------------------

/** The triggers the pinned document offers when creating a webhook. */
type DocumentTrigger = components["schemas"]["CreateWebhookInputDto"]["triggers"][number]

/** Booking lifecycle triggers: the payload is the booking as a calendar event. */
export const BookingTriggers = [
  "BOOKING_CREATED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REQUESTED",
  "BOOKING_REJECTED",
  "BOOKING_PAID",
  "BOOKING_PAYMENT_INITIATED"
] as const satisfies ReadonlyArray<DocumentTrigger>

/** Cal Video start and end: the payload is the booking row. */
export const MeetingTriggers = ["MEETING_STARTED", "MEETING_ENDED"] as const satisfies ReadonlyArray<DocumentTrigger>

/** Cal Video no-shows detected after the meeting started (scheduled by Cal.com). */
export const CalVideoNoShowTriggers = [
  "AFTER_HOSTS_CAL_VIDEO_NO_SHOW",
  "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"
] as const satisfies ReadonlyArray<DocumentTrigger>

/** Routing form submissions, with or without a booked event. */
export const FormTriggers = [
  "FORM_SUBMITTED",
  "FORM_SUBMITTED_NO_EVENT"
] as const satisfies ReadonlyArray<DocumentTrigger>

/** Every other trigger, one payload shape each. */
const SingleTriggers = [
  "BOOKING_NO_SHOW_UPDATED",
  "RECORDING_READY",
  "RECORDING_TRANSCRIPTION_GENERATED",
  "INSTANT_MEETING",
  "OOO_CREATED",
  "ROUTING_FORM_FALLBACK_HIT",
  "DELEGATION_CREDENTIAL_ERROR",
  "WRONG_ASSIGNMENT_REPORT"
] as const satisfies ReadonlyArray<DocumentTrigger>

/** Every trigger of the pinned document (21), each in exactly one group above. */
export const WebhookTriggers = [
  ...BookingTriggers,
  ...MeetingTriggers,
  ...CalVideoNoShowTriggers,
  ...FormTriggers,
  ...SingleTriggers
] as const

/** A trigger this package has a typed payload for. */
export type WebhookTrigger = (typeof WebhookTriggers)[number]

// Fails to compile when the document gains a trigger the groups do not cover.
type Uncovered = Exclude<DocumentTrigger, WebhookTrigger>
const everyDocumentTriggerIsCovered: [Uncovered] extends [never] ? true : Uncovered = true
void everyDocumentTriggerIsCovered

const knownTriggers: ReadonlySet<string> = new Set(WebhookTriggers)

/** Whether `trigger` is one this package has a typed payload for. */
export const isWebhookTrigger = (trigger: string): trigger is WebhookTrigger => knownTriggers.has(trigger)

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** An optional key that Cal.com may also send as `null`. */
const opt = optionalNullable

const Instant = Schema.DateTimeUtcFromString

/**
 * A person on a booking (`Person` in Cal.com's `packages/types/Calendar.d.ts`), as serialised:
 * `language.translate` is a function and disappears in JSON; `utcOffset` (minutes) is added by the
 * payload builder; `firstName`/`lastName` are derived from `name` for attendees.
 */
export const WebhookPerson = Schema.Struct({
  email: Schema.String,
  name: opt(Schema.String),
  timeZone: opt(Schema.String),
  language: opt(Schema.Struct({ locale: opt(Schema.String) })),
  locale: opt(Schema.String),
  username: opt(Schema.String),
  usernameInOrg: opt(Schema.String),
  id: opt(Schema.Number),
  utcOffset: opt(Schema.Number),
  firstName: opt(Schema.String),
  lastName: opt(Schema.String),
  phoneNumber: opt(Schema.String),
  timeFormat: opt(Schema.Number)
}).annotate({ identifier: "WebhookPerson" })
export type WebhookPerson = typeof WebhookPerson.Type

/** One booking question's answer (`CalEventResponses`): its label and value (any JSON). */
export const WebhookResponse = Schema.Struct({
  label: opt(Schema.String),
  value: Schema.optionalKey(Schema.Unknown),
  isHidden: opt(Schema.Boolean)
})
export type WebhookResponse = typeof WebhookResponse.Type

/** Booking questions' answers by field name (`name`, `email`, `notes`, ...). */
const Responses = Schema.Record(Schema.String, WebhookResponse)

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

/**
 * A booking as the booking triggers carry it: Cal.com's `CalendarEvent` spread into the payload
 * with the booking id, status, event type details and the trigger's extras (`BookingPayloadBuilder`
 * v2021-10-20). `uid` identifies the booking; on `BOOKING_RESCHEDULED` it is the new booking and
 * `rescheduleUid` the one it replaces (at `rescheduleStartTime`–`rescheduleEndTime`).
 */
export const WebhookBookingPayload = Schema.Struct({
  uid: Schema.String,
  startTime: Instant,
  endTime: Instant,
  bookingId: opt(Schema.Number),
  /** `ACCEPTED`, `PENDING`, `CANCELLED`, `REJECTED`: an open set. */
  status: opt(Schema.String),
  title: opt(Schema.String),
  /** The event type's slug. */
  type: opt(Schema.String),
  eventTypeId: opt(Schema.Number),
  description: opt(Schema.String),
  additionalNotes: opt(Schema.String),
  location: opt(Schema.String),
  organizer: opt(WebhookPerson),
  attendees: opt(Schema.Array(WebhookPerson)),
  responses: opt(Responses),
  userFieldsResponses: opt(Responses),
  customInputs: opt(JsonObject),
  metadata: opt(JsonObject),
  iCalUID: opt(Schema.String),
  iCalSequence: opt(Schema.Number),
  eventTitle: opt(Schema.String),
  eventDescription: opt(Schema.String),
  requiresConfirmation: opt(Schema.Boolean),
  price: opt(Schema.Number),
  currency: opt(Schema.String),
  length: opt(Schema.Number),
  smsReminderNumber: opt(Schema.String),
  /** `BOOKING_RESCHEDULED`: the replaced booking, its id and times, and who moved it. */
  rescheduleUid: opt(Schema.String),
  rescheduleId: opt(Schema.Number),
  rescheduleStartTime: opt(Instant),
  rescheduleEndTime: opt(Instant),
  rescheduledBy: opt(Schema.String),
  /** `BOOKING_CANCELLED`. */
  cancellationReason: opt(Schema.String),
  cancelledBy: opt(Schema.String),
  requestReschedule: opt(Schema.Boolean),
  /** `BOOKING_REJECTED`. */
  rejectionReason: opt(Schema.String),
  /** `BOOKING_PAID` and `BOOKING_PAYMENT_INITIATED`. */
  paymentId: opt(Schema.Number),
  paymentData: opt(JsonObject)
}).annotate({ identifier: "WebhookBookingPayload" })
export type WebhookBookingPayload = typeof WebhookBookingPayload.Type

/** `BOOKING_NO_SHOW_UPDATED`: attendees marked (or unmarked) as no-shows (`buildNoShowPayload`). */
export const WebhookNoShowUpdatedPayload = Schema.Struct({
  bookingUid: Schema.String,
  bookingId: opt(Schema.Number),
  message: opt(Schema.String),
  attendees: Schema.Array(Schema.Struct({ email: Schema.String, noShow: Schema.Boolean }))
}).annotate({ identifier: "WebhookNoShowUpdatedPayload" })
export type WebhookNoShowUpdatedPayload = typeof WebhookNoShowUpdatedPayload.Type

/** `MEETING_STARTED` / `MEETING_ENDED`: the booking row (`MeetingStartedDTO.booking`). */
export const WebhookMeetingPayload = Schema.Struct({
  startTime: Instant,
  endTime: Instant,
  id: opt(Schema.Number),
  uid: opt(Schema.String),
  title: opt(Schema.String),
  description: opt(Schema.String),
  location: opt(Schema.String),
  status: opt(Schema.String),
  responses: opt(JsonObject),
  userFieldsResponses: opt(JsonObject),
  customInputs: opt(JsonObject),
  user: opt(
    Schema.Struct({
      email: Schema.String,
      name: opt(Schema.String),
      username: opt(Schema.String),
      timeZone: opt(Schema.String),
      locale: opt(Schema.String)
    })
  ),
  eventType: opt(JsonObject),
  attendees: opt(Schema.Array(WebhookPerson))
}).annotate({ identifier: "WebhookMeetingPayload" })
export type WebhookMeetingPayload = typeof WebhookMeetingPayload.Type

/**
 * `AFTER_HOSTS_CAL_VIDEO_NO_SHOW` / `AFTER_GUESTS_CAL_VIDEO_NO_SHOW` (Cal.com's
 * `tasker/tasks/triggerNoShow/common.ts`): the booking, the Daily participants, and for hosts the
 * host who did not join.
 */
export const WebhookCalVideoNoShowPayload = Schema.Struct({
  bookingId: Schema.Number,
  bookingUid: opt(Schema.String),
  title: opt(Schema.String),
  startTime: opt(Instant),
  endTime: opt(Instant),
  hostEmail: opt(Schema.String),
  message: opt(Schema.String),
  rescheduledBy: opt(Schema.String),
  attendees: opt(Schema.Array(WebhookPerson)),
  participants: opt(Schema.Array(JsonObject)),
  eventType: opt(JsonObject),
  /** The webhook that scheduled the check, without its secret. */
  webhook: opt(JsonObject)
}).annotate({ identifier: "WebhookCalVideoNoShowPayload" })
export type WebhookCalVideoNoShowPayload = typeof WebhookCalVideoNoShowPayload.Type

/** `RECORDING_READY`: where to download the Cal Video recording. */
export const WebhookRecordingReadyPayload = Schema.Struct({
  downloadLink: Schema.String
}).annotate({ identifier: "WebhookRecordingReadyPayload" })
export type WebhookRecordingReadyPayload = typeof WebhookRecordingReadyPayload.Type

/** `RECORDING_TRANSCRIPTION_GENERATED`: transcript links by format, and the recording. */
export const WebhookTranscriptionPayload = Schema.Struct({
  downloadLinks: opt(
    Schema.Struct({
      transcription: opt(Schema.Array(Schema.Struct({ format: opt(Schema.String), link: Schema.String }))),
      recording: opt(Schema.String)
    })
  )
}).annotate({ identifier: "WebhookTranscriptionPayload" })
export type WebhookTranscriptionPayload = typeof WebhookTranscriptionPayload.Type

/** `INSTANT_MEETING`: a notification-style payload (`InstantMeetingBuilder`). */
export const WebhookInstantMeetingPayload = Schema.Struct({
  title: opt(Schema.String),
  body: opt(Schema.String),
  icon: opt(Schema.String),
  url: opt(Schema.String),
  type: opt(Schema.String),
  requireInteraction: opt(Schema.Boolean),
  actions: opt(Schema.Array(JsonObject))
}).annotate({ identifier: "WebhookInstantMeetingPayload" })
export type WebhookInstantMeetingPayload = typeof WebhookInstantMeetingPayload.Type

const OooUser = Schema.Struct({
  id: Schema.Number,
  email: opt(Schema.String),
  name: opt(Schema.String),
  username: opt(Schema.String),
  timeZone: opt(Schema.String)
})

/** `OOO_CREATED`: an out-of-office entry (`OOOEntryPayloadType`), `toUser` the redirect target. */
export const WebhookOooPayload = Schema.Struct({
  oooEntry: Schema.Struct({
    id: Schema.Number,
    uuid: opt(Schema.String),
    start: Instant,
    end: Instant,
    createdAt: opt(Instant),
    updatedAt: opt(Instant),
    notes: opt(Schema.String),
    reasonId: opt(Schema.Number),
    reason: opt(Schema.Struct({ emoji: opt(Schema.String), reason: opt(Schema.String) })),
    user: opt(OooUser),
    toUser: opt(OooUser)
  })
}).annotate({ identifier: "WebhookOooPayload" })
export type WebhookOooPayload = typeof WebhookOooPayload.Type

/** A routing form answer: `value` (or `response` in older forms) and the field's label. */
const FormResponse = Schema.Struct({
  label: opt(Schema.String),
  value: Schema.optionalKey(Schema.Unknown),
  response: Schema.optionalKey(Schema.Unknown)
})

/** Which form: its id, name and team (`FormPayloadBuilder`). */
const formFields = { formId: Schema.String, formName: opt(Schema.String), teamId: opt(Schema.Number) }

/**
 * `FORM_SUBMITTED` / `FORM_SUBMITTED_NO_EVENT` (`FormPayloadBuilder`). Cal.com also copies each
 * answer's value to the top level of the payload, keyed by field id, for old receivers; those
 * keys are dropped here: read `responses`.
 */
export const WebhookFormPayload = Schema.Struct({
  ...formFields,
  responses: Schema.Record(Schema.String, FormResponse)
}).annotate({ identifier: "WebhookFormPayload" })
export type WebhookFormPayload = typeof WebhookFormPayload.Type

/** `ROUTING_FORM_FALLBACK_HIT`: a submission that matched only the fallback route. */
export const WebhookRoutingFallbackPayload = Schema.Struct({
  ...formFields,
  responseId: opt(Schema.Number),
  fallbackAction: opt(
    Schema.Struct({ type: Schema.String, value: opt(Schema.String), eventTypeId: opt(Schema.Number) })
  ),
  responses: opt(Schema.Record(Schema.String, FormResponse))
}).annotate({ identifier: "WebhookRoutingFallbackPayload" })
export type WebhookRoutingFallbackPayload = typeof WebhookRoutingFallbackPayload.Type

/** `DELEGATION_CREDENTIAL_ERROR`: an organization's delegated calendar credential failed. */
export const WebhookDelegationErrorPayload = Schema.Struct({
  error: Schema.Struct({ type: opt(Schema.String), message: opt(Schema.String) }),
  credential: Schema.Struct({
    id: Schema.Number,
    type: opt(Schema.String),
    appId: opt(Schema.String),
    delegationCredentialId: opt(Schema.String)
  }),
  user: Schema.Struct({ id: Schema.Number, email: opt(Schema.String), organizationId: opt(Schema.Number) })
}).annotate({ identifier: "WebhookDelegationErrorPayload" })
export type WebhookDelegationErrorPayload = typeof WebhookDelegationErrorPayload.Type

/** `WRONG_ASSIGNMENT_REPORT`: someone reported a round-robin booking as assigned to the wrong host. */
export const WebhookWrongAssignmentPayload = Schema.Struct({
  booking: Schema.Struct({
    uid: Schema.String,
    id: opt(Schema.Number),
    title: opt(Schema.String),
    startTime: opt(Instant),
    endTime: opt(Instant),
    status: opt(Schema.String),
    eventType: opt(JsonObject)
  }),
  report: Schema.Struct({
    reportedBy: opt(Schema.Struct({ id: opt(Schema.Number), email: opt(Schema.String), name: opt(Schema.String) })),
    firstAssignmentReason: opt(Schema.String),
    guest: opt(Schema.String),
    host: opt(Schema.Struct({ email: opt(Schema.String), name: opt(Schema.String) })),
    correctAssignee: opt(Schema.String),
    additionalNotes: opt(Schema.String)
  })
}).annotate({ identifier: "WebhookWrongAssignmentPayload" })
export type WebhookWrongAssignmentPayload = typeof WebhookWrongAssignmentPayload.Type

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/** One delivery: which trigger, when Cal.com created it, and the trigger's payload. */
const event = <T extends ReadonlyArray<WebhookTrigger>, P extends Schema.Top>(
  identifier: string,
  triggers: T,
  payload: P
) =>
  Schema.Struct({
    triggerEvent: Schema.Literals(triggers),
    createdAt: Instant,
    payload
  }).annotate({ identifier })

export const WebhookBookingEvent = event("WebhookBookingEvent", BookingTriggers, WebhookBookingPayload)
export type WebhookBookingEvent = typeof WebhookBookingEvent.Type

export const WebhookNoShowUpdatedEvent = event(
  "WebhookNoShowUpdatedEvent",
  ["BOOKING_NO_SHOW_UPDATED"],
  WebhookNoShowUpdatedPayload
)
export type WebhookNoShowUpdatedEvent = typeof WebhookNoShowUpdatedEvent.Type

export const WebhookMeetingEvent = event("WebhookMeetingEvent", MeetingTriggers, WebhookMeetingPayload)
export type WebhookMeetingEvent = typeof WebhookMeetingEvent.Type

export const WebhookCalVideoNoShowEvent = event(
  "WebhookCalVideoNoShowEvent",
  CalVideoNoShowTriggers,
  WebhookCalVideoNoShowPayload
)
export type WebhookCalVideoNoShowEvent = typeof WebhookCalVideoNoShowEvent.Type

export const WebhookRecordingReadyEvent = event(
  "WebhookRecordingReadyEvent",
  ["RECORDING_READY"],
  WebhookRecordingReadyPayload
)
export type WebhookRecordingReadyEvent = typeof WebhookRecordingReadyEvent.Type

export const WebhookTranscriptionEvent = event(
  "WebhookTranscriptionEvent",
  ["RECORDING_TRANSCRIPTION_GENERATED"],
  WebhookTranscriptionPayload
)
export type WebhookTranscriptionEvent = typeof WebhookTranscriptionEvent.Type

export const WebhookInstantMeetingEvent = event(
  "WebhookInstantMeetingEvent",
  ["INSTANT_MEETING"],
  WebhookInstantMeetingPayload
)
export type WebhookInstantMeetingEvent = typeof WebhookInstantMeetingEvent.Type

export const WebhookOooEvent = event("WebhookOooEvent", ["OOO_CREATED"], WebhookOooPayload)
export type WebhookOooEvent = typeof WebhookOooEvent.Type

export const WebhookFormEvent = event("WebhookFormEvent", FormTriggers, WebhookFormPayload)
export type WebhookFormEvent = typeof WebhookFormEvent.Type

export const WebhookRoutingFallbackEvent = event(
  "WebhookRoutingFallbackEvent",
  ["ROUTING_FORM_FALLBACK_HIT"],
  WebhookRoutingFallbackPayload
)
export type WebhookRoutingFallbackEvent = typeof WebhookRoutingFallbackEvent.Type

export const WebhookDelegationErrorEvent = event(
  "WebhookDelegationErrorEvent",
  ["DELEGATION_CREDENTIAL_ERROR"],
  WebhookDelegationErrorPayload
)
export type WebhookDelegationErrorEvent = typeof WebhookDelegationErrorEvent.Type

export const WebhookWrongAssignmentEvent = event(
  "WebhookWrongAssignmentEvent",
  ["WRONG_ASSIGNMENT_REPORT"],
  WebhookWrongAssignmentPayload
)
export type WebhookWrongAssignmentEvent = typeof WebhookWrongAssignmentEvent.Type

/**
 * A delivery for a trigger this package does not know (one added to Cal.com after this version),
 * kept rather than refused: `triggerEvent` is `"OTHER"` (so `switch (event.triggerEvent)` still
 * narrows the typed events), `trigger` the name Cal.com sent, `payload` plain JSON.
 */
export const OtherWebhookEvent = Schema.Struct({
  triggerEvent: Schema.String.check(
    Schema.makeFilter((s: string) => !knownTriggers.has(s) || `${s} has a typed event`, {
      expected: "a trigger without a typed event"
    })
  ),
  createdAt: Schema.String,
  payload: Schema.optionalKey(Schema.Unknown)
}).pipe(
  Schema.decodeTo(
    Schema.Struct({
      triggerEvent: Schema.Literal("OTHER"),
      trigger: Schema.String,
      createdAt: Instant,
      payload: Schema.optionalKey(Schema.Unknown)
    }),
    SchemaTransformation.transform({
      decode: ({ triggerEvent, ...rest }) => ({ ...rest, triggerEvent: "OTHER" as const, trigger: triggerEvent }),
      encode: ({ trigger, triggerEvent: _, ...rest }) => ({ ...rest, triggerEvent: trigger })
    })
  ),
  Schema.annotate({ identifier: "OtherWebhookEvent" })
)
export type OtherWebhookEvent = typeof OtherWebhookEvent.Type

const members = [
  WebhookBookingEvent,
  WebhookNoShowUpdatedEvent,
  WebhookMeetingEvent,
  WebhookCalVideoNoShowEvent,
  WebhookRecordingReadyEvent,
  WebhookTranscriptionEvent,
  WebhookInstantMeetingEvent,
  WebhookOooEvent,
  WebhookFormEvent,
  WebhookRoutingFallbackEvent,
  WebhookDelegationErrorEvent,
  WebhookWrongAssignmentEvent
] as const

/** Every event a Cal.com webhook delivers; narrow it with `event.triggerEvent`. */
export const WebhookEvent = Schema.Union([...members, OtherWebhookEvent]).annotate({ identifier: "WebhookEvent" })
export type WebhookEvent = typeof WebhookEvent.Type

/** The event schema of each known trigger, so a delivery is checked against its own shape only. */
const decoderOf: ReadonlyMap<string, (json: unknown) => Effect.Effect<WebhookEvent, Schema.SchemaError>> = new Map(
  members.flatMap((member) => {
    const decode = Schema.decodeUnknownEffect(member) as (
      json: unknown
    ) => Effect.Effect<WebhookEvent, Schema.SchemaError>
    return member.fields.triggerEvent.literals.map((trigger) => [trigger, decode] as const)
  })
)

const Envelope = Schema.Struct({ triggerEvent: Schema.String })
const decodeEnvelope = Schema.decodeUnknownEffect(Envelope)
const decodeOther = Schema.decodeUnknownEffect(OtherWebhookEvent)

/**
 * Decodes parsed JSON into a {@link WebhookEvent}: the `triggerEvent` picks the schema, so a broken
 * payload reports its own fields (`payload.uid: Missing key`) rather than every member's mismatch.
 */
export const decodeWebhookEvent = (json: unknown): Effect.Effect<WebhookEvent, Schema.SchemaError> =>
  decodeEnvelope(json).pipe(
    Effect.flatMap(({ triggerEvent }) => {
      const decode = decoderOf.get(triggerEvent)
      return decode === undefined ? decodeOther(json) : decode(json)
    })
  )

/** Whether `event` is one of the booking lifecycle events (created, rescheduled, cancelled, ...). */
export const isBookingEvent = (event: WebhookEvent): event is WebhookBookingEvent =>
  (BookingTriggers as ReadonlyArray<string>).includes(event.triggerEvent)

/** The uid of what the event is about (booking, OOO entry, form response), when it names one. */
export const webhookEventUid = (event: WebhookEvent): string | undefined => {
  const payload = event.payload as Record<string, unknown> | undefined
  const booking = payload?.booking as Record<string, unknown> | undefined
  const ooo = payload?.oooEntry as Record<string, unknown> | undefined
  const candidates = [
    payload?.uid,
    payload?.bookingUid,
    booking?.uid,
    ooo?.uuid,
    ooo?.id,
    payload?.responseId,
    payload?.bookingId,
    payload?.formId
  ]
  const found = candidates.find((c) => typeof c === "string" || typeof c === "number")
  return found === undefined ? undefined : String(found)
}

/**
 * The key that identifies one delivery: trigger, uid and `createdAt`. Cal.com sends the same key
 * when it retries a delivery or someone replays it; two real events never share one.
 */
export const webhookDeliveryKey = (event: WebhookEvent): string =>
  `${event.triggerEvent === "OTHER" ? event.trigger : event.triggerEvent}:${webhookEventUid(event) ?? ""}:${DateTime.formatIso(event.createdAt)}`
