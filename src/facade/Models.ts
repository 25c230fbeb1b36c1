/**
 * The domain models of the facade: what each operation returns, and the value schemas it checks
 * input with before sending anything.
 *
 * Response models decode the `data` of Cal.com's `{ status, data }` envelope. They are written for
 * what the API actually returns, not only for what the document promises:
 *
 * - unknown fields are dropped (Effect's default, `onExcessProperty: "ignore"`), so a new field
 *   on the server never breaks a client;
 * - anything the document does not mark `required` is optional, and so are some it does require
 *   but that a user of this package does not need (one missing field must not fail a whole list);
 * - fields the document marks `nullable` are `NullOr`, and so are a few descriptive fields backed
 *   by nullable database columns (say so where it happens);
 * - instants are `DateTime.Utc`, decoded from ISO 8601 strings (any offset) and encoded back as
 *   UTC ISO strings.
 *
 * `test/unit/facade/Models.types.ts` fails to compile when the generated types drift from these
 * models (a field renamed, removed, retyped, or made optional).
 */
import type * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"

// ---------------------------------------------------------------------------------------------
// Internal helpers
// ---------------------------------------------------------------------------------------------

/** An optional key that the server may also send as `null`. */
const optionalNullable = <S extends Schema.Top>(schema: S) => Schema.optionalKey(Schema.NullOr(schema))

/** A free-form JSON object (`type: object` in the document). */
const JsonObject = Schema.Record(Schema.String, Schema.Unknown)

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

/**
 * A booking uid: one plain path segment (RFC 3986 unreserved characters, not `.` or `..`), so it
 * can never rewrite the request path (`cancel("..")` would otherwise send `POST /v2/cancel`).
 * Cal.com's uids are letters, digits and `-`/`_`.
 */
export const BookingUid = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      (/^[A-Za-z0-9._~-]+$/.test(s) && s !== "." && s !== "..") ||
      "Expected a booking uid: one path segment of letters, digits, '-', '_', '.' or '~' (not '.' or '..')",
    { expected: "a booking uid" }
  )
).annotate({ identifier: "BookingUid" })
export type BookingUid = typeof BookingUid.Type

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
  isPlatform: Schema.optionalKey(Schema.Boolean)
})
export type UserOrganization = typeof UserOrganization.Type

/** The authenticated user (`GET /v2/me`, `MeOutput`). */
export const User = Schema.Struct({
  id: Schema.Number,
  username: Schema.String,
  email: Schema.String,
  name: Schema.NullOr(Schema.String),
  timeZone: Schema.String,
  /** `Monday`, `Sunday`, ... */
  weekStart: Schema.String,
  defaultScheduleId: Schema.NullOr(Schema.Number),
  /** 12 or 24. */
  timeFormat: Schema.optionalKey(Schema.Number),
  avatarUrl: optionalNullable(Schema.String),
  bio: optionalNullable(Schema.String),
  organizationId: optionalNullable(Schema.Number),
  organization: Schema.optionalKey(UserOrganization),
  /** Not in the document; kept if the server sends it. */
  locale: optionalNullable(Schema.String)
}).annotate({ identifier: "User" })
export type User = typeof User.Type

/**
 * An event type, personal (`EventTypeOutput_2024_06_14`, with `ownerId`) or of a team
 * (`TeamEventTypeOutput_2024_06_14`, with `teamId` and `schedulingType`). Kept light: locations
 * and booking fields are passed through as unknown JSON.
 */
export const EventType = Schema.Struct({
  id: Schema.Number,
  title: Schema.String,
  slug: Schema.String,
  lengthInMinutes: Schema.Number,
  lengthInMinutesOptions: Schema.optionalKey(Schema.Array(Schema.Number)),
  /** Required by the document; tolerated as absent or null (the database column is nullable). */
  description: optionalNullable(Schema.String),
  hidden: Schema.optionalKey(Schema.Boolean),
  /** Personal event types: the owner. Team event types: null or absent. */
  ownerId: optionalNullable(Schema.Number),
  teamId: optionalNullable(Schema.Number),
  /** Team event types: `roundRobin`, `collective` or `managed` (open set: kept as a string). */
  schedulingType: optionalNullable(Schema.String),
  scheduleId: optionalNullable(Schema.Number),
  slotInterval: optionalNullable(Schema.Number),
  minimumBookingNotice: Schema.optionalKey(Schema.Number),
  beforeEventBuffer: Schema.optionalKey(Schema.Number),
  afterEventBuffer: Schema.optionalKey(Schema.Number),
  price: Schema.optionalKey(Schema.Number),
  currency: Schema.optionalKey(Schema.String),
  /** Public booking page (personal event types). */
  bookingUrl: Schema.optionalKey(Schema.String),
  locations: Schema.optionalKey(Schema.Array(Schema.Unknown)),
  bookingFields: Schema.optionalKey(Schema.Array(Schema.Unknown)),
  metadata: Schema.optionalKey(JsonObject)
}).annotate({ identifier: "EventType" })
export type EventType = typeof EventType.Type

/**
 * A team (`TeamOutputDto`). The document's optional strings come from nullable columns, so each
 * also accepts `null`.
 */
export const Team = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  isOrganization: Schema.Boolean,
  slug: optionalNullable(Schema.String),
  parentId: optionalNullable(Schema.Number),
  bio: optionalNullable(Schema.String),
  logoUrl: optionalNullable(Schema.String),
  bannerUrl: optionalNullable(Schema.String),
  isPrivate: Schema.optionalKey(Schema.Boolean),
  hideBookATeamMember: Schema.optionalKey(Schema.Boolean),
  timeZone: optionalNullable(Schema.String),
  weekStart: optionalNullable(Schema.String),
  timeFormat: optionalNullable(Schema.Number),
  metadata: optionalNullable(JsonObject)
}).annotate({ identifier: "Team" })
export type Team = typeof Team.Type

/** A member's role in a team. */
export const TeamRole = Schema.Literals(["MEMBER", "ADMIN", "OWNER"])
export type TeamRole = typeof TeamRole.Type

/** The user behind a team membership (`MembershipUserOutputDto`): only `email` is guaranteed. */
export const TeamMemberUser = Schema.Struct({
  email: Schema.String,
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
  accepted: Schema.Boolean,
  role: TeamRole,
  disableImpersonation: Schema.optionalKey(Schema.Boolean),
  user: TeamMemberUser
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

/** One slot as `GET /v2/slots` sends it: `end` with `format=range`, the rest for seated events. */
export const RawSlot = Schema.Struct({
  start: Schema.DateTimeUtcFromString,
  end: Schema.optionalKey(Schema.DateTimeUtcFromString),
  attendeesCount: Schema.optionalKey(Schema.Number),
  bookingUid: Schema.optionalKey(Schema.String)
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
 * slots were requested in, for presenting `start` to a person.
 */
export const Slot = Schema.Struct({
  start: Schema.DateTimeUtcFromString,
  end: Schema.DateTimeUtcFromString,
  timeZone: Schema.String,
  attendeesCount: Schema.optional(Schema.Number),
  bookingUid: Schema.optional(Schema.String)
}).annotate({ identifier: "Slot" })
export type Slot = typeof Slot.Type

// ---------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------

/** The status of a booking, as the API sends it. */
export const BookingStatus = Schema.Literals(["accepted", "pending", "cancelled", "rejected"])
export type BookingStatus = typeof BookingStatus.Type

/** The `status` filter of `GET /v2/bookings` (several may be combined). */
export const BookingListStatus = Schema.Literals(["upcoming", "recurring", "past", "cancelled", "unconfirmed"])
export type BookingListStatus = typeof BookingListStatus.Type

/** A host (organizer) of a booking (`BookingHost`). */
export const BookingHost = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  email: Schema.String,
  displayEmail: Schema.optionalKey(Schema.String),
  username: optionalNullable(Schema.String),
  timeZone: Schema.optionalKey(Schema.String)
})
export type BookingHost = typeof BookingHost.Type

/** An attendee of a booking (`BookingAttendee`, or `SeatedAttendee` with `seatUid` for seated events). */
export const BookingAttendee = Schema.Struct({
  name: Schema.String,
  email: Schema.String,
  displayEmail: Schema.optionalKey(Schema.String),
  timeZone: Schema.String,
  /** A Cal.com locale (`en`, `pt-BR`, ...): an open set, kept as a string. */
  language: optionalNullable(Schema.String),
  absent: Schema.optionalKey(Schema.Boolean),
  phoneNumber: optionalNullable(Schema.String),
  seatUid: Schema.optionalKey(Schema.String),
  bookingFieldsResponses: Schema.optionalKey(JsonObject),
  metadata: Schema.optionalKey(JsonObject)
})
export type BookingAttendee = typeof BookingAttendee.Type

/** The event type a booking was made for, as bookings embed it. */
export const BookingEventType = Schema.Struct({
  id: Schema.Number,
  slug: Schema.optionalKey(Schema.String)
})
export type BookingEventType = typeof BookingEventType.Type

/**
 * A booking (`BookingOutput_2024_08_13`), tolerant enough to decode every variant `GET /v2/bookings`
 * may return: recurring (`recurringBookingUid`), seated (attendees with `seatUid`, no
 * `bookingFieldsResponses`) and recurring seated.
 */
export const Booking = Schema.Struct({
  id: Schema.Number,
  uid: Schema.String,
  title: Schema.String,
  /** Required by the document; tolerated as absent or null. */
  description: optionalNullable(Schema.String),
  status: BookingStatus,
  start: Schema.DateTimeUtcFromString,
  end: Schema.DateTimeUtcFromString,
  /** Minutes. */
  duration: Schema.optionalKey(Schema.Number),
  /** Deprecated by Cal.com in favour of `eventType.id`; null for bookings without an event type. */
  eventTypeId: optionalNullable(Schema.Number),
  eventType: optionalNullable(BookingEventType),
  /** Where the meeting happens: an address, a phone number or a video link. */
  location: optionalNullable(Schema.String),
  /** Deprecated by Cal.com in favour of `location`. */
  meetingUrl: optionalNullable(Schema.String),
  hosts: Schema.Array(BookingHost),
  attendees: Schema.Array(BookingAttendee),
  /** Extra guests' emails. */
  guests: Schema.optionalKey(Schema.Array(Schema.String)),
  absentHost: Schema.optionalKey(Schema.Boolean),
  createdAt: Schema.DateTimeUtcFromString,
  updatedAt: optionalNullable(Schema.DateTimeUtcFromString),
  cancellationReason: optionalNullable(Schema.String),
  cancelledByEmail: optionalNullable(Schema.String),
  reschedulingReason: optionalNullable(Schema.String),
  rescheduledByEmail: optionalNullable(Schema.String),
  rescheduledFromUid: optionalNullable(Schema.String),
  rescheduledToUid: optionalNullable(Schema.String),
  /** Recurring bookings: the uid shared by every occurrence. */
  recurringBookingUid: Schema.optionalKey(Schema.String),
  icsUid: optionalNullable(Schema.String),
  rating: optionalNullable(Schema.Number),
  metadata: optionalNullable(JsonObject),
  bookingFieldsResponses: Schema.optionalKey(JsonObject)
}).annotate({ identifier: "Booking" })
export type Booking = typeof Booking.Type

/**
 * What a caller needs to confirm a booking to a person, derived by the facade from a
 * {@link Booking}: when, what, its state, where to join, and where to manage it.
 */
export const BookingConfirmation = Schema.Struct({
  uid: Schema.String,
  title: Schema.String,
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

/** The `pagination` object of paginated lists such as `GET /v2/bookings` (`PaginationMetaDto`). */
export const Pagination = Schema.Struct({
  totalItems: Schema.Number,
  remainingItems: Schema.Number,
  returnedItems: Schema.Number,
  itemsPerPage: Schema.Number,
  currentPage: Schema.Number,
  totalPages: Schema.Number,
  hasNextPage: Schema.Boolean,
  hasPreviousPage: Schema.Boolean
}).annotate({ identifier: "Pagination" })
export type Pagination = typeof Pagination.Type

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

/** An availability schedule (`ScheduleOutput_2024_06_11`). */
export const Schedule = Schema.Struct({
  id: Schema.Number,
  ownerId: Schema.Number,
  name: Schema.String,
  timeZone: Schema.String,
  availability: Schema.Array(ScheduleAvailability),
  isDefault: Schema.Boolean,
  overrides: Schema.Array(ScheduleOverride)
}).annotate({ identifier: "Schedule" })
export type Schedule = typeof Schedule.Type

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

/**
 * A webhook (`UserWebhookOutputDto`; event type webhooks carry `eventTypeId` instead of `userId`).
 *
 * `secret` decodes to a `Redacted` so it never shows in logs or inspection. Gotcha: encoding a
 * webhook writes the secret back in plain text; drop it before showing a webhook to anyone.
 * (`RedactedFromValue`'s `disallowEncode` cannot be used: in effect 4.1 it also fails when the
 * optional key is absent.)
 */
export const Webhook = Schema.Struct({
  id: Schema.Number,
  subscriberUrl: Schema.String,
  /** `BOOKING_CREATED`, `BOOKING_CANCELLED`, ...: an open set that grows, kept as strings. */
  triggers: Schema.Array(Schema.String),
  active: Schema.Boolean,
  /** Required by the document; null when the default payload is used. */
  payloadTemplate: optionalNullable(Schema.String),
  userId: optionalNullable(Schema.Number),
  eventTypeId: optionalNullable(Schema.Number),
  secret: optionalNullable(Schema.RedactedFromValue(Schema.String))
}).annotate({ identifier: "Webhook" })
export type Webhook = typeof Webhook.Type

/** An instant given to an operation: a `DateTime`, or an ISO 8601 string with an offset. */
export type Instant = DateTime.DateTime | string
