/**
 * The domain models of the facade: what each operation returns, and the value schemas it checks
 * input with before sending anything.
 *
 * Response models decode the `data` of Cal.com's `{ status, data }` envelope. They are written for
 * what Cal.com really sends (its output services, its e2e specs, bodies recorded by users and other
 * integrations: `test/fidelity/corpus/`), not for what the OpenAPI document promises. One rule:
 *
 * 1. **Required is only what the facade needs to be correct**: ids and uids, instants, a booking's
 *    status, and the few values an operation cannot work without (a user's or schedule's time
 *    zone, an event type's length, a slot's start). Each is backed by a non-null column.
 * 2. **Everything descriptive is optional and nullable** (titles, names, emails, slugs, flags,
 *    counts): older releases and self-hosted instances omit fields, nullable columns send `null`,
 *    and one missing name must not fail a whole list. Lists inside a model (hosts, attendees,
 *    availability) decode to `[]` when absent.
 * 3. **Enums are open**: the known literals are typed (autocompletion), any other string is
 *    accepted and kept as sent, so a status Cal.com adds tomorrow reaches the caller.
 * 4. **Ids are typed as the API sends them**: webhook ids are strings, a deleted host's id is the
 *    string `"unknown"`.
 * 5. Unknown fields are dropped (Effect's default, `onExcessProperty: "ignore"`); instants are
 *    `DateTime.Utc`, decoded from ISO 8601 strings (any offset) and encoded back as UTC ISO strings.
 *
 * Where the document disagrees with the live API a patch in `spec/patches/` fixes it and gives the
 * evidence, so the generated types, the Prism mock and these models agree.
 * `test/unit/facade/Models.types.ts` fails to compile when the generated types drift from these
 * models (a field renamed, removed or retyped).
 */
import type * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import { JsonObject, listOrEmpty, openEnum, optionalNullable } from "./internal/Fields.js"

// ---------------------------------------------------------------------------------------------
// Internal helpers
// ---------------------------------------------------------------------------------------------

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/
const isoDateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

/** Whether year/month/day name a real day of the proleptic Gregorian calendar. */
const isCalendarDate = (year: number, month: number, day: number): boolean => {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day) // unlike Date.UTC, keeps years 0-99 as they are
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** Whether the runtime's `Intl` knows this time zone name. */
const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone })
    return true
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------
// Request-side value schemas (client-side validation before any request)
// ---------------------------------------------------------------------------------------------

/**
 * An IANA time zone name (`Europe/Rome`, `America/New_York`, `UTC`) that this runtime's `Intl`
 * accepts. Offsets such as `+02:00` are refused: Cal.com expects a zone name.
 */
export const TimeZone = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      (/^[A-Za-z]/.test(s) && isKnownTimeZone(s)) ||
      `Expected an IANA time zone name such as "Europe/Rome", got ${JSON.stringify(s)}`,
    { expected: "an IANA time zone name" }
  )
).annotate({ identifier: "TimeZone", description: "An IANA time zone name, e.g. Europe/Rome" })
export type TimeZone = typeof TimeZone.Type

/** An email address, checked pragmatically (`local@domain.tld`, no spaces); the server has the last word. */
export const Email = Schema.String.check(
  Schema.isPattern(/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/, {
    message: "Expected an email address such as name@example.com"
  })
).annotate({ identifier: "Email" })
export type Email = typeof Email.Type

/**
 * A slug as Cal.com's `slugify` leaves it (ASCII subset): lowercase letters and digits in
 * hyphen-separated groups, no leading, trailing or doubled hyphen (`30min`, `team-sync`).
 */
export const Slug = Schema.String.check(
  Schema.isPattern(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: "Expected a slug: lowercase letters, digits and single hyphens, e.g. team-sync"
  })
).annotate({ identifier: "Slug" })
export type Slug = typeof Slug.Type

/** One plain path segment: RFC 3986 unreserved characters, and not `.` or `..`. */
const isPathSegment = (s: string): boolean => /^[A-Za-z0-9._~-]+$/.test(s) && s !== "." && s !== ".."

/**
 * A booking uid: one plain path segment (RFC 3986 unreserved characters, not `.` or `..`), so it
 * can never rewrite the request path (`cancel("..")` would otherwise send `POST /v2/cancel`).
 * Cal.com's uids are letters, digits and `-`/`_`.
 */
export const BookingUid = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      isPathSegment(s) ||
      "Expected a booking uid: one path segment of letters, digits, '-', '_', '.' or '~' (not '.' or '..')",
    { expected: "a booking uid" }
  )
).annotate({ identifier: "BookingUid" })
export type BookingUid = typeof BookingUid.Type

/**
 * A webhook id as Cal.com sends it (`"2mdfnn2"`, a UUID; Cal.com's `Webhook.id` column is a
 * `String`), and, like {@link BookingUid}, one plain path segment (not `.` or `..`), so that
 * `webhooks.get("..")` cannot become `GET /v2`.
 */
export const WebhookId = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      (/^[A-Za-z0-9._~-]+$/.test(s) && s !== "." && s !== "..") ||
      "must be the webhook's id: one path segment of letters, digits, '-', '_', '.' or '~' (not '.' or '..')",
    { expected: "a webhook id" }
  )
).annotate({ identifier: "WebhookId" })
export type WebhookId = typeof WebhookId.Type

/** A numeric id (event type, team, schedule, ...): a positive integer. */
export const PositiveId = Schema.Number.check(
  Schema.makeFilter((n: number) => (Number.isSafeInteger(n) && n > 0) || `Expected a positive integer id, got ${n}`, {
    expected: "a positive integer id"
  })
).annotate({ identifier: "PositiveId" })
export type PositiveId = typeof PositiveId.Type

/**
 * An ISO 8601 date-time with an explicit `Z` or `±HH:MM` offset on a real calendar day
 * (`2026-12-01T10:00:00Z`, `2026-12-01T10:00:00.000+01:00`). Without an offset the instant would
 * depend on a server's zone, so it is refused.
 */
export const IsoDateTimeWithOffset = Schema.String.check(
  Schema.makeFilter(
    (s: string) => {
      const match = isoDateTimePattern.exec(s)
      return (
        (match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) ||
        `Expected an ISO 8601 date-time with a Z or ±HH:MM offset, e.g. 2026-12-01T10:00:00Z, got ${JSON.stringify(s)}`
      )
    },
    { expected: "an ISO 8601 date-time with offset" }
  )
).annotate({ identifier: "IsoDateTimeWithOffset" })
export type IsoDateTimeWithOffset = typeof IsoDateTimeWithOffset.Type

/** A calendar date `YYYY-MM-DD` that exists (`2026-02-28` yes, `2026-02-30` no). */
export const IsoDate = Schema.String.check(
  Schema.makeFilter(
    (s: string) => {
      const match = isoDatePattern.exec(s)
      return (
        (match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) ||
        `Expected a real calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`
      )
    },
    { expected: "a calendar date YYYY-MM-DD" }
  )
).annotate({ identifier: "IsoDate" })
export type IsoDate = typeof IsoDate.Type

// ---------------------------------------------------------------------------------------------
// Users, event types, teams
// ---------------------------------------------------------------------------------------------

/** The organization a user belongs to, as `GET /v2/me` describes it. */
export const UserOrganization = Schema.Struct({
  id: Schema.Number,
  isPlatform: optionalNullable(Schema.Boolean)
})
export type UserOrganization = typeof UserOrganization.Type

/**
 * The authenticated user (`GET /v2/me`, `MeOutput`). `timeZone` is required: every time the
 * facade presents is relative to it (a non-null column, `Europe/London` by default). Releases
 * before 2025 send no `name`, `avatarUrl` or `bio`.
 */
export const User = Schema.Struct({
  id: Schema.Number,
  timeZone: Schema.String,
  username: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  name: optionalNullable(Schema.String),
  /** `Monday`, `Sunday`, ... */
  weekStart: optionalNullable(Schema.String),
  defaultScheduleId: optionalNullable(Schema.Number),
  /** 12 or 24. */
  timeFormat: optionalNullable(Schema.Number),
  avatarUrl: optionalNullable(Schema.String),
  bio: optionalNullable(Schema.String),
  organizationId: optionalNullable(Schema.Number),
  organization: optionalNullable(UserOrganization),
  /** Not in the document; kept if the server sends it. */
  locale: optionalNullable(Schema.String)
}).annotate({ identifier: "User" })
export type User = typeof User.Type

/** How a team event type picks its hosts (`roundRobin`, `collective`, `managed`); open. */
export const KnownSchedulingType = Schema.Literals(["roundRobin", "collective", "managed"])
export const SchedulingType = openEnum(KnownSchedulingType)
export type SchedulingType = typeof SchedulingType.Type

/**
 * An event type, personal (`EventTypeOutput_2024_06_14`, with `ownerId`) or of a team
 * (`TeamEventTypeOutput_2024_06_14`, with `teamId` and `schedulingType`; a managed event type's
 * copies carry `ownerId` and `parentEventTypeId`). `lengthInMinutes` is required: slot ends are
 * computed from it. Locations and booking fields pass through as unknown JSON.
 */
export const EventType = Schema.Struct({
  id: Schema.Number,
  lengthInMinutes: Schema.Number,
  title: optionalNullable(Schema.String),
  slug: optionalNullable(Schema.String),
  lengthInMinutesOptions: optionalNullable(Schema.Array(Schema.Number)),
  description: optionalNullable(Schema.String),
  hidden: optionalNullable(Schema.Boolean),
  /** Personal event types and managed copies: the owner. Team event types: null or absent. */
  ownerId: optionalNullable(Schema.Number),
  teamId: optionalNullable(Schema.Number),
  /** Managed event types: the team event type this copy belongs to. */
  parentEventTypeId: optionalNullable(Schema.Number),
  schedulingType: optionalNullable(SchedulingType),
  scheduleId: optionalNullable(Schema.Number),
  slotInterval: optionalNullable(Schema.Number),
  minimumBookingNotice: optionalNullable(Schema.Number),
  beforeEventBuffer: optionalNullable(Schema.Number),
  afterEventBuffer: optionalNullable(Schema.Number),
  /** Seated event types: seats per slot. */
  seats: optionalNullable(JsonObject),
  recurrence: optionalNullable(JsonObject),
  price: optionalNullable(Schema.Number),
  currency: optionalNullable(Schema.String),
  /** Public booking page (personal event types). */
  bookingUrl: optionalNullable(Schema.String),
  locations: optionalNullable(Schema.Array(Schema.Unknown)),
  bookingFields: optionalNullable(Schema.Array(Schema.Unknown)),
  hosts: optionalNullable(Schema.Array(Schema.Unknown)),
  metadata: optionalNullable(JsonObject)
}).annotate({ identifier: "EventType" })
export type EventType = typeof EventType.Type

/** A team (`TeamOutputDto`). */
export const Team = Schema.Struct({
  id: Schema.Number,
  name: optionalNullable(Schema.String),
  isOrganization: optionalNullable(Schema.Boolean),
  slug: optionalNullable(Schema.String),
  parentId: optionalNullable(Schema.Number),
  bio: optionalNullable(Schema.String),
  logoUrl: optionalNullable(Schema.String),
  bannerUrl: optionalNullable(Schema.String),
  isPrivate: optionalNullable(Schema.Boolean),
  hideBookATeamMember: optionalNullable(Schema.Boolean),
  timeZone: optionalNullable(Schema.String),
  weekStart: optionalNullable(Schema.String),
  timeFormat: optionalNullable(Schema.Number),
  metadata: optionalNullable(JsonObject)
}).annotate({ identifier: "Team" })
export type Team = typeof Team.Type

/** A member's role in a team; open. */
export const KnownTeamRole = Schema.Literals(["MEMBER", "ADMIN", "OWNER"])
export const TeamRole = openEnum(KnownTeamRole)
export type TeamRole = typeof TeamRole.Type

/** The user behind a team membership (`MembershipUserOutputDto`). */
export const TeamMemberUser = Schema.Struct({
  email: optionalNullable(Schema.String),
  username: optionalNullable(Schema.String),
  name: optionalNullable(Schema.String),
  avatarUrl: optionalNullable(Schema.String),
  bio: optionalNullable(Schema.String),
  metadata: optionalNullable(JsonObject)
})
export type TeamMemberUser = typeof TeamMemberUser.Type

/**
 * One membership of `GET /v2/teams/{teamId}/memberships` (`TeamMembershipOutput`). The endpoint
 * returns an array of these, although the document declares a single object.
 */
export const TeamMember = Schema.Struct({
  id: Schema.Number,
  userId: Schema.Number,
  teamId: Schema.Number,
  accepted: optionalNullable(Schema.Boolean),
  role: optionalNullable(TeamRole),
  disableImpersonation: optionalNullable(Schema.Boolean),
  user: optionalNullable(TeamMemberUser)
}).annotate({ identifier: "TeamMember" })
export type TeamMember = typeof TeamMember.Type

/** A team with its memberships, assembled by the facade from two calls. */
export const TeamWithMembers = Schema.Struct({
  ...Team.fields,
  members: Schema.Array(TeamMember)
}).annotate({ identifier: "TeamWithMembers" })
export type TeamWithMembers = typeof TeamWithMembers.Type

// ---------------------------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------------------------

/**
 * One slot as `GET /v2/slots` sends it: `end` with `format=range`; for seated event types the
 * seat counts and, once someone booked the slot, the booking holding the seats.
 */
export const RawSlot = Schema.Struct({
  start: Schema.DateTimeUtcFromString,
  end: Schema.optionalKey(Schema.DateTimeUtcFromString),
  seatsBooked: optionalNullable(Schema.Number),
  seatsRemaining: optionalNullable(Schema.Number),
  seatsTotal: optionalNullable(Schema.Number),
  bookingUid: optionalNullable(Schema.String)
})
export type RawSlot = typeof RawSlot.Type

/**
 * The `data` of `GET /v2/slots`: slots by day (`YYYY-MM-DD` in the requested time zone), `{}`
 * when there are none. Instants carry the zone's offset on the wire and decode to UTC.
 */
export const SlotsResponseData = Schema.Record(Schema.String, Schema.Array(RawSlot)).annotate({
  identifier: "SlotsResponseData"
})
export type SlotsResponseData = typeof SlotsResponseData.Type

/**
 * A bookable slot, flattened by the facade from {@link SlotsResponseData}: `end` is always
 * present (from the response, or start + the event type's length), and `timeZone` is the zone the
 * slots were requested in, for presenting `start` to a person. Seated event types add the seat
 * counts (`seatsRemaining` of `seatsTotal`, `seatsBooked` taken, by `bookingUid`).
 */
export const Slot = Schema.Struct({
  start: Schema.DateTimeUtcFromString,
  end: Schema.DateTimeUtcFromString,
  timeZone: Schema.String,
  seatsBooked: Schema.optional(Schema.Number),
  seatsRemaining: Schema.optional(Schema.Number),
  seatsTotal: Schema.optional(Schema.Number),
  bookingUid: Schema.optional(Schema.String)
}).annotate({ identifier: "Slot" })
export type Slot = typeof Slot.Type

// ---------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------

/**
 * The status of a booking: Cal.com's `BookingStatus` enum lower-cased. `awaiting_host` is an
 * instant meeting no host has joined yet. Open: any other string is kept.
 */
export const KnownBookingStatus = Schema.Literals(["accepted", "pending", "cancelled", "rejected", "awaiting_host"])
export const BookingStatus = openEnum(KnownBookingStatus)
export type BookingStatus = typeof BookingStatus.Type

/** The `status` filter of `GET /v2/bookings` (several may be combined). */
export const BookingListStatus = Schema.Literals(["upcoming", "recurring", "past", "cancelled", "unconfirmed"])
export type BookingListStatus = typeof BookingListStatus.Type

/**
 * A host (organizer) of a booking (`BookingHost`). When the host's user is gone, or an instant
 * meeting still waits for a host, Cal.com sends `id`, `name`, `email` and `username` as the string
 * `"unknown"`; `name` is null for a user who never set one; releases before 2025 send no email.
 */
export const BookingHost = Schema.Struct({
  id: Schema.Union([Schema.Number, Schema.String]),
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  displayEmail: optionalNullable(Schema.String),
  username: optionalNullable(Schema.String),
  timeZone: optionalNullable(Schema.String)
})
export type BookingHost = typeof BookingHost.Type

/**
 * An attendee of a booking (`BookingAttendee`, or `SeatedAttendee` with `seatUid` for seated
 * events). Releases before 2025 send no `email`.
 */
export const BookingAttendee = Schema.Struct({
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  displayEmail: optionalNullable(Schema.String),
  timeZone: optionalNullable(Schema.String),
  /** A Cal.com locale (`en`, `pt-BR`, ...): an open set, kept as a string. */
  language: optionalNullable(Schema.String),
  absent: optionalNullable(Schema.Boolean),
  phoneNumber: optionalNullable(Schema.String),
  seatUid: optionalNullable(Schema.String),
  bookingFieldsResponses: optionalNullable(JsonObject),
  metadata: optionalNullable(JsonObject)
})
export type BookingAttendee = typeof BookingAttendee.Type

/** The event type a booking was made for, as bookings embed it. */
export const BookingEventType = Schema.Struct({
  id: Schema.Number,
  slug: optionalNullable(Schema.String)
})
export type BookingEventType = typeof BookingEventType.Type

/**
 * A booking (`BookingOutput_2024_08_13` and its variants): recurring (`recurringBookingUid`),
 * seated (attendees with `seatUid`), recurring seated, rescheduled, cancelled, instant. Required:
 * `id`, `uid`, `status`, `start`, `end`.
 */
export const Booking = Schema.Struct({
  id: Schema.Number,
  uid: Schema.String,
  status: BookingStatus,
  start: Schema.DateTimeUtcFromString,
  end: Schema.DateTimeUtcFromString,
  title: optionalNullable(Schema.String),
  description: optionalNullable(Schema.String),
  /** Minutes. */
  duration: optionalNullable(Schema.Number),
  /** Deprecated by Cal.com in favour of `eventType.id`; null for bookings without an event type. */
  eventTypeId: optionalNullable(Schema.Number),
  eventType: optionalNullable(BookingEventType),
  /** Where the meeting happens: an address, a phone number or a video link. */
  location: optionalNullable(Schema.String),
  /** Deprecated by Cal.com in favour of `location`. */
  meetingUrl: optionalNullable(Schema.String),
  hosts: listOrEmpty(BookingHost),
  attendees: listOrEmpty(BookingAttendee),
  /** Extra guests' emails. */
  guests: optionalNullable(Schema.Array(Schema.String)),
  absentHost: optionalNullable(Schema.Boolean),
  /** Absent in releases before 2025. */
  createdAt: optionalNullable(Schema.DateTimeUtcFromString),
  updatedAt: optionalNullable(Schema.DateTimeUtcFromString),
  cancellationReason: optionalNullable(Schema.String),
  cancelledByEmail: optionalNullable(Schema.String),
  reschedulingReason: optionalNullable(Schema.String),
  rescheduledByEmail: optionalNullable(Schema.String),
  rescheduledFromUid: optionalNullable(Schema.String),
  rescheduledToUid: optionalNullable(Schema.String),
  /** Recurring bookings: the uid shared by every occurrence (`bookings.get` with it returns them all). */
  recurringBookingUid: optionalNullable(Schema.String),
  icsUid: optionalNullable(Schema.String),
  rating: optionalNullable(Schema.Number),
  metadata: optionalNullable(JsonObject),
  bookingFieldsResponses: optionalNullable(JsonObject)
}).annotate({ identifier: "Booking" })
export type Booking = typeof Booking.Type

/**
 * The `data` of `POST /v2/bookings` and `GET /v2/bookings/{uid}`: one booking, or every
 * occurrence of a recurring one (sorted by start). A seated create adds the `seatUid` taken.
 */
export const BookingOrOccurrences = Schema.Union([
  Schema.Struct({ ...Booking.fields, seatUid: optionalNullable(Schema.String) }),
  Schema.Array(Schema.Struct({ ...Booking.fields, seatUid: optionalNullable(Schema.String) }))
]).annotate({ identifier: "BookingOrOccurrences" })
export type BookingOrOccurrences = typeof BookingOrOccurrences.Type

/**
 * What a caller needs to confirm a booking to a person, derived by the facade from a
 * {@link Booking}: when, what, its state, where to join, and where to manage it.
 */
export const BookingConfirmation = Schema.Struct({
  uid: Schema.String,
  title: Schema.optional(Schema.String),
  status: BookingStatus,
  start: Schema.DateTimeUtcFromString,
  end: Schema.DateTimeUtcFromString,
  /** The attendee's time zone, to present `start` and `end` in. */
  timeZone: Schema.optional(Schema.String),
  meetingUrl: Schema.optional(Schema.String),
  location: Schema.optional(Schema.String),
  /** The booking's page, where the attendee can reschedule or cancel. */
  url: Schema.optional(Schema.String)
}).annotate({ identifier: "BookingConfirmation" })
export type BookingConfirmation = typeof BookingConfirmation.Type

/**
 * The `pagination` object of paginated lists such as `GET /v2/bookings` (`PaginationMetaDto`).
 * All optional: releases before mid-2025 send no pagination at all, and the facade reads only
 * `hasNextPage` (and `totalItems` when present).
 */
export const Pagination = Schema.Struct({
  totalItems: optionalNullable(Schema.Number),
  remainingItems: optionalNullable(Schema.Number),
  returnedItems: optionalNullable(Schema.Number),
  itemsPerPage: optionalNullable(Schema.Number),
  currentPage: optionalNullable(Schema.Number),
  totalPages: optionalNullable(Schema.Number),
  hasNextPage: optionalNullable(Schema.Boolean),
  hasPreviousPage: optionalNullable(Schema.Boolean)
}).annotate({ identifier: "Pagination" })
export type Pagination = typeof Pagination.Type

// ---------------------------------------------------------------------------------------------
// Booking actions: attendees, reassignment; slot reservations
// ---------------------------------------------------------------------------------------------

/**
 * An attendee as `GET /v2/bookings/{uid}/attendees` and `POST /v2/bookings/{uid}/attendees` send
 * it (`BookingAttendeeOutput_2024_08_13`, built in calcom/cal.com
 * `apps/api/v2/src/ee/bookings/2024-08-13/services/booking-attendees.service.ts`): the add answers
 * the new attendee's `id` and `bookingId`; the list builds its items without them in some
 * releases, so both are optional.
 */
export const BookingAttendeeItem = Schema.Struct({
  id: optionalNullable(Schema.Number),
  bookingId: optionalNullable(Schema.Number),
  ...Struct.pick(BookingAttendee.fields, [
    "name",
    "email",
    "displayEmail",
    "timeZone",
    "language",
    "absent",
    "phoneNumber"
  ])
}).annotate({ identifier: "BookingAttendeeItem" })
export type BookingAttendeeItem = typeof BookingAttendeeItem.Type

/** The host a booking now belongs to (`ReassignedToDto`). */
export const ReassignedTo = Schema.Struct({
  id: Schema.Number,
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  displayEmail: optionalNullable(Schema.String)
})
export type ReassignedTo = typeof ReassignedTo.Type

/**
 * What a reassignment answers: the same booking (`bookingUid`: Cal.com keeps the booking and
 * changes its host) and its new host (`spec/patches/17-reassign-output.ts`).
 */
export const BookingReassignment = Schema.Struct({
  bookingUid: Schema.String,
  reassignedTo: ReassignedTo
}).annotate({ identifier: "BookingReassignment" })
export type BookingReassignment = typeof BookingReassignment.Type

/**
 * A reservation uid as `POST /v2/slots/reservations` makes it (a UUID): one plain path segment, so
 * it can never rewrite a request path.
 */
export const ReservationUid = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      isPathSegment(s) || "Expected a reservation uid: one path segment of letters, digits, '-', '_', '.' or '~'",
    { expected: "a reservation uid" }
  )
).annotate({ identifier: "ReservationUid" })
export type ReservationUid = typeof ReservationUid.Type

/**
 * A slot held for a while so nobody else can book it (`ReserveSlotOutput_2024_09_04`, built by
 * calcom/cal.com `apps/api/v2/src/modules/slots/slots-2024-09-04/services/slots-output.service.ts`):
 * `reservationUid` is what `bookings.create({ reservationUid })`, `slots.updateReservation` and
 * `slots.release` take; `reservationUntil` is when the hold ends. `reservationDuration` (minutes)
 * comes only with a reserve or an update.
 */
export const SlotReservation = Schema.Struct({
  reservationUid: Schema.String,
  slotStart: Schema.DateTimeUtcFromString,
  reservationUntil: Schema.DateTimeUtcFromString,
  eventTypeId: optionalNullable(Schema.Number),
  slotEnd: optionalNullable(Schema.DateTimeUtcFromString),
  /** Minutes. */
  slotDuration: optionalNullable(Schema.Number),
  /** Minutes. */
  reservationDuration: optionalNullable(Schema.Number)
}).annotate({ identifier: "SlotReservation" })
export type SlotReservation = typeof SlotReservation.Type

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

/** A day of the week, as schedules name it. */
export const Weekday = Schema.Literals(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
export type Weekday = typeof Weekday.Type

/** Weekly availability: on these days, from `startTime` to `endTime` (`HH:MM`, schedule's zone). */
export const ScheduleAvailability = Schema.Struct({
  days: Schema.Array(Weekday),
  startTime: Schema.String,
  endTime: Schema.String
})
export type ScheduleAvailability = typeof ScheduleAvailability.Type

/** A date-specific override: on `date` (`YYYY-MM-DD`), available from `startTime` to `endTime`. */
export const ScheduleOverride = Schema.Struct({
  date: Schema.String,
  startTime: Schema.String,
  endTime: Schema.String
})
export type ScheduleOverride = typeof ScheduleOverride.Type

/**
 * An availability schedule (`ScheduleOutput_2024_06_11`). `timeZone` is required: availability
 * means nothing without it (Cal.com fills in `Europe/London` when the column is empty).
 */
export const Schedule = Schema.Struct({
  id: Schema.Number,
  timeZone: Schema.String,
  ownerId: optionalNullable(Schema.Number),
  name: optionalNullable(Schema.String),
  availability: listOrEmpty(ScheduleAvailability),
  isDefault: optionalNullable(Schema.Boolean),
  overrides: listOrEmpty(ScheduleOverride)
}).annotate({ identifier: "Schedule" })
export type Schedule = typeof Schedule.Type

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

/**
 * A webhook (`UserWebhookOutputDto`; event type webhooks carry `eventTypeId` instead of `userId`).
 * Its `id` is a string (Prisma's `Webhook.id` is a `String`; the document says number).
 *
 * `secret` decodes to a `Redacted` so it never shows in logs or inspection. Gotcha: encoding a
 * webhook writes the secret back in plain text; drop it before showing a webhook to anyone.
 * (`RedactedFromValue`'s `disallowEncode` cannot be used: in effect 4.1 it also fails when the
 * optional key is absent.)
 */
export const Webhook = Schema.Struct({
  id: Schema.String,
  subscriberUrl: Schema.String,
  /** `BOOKING_CREATED`, `BOOKING_CANCELLED`, ...: an open set that grows, kept as strings. */
  triggers: listOrEmpty(Schema.String),
  active: optionalNullable(Schema.Boolean),
  /** Null when the default payload is used. */
  payloadTemplate: optionalNullable(Schema.String),
  userId: optionalNullable(Schema.Number),
  eventTypeId: optionalNullable(Schema.Number),
  secret: optionalNullable(Schema.RedactedFromValue(Schema.String))
}).annotate({ identifier: "Webhook" })
export type Webhook = typeof Webhook.Type

/** An instant given to an operation: a `DateTime`, or an ISO 8601 string with an offset. */
export type Instant = DateTime.DateTime | string

// ---------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------

/** The app behind a connected calendar (`google_calendar`, `office365_calendar`, `ics-feed_calendar`, ...). */
export const CalendarIntegration = Schema.Struct({
  /** `google_calendar`, `office365_calendar`, `apple_calendar`, ...: an open set. */
  type: optionalNullable(Schema.String),
  slug: optionalNullable(Schema.String),
  name: optionalNullable(Schema.String),
  title: optionalNullable(Schema.String),
  logo: optionalNullable(Schema.String),
  category: optionalNullable(Schema.String),
  categories: optionalNullable(Schema.Array(Schema.String))
})
export type CalendarIntegration = typeof CalendarIntegration.Type

/**
 * One calendar of a connected account (`Calendar` / `Primary` of `ConnectedCalendarsOutput`).
 * `externalId` (the provider's id, often an email) with the account's `credentialId` is what
 * `calendars.busyTimes` reads.
 */
export const ConnectedCalendarEntry = Schema.Struct({
  externalId: Schema.String,
  credentialId: optionalNullable(Schema.Number),
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  integration: optionalNullable(Schema.String),
  primary: optionalNullable(Schema.Boolean),
  readOnly: optionalNullable(Schema.Boolean),
  /** Whether Cal.com checks this calendar for conflicts. */
  isSelected: optionalNullable(Schema.Boolean),
  delegationCredentialId: optionalNullable(Schema.String)
})
export type ConnectedCalendarEntry = typeof ConnectedCalendarEntry.Type

/** A connected calendar account (`ConnectedCalendar`): its credential, app, primary calendar and calendars. */
export const ConnectedCalendar = Schema.Struct({
  credentialId: Schema.Number,
  integration: optionalNullable(CalendarIntegration),
  primary: optionalNullable(ConnectedCalendarEntry),
  calendars: listOrEmpty(ConnectedCalendarEntry),
  delegationCredentialId: optionalNullable(Schema.String)
}).annotate({ identifier: "ConnectedCalendar" })
export type ConnectedCalendar = typeof ConnectedCalendar.Type

/** Where new bookings are written (`DestinationCalendar`); its `id` is a number or, for delegated credentials, a string. */
export const DestinationCalendar = Schema.Struct({
  id: optionalNullable(Schema.Union([Schema.Number, Schema.String])),
  integration: optionalNullable(Schema.String),
  externalId: optionalNullable(Schema.String),
  primaryEmail: optionalNullable(Schema.String),
  userId: optionalNullable(Schema.Number),
  eventTypeId: optionalNullable(Schema.Number),
  credentialId: optionalNullable(Schema.Number),
  delegationCredentialId: optionalNullable(Schema.String),
  name: optionalNullable(Schema.String),
  primary: optionalNullable(Schema.Boolean),
  readOnly: optionalNullable(Schema.Boolean),
  email: optionalNullable(Schema.String),
  integrationTitle: optionalNullable(Schema.String)
})
export type DestinationCalendar = typeof DestinationCalendar.Type

/**
 * The `data` of `GET /v2/calendars` (`ConnectedCalendarsData`): the connected accounts, and the
 * calendar bookings are written to (absent or null for a user with no calendar connected).
 */
export const ConnectedCalendars = Schema.Struct({
  connectedCalendars: listOrEmpty(ConnectedCalendar),
  destinationCalendar: optionalNullable(DestinationCalendar)
}).annotate({ identifier: "ConnectedCalendars" })
export type ConnectedCalendars = typeof ConnectedCalendars.Type

/** A busy interval of a calendar (`BusyTimesOutput`), in UTC; `source` names where it came from when known. */
export const BusyTime = Schema.Struct({
  start: Schema.DateTimeUtcFromString,
  end: Schema.DateTimeUtcFromString,
  source: optionalNullable(Schema.String)
}).annotate({ identifier: "BusyTime" })
export type BusyTime = typeof BusyTime.Type

// ---------------------------------------------------------------------------------------------
// Team invites
// ---------------------------------------------------------------------------------------------

/** A team invite link (`InviteDataDto`): whoever opens `inviteLink` may join; `token` is its key. */
export const TeamInvite = Schema.Struct({
  token: Schema.String,
  inviteLink: Schema.String
}).annotate({ identifier: "TeamInvite" })
export type TeamInvite = typeof TeamInvite.Type

// ---------------------------------------------------------------------------------------------
// Conferencing
// ---------------------------------------------------------------------------------------------

/** A conferencing app the user installed (`ConferencingAppsOutputDto`): its credential. */
export const ConferencingApp = Schema.Struct({
  /** The credential's id. */
  id: Schema.Number,
  /** `google_video`, `zoom_video`, `office365_video`, `daily_video`, ...: an open set. */
  type: Schema.String,
  userId: optionalNullable(Schema.Number),
  /** True when the credential no longer works (reconnect the app). */
  invalid: optionalNullable(Schema.Boolean)
}).annotate({ identifier: "ConferencingApp" })
export type ConferencingApp = typeof ConferencingApp.Type

/**
 * The user's default conferencing app (`DefaultConferencingAppsOutputDto`, the user's
 * `metadata.defaultConferencingApp`): empty when none was chosen (Cal Video is used).
 */
export const DefaultConferencingApp = Schema.Struct({
  /** `google-meet`, `zoom`, `msteams`, `daily-video`, ... */
  appSlug: optionalNullable(Schema.String),
  /** A fixed meeting link, for apps that use one. */
  appLink: optionalNullable(Schema.String)
}).annotate({ identifier: "DefaultConferencingApp" })
export type DefaultConferencingApp = typeof DefaultConferencingApp.Type

// ---------------------------------------------------------------------------------------------
// Routing forms
// ---------------------------------------------------------------------------------------------

/** A routing form id (a UUID): one plain path segment, like {@link BookingUid}. */
export const RoutingFormId = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      (/^[A-Za-z0-9._~-]+$/.test(s) && s !== "." && s !== "..") ||
      "Expected a routing form id: one path segment of letters, digits, '-', '_', '.' or '~' (not '.' or '..')",
    { expected: "a routing form id" }
  )
).annotate({ identifier: "RoutingFormId" })
export type RoutingFormId = typeof RoutingFormId.Type

/**
 * The `data` of `POST /v2/routing-forms/{id}/calculate-slots` (`ResponseSlotsOutputData`): the
 * event type the response routes to, and its slots by day as `GET /v2/slots` sends them.
 */
export const RoutingFormSlotsData = Schema.Struct({
  eventTypeId: Schema.Number,
  slots: SlotsResponseData
}).annotate({ identifier: "RoutingFormSlotsData" })
export type RoutingFormSlotsData = typeof RoutingFormSlotsData.Type

/** What `routingForms.calculateSlots` returns: the routed event type and its slots, flattened and sorted. */
export interface RoutedSlots {
  readonly eventTypeId: number
  readonly slots: ReadonlyArray<Slot>
}
