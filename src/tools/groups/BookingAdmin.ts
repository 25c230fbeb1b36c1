/**
 * The host's booking tools: confirm or decline a booking that waits for the host, mark no-shows,
 * add guests. Each answers with the booking as Cal.com now has it; a repeat after an ambiguous
 * failure is reconciled by the facade (it looks first, and never does the work twice). And the
 * meeting's recordings and transcripts, read through `effect-calcom/request`'s typed pipeline
 * (the facade has no module for them), decoded here by schemas of what Cal.com sends
 * (`RecordingItem`: ids required, the rest optional; transcripts: a list of URLs).
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { requestWith } from "../../facade/Request.js"
import {
  type Booking,
  type BookingAttendeeItem,
  type BookingLocation,
  BookingUid,
  type CalComApi,
  type CalComError
} from "../../index.js"
import { decodeArguments, given, named, validate, zoneCheck, zoneFor } from "../internal/Calls.js"
import {
  additiveWrite,
  type Bodies,
  bookingDelete,
  bookingId,
  bookingUpdate,
  displayZone,
  type Failure,
  flag,
  id,
  optional,
  readOnly,
  THIRD_PARTY,
  text,
  tool
} from "../internal/Define.js"
import { TimeView, timeView } from "../Time.js"
import { BookingUpdate, bookingSummary } from "../Views.js"

export const ConfirmBooking = tool("confirm_booking", {
  title: "Confirm booking",
  description: `Accepts a booking that waits for the host's confirmation (status pending).${THIRD_PARTY}`,
  parameters: Schema.Struct({ booking_id: bookingId, timezone: displayZone }),
  success: BookingUpdate,
  hints: bookingUpdate
})

export const DeclineBooking = tool("decline_booking", {
  title: "Decline booking",
  description: `Declines a pending booking for good; the attendee is told. Confirm with the user first.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    booking_id: bookingId,
    reason: optional(text("Shown to the attendee, up to 5000 chars.")),
    timezone: displayZone
  }),
  success: BookingUpdate,
  hints: bookingDelete
})

export const MarkNoShow = tool("mark_no_show", {
  title: "Mark no-show",
  description: `Marks the host and/or attendees (by email) absent from a past booking, or present again.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    booking_id: bookingId,
    host: optional(flag("true: the host did not show up.")),
    attendees: optional(
      Schema.Array(Schema.Struct({ email: text("An attendee's email."), absent: flag("false: present again.") }))
    ),
    timezone: displayZone
  }),
  success: BookingUpdate,
  hints: bookingUpdate
})

export const AddBookingGuests = tool("add_booking_guests", {
  title: "Add booking guests",
  description: `Adds 1 to 10 guests to a booking; Cal.com emails them the booking.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    booking_id: bookingId,
    guests: Schema.Array(
      Schema.Struct({
        email: text("The guest's email."),
        name: optional(text("Their name.")),
        timezone: optional(text("Their IANA zone."))
      })
    ),
    timezone: displayZone
  }),
  success: BookingUpdate,
  hints: additiveWrite
})

const Recording = Schema.Struct({
  id: Schema.String,
  status: Schema.optionalKey(Schema.NullOr(Schema.String)),
  startTs: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  duration: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  downloadLink: Schema.optionalKey(Schema.NullOr(Schema.String))
})

export const GetBookingRecordings = tool("get_booking_recordings", {
  title: "Get booking recordings",
  description: "Recordings of a booking's Cal Video meeting, with download links while they last.",
  parameters: Schema.Struct({ booking_id: bookingId, timezone: displayZone }),
  success: Schema.Struct({
    booking_id: Schema.String,
    count: Schema.Int,
    recordings: Schema.Array(
      Schema.Struct({
        recording_id: Schema.String,
        status: Schema.optionalKey(Schema.String),
        started: Schema.optionalKey(TimeView),
        duration_seconds: Schema.optionalKey(Schema.Number),
        download_url: Schema.optionalKey(Schema.String)
      })
    )
  }),
  hints: readOnly
})

export const GetBookingTranscripts = tool("get_booking_transcripts", {
  title: "Get booking transcripts",
  description: `Links to the transcripts of a booking's Cal Video meeting.${THIRD_PARTY}`,
  parameters: Schema.Struct({ booking_id: bookingId }),
  success: Schema.Struct({
    booking_id: Schema.String,
    count: Schema.Int,
    transcript_urls: Schema.Array(Schema.String)
  }),
  hints: readOnly
})

const locationTypes = ["address", "link", "phone", "attendeeAddress", "attendeePhone", "attendeeDefined"] as const

export const ReassignBooking = tool("reassign_booking", {
  title: "Reassign booking",
  description: "Hands a round-robin booking to another host (user_id), or to the next host Cal.com picks.",
  parameters: Schema.Struct({
    booking_id: bookingId,
    user_id: optional(id("The new host; see get_team. Absent: Cal.com picks.")),
    reason: optional(text("Why, with user_id only."))
  }),
  success: Schema.Struct({
    booking_id: Schema.String,
    reassigned_to: Schema.Struct({
      user_id: Schema.Int,
      name: Schema.optionalKey(Schema.String),
      email: Schema.optionalKey(Schema.String)
    })
  }),
  hints: additiveWrite
})

const AttendeeView = Schema.Struct({
  attendee_id: Schema.optionalKey(Schema.Int),
  name: Schema.optionalKey(Schema.String),
  email: Schema.optionalKey(Schema.String),
  timezone: Schema.optionalKey(Schema.String),
  phone: Schema.optionalKey(Schema.String),
  absent: Schema.optionalKey(Schema.Boolean)
})

export const ListBookingAttendees = tool("list_booking_attendees", {
  title: "List booking attendees",
  description: `A booking's attendees, with ids, zones and no-show flags.${THIRD_PARTY}`,
  parameters: Schema.Struct({ booking_id: bookingId }),
  success: Schema.Struct({ booking_id: Schema.String, count: Schema.Int, attendees: Schema.Array(AttendeeView) }),
  hints: readOnly
})

export const AddBookingAttendee = tool("add_booking_attendee", {
  title: "Add booking attendee",
  description: "Adds an attendee to a booking; Cal.com sends them the invitation.",
  parameters: Schema.Struct({
    booking_id: bookingId,
    name: text("Full name."),
    email: text("Their email."),
    timezone: text("Their IANA zone."),
    phone: optional(text("E.164, e.g. +14155550123.")),
    language: optional(text("Locale of their emails, e.g. en."))
  }),
  success: Schema.Struct({ booking_id: Schema.String, attendee: AttendeeView }),
  hints: additiveWrite
})

export const UpdateBookingLocation = tool("update_booking_location", {
  title: "Update booking location",
  description: "Moves a booking to another place: an address, a link or a phone (the host's or the attendee's).",
  parameters: Schema.Struct({
    booking_id: bookingId,
    location_type: Schema.Literals(locationTypes),
    value: text("The address, https link or E.164 phone."),
    timezone: displayZone
  }),
  success: BookingUpdate,
  hints: bookingUpdate
})

export const tools = [
  ConfirmBooking,
  DeclineBooking,
  MarkNoShow,
  AddBookingGuests,
  GetBookingRecordings,
  GetBookingTranscripts,
  ReassignBooking,
  ListBookingAttendees,
  AddBookingAttendee,
  UpdateBookingLocation
] as const

const attendeeView = (a: BookingAttendeeItem): typeof AttendeeView.Type => ({
  ...(a.id == null ? {} : { attendee_id: a.id }),
  ...(a.name == null ? {} : { name: a.name }),
  ...(a.email == null ? {} : { email: a.email }),
  ...(a.timeZone == null ? {} : { timezone: a.timeZone }),
  ...(a.phoneNumber == null ? {} : { phone: a.phoneNumber }),
  ...(a.absent == null ? {} : { absent: a.absent })
})

/** The tool's one `value` as the facade's location of that type. */
const locationOf = (type: (typeof locationTypes)[number], value: string): BookingLocation => {
  switch (type) {
    case "address":
    case "attendeeAddress":
      return { type, address: value }
    case "link":
      return { type, link: value }
    case "phone":
    case "attendeePhone":
      return { type, phone: value }
    case "attendeeDefined":
      return { type, location: value }
  }
}

const LOCATION_ARGUMENTS = {
  "location.address": "value",
  "location.link": "value",
  "location.phone": "value",
  "location.location": "value",
  "location.type": "location_type"
}
const ATTENDEE_ARGUMENTS = { phoneNumber: "phone" }

const BookingIdArgument = Schema.Struct({ booking_id: BookingUid })

const recordingsOf = (cal: CalComApi, params: { readonly booking_id: string; readonly timezone?: string }) =>
  Effect.gen(function* () {
    yield* validate([zoneCheck(params.timezone, "timezone")])
    const { booking_id: uid } = yield* decodeArguments(BookingIdArgument)(params)
    const { data } = yield* named()(
      requestWith(cal)("GET /v2/bookings/{bookingUid}/recordings", {
        params: { path: { bookingUid: uid } },
        schema: Schema.Struct({ data: Schema.Array(Recording) })
      })
    )
    const zone = yield* zoneFor(cal, params.timezone)
    const recordings = data.map((r) => ({
      recording_id: r.id,
      ...(r.status == null ? {} : { status: r.status }),
      ...(r.startTs == null ? {} : { started: timeView(DateTime.makeUnsafe(r.startTs * 1000), zone) }),
      ...(r.duration == null ? {} : { duration_seconds: r.duration }),
      ...(r.downloadLink == null ? {} : { download_url: r.downloadLink })
    }))
    return { booking_id: uid, count: recordings.length, recordings }
  })

/** Runs a facade action on a booking and answers it in the display zone. */
export const answer = (
  cal: CalComApi,
  timezone: string | undefined,
  action: Effect.Effect<Booking, CalComError>,
  names: Readonly<Record<string, string>> = {}
): Effect.Effect<BookingUpdate, Failure> =>
  Effect.gen(function* () {
    yield* validate([zoneCheck(timezone, "timezone")])
    const booking = yield* named(names)(action)
    const zone = yield* zoneFor(cal, timezone)
    return { booking: bookingSummary(booking, zone, cal.settings.baseUrl) }
  })

export const bodies: Bodies<typeof tools> = {
  reassign_booking: (cal, params) =>
    Effect.map(
      named()(cal.bookings.reassign(params.booking_id, given({ userId: params.user_id, reason: params.reason }))),
      (r) => ({
        booking_id: r.bookingUid,
        reassigned_to: {
          user_id: r.reassignedTo.id,
          ...(r.reassignedTo.name == null ? {} : { name: r.reassignedTo.name }),
          ...(r.reassignedTo.email == null ? {} : { email: r.reassignedTo.email })
        }
      })
    ),
  list_booking_attendees: (cal, params) =>
    Effect.map(named()(cal.bookings.listAttendees(params.booking_id)), (list) => ({
      booking_id: params.booking_id,
      count: list.length,
      attendees: list.map(attendeeView)
    })),
  add_booking_attendee: (cal, params) =>
    Effect.map(
      named(ATTENDEE_ARGUMENTS)(
        cal.bookings.addAttendee(params.booking_id, {
          name: params.name.trim(),
          email: params.email,
          timeZone: params.timezone,
          ...given({ phoneNumber: params.phone, language: params.language })
        })
      ),
      (attendee) => ({ booking_id: params.booking_id, attendee: attendeeView(attendee) })
    ),
  update_booking_location: (cal, params) =>
    answer(
      cal,
      params.timezone,
      cal.bookings.updateLocation(params.booking_id, locationOf(params.location_type, params.value.trim())),
      LOCATION_ARGUMENTS
    ),
  get_booking_recordings: recordingsOf,
  get_booking_transcripts: (cal, params) =>
    Effect.gen(function* () {
      const { booking_id: uid } = yield* decodeArguments(BookingIdArgument)(params)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/bookings/{bookingUid}/transcripts", {
          params: { path: { bookingUid: uid } },
          schema: Schema.Struct({ data: Schema.Array(Schema.String) })
        })
      )
      return { booking_id: uid, count: data.length, transcript_urls: data }
    }),
  confirm_booking: (cal, params) =>
    answer(
      cal,
      params.timezone,
      Effect.map(cal.bookings.confirm(params.booking_id), (result) => result.booking)
    ),
  decline_booking: (cal, params) =>
    answer(
      cal,
      params.timezone,
      cal.bookings.decline(params.booking_id, params.reason === undefined ? {} : { reason: params.reason })
    ),
  mark_no_show: (cal, params) =>
    answer(
      cal,
      params.timezone,
      cal.bookings.markAbsent(params.booking_id, {
        ...(params.host === undefined ? {} : { host: params.host }),
        ...(params.attendees === undefined ? {} : { attendees: params.attendees })
      })
    ),
  add_booking_guests: (cal, params) =>
    answer(
      cal,
      params.timezone,
      cal.bookings.addGuests(
        params.booking_id,
        params.guests.map((g) => ({
          email: g.email,
          ...(g.name === undefined ? {} : { name: g.name.trim() }),
          ...(g.timezone === undefined ? {} : { timeZone: g.timezone })
        }))
      )
    )
}
