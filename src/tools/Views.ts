/**
 * What the tools return: compact, snake_case views of the facade's models, with every instant as
 * a `TimeView` (UTC and local). Each view is an Effect `Schema`, so MCP clients get it as the
 * tool's output schema.
 */
import * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import { bookingUrl } from "../facade/Bookings.js"
import type { Booking, EventType, Schedule, Slot, SlotReservation, Team, TeamMember, User, Webhook } from "../index.js"
import { SlotView, TimeView, timeView } from "./Time.js"

const optional = <S extends Schema.Top>(schema: S, description: string) =>
  Schema.optionalKey(schema.annotate({ description }))

/** Keeps `value` under `key` unless it is `null` or `undefined`. */
export const present = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } =>
  (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

// ---------------------------------------------------------------------------------------------
// User
// ---------------------------------------------------------------------------------------------

export const UserProfileView = Schema.Struct({
  user_id: Schema.Int,
  username: optional(Schema.String, "Cal.com username"),
  name: optional(Schema.String, "Display name"),
  email: optional(Schema.String, "The user's email"),
  timezone: Schema.String.annotate({ description: "The user's IANA time zone: their availability is in it" }),
  week_start: optional(Schema.String, "First day of the week in the user's calendar"),
  time_format: optional(Schema.Int, "12 or 24 (hour clock)"),
  default_schedule_id: optional(Schema.Int, "The availability schedule used unless an event type names another"),
  locale: optional(Schema.String, "Language of Cal.com's emails and pages"),
  organization_id: optional(Schema.Int, "The organization the user belongs to")
})
export type UserProfileView = typeof UserProfileView.Type

export const userView = (user: User): UserProfileView => ({
  user_id: user.id,
  ...present("username", user.username),
  ...present("name", user.name),
  ...present("email", user.email),
  timezone: user.timeZone,
  ...present("week_start", user.weekStart),
  ...present("time_format", user.timeFormat),
  ...present("default_schedule_id", user.defaultScheduleId),
  ...present("locale", user.locale),
  ...present("organization_id", user.organizationId)
})

// ---------------------------------------------------------------------------------------------
// Event types
// ---------------------------------------------------------------------------------------------

export const EventTypeView = Schema.Struct({
  event_type_id: Schema.Int,
  title: optional(Schema.String, "Shown to bookers"),
  slug: optional(Schema.String, "URL part of the booking page"),
  length_minutes: Schema.Int,
  length_options_minutes: optional(Schema.Array(Schema.Int), "Other lengths a booker may choose"),
  description: optional(Schema.String, "Shown on the booking page"),
  hidden: optional(Schema.Boolean, "Hidden from the public profile (still bookable by link)"),
  owner_id: optional(Schema.Int, "Personal event types: the owner's user id"),
  team_id: optional(Schema.Int, "Team event types: the team's id"),
  scheduling_type: optional(Schema.String, "Team event types: roundRobin, collective or managed"),
  booking_url: optional(Schema.String, "Public booking page")
})
export type EventTypeView = typeof EventTypeView.Type

export const eventTypeView = (e: EventType): EventTypeView => ({
  event_type_id: e.id,
  ...present("title", e.title),
  ...present("slug", e.slug),
  length_minutes: e.lengthInMinutes,
  ...(e.lengthInMinutesOptions && e.lengthInMinutesOptions.length > 0
    ? { length_options_minutes: e.lengthInMinutesOptions }
    : {}),
  ...(e.description ? { description: e.description } : {}),
  ...present("hidden", e.hidden),
  ...present("owner_id", e.ownerId),
  ...present("team_id", e.teamId),
  ...present("scheduling_type", e.schedulingType),
  ...present("booking_url", e.bookingUrl)
})

export const EventTypeList = Schema.Struct({ event_types: Schema.Array(EventTypeView), count: Schema.Int })

// ---------------------------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------------------------

export const slotView = (slot: Slot, timeZone: string): SlotView => ({
  start: timeView(slot.start, timeZone),
  end: timeView(slot.end, timeZone)
})

export const AvailabilityView = Schema.Struct({
  timezone: Schema.String.annotate({ description: "The zone the dates were read in and `local` times are shown in" }),
  /** Start of start_date in `timezone`. */
  from: TimeView,
  /** End of end_date in `timezone` (midnight after it). */
  to: TimeView,
  count: Schema.Int,
  slots: Schema.Array(SlotView).annotate({
    description: "Bookable slots, earliest first; book one by passing its start.utc as start_time"
  })
})
export type AvailabilityView = typeof AvailabilityView.Type

// ---------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------

export const BookingView = Schema.Struct({
  booking_id: Schema.String.annotate({ description: "The booking's uid: pass it to get/reschedule/cancel_booking" }),
  title: optional(Schema.String, "What the booking is"),
  status: Schema.String.annotate({ description: "accepted, pending, cancelled, rejected or awaiting_host" }),
  start: TimeView,
  end: TimeView,
  duration_minutes: Schema.Int,
  event_type_id: optional(Schema.Int, "The event type booked"),
  attendees: Schema.Array(
    Schema.Struct({
      name: optional(Schema.String, "Attendee's name"),
      email: optional(Schema.String, "Attendee's email"),
      timezone: optional(Schema.String, "Attendee's IANA time zone")
    })
  ),
  hosts: Schema.Array(
    Schema.Struct({ name: optional(Schema.String, "Host's name"), email: optional(Schema.String, "Host's email") })
  ),
  location: optional(Schema.String, "Where: an address, a phone number or a video link"),
  meeting_url: optional(Schema.String, "Video link, when there is one"),
  manage_url: optional(Schema.String, "Cal.com page where the attendee can reschedule or cancel"),
  cancellation_reason: optional(Schema.String, "Why it was cancelled"),
  rescheduled_to_booking_id: optional(Schema.String, "The booking this one was moved to"),
  rescheduled_from_booking_id: optional(Schema.String, "The booking this one replaced")
})
export type BookingView = typeof BookingView.Type

const minutesBetween = (start: DateTime.Utc, end: DateTime.Utc): number =>
  Math.round((DateTime.toEpochMillis(end) - DateTime.toEpochMillis(start)) / 60_000)

/** `bookingView` narrowed to `BookingSummary`. */
export const bookingSummary = (b: Booking, timeZone: string, baseUrl: string): BookingSummary => {
  const { duration_minutes, event_type_id, hosts, rescheduled_to_booking_id, rescheduled_from_booking_id, ...summary } =
    bookingView(b, timeZone, baseUrl)
  return summary
}

export const bookingView = (b: Booking, timeZone: string, baseUrl: string): BookingView => {
  const url = bookingUrl(baseUrl, b.uid)
  return {
    booking_id: b.uid,
    ...present("title", b.title),
    status: b.status,
    start: timeView(b.start, timeZone),
    end: timeView(b.end, timeZone),
    duration_minutes: b.duration ?? minutesBetween(b.start, b.end),
    ...present("event_type_id", b.eventTypeId ?? b.eventType?.id),
    attendees: b.attendees.map((a) => ({
      ...present("name", a.name),
      ...present("email", a.email),
      ...present("timezone", a.timeZone)
    })),
    // A deleted host is sent as the string "unknown" in every field: nothing to show.
    hosts: b.hosts.map((h) => ({
      ...present("name", h.name === "unknown" ? undefined : h.name),
      ...present("email", h.email === "unknown" ? undefined : h.email)
    })),
    ...(b.location ? { location: b.location } : {}),
    ...(b.meetingUrl ? { meeting_url: b.meetingUrl } : {}),
    ...present("manage_url", url),
    ...(b.cancellationReason ? { cancellation_reason: b.cancellationReason } : {}),
    ...(b.rescheduledToUid ? { rescheduled_to_booking_id: b.rescheduledToUid } : {}),
    ...(b.rescheduledFromUid ? { rescheduled_from_booking_id: b.rescheduledFromUid } : {})
  }
}

export const BookingList = Schema.Struct({
  timezone: Schema.String.annotate({ description: "The zone `local` times are shown in" }),
  count: Schema.Int.annotate({ description: "Bookings in this page" }),
  total: optional(Schema.Int, "Bookings matching the filters, all pages"),
  next_skip: optional(Schema.Int, "Pass as skip to get the next page; absent on the last page"),
  bookings: Schema.Array(BookingView)
})

const notificationsField = Schema.String.annotate({
  description:
    "Who tells the attendees: Cal.com sends its emails according to the event type's settings; the API has no per-request switch"
})

/**
 * A booking as a write returns it: what to confirm to the user (when, who, where, status).
 * The rest (hosts, length, history) is one get_booking away.
 */
export const BookingSummary = BookingView.mapFields(
  Struct.pick([
    "booking_id",
    "title",
    "status",
    "start",
    "end",
    "attendees",
    "location",
    "meeting_url",
    "manage_url",
    "cancellation_reason"
  ])
)
export type BookingSummary = typeof BookingSummary.Type

export const BookingChange = Schema.Struct({
  booking: BookingSummary,
  previous_booking_id: optional(Schema.String, "reschedule_booking: the booking that was moved (now superseded)"),
  notifications: notificationsField
})
export type BookingChange = typeof BookingChange.Type

/**
 * What the result says about emails. Cal.com API v2 (2024-08-13) has no per-request switch for
 * them, so a request not to notify is reported as not honoured rather than pretended.
 */
export const notificationsNote = (requested: boolean, verb: "send_confirmation" | "send_notification"): string =>
  requested
    ? "sent by Cal.com according to the event type's settings"
    : `sent by Cal.com according to the event type's settings: ${verb}=false could not be honoured, the Cal.com API has no per-request switch for emails`

// ---------------------------------------------------------------------------------------------
// Teams
// ---------------------------------------------------------------------------------------------

const teamFields = {
  team_id: Schema.Int,
  name: optional(Schema.String, "The team's name"),
  slug: optional(Schema.String, "URL part of the team's pages"),
  is_organization: optional(Schema.Boolean, "Whether this is an organization"),
  parent_id: optional(Schema.Int, "The organization this team belongs to"),
  timezone: optional(Schema.String, "The team's IANA time zone"),
  bio: optional(Schema.String, "About the team"),
  private: optional(Schema.Boolean, "Members are hidden from non-members")
}

export const TeamView = Schema.Struct(teamFields)
export type TeamView = typeof TeamView.Type

export const teamView = (t: Team): TeamView => ({
  team_id: t.id,
  ...present("name", t.name),
  ...present("slug", t.slug),
  ...present("is_organization", t.isOrganization),
  ...present("parent_id", t.parentId),
  ...present("timezone", t.timeZone),
  ...(t.bio ? { bio: t.bio } : {}),
  ...present("private", t.isPrivate)
})

export const TeamList = Schema.Struct({ teams: Schema.Array(TeamView), count: Schema.Int })

export const TeamMemberView = Schema.Struct({
  user_id: Schema.Int,
  name: optional(Schema.String, "Display name"),
  username: optional(Schema.String, "Cal.com username"),
  email: optional(Schema.String, "The member's email"),
  role: optional(Schema.String, "MEMBER, ADMIN or OWNER"),
  accepted: optional(Schema.Boolean, "Whether the invitation was accepted")
})

export const TeamWithMembersView = Schema.Struct({
  ...teamFields,
  member_count: Schema.Int,
  members: Schema.Array(TeamMemberView)
})
export type TeamWithMembersView = typeof TeamWithMembersView.Type

export const memberView = (m: TeamMember): typeof TeamMemberView.Type => ({
  user_id: m.userId,
  ...present("name", m.user?.name),
  ...present("username", m.user?.username),
  ...present("email", m.user?.email),
  ...present("role", m.role),
  ...present("accepted", m.accepted)
})

export const TimeZoneChange = Schema.Struct({ previous_timezone: Schema.String, timezone: Schema.String })

// ---------------------------------------------------------------------------------------------
// Schedules
// ---------------------------------------------------------------------------------------------

const WeeklyHours = Schema.Struct({
  days: Schema.Array(Schema.String),
  start_time: Schema.String,
  end_time: Schema.String
})

const DateOverride = Schema.Struct({ date: Schema.String, start_time: Schema.String, end_time: Schema.String })

export const ScheduleView = Schema.Struct({
  schedule_id: Schema.Int,
  name: optional(Schema.String, "Its name"),
  timezone: optional(Schema.String, "Zone of its hours"),
  is_default: optional(Schema.Boolean, "Whether it is the default schedule"),
  availability: Schema.Array(WeeklyHours),
  overrides: Schema.Array(DateOverride)
})
export type ScheduleView = typeof ScheduleView.Type

export const scheduleView = (s: Schedule): ScheduleView => ({
  schedule_id: s.id,
  ...present("name", s.name),
  ...present("timezone", s.timeZone),
  ...present("is_default", s.isDefault),
  availability: s.availability.map((a) => ({ days: a.days, start_time: a.startTime, end_time: a.endTime })),
  overrides: s.overrides.map((o) => ({ date: o.date, start_time: o.startTime, end_time: o.endTime }))
})

export const ScheduleList = Schema.Struct({ schedules: Schema.Array(ScheduleView), count: Schema.Int })

/** What a delete answers: what was deleted. */
export const Deleted = Schema.Struct({ deleted: Schema.Literal(true), id: Schema.Union([Schema.Int, Schema.String]) })

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

export const WebhookView = Schema.Struct({
  webhook_id: Schema.String,
  subscriber_url: Schema.String,
  triggers: Schema.Array(Schema.String),
  active: optional(Schema.Boolean, "Whether it fires"),
  event_type_id: optional(Schema.Int, "Only this event type's events"),
  has_secret: Schema.Boolean
})
export type WebhookView = typeof WebhookView.Type

/** A webhook without its secret: whether it has one is all a model needs. */
export const webhookView = (w: Webhook): WebhookView => ({
  webhook_id: w.id,
  subscriber_url: w.subscriberUrl,
  triggers: w.triggers,
  ...present("active", w.active),
  ...present("event_type_id", w.eventTypeId),
  has_secret: w.secret !== undefined && w.secret !== null
})

export const WebhookList = Schema.Struct({ webhooks: Schema.Array(WebhookView), count: Schema.Int })

// ---------------------------------------------------------------------------------------------
// Earliest slots
// ---------------------------------------------------------------------------------------------

export const EarliestSlotsView = Schema.Struct({
  timezone: Schema.String,
  count: Schema.Int,
  slots: Schema.Array(Schema.Struct({ event_type_id: Schema.Int, start: TimeView, end: TimeView }))
})

/** A held slot, as the reservation tools show it. */
export const SlotReservationView = Schema.Struct({
  reservation_id: Schema.String.annotate({
    description:
      "Book the slot with create_booking(reservation_id); or update_slot_reservation, release_slot_reservation"
  }),
  event_type_id: optional(Schema.Int, "The event type whose slot is held"),
  start: TimeView,
  end: optional(TimeView, "The slot's end, when Cal.com says"),
  held_until: TimeView.annotate({ description: "When the hold ends by itself" }),
  expired: Schema.Boolean.annotate({ description: "Whether held_until has passed: the slot is free for anyone again" })
}).annotate({ identifier: "SlotReservation" })
export type SlotReservationView = typeof SlotReservationView.Type

export const slotReservationView = (r: SlotReservation, timeZone: string, now: DateTime.Utc): SlotReservationView => ({
  reservation_id: r.reservationUid,
  ...present("event_type_id", r.eventTypeId),
  start: timeView(r.slotStart, timeZone),
  ...(r.slotEnd == null ? {} : { end: timeView(r.slotEnd, timeZone) }),
  held_until: timeView(r.reservationUntil, timeZone),
  expired: DateTime.toEpochMillis(r.reservationUntil) <= DateTime.toEpochMillis(now)
})

export const ProfileChange = Schema.Struct({ profile: UserProfileView })

/** What a host's action on a booking answers: the booking as Cal.com now has it. */
export const BookingUpdate = Schema.Struct({ booking: BookingSummary })
export type BookingUpdate = typeof BookingUpdate.Type
