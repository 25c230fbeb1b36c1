/**
 * The booking tools: list, get, create (only an offered slot), reschedule, cancel. Times are
 * read with an offset or as wall-clock time in the named zone, and shown in UTC and locally.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { BookingListStatus, type CalComApi, type CalComError, hasMore } from "../../index.js"
import {
  type ArgumentNames,
  dateCheck,
  given,
  instantOf,
  named,
  refusal,
  type SlotContext,
  validate,
  zoneCheck,
  zoneFor
} from "../internal/Calls.js"
import {
  additiveWrite,
  type Bodies,
  bookingDelete,
  bookingId,
  date,
  dateTime,
  displayZone,
  emailSwitch,
  type Failure,
  id,
  optional,
  readOnly,
  THIRD_PARTY,
  text,
  tool,
  zone
} from "../internal/Define.js"
import { checkDayRange, nextDay, startOfLocalDay } from "../Time.js"
import { BookingChange, BookingList, BookingView, bookingSummary, bookingView, notificationsNote } from "../Views.js"

export const ListBookings = tool("list_bookings", {
  title: "List bookings",
  description: `The user's bookings, a page at a time (next_skip).${THIRD_PARTY}`,
  parameters: Schema.Struct({
    limit: optional(Schema.Int.annotate({ description: "1 to 250. Default 10." })),
    skip: optional(Schema.Int.annotate({ description: "Bookings to skip. Default 0." })),
    status: optional(
      Schema.Union([BookingListStatus, Schema.Array(BookingListStatus)]).annotate({ description: "One or several." })
    ),
    start_date: optional(date("Start on or after.")),
    end_date: optional(date("End on or before.")),
    event_type_id: optional(id("Of this event type.")),
    attendee_email: optional(text("With this attendee.")),
    timezone: displayZone
  }),
  success: BookingList,
  hints: readOnly
})

export const GetBooking = tool("get_booking", {
  title: "Get booking",
  description: `A booking.${THIRD_PARTY}`,
  parameters: Schema.Struct({ booking_id: bookingId, timezone: displayZone }),
  success: BookingView,
  hints: readOnly
})

export const CreateBooking = tool("create_booking", {
  title: "Create booking",
  description: "Books an offered slot; else books nothing (SlotUnavailable, with the nearest slots).",
  parameters: Schema.Struct({
    event_type_id: id("The event type to book."),
    start_time: dateTime("A slot's start.utc, or local time in attendee_timezone."),
    end_time: optional(dateTime("The slot's end.")),
    attendee_name: text("Full name."),
    attendee_email: text("Gets the emails."),
    attendee_timezone: zone("For their emails."),
    notes: optional(text("For the host; max 5000 chars.")),
    reservation_id: optional(text("From reserve_slot.")),
    send_confirmation: emailSwitch
  }),
  success: BookingChange,
  hints: additiveWrite
})

export const RescheduleBooking = tool("reschedule_booking", {
  title: "Reschedule booking",
  description: `Moves a booking to an offered slot; it gets a new booking_id.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    booking_id: bookingId,
    new_start_time: dateTime("With offset, or local time in timezone."),
    new_end_time: optional(dateTime("New start + the booking's length.")),
    reason: optional(text("Shown to attendees, up to 5000 chars.")),
    timezone: displayZone,
    send_notification: emailSwitch
  }),
  success: BookingChange,
  hints: additiveWrite
})

export const CancelBooking = tool("cancel_booking", {
  title: "Cancel booking",
  description: `Cancels a booking for good: confirm with the user first.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    booking_id: bookingId,
    cancellation_reason: optional(text("Shown to attendees, up to 5000 chars.")),
    timezone: displayZone,
    send_notification: emailSwitch
  }),
  success: BookingChange,
  hints: bookingDelete
})

export const tools = [ListBookings, GetBooking, CreateBooking, RescheduleBooking, CancelBooking] as const

const LIST_ARGUMENTS: ArgumentNames = { take: "limit", afterStart: "start_date", beforeEnd: "end_date" }
const CREATE_ARGUMENTS: ArgumentNames = {
  start: "start_time",
  end: "end_time",
  "attendee.name": "attendee_name",
  "attendee.email": "attendee_email",
  "attendee.timeZone": "attendee_timezone",
  reservationUid: "reservation_id"
}
const RESCHEDULE_ARGUMENTS: ArgumentNames = { start: "new_start_time", end: "new_end_time" }
const CANCEL_ARGUMENTS: ArgumentNames = { reason: "cancellation_reason" }

type Params<Name extends keyof Bodies<typeof tools>> = Parameters<Bodies<typeof tools>[Name]>[1]

/** The date filters: whole local days, checked here because they are read in a zone. */
const dateChecks = (params: Params<"list_bookings">) =>
  params.start_date !== undefined && params.end_date !== undefined
    ? checkDayRange(
        { startDate: params.start_date, endDate: params.end_date },
        { startDate: "start_date", endDate: "end_date" },
        Number.POSITIVE_INFINITY
      )
    : [dateCheck(params.start_date, "start_date"), dateCheck(params.end_date, "end_date")]

const listBookings = (cal: CalComApi, params: Params<"list_bookings">) =>
  Effect.gen(function* () {
    yield* validate([...dateChecks(params), zoneCheck(params.timezone, "timezone")])
    const limit = params.limit ?? 10
    const skip = params.skip ?? 0
    const zone = yield* zoneFor(cal, params.timezone)
    const { start_date: startDate, end_date: endDate, status } = params
    const page = yield* named(LIST_ARGUMENTS)(
      cal.bookings.list({
        status: status === undefined ? undefined : typeof status === "string" ? [status] : status,
        afterStart: startDate === undefined ? undefined : startOfLocalDay(startDate, zone),
        beforeEnd: endDate === undefined ? undefined : startOfLocalDay(nextDay(endDate), zone),
        eventTypeId: params.event_type_id,
        attendeeEmail: params.attendee_email,
        take: limit,
        skip
      })
    )
    return {
      timezone: zone,
      count: page.bookings.length,
      ...(page.pagination.totalItems == null ? {} : { total: page.pagination.totalItems }),
      ...(hasMore(page, limit) ? { next_skip: skip + page.bookings.length } : {}),
      bookings: page.bookings.map((b) => bookingView(b, zone, cal.settings.baseUrl))
    }
  })

const createBooking = (cal: CalComApi, params: Params<"create_booking">) =>
  Effect.gen(function* () {
    const zone = params.attendee_timezone
    // The tool's own part: a date-time without offset is read in the attendee's zone. The rest,
    // and the slot check, are the facade's; its issues are renamed to these arguments.
    const start = instantOf(params.start_time, "start_time", zone, "attendee_timezone")
    const end = instantOf(params.end_time, "end_time", zone, "attendee_timezone")
    yield* validate([start.issue, end.issue])
    const slot: SlotContext | undefined = start.instant && {
      eventTypeId: params.event_type_id,
      start: start.instant,
      zone
    }
    const result = yield* cal.bookings
      .create({
        eventTypeId: params.event_type_id,
        start: start.instant ?? params.start_time,
        ...(params.end_time === undefined ? {} : { end: end.instant ?? params.end_time }),
        attendee: { name: params.attendee_name.trim(), email: params.attendee_email, timeZone: zone },
        ...given({ notes: params.notes, reservationUid: params.reservation_id })
      })
      .pipe(Effect.mapError(refusal(CREATE_ARGUMENTS, slot, "attendee_timezone")))
    return {
      booking: bookingSummary(result.booking, zone, cal.settings.baseUrl),
      notifications: notificationsNote(params.send_confirmation ?? true, "send_confirmation")
    }
  })

const rescheduleBooking = (cal: CalComApi, params: Params<"reschedule_booking">) =>
  Effect.gen(function* () {
    // The tool's own part: the zone times are read and shown in. The facade checks the rest
    // (the booking id, the slot, that the end keeps the booking's length, the reason).
    const start = instantOf(params.new_start_time, "new_start_time", params.timezone, "timezone")
    const end = instantOf(params.new_end_time, "new_end_time", params.timezone, "timezone")
    yield* validate([zoneCheck(params.timezone, "timezone"), start.issue, end.issue])
    const refused = (error: CalComError): Effect.Effect<never, Failure> =>
      Effect.flatMap(zoneFor(cal, params.timezone), (zone) =>
        Effect.fail(
          refusal(RESCHEDULE_ARGUMENTS, start.instant && { eventTypeId: undefined, start: start.instant, zone })(error)
        )
      )
    const result = yield* cal.bookings
      .reschedule(params.booking_id, {
        start: start.instant ?? params.new_start_time,
        ...(params.new_end_time === undefined ? {} : { end: end.instant ?? params.new_end_time }),
        ...(params.reason === undefined ? {} : { reason: params.reason })
      })
      .pipe(Effect.catch(refused))
    const zone = yield* zoneFor(cal, params.timezone)
    return {
      booking: bookingSummary(result.booking, zone, cal.settings.baseUrl),
      previous_booking_id: result.previousUid,
      notifications: notificationsNote(params.send_notification ?? true, "send_notification")
    }
  })

const cancelBooking = (cal: CalComApi, params: Params<"cancel_booking">) =>
  Effect.gen(function* () {
    yield* validate([zoneCheck(params.timezone, "timezone")])
    const reason = params.cancellation_reason
    const result = yield* named(CANCEL_ARGUMENTS)(
      cal.bookings.cancel(params.booking_id, reason === undefined ? {} : { reason })
    )
    const zone = yield* zoneFor(cal, params.timezone)
    return {
      booking: bookingSummary(result.booking, zone, cal.settings.baseUrl),
      notifications: notificationsNote(params.send_notification ?? true, "send_notification")
    }
  })

export const bodies: Bodies<typeof tools> = {
  list_bookings: listBookings,
  get_booking: (cal, params) =>
    Effect.gen(function* () {
      yield* validate([zoneCheck(params.timezone, "timezone")])
      const booking = yield* named()(cal.bookings.get(params.booking_id))
      const zone = yield* zoneFor(cal, params.timezone)
      return bookingView(booking, zone, cal.settings.baseUrl)
    }),
  create_booking: createBooking,
  reschedule_booking: rescheduleBooking,
  cancel_booking: cancelBooking
}
