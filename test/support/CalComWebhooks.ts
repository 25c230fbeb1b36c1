/**
 * A test sender that builds and signs webhook deliveries the way Cal.com does, and one sample
 * payload per trigger built the way Cal.com's payload builders build them.
 *
 * Evidence (public repository calcom/cal.com):
 *
 * - `packages/features/webhooks/lib/sendPayload.ts` @ 3559bd2726cc1fddf08b7eeb1d9fc348a3010b69
 *   - L283-287 (`sendPayload`): the body is `JSON.stringify({ triggerEvent, createdAt, payload: data })`
 *     when the webhook has no `payloadTemplate` (L274-281 apply the template instead);
 *   - L314-320 (`sendGenericWebhookPayload`, used by the Cal Video no-show tasks and forms):
 *     `{ ...rootData, triggerEvent, createdAt, payload: data }`;
 *   - L332-335 (`createWebhookSignature`): `createHmac("sha256", secret).update(`${body}`).digest("hex")`,
 *     or the literal `"no-secret-provided"` when the webhook has no secret;
 *   - L348-356 (`_sendPayload`): `POST` with headers `Content-Type`, `X-Cal-Signature-256`,
 *     `X-Cal-Webhook-Version: webhook.version`, and `redirect: "manual"`.
 * - `packages/features/webhooks/lib/sendPayload.test.ts` @ 3559bd27...: `X-Cal-Webhook-Version` is `"2021-10-20"`.
 * - Payload builders, `packages/features/webhooks/lib/factory/versioned/v2021-10-20/`:
 *   `BookingPayloadBuilder.ts` @ 0a815636636fb31d52f2348e09d5be64855da62a (booking triggers, no-show
 *   updated, wrong assignment), `MeetingPayloadBuilder.ts` @ 5a61bcdddbc8a3d909f557a3022ed9516b4fd7c3,
 *   `RecordingPayloadBuilder.ts` @ 055a93e76319f2953d3fa6dcb28eaa68cd18a2c2, `OOOPayloadBuilder.ts` @
 *   48de36e7e06e0c72eec7aa62a45d8e29901586ba, `InstantMeetingBuilder.ts` @
 *   5b6d63e6300b8d930530b1b876d556a12fcfbd96, `FormPayloadBuilder.ts` @ 5b6d63e6... (and its
 *   later `buildFallbackHitPayload` for ROUTING_FORM_FALLBACK_HIT), `DelegationPayloadBuilder.ts` @
 *   285ff33478e9c4c8584a98edd8104b03097d812f; DTO shapes in `packages/features/webhooks/lib/dto/types.ts`
 *   @ 6170ab554cb01debac5897349cc20519cf88ab37; `Person` and `CalendarEvent` in
 *   `packages/types/Calendar.d.ts` @ 007f9b2bdfb3b4aea995a96b18ef9ff4732fe40c.
 * - Cal Video no-shows: `packages/features/tasker/tasks/triggerNoShow/common.ts` @
 *   03670679c00d600615e8df2bc64545bd51c61646 (`sendWebhookPayload`).
 * - Routing form fallback and wrong assignment DTOs: `packages/features/webhooks/lib/__tests__/consumer/
 *   triggers/routing-form-fallback-hit.test.ts` @ 6e4ff5adf43772b902b1c2cc0947734fe1ccda53 and
 *   `wrong-assignment-report.test.ts` @ 0a815636636fb31d52f2348e09d5be64855da62a.
 */
import { createHmac } from "node:crypto"
import type { WebhookTrigger } from "../../src/facade/WebhookEvents.js"

/** `createWebhookSignature` (sendPayload.ts L332-335), with Node's crypto as Cal.com uses it. */
export const createWebhookSignature = (params: { readonly secret?: string | null; readonly body: string }) =>
  params.secret ? createHmac("sha256", params.secret).update(`${params.body}`).digest("hex") : "no-secret-provided"

/** A delivery as `_sendPayload` sends it: the exact body string and the headers. */
export interface Delivery {
  readonly body: string
  readonly headers: Record<string, string>
}

/** The body `sendPayload` builds without a template (L283-287). */
export const deliveryBody = (triggerEvent: string, createdAt: string, payload: unknown): string =>
  JSON.stringify({
    triggerEvent: triggerEvent,
    createdAt: createdAt,
    payload: payload
  })

/** Signs `body` and adds `_sendPayload`'s headers (L348-356). */
export const signedDelivery = (body: string, secret: string | null): Delivery => ({
  body,
  headers: {
    "Content-Type": "application/json",
    "X-Cal-Signature-256": createWebhookSignature({ secret, body }),
    "X-Cal-Webhook-Version": "2021-10-20"
  }
})

/** One delivery of `trigger` with `payload`, created at `createdAt`, signed with `secret`. */
export const delivery = (
  trigger: string,
  payload: unknown,
  options: { readonly secret: string | null; readonly createdAt?: string }
): Delivery =>
  signedDelivery(deliveryBody(trigger, options.createdAt ?? "2026-12-01T09:00:00.000Z", payload), options.secret)

/** The delivery as a web `Request` to `url`. */
export const toRequest = (d: Delivery, url = "https://receiver.example.com/cal"): Request =>
  new Request(url, { method: "POST", headers: d.headers, body: d.body, redirect: "manual" })

/** Sends the delivery as `_sendPayload` does (`fetch`, `redirect: "manual"`). */
export const send = (url: string, d: Delivery): Promise<Response> =>
  fetch(url, { method: "POST", headers: d.headers, redirect: "manual", body: d.body })

// ---------------------------------------------------------------------------------------------
// Sample payloads
// ---------------------------------------------------------------------------------------------

/** A serialised `Person`: `language.translate` is a function and vanishes in JSON. */
const person = (name: string, email: string, timeZone: string) => ({
  name,
  email,
  timeZone,
  language: { locale: "en" },
  timeFormat: 24,
  locale: "en",
  phoneNumber: null
})

export interface BookingSample {
  readonly uid: string
  readonly startTime: string
  readonly endTime: string
  readonly title?: string
}

/**
 * What `BookingPayloadBuilder.buildBookingPayload` builds: the `CalendarEvent` spread, organizer
 * and attendees with `utcOffset` (and attendees' `firstName`/`lastName`), event type details, and
 * the trigger's extras last.
 */
export const bookingPayload = (booking: BookingSample, status: string, extra: Record<string, unknown> = {}) => {
  const organizer = { ...person("Olga Organizer", "olga@example.com", "Europe/Rome"), username: "olga", id: 7 }
  const attendee = person("Ada Lovelace", "ada@example.com", "Europe/London")
  const responses = {
    name: { label: "your_name", value: "Ada Lovelace", isHidden: false },
    email: { label: "email_address", value: "ada@example.com", isHidden: false },
    notes: { label: "Additional notes", value: "About the migration" },
    guests: { label: "Additional guests", value: [] }
  }
  return {
    // the CalendarEvent (packages/types/Calendar.d.ts)
    bookerUrl: "https://cal.com",
    type: "30min",
    title: booking.title ?? "30 min between Olga Organizer and Ada Lovelace",
    startTime: booking.startTime,
    endTime: booking.endTime,
    organizer: { ...organizer, utcOffset: 60, usernameInOrg: undefined },
    attendees: [{ ...attendee, utcOffset: 0, firstName: "Ada", lastName: "Lovelace" }],
    location: "integrations:daily",
    uid: booking.uid,
    iCalUID: `${booking.uid}@Cal.com`,
    iCalSequence: 0,
    eventTypeId: 42,
    customInputs: {},
    responses,
    userFieldsResponses: { notes: responses.notes },
    videoCallData: { type: "daily_video", id: "abc", password: "", url: "https://cal.video/abc" },
    appsStatus: [],
    schedulingType: null,
    seatsShowAttendees: true,
    seatsPerTimeSlot: null,
    requiresConfirmation: false,
    hideCalendarNotes: false,
    // buildBookingPayload's own fields
    bookingId: 1201,
    hashedLink: null,
    status,
    eventTitle: "30 min",
    eventDescription: null,
    price: 0,
    currency: "usd",
    length: 30,
    additionalNotes: "About the migration",
    description: "About the migration",
    assignmentReason: null,
    destinationCalendar: null,
    ...extra
  }
}

const meetingBooking = {
  id: 1201,
  uid: "bk-meeting",
  startTime: "2026-12-02T10:00:00.000Z",
  endTime: "2026-12-02T10:30:00.000Z",
  title: "30 min between Olga Organizer and Ada Lovelace",
  description: null,
  customInputs: null,
  responses: { name: "Ada Lovelace", email: "ada@example.com" },
  userFieldsResponses: null,
  location: "integrations:daily",
  status: "ACCEPTED",
  user: { username: "olga", name: "Olga Organizer", email: "olga@example.com", timeZone: "Europe/Rome", locale: null },
  eventType: {
    title: "30 min",
    description: null,
    requiresConfirmation: false,
    price: 0,
    currency: "usd",
    length: 30,
    team: null
  },
  attendees: [{ name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" }]
}

/** `sendWebhookPayload` in triggerNoShow/common.ts: the booking, participants, webhook without secret. */
const calVideoNoShow = (hostEmail?: string) => ({
  title: meetingBooking.title,
  bookingId: 1201,
  bookingUid: "bk-meeting",
  startTime: meetingBooking.startTime,
  attendees: [{ id: 9, email: "ada@example.com", name: "Ada Lovelace", timeZone: "Europe/London", locale: "en" }],
  endTime: meetingBooking.endTime,
  participants: [{ user_id: null, participant_id: "p1", user_name: "Ada", join_time: 1796205600, duration: 1200 }],
  ...(hostEmail === undefined ? {} : { hostEmail }),
  eventType: { id: 42, teamId: null, parentId: null, calVideoSettings: null },
  webhook: { id: "wh-1", subscriberUrl: "https://receiver.example.com/cal", time: 5, timeUnit: "MINUTE", active: true },
  message:
    hostEmail === undefined
      ? "Guest didn't join the call or didn't join before 2026-12-02 10:05:00 +00:00"
      : `Host with email ${hostEmail} didn't join the call or didn't join before 2026-12-02 10:05:00 +00:00`
})

const formResponses = {
  "f-email": { label: "Email", value: "ada@example.com" },
  "f-size": { label: "Company size", value: "50-200" },
  "f-legacy": { label: "Legacy", response: "kept" }
}

/** `FormPayloadBuilder.build`: id, name, team, responses, and each value again at the top level. */
const formPayload = {
  formId: "form-abc",
  formName: "Sales routing",
  teamId: null,
  responses: formResponses,
  "f-email": "ada@example.com",
  "f-size": "50-200",
  "f-legacy": "kept"
}

const created = { uid: "bk-1", startTime: "2026-12-02T10:00:00Z", endTime: "2026-12-02T10:30:00Z" }

/** One payload per trigger, as Cal.com builds it; a new trigger without a sample fails to compile. */
export const samplePayloads: Record<WebhookTrigger, unknown> = {
  BOOKING_CREATED: bookingPayload(created, "ACCEPTED", { metadata: { videoCallUrl: "https://cal.video/abc" } }),
  BOOKING_REQUESTED: bookingPayload(created, "PENDING", { metadata: {} }),
  BOOKING_RESCHEDULED: bookingPayload(
    { uid: "bk-2", startTime: "2026-12-03T15:00:00Z", endTime: "2026-12-03T15:30:00Z" },
    "ACCEPTED",
    {
      rescheduleId: 1201,
      rescheduleUid: "bk-1",
      rescheduleStartTime: "2026-12-02T10:00:00Z",
      rescheduleEndTime: "2026-12-02T10:30:00Z",
      rescheduledBy: "ada@example.com",
      metadata: {}
    }
  ),
  BOOKING_CANCELLED: bookingPayload(created, "CANCELLED", {
    cancelledBy: "ada@example.com",
    cancellationReason: "Conflict",
    requestReschedule: false
  }),
  // BOOKING_REJECTED: no extras; destinationCalendar defaults to [] (legacy parity)
  BOOKING_REJECTED: { ...bookingPayload(created, "REJECTED"), destinationCalendar: [], rejectionReason: "Busy" },
  BOOKING_PAID: bookingPayload(created, "ACCEPTED", {
    paymentId: 55,
    paymentData: { id: 55, amount: 5000, currency: "eur", success: true, refunded: false }
  }),
  BOOKING_PAYMENT_INITIATED: bookingPayload(created, "ACCEPTED", {
    paymentId: 55,
    paymentData: { id: 55, amount: 5000, currency: "eur", success: false, refunded: false }
  }),
  BOOKING_NO_SHOW_UPDATED: {
    bookingUid: "bk-1",
    bookingId: 1201,
    attendees: [{ email: "ada@example.com", noShow: true }],
    message: "ada@example.com marked as no-show"
  },
  MEETING_STARTED: meetingBooking,
  MEETING_ENDED: meetingBooking,
  AFTER_HOSTS_CAL_VIDEO_NO_SHOW: calVideoNoShow("olga@example.com"),
  AFTER_GUESTS_CAL_VIDEO_NO_SHOW: calVideoNoShow(),
  RECORDING_READY: { downloadLink: "https://cal.video/recordings/abc.mp4" },
  RECORDING_TRANSCRIPTION_GENERATED: {
    downloadLinks: {
      transcription: [{ format: "json", link: "https://cal.video/transcripts/abc.json" }],
      recording: "https://cal.video/recordings/abc.mp4"
    }
  },
  INSTANT_MEETING: {
    title: "An instant meeting is waiting",
    body: "Ada Lovelace wants to meet now",
    icon: "https://cal.com/logo.svg",
    url: "https://cal.com/video/abc",
    actions: [{ action: "connect-action", title: "Join", type: "button", image: null }],
    requireInteraction: false,
    type: "INSTANT_MEETING"
  },
  OOO_CREATED: {
    oooEntry: {
      id: 8,
      start: "2026-12-24T00:00:00.000Z",
      end: "2026-12-31T23:59:59.999Z",
      createdAt: "2026-12-01T09:00:00.000Z",
      updatedAt: "2026-12-01T09:00:00.000Z",
      notes: null,
      reason: { emoji: "🏝️", reason: "vacation" },
      reasonId: 1,
      user: { id: 7, name: "Olga Organizer", username: "olga", timeZone: "Europe/Rome", email: "olga@example.com" },
      toUser: null,
      uuid: "4f0c3c8e-1b2a-4c9d-8e7f-6a5b4c3d2e1f"
    }
  },
  FORM_SUBMITTED: formPayload,
  FORM_SUBMITTED_NO_EVENT: formPayload,
  ROUTING_FORM_FALLBACK_HIT: {
    formId: "form-abc",
    formName: "Sales routing",
    teamId: 10,
    responseId: 456,
    fallbackAction: { type: "eventTypeRedirectUrl", value: "team/30min", eventTypeId: 42 },
    responses: { "f-email": { label: "Email", value: "ada@example.com" } }
  },
  DELEGATION_CREDENTIAL_ERROR: {
    error: { type: "CalendarAppDelegationCredentialError", message: "Invalid grant" },
    credential: { id: 31, type: "google_calendar", appId: "google-calendar", delegationCredentialId: "dc-1" },
    user: { id: 7, email: "olga@example.com", organizationId: 3 }
  },
  WRONG_ASSIGNMENT_REPORT: {
    booking: {
      uid: "bk-1",
      id: 100,
      title: "Sales Call",
      startTime: "2025-01-15T14:00:00.000Z",
      endTime: "2025-01-15T14:30:00.000Z",
      status: "ACCEPTED",
      eventType: { id: 10, title: "Sales Call", slug: "sales-call", teamId: 5 }
    },
    report: {
      reportedBy: { id: 1, email: "reporter@example.com", name: "Reporter" },
      firstAssignmentReason: "Routed based on company size: Enterprise",
      guest: "lead@company.com",
      host: { email: "assigned-rep@example.com", name: "Assigned Rep" },
      correctAssignee: "correct-rep@example.com",
      additionalNotes: "Wrong team assignment"
    }
  }
}
