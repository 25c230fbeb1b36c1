/**
 * Bookings: list (paged, filtered, or as a `Stream` over every page), get, create, reschedule
 * and cancel.
 *
 * Writes are safe to retry: create, reschedule and cancel check the slot first, and after a
 * failure that leaves the server's state unknown (a 5xx, a timeout, a dropped connection) they
 * look up what the server did before anything is sent again, so a booking is never made twice.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { AvailabilityApi } from "./Availability.js"
import { dataOf, decodeWith } from "./Decode.js"
import { type CalComError, CalComValidationError } from "./Errors.js"
import {
  checkWith,
  isNonEmpty,
  iso,
  isPositiveInt,
  require,
  textCheck,
  toUtc,
  validate,
  zoneCheck
} from "./internal/Resource.js"
import {
  Booking,
  type BookingConfirmation,
  BookingListStatus,
  BookingUid,
  Email,
  type Instant,
  Pagination
} from "./Models.js"
import type { Transport } from "./Transport.js"

export interface ListBookingsInput {
  /** Combined on the wire as one comma-separated value. */
  readonly status?: ReadonlyArray<BookingListStatus> | undefined
  /** Bookings starting at or after this instant. */
  readonly afterStart?: Instant | undefined
  /** Bookings ending at or before this instant. */
  readonly beforeEnd?: Instant | undefined
  readonly eventTypeId?: number | undefined
  readonly attendeeEmail?: string | undefined
  /** Page size, 1 to 250. Default 100. */
  readonly take?: number | undefined
  /** Bookings to skip. Default 0. */
  readonly skip?: number | undefined
}

export interface BookingPage {
  readonly bookings: ReadonlyArray<Booking>
  readonly pagination: Pagination
}

export interface Attendee {
  readonly name: string
  readonly email: string
  /** IANA zone the attendee sees times in. */
  readonly timeZone: string
  /** Cal.com locale for their emails (`en`, `it`…). */
  readonly language?: string | undefined
}

export interface CreateBookingInput {
  readonly eventTypeId: number
  /** Start, an ISO 8601 instant with offset or a `DateTime`. */
  readonly start: Instant
  /** Optional; when given it must be after `start` and match the event type's length. */
  readonly end?: Instant | undefined
  readonly attendee: Attendee
  /** Shown to the host ("Additional notes"). */
  readonly notes?: string | undefined
  readonly metadata?: Readonly<Record<string, string>> | undefined
  /** Extra guests' emails. */
  readonly guests?: ReadonlyArray<string> | undefined
  /** For event types with several lengths. */
  readonly lengthInMinutes?: number | undefined
  /** Check the slot is offered before booking. Default true. */
  readonly checkAvailability?: boolean | undefined
}

export interface RescheduleBookingInput {
  readonly start: Instant
  readonly reason?: string | undefined
  /** Check the new slot is offered first. Default true. */
  readonly checkAvailability?: boolean | undefined
}

/** A created or changed booking, and what to tell the person about it. */
export interface BookingResult {
  readonly booking: Booking
  readonly confirmation: BookingConfirmation
}

export interface BookingsApi {
  readonly list: (input?: ListBookingsInput) => Effect.Effect<BookingPage, CalComError>
  /** Every booking matching the filter, page after page (`take` is the page size). */
  readonly stream: (input?: Omit<ListBookingsInput, "skip">) => Stream.Stream<Booking, CalComError>
  readonly get: (uid: string) => Effect.Effect<Booking, CalComError>
  readonly create: (input: CreateBookingInput) => Effect.Effect<BookingResult, CalComError>
  /** Moves a booking; Cal.com gives the moved booking a new uid (`previousUid` is the old one). */
  readonly reschedule: (
    uid: string,
    input: RescheduleBookingInput
  ) => Effect.Effect<BookingResult & { readonly previousUid: string }, CalComError>
  readonly cancel: (
    uid: string,
    input?: { readonly reason?: string | undefined }
  ) => Effect.Effect<BookingResult, CalComError>
}

const decodeBooking = dataOf(Booking)
const decodeBookings = dataOf(Schema.Array(Booking))
const decodePagination = decodeWith(Schema.Struct({ pagination: Pagination }))
const decodePage = (body: unknown) =>
  Effect.zipWith(
    decodeBookings(body),
    decodePagination(body),
    (bookings, { pagination }): BookingPage => ({
      bookings,
      pagination
    })
  )

const uidCheck = (uid: unknown, path = "uid") => checkWith(BookingUid, uid, path, "must be a non-empty booking uid")
const emailCheck = (email: unknown, path: string) => checkWith(Email, email, path, "must be an email address")
const instantCheck = (value: Instant | undefined, path: string) =>
  value === undefined
    ? undefined
    : require(toUtc(value) !== undefined, path, "must be an ISO 8601 instant with offset (2026-12-01T10:00:00Z)")

/** The booking page on Cal.com's web app, when the API origin is Cal.com's own (`api.cal.com` → `cal.com`). */
export const bookingUrl = (baseUrl: string, uid: string): string | undefined => {
  const url = new URL(baseUrl)
  return /^api\.cal\.(com|eu)$/.test(url.hostname)
    ? `https://${url.hostname.slice(4)}/booking/${encodeURIComponent(uid)}`
    : undefined
}

/** @internal */
export const makeBookings = (transport: Transport, availability: AvailabilityApi, baseUrl: string): BookingsApi => {
  const confirm = (booking: Booking, timeZone?: string): BookingResult => {
    const url = bookingUrl(baseUrl, booking.uid)
    const zone = timeZone ?? booking.attendees[0]?.timeZone
    return {
      booking,
      confirmation: {
        uid: booking.uid,
        title: booking.title,
        status: booking.status,
        start: booking.start,
        end: booking.end,
        ...(zone === undefined ? {} : { timeZone: zone }),
        ...(booking.meetingUrl ? { meetingUrl: booking.meetingUrl } : {}),
        ...(booking.location ? { location: booking.location } : {}),
        ...(url === undefined ? {} : { url })
      }
    }
  }

  const listChecks = (input: ListBookingsInput) => [
    ...(input.status ?? []).map((s, i) =>
      checkWith(BookingListStatus, s, `status.${i}`, "must be upcoming, recurring, past, cancelled or unconfirmed")
    ),
    instantCheck(input.afterStart, "afterStart"),
    instantCheck(input.beforeEnd, "beforeEnd"),
    input.eventTypeId === undefined
      ? undefined
      : require(isPositiveInt(input.eventTypeId), "eventTypeId", "must be a positive whole number"),
    input.attendeeEmail === undefined ? undefined : emailCheck(input.attendeeEmail, "attendeeEmail"),
    input.take === undefined
      ? undefined
      : require(isPositiveInt(input.take) && input.take <= 250, "take", "must be 1 to 250"),
    input.skip === undefined
      ? undefined
      : require(Number.isInteger(input.skip) && input.skip >= 0, "skip", "must be 0 or more")
  ]

  const fetchPage = (input: ListBookingsInput) => {
    const after = input.afterStart === undefined ? undefined : toUtc(input.afterStart)
    const before = input.beforeEnd === undefined ? undefined : toUtc(input.beforeEnd)
    const query = {
      ...(input.status && input.status.length > 0 ? { status: [...input.status] } : {}),
      ...(after === undefined ? {} : { afterStart: iso(after) }),
      ...(before === undefined ? {} : { beforeEnd: iso(before) }),
      ...(input.eventTypeId === undefined ? {} : { eventTypeId: String(input.eventTypeId) }),
      ...(input.attendeeEmail === undefined ? {} : { attendeeEmail: input.attendeeEmail }),
      take: input.take ?? 100,
      skip: input.skip ?? 0
    }
    return transport.call({
      operation: "Bookings.list",
      method: "GET",
      path: "/v2/bookings",
      params: { query },
      decode: decodePage
    })
  }

  const list = Effect.fn("Bookings.list")(function* (input: ListBookingsInput = {}) {
    yield* validate("Bookings.list", listChecks(input))
    return yield* fetchPage(input)
  })

  const stream = (input: Omit<ListBookingsInput, "skip"> = {}): Stream.Stream<Booking, CalComError> =>
    Stream.unwrap(
      Effect.as(
        validate("Bookings.stream", listChecks(input)),
        Stream.paginate(0, (skip: number) =>
          Effect.map(fetchPage({ ...input, skip }), (page) => {
            const next = skip + page.bookings.length
            const more = page.pagination.hasNextPage && page.bookings.length > 0
            return [page.bookings, more ? Option.some(next) : Option.none()] as const
          })
        )
      )
    )

  const getBooking = (uid: string) =>
    transport.call({
      operation: "Bookings.get",
      method: "GET",
      path: "/v2/bookings/{bookingUid}",
      resource: { kind: "booking", id: uid },
      params: { path: { bookingUid: uid } },
      decode: decodeBooking
    })

  const get = Effect.fn("Bookings.get")(function* (uid: string) {
    yield* validate("Bookings.get", [uidCheck(uid)])
    return yield* getBooking(uid)
  })

  /** Fails unless a slot of `eventTypeId` starts exactly at `start`. */
  const ensureOffered = (
    operation: string,
    eventTypeId: number,
    start: DateTime.Utc,
    timeZone: string,
    duration?: number,
    end?: DateTime.Utc
  ) =>
    Effect.gen(function* () {
      const day = (offset: number) => DateTime.formatIsoDate(DateTime.add(start, { days: offset }))
      const offered = yield* availability.slots({
        eventTypeId,
        start: day(-1),
        end: day(1),
        timeZone,
        ...(duration === undefined ? {} : { duration })
      })
      const wanted = DateTime.toEpochMillis(start)
      const slot = offered.find((s) => DateTime.toEpochMillis(s.start) === wanted)
      if (slot && end !== undefined && DateTime.toEpochMillis(slot.end) !== DateTime.toEpochMillis(end)) {
        return yield* new CalComValidationError({
          operation,
          issues: [{ path: "end", message: `the slot at ${iso(start)} ends at ${iso(slot.end)}, not ${iso(end)}` }],
          message: `${operation}: the slot at ${iso(start)} ends at ${iso(slot.end)}, not ${iso(end)} (pass lengthInMinutes for event types with several lengths); nothing was sent`
        })
      }
      if (slot) return
      return yield* new CalComValidationError({
        operation,
        issues: [{ path: "start", message: `${iso(start)} is not an available slot of event type ${eventTypeId}` }],
        message: `${operation}: ${iso(start)} is not an available slot of event type ${eventTypeId}; pick one from availability.slots; nothing was sent`
      })
    })

  const create = Effect.fn("Bookings.create")(function* (input: CreateBookingInput) {
    const start = toUtc(input.start)
    const end = input.end === undefined ? undefined : toUtc(input.end)
    const { attendee } = input
    yield* validate("Bookings.create", [
      require(isPositiveInt(input.eventTypeId), "eventTypeId", "must be a positive whole number"),
      instantCheck(input.start, "start"),
      instantCheck(input.end, "end"),
      start !== undefined && end !== undefined
        ? require(DateTime.isLessThan(start, end), "end", "must be after start")
        : undefined,
      require(isNonEmpty(attendee?.name), "attendee.name", "must not be empty"),
      emailCheck(attendee?.email, "attendee.email"),
      zoneCheck(attendee?.timeZone, "attendee.timeZone"),
      ...(input.guests ?? []).map((g, i) => emailCheck(g, `guests.${i}`)),
      input.lengthInMinutes === undefined
        ? undefined
        : require(isPositiveInt(input.lengthInMinutes), "lengthInMinutes", "must be a positive number of minutes"),
      textCheck(input.notes, "notes")
    ])
    if (start === undefined) return yield* Effect.die("unreachable: start was validated")
    // Only sent when asked for: Cal.com refuses lengthInMinutes for fixed-length event types.
    // A given `end` is checked against the offered slot instead.
    const minutes = input.lengthInMinutes
    if (input.checkAvailability !== false) {
      yield* ensureOffered("Bookings.create", input.eventTypeId, start, attendee.timeZone, minutes, end)
    }
    const body = {
      start: iso(start),
      eventTypeId: input.eventTypeId,
      attendee: {
        name: attendee.name,
        email: attendee.email,
        timeZone: attendee.timeZone,
        ...(attendee.language === undefined ? {} : { language: attendee.language as "en" })
      },
      ...(input.guests === undefined ? {} : { guests: [...input.guests] }),
      ...(input.metadata === undefined ? {} : { metadata: { ...input.metadata } }),
      ...(minutes === undefined ? {} : { lengthInMinutes: minutes }),
      ...(input.notes === undefined ? {} : { bookingFieldsResponses: { notes: input.notes } })
    }
    // After an ambiguous failure: did the server make it? Same event type, start and attendee.
    const reconcile = Effect.map(
      fetchPage({
        eventTypeId: input.eventTypeId,
        attendeeEmail: attendee.email,
        afterStart: DateTime.subtract(start, { minutes: 1 }),
        beforeEnd: DateTime.add(start, { days: 1 }),
        take: 50
      }),
      (page) =>
        Option.fromNullishOr(
          page.bookings.find(
            (b) =>
              DateTime.toEpochMillis(b.start) === DateTime.toEpochMillis(start) &&
              b.status !== "cancelled" &&
              b.status !== "rejected" &&
              b.attendees.some((a) => a.email.toLowerCase() === attendee.email.toLowerCase())
          )
        )
    )
    const booking = yield* transport.call({
      operation: "Bookings.create",
      method: "POST",
      path: "/v2/bookings",
      reconcile,
      body,
      decode: decodeBooking
    })
    return confirm(booking, attendee.timeZone)
  })

  const reschedule = Effect.fn("Bookings.reschedule")(function* (uid: string, input: RescheduleBookingInput) {
    const start = toUtc(input.start)
    yield* validate("Bookings.reschedule", [
      uidCheck(uid),
      instantCheck(input.start, "start"),
      textCheck(input.reason, "reason")
    ])
    if (start === undefined) return yield* Effect.die("unreachable: start was validated")
    const current = yield* getBooking(uid)
    const eventTypeId = current.eventTypeId ?? current.eventType?.id
    const timeZone = current.attendees[0]?.timeZone ?? "UTC"
    if (input.checkAvailability !== false && eventTypeId !== undefined && eventTypeId !== null) {
      yield* ensureOffered("Bookings.reschedule", eventTypeId, start, timeZone, current.duration)
    }
    const body = { start: iso(start), ...(input.reason === undefined ? {} : { reschedulingReason: input.reason }) }
    // After an ambiguous failure: the old booking points at its replacement if it was moved.
    const reconcile = Effect.flatMap(getBooking(uid), (old) =>
      old.rescheduledToUid ? Effect.map(getBooking(old.rescheduledToUid), Option.some) : Effect.succeed(Option.none())
    )
    const booking = yield* transport.call({
      operation: "Bookings.reschedule",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/reschedule",
      resource: { kind: "booking", id: uid },
      reconcile,
      params: { path: { bookingUid: uid } },
      body,
      decode: decodeBooking
    })
    return { ...confirm(booking, timeZone), previousUid: uid }
  })

  const cancel = Effect.fn("Bookings.cancel")(function* (
    uid: string,
    input: { readonly reason?: string | undefined } = {}
  ) {
    yield* validate("Bookings.cancel", [uidCheck(uid), textCheck(input.reason, "reason")])
    const body = input.reason === undefined ? {} : { cancellationReason: input.reason }
    // After an ambiguous failure: a booking that is now cancelled was cancelled.
    const reconcile = Effect.map(getBooking(uid), (b) => (b.status === "cancelled" ? Option.some(b) : Option.none()))
    const booking = yield* transport.call({
      operation: "Bookings.cancel",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/cancel",
      resource: { kind: "booking", id: uid },
      reconcile,
      params: { path: { bookingUid: uid } },
      body,
      decode: decodeBooking
    })
    return confirm(booking)
  })

  return { list, stream, get, create, reschedule, cancel }
}
