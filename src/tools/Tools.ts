/**
 * The Cal.com agent tools, as `effect/ai` `Tool`s in one `Toolkit`.
 *
 * Each tool declares its parameters (with descriptions), its success schema (the MCP output
 * schema) and `ToolFailure` (a JSON object with `error`, `message`, `retryable`, `hint`), and
 * carries MCP hints: read-only, destructive, idempotent, open-world.
 *
 * Parameter schemas hold JSON types only. Rules about values (an IANA zone, an offset, a range,
 * 1 to 100) are checked by the handlers, so that breaking one is an `InvalidArguments` result
 * that names the argument, which a model can act on, rather than a protocol error. Failure
 * mode is `"return"`: in an Effect AI program a failure goes back to the model as the tool's
 * result instead of failing the whole generation.
 */

import { Tool, Toolkit } from "effect/ai"
import * as Context from "effect/Context"
import * as Schema from "effect/Schema"
import { BookingListStatus } from "../index.js"
import { ToolFailure } from "./Failures.js"
import {
  AvailabilityView,
  BookingChange,
  BookingList,
  BookingView,
  EventTypeList,
  EventTypeView,
  TeamList,
  TeamWithMembersView,
  TimeZoneChange,
  UserProfileView
} from "./Views.js"

// ---------------------------------------------------------------------------------------------
// Parameter building blocks
// ---------------------------------------------------------------------------------------------

const id = (description: string) => Schema.Int.annotate({ description })
const text = (description: string) => Schema.String.annotate({ description })
const flag = (description: string) => Schema.Boolean.annotate({ description })
const optional = <S extends Schema.Top>(schema: S) => Schema.optionalKey(schema)

const zone = (description: string) =>
  text(`${description} IANA time zone name, e.g. Europe/Rome, America/New_York, UTC.`)
const date = (description: string) => text(`${description} Calendar date YYYY-MM-DD, e.g. 2026-12-01.`)
const dateTime = (description: string) =>
  text(
    `${description} ISO 8601 date-time with its UTC offset (2026-12-01T10:00:00+01:00 or 2026-12-01T09:00:00Z). ` +
      "Without an offset it is read as wall-clock time in the zone argument named here; without either it is refused."
  )

/** `send_confirmation` / `send_notification`: kept for agents that expect it, honest about its effect. */
const emailSwitch = optional(
  flag(
    "Default true. Cal.com API v2 has no per-request switch for emails: Cal.com sends them according to the " +
      "event type's settings either way, and false is reported as not honoured in the result."
  )
)
const bookingId = text("The booking's uid (booking_id in list_bookings and get_booking results).")
const displayZone = optional(
  zone(
    "Zone to show local times in and to read date-times without an offset in. Default: your Cal.com profile's time zone."
  )
)

// ---------------------------------------------------------------------------------------------
// MCP hints
// ---------------------------------------------------------------------------------------------

/** Reads the key's own Cal.com data and changes nothing. */
const readOnly = Context.make(Tool.Readonly, true).pipe(
  Context.add(Tool.Destructive, false),
  Context.add(Tool.Idempotent, true),
  Context.add(Tool.OpenWorld, false)
)

/** Creates or moves a booking: not read-only, not destructive, not idempotent; emails attendees. */
const additiveWrite = Context.make(Tool.Readonly, false).pipe(
  Context.add(Tool.Destructive, false),
  Context.add(Tool.Idempotent, false),
  Context.add(Tool.OpenWorld, true)
)

// ---------------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------------

export const GetUserProfile = Tool.make("get_user_profile", {
  description:
    "The Cal.com user the API key belongs to: id, username, name, email, time zone, week start. " +
    "Call it first to learn the user's time zone.",
  success: UserProfileView,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Get user profile")
  .annotateMerge(readOnly)

export const ListEventTypes = Tool.make("list_event_types", {
  description:
    "The event types (kinds of meeting that can be booked, e.g. a 30-minute intro call) of the user, " +
    "or of a team with team_id. Each has the event_type_id that list_availability and create_booking need.",
  parameters: Schema.Struct({
    owner_id: optional(id("Keep only event types owned by this user id.")),
    team_id: optional(id("List this team's event types instead of the user's (see list_teams)."))
  }),
  success: EventTypeList,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "List event types")
  .annotateMerge(readOnly)

export const GetEventType = Tool.make("get_event_type", {
  description: "One event type by id: title, slug, length, description, owner or team, booking page.",
  parameters: Schema.Struct({ event_type_id: id("The event type's id (see list_event_types).") }),
  success: EventTypeView,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Get event type")
  .annotateMerge(readOnly)

export const ListAvailability = Tool.make("list_availability", {
  description:
    "Bookable slots of an event type between two dates, as whole days in a time zone (start_date 00:00 to " +
    "end_date 24:00). Name the event type by event_type_id, or by username and slug. At most 31 days per call. " +
    "Every slot is given in UTC and in the zone; book one by passing its start.utc to create_booking.",
  parameters: Schema.Struct({
    event_type_id: optional(id("The event type's id. Give this, or username and slug.")),
    username: optional(text("Cal.com username of the event type's owner (with slug, instead of event_type_id).")),
    slug: optional(text("The event type's slug, e.g. 30min (with username).")),
    start_date: date("First day, in timezone."),
    end_date: date("Last day (inclusive), in timezone; not before start_date."),
    timezone: optional(zone("Zone the dates are days in, and local times are shown in. Default: your profile's."))
  }),
  success: AvailabilityView,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "List available slots")
  .annotateMerge(readOnly)

export const ListBookings = Tool.make("list_bookings", {
  description:
    "The user's bookings, optionally filtered by status, date range (whole days in timezone), event type or " +
    "attendee email; one page at a time (limit, skip; next_skip gives the next page). Times are in UTC and in timezone.",
  parameters: Schema.Struct({
    limit: optional(Schema.Int.annotate({ description: "Bookings per page, 1 to 100. Default 10.", default: 10 })),
    skip: optional(Schema.Int.annotate({ description: "Bookings to skip (0 or more), for paging. Default 0." })),
    status: optional(
      Schema.Union([BookingListStatus, Schema.Array(BookingListStatus)]).annotate({
        description:
          "Only bookings with this status, or any of these: upcoming, recurring, past, cancelled, unconfirmed."
      })
    ),
    start_date: optional(date("Only bookings starting on or after this day (in timezone).")),
    end_date: optional(date("Only bookings ending on or before this day (in timezone).")),
    event_type_id: optional(id("Only bookings of this event type.")),
    attendee_email: optional(text("Only bookings with this attendee.")),
    timezone: displayZone
  }),
  success: BookingList,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "List bookings")
  .annotateMerge(readOnly)

export const GetBooking = Tool.make("get_booking", {
  description: "One booking by its uid: when (UTC and local), status, attendees, hosts, location, links.",
  parameters: Schema.Struct({ booking_id: bookingId, timezone: displayZone }),
  success: BookingView,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Get booking")
  .annotateMerge(readOnly)

export const CreateBooking = Tool.make("create_booking", {
  description:
    "Books a slot of an event type for an attendee. The start must be a slot list_availability offers: the tool " +
    "checks first and, when it is not, fails with SlotUnavailable and the nearest offered slots. Nothing is booked " +
    "on failure. Cal.com emails the attendee and host according to the event type's settings.",
  parameters: Schema.Struct({
    event_type_id: id("The event type to book (see list_event_types)."),
    start_time: dateTime("When the meeting starts; without an offset it is read in attendee_timezone."),
    end_time: optional(
      dateTime(
        "Optional. When it ends; must be the slot's end (start + the event type's length). Read like start_time."
      )
    ),
    attendee_name: text("The attendee's full name."),
    attendee_email: text("The attendee's email address: Cal.com sends the confirmation there."),
    attendee_timezone: zone("The attendee's time zone: their emails show times in it."),
    notes: optional(text("Notes for the host (the booking form's additional notes), up to 5000 characters.")),
    send_confirmation: emailSwitch
  }),
  success: BookingChange,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Create booking")
  .annotateMerge(additiveWrite)

export const RescheduleBooking = Tool.make("reschedule_booking", {
  description:
    "Moves a booking to a new start. The new start must be an offered slot of the booking's event type: the tool " +
    "checks first and, when it is not, fails with SlotUnavailable and the nearest offered slots. Cal.com gives the " +
    "moved booking a new booking_id (the old one is kept as previous_booking_id).",
  parameters: Schema.Struct({
    booking_id: bookingId,
    new_start_time: dateTime("The new start; without an offset it is read in timezone."),
    new_end_time: optional(
      dateTime("Optional. The new end; must be new start + the booking's length. Read like new_start_time.")
    ),
    reason: optional(text("Why it is moved, shown to the attendees, up to 5000 characters.")),
    timezone: displayZone,
    send_notification: emailSwitch
  }),
  success: BookingChange,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Reschedule booking")
  .annotateMerge(additiveWrite)

export const CancelBooking = Tool.make("cancel_booking", {
  description:
    "Cancels a booking. It cannot be undone: confirm with the user first. Cal.com tells the attendees according " +
    "to the event type's settings.",
  parameters: Schema.Struct({
    booking_id: bookingId,
    cancellation_reason: optional(text("Why it is cancelled, shown to the attendees, up to 5000 characters.")),
    timezone: displayZone,
    send_notification: emailSwitch
  }),
  success: BookingChange,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Cancel booking")
  .annotate(Tool.Readonly, false)
  .annotate(Tool.Destructive, true)
  .annotate(Tool.Idempotent, false)
  .annotate(Tool.OpenWorld, true)

export const ListTeams = Tool.make("list_teams", {
  description: "The teams the user is a member of, with the team_id that get_team and list_event_types take.",
  success: TeamList,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "List teams")
  .annotateMerge(readOnly)

export const GetTeam = Tool.make("get_team", {
  description: "One team by id, with its members (name, email, role).",
  parameters: Schema.Struct({ team_id: id("The team's id (see list_teams).") }),
  success: TeamWithMembersView,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Get team")
  .annotateMerge(readOnly)

export const UpdateUserTimezone = Tool.make("update_user_timezone", {
  description:
    "Sets the user's time zone in their Cal.com profile (it changes how their availability is read). " +
    "Setting the same zone again changes nothing.",
  parameters: Schema.Struct({ timezone: zone("The new time zone.") }),
  success: TimeZoneChange,
  failure: ToolFailure,
  failureMode: "return"
})
  .annotate(Tool.Title, "Update user time zone")
  .annotate(Tool.Readonly, false)
  .annotate(Tool.Destructive, false)
  .annotate(Tool.Idempotent, true)
  .annotate(Tool.OpenWorld, false)

/** Every tool, for `LanguageModel` (`toolkit: CalComToolkit`) and for `McpServer.toolkit`. */
export const CalComToolkit = Toolkit.make(
  GetUserProfile,
  ListEventTypes,
  GetEventType,
  ListAvailability,
  ListBookings,
  GetBooking,
  CreateBooking,
  RescheduleBooking,
  CancelBooking,
  ListTeams,
  GetTeam,
  UpdateUserTimezone
)
export type CalComToolkit = typeof CalComToolkit
