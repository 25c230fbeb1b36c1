/**
 * Bookings: list (paged, filtered, or as a `Stream` over every page), get, create, reschedule,
 * cancel and confirm.
 *
 * Writes are safe to retry: create, reschedule and cancel check the slot first, and after a
 * failure that leaves the server's state unknown (a 5xx, a timeout, a dropped connection) they
 * look up what the server did before anything is sent again, so a booking is never made twice.
 */

import type { NonEmptyReadonlyArray } from "effect/Array"
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { AvailabilityApi } from "./Availability.js"
import { dataOf, decodeWith, listOf, type ValidationIssueList } from "./Decode.js"
import { CalComConflictError, CalComDecodeError, type CalComError, CalComValidationError } from "./Errors.js"
import {
  decodeInput,
  given,
  InstantInput,
  IntBetween,
  invalidInput,
  Minutes,
  NonEmpty,
  Text
} from "./internal/Input.js"
import { iso } from "./internal/Resource.js"
import {
  Booking,
  type BookingConfirmation,
  BookingListStatus,
  BookingOrOccurrences,
  BookingUid,
  Email,
  type Instant,
  Pagination,
  PositiveId,
  ReservationUid,
  type Slot,
  TimeZone
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

export interface StreamBookingsInput extends Omit<ListBookingsInput, "skip"> {
  /** Most pages read before giving up on a server that keeps reporting more. Default 1000. */
  readonly maxPages?: number | undefined
}

export interface BookingPage {
  readonly bookings: ReadonlyArray<Booking>
  /** `{}` from releases that send no pagination. */
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
  /** Check the slot is offered before booking. Default true; not done with `reservationUid`. */
  readonly checkAvailability?: boolean | undefined
  /**
   * A hold from `slots.reserve` on this event type and start: Cal.com books the held slot and
   * consumes the hold. The slot check is then skipped (the hold is the check, and Cal.com's slot
   * list may leave out a held slot); an expired or released hold fails (410), one behind another
   * hold on the same slot too (409).
   */
  readonly reservationUid?: string | undefined
}

export interface RescheduleBookingInput {
  readonly start: Instant
  /** Optional; when given it must be where the moved booking ends (its length is kept). */
  readonly end?: Instant | undefined
  readonly reason?: string | undefined
  /** Check the new slot is offered first. Default true. */
  readonly checkAvailability?: boolean | undefined
}

/** A created or changed booking, and what to tell the person about it. */
export interface BookingResult {
  /** The booking made or changed; for a recurring event type, its first occurrence. */
  readonly booking: Booking
  readonly confirmation: BookingConfirmation
  /**
   * Every booking the call made or changed, sorted by start: `[booking]`, or each occurrence of a
   * recurring event type (they share `recurringBookingUid`).
   */
  readonly occurrences: NonEmptyReadonlyArray<Booking>
  /** Seated event types: the seat this attendee holds (what reschedules and cancels that seat). */
  readonly seatUid?: string | undefined
}

/**
 * What `bookings.get` returns: the booking, and in `occurrences` every booking the uid names.
 * For a recurring series' uid (`recurringBookingUid`) Cal.com answers every occurrence: the
 * booking is then the first of them.
 */
export type FoundBooking = Booking & { readonly occurrences: NonEmptyReadonlyArray<Booking> }

export interface BookingsApi {
  readonly list: (input?: ListBookingsInput) => Effect.Effect<BookingPage, CalComError>
  /** Every booking matching the filter, page after page (`take` is the page size). */
  /**
   * Every booking matching the filter, page after page (`take` is the page size). Ends at the
   * last page, an empty page, a page the server sends again, or once `totalItems` came; fails with
   * `CalComDecodeError` when the server still reports more after `maxPages` pages (default 1000).
   */
  readonly stream: (input?: StreamBookingsInput) => Stream.Stream<Booking, CalComError>
  /** A booking by uid, or every occurrence of a recurring series by its `recurringBookingUid`. */
  readonly get: (uid: string) => Effect.Effect<FoundBooking, CalComError>
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
  /** Accepts a booking that waits for the host's confirmation (`status: "pending"`); the key must be the host's. */
  readonly confirm: (uid: string) => Effect.Effect<BookingResult, CalComError>
}

/** A booking as a write returns it, with the seat it took on a seated event type. */
type Made = Booking & { readonly seatUid?: string | null | undefined }

const decodeBooking = dataOf(BookingOrOccurrences.members[0])
const decodeOneOrMany = dataOf(BookingOrOccurrences)
/** One booking or every occurrence, as a non-empty list sorted by start. */
const decodeOccurrences = (body: unknown): Effect.Effect<NonEmptyReadonlyArray<Made>, ValidationIssueList> =>
  Effect.flatMap(decodeOneOrMany(body), (data) => {
    const list: ReadonlyArray<Made> = Array.isArray(data) ? data : [data as Made]
    const [first, ...rest] = [...list].sort((a, b) => DateTime.toEpochMillis(a.start) - DateTime.toEpochMillis(b.start))
    return first === undefined
      ? Effect.fail([{ path: "data", message: "an empty list of occurrences" }])
      : Effect.succeed([first, ...rest] as const)
  })
const decodeBookings = listOf(Booking, "booking")
const decodePagination = decodeWith(Schema.Struct({ pagination: Schema.optionalKey(Schema.NullOr(Pagination)) }))
const decodePage = (body: unknown) =>
  Effect.zipWith(
    decodeBookings(body),
    decodePagination(body),
    (bookings, { pagination }): BookingPage => ({ bookings, pagination: pagination ?? {} })
  )

/**
 * Whether another page may follow one of `take`: the server's `hasNextPage` when it sends
 * pagination; without it (releases before mid-2025), whether the page came back full.
 */
export const hasMore = (page: BookingPage, take: number): boolean =>
  page.bookings.length > 0 && (page.pagination.hasNextPage ?? page.bookings.length >= take)

/** A write's bookings without the `seatUid` field the model does not have. */
const withoutSeat = ({ seatUid: _seat, ...booking }: Made): Booking => booking

/** The booking page on Cal.com's web app, when the API origin is Cal.com's own (`api.cal.com` → `cal.com`). */
export const bookingUrl = (baseUrl: string, uid: string): string | undefined => {
  const url = new URL(baseUrl)
  return /^api\.cal\.(com|eu)$/.test(url.hostname)
    ? `https://${url.hostname.slice(4)}/booking/${encodeURIComponent(uid)}`
    : undefined
}

// --- Input ------------------------------------------------------------------------------------

const Uid = Schema.Struct({ uid: BookingUid })

const ListQuery = Schema.Struct({
  /** Combined on the wire as one comma-separated value. */
  status: Schema.optional(Schema.Array(BookingListStatus)),
  afterStart: Schema.optional(InstantInput),
  beforeEnd: Schema.optional(InstantInput),
  eventTypeId: Schema.optional(PositiveId),
  attendeeEmail: Schema.optional(Email),
  take: Schema.optional(IntBetween(1, 250)),
  skip: Schema.optional(IntBetween(0, Number.MAX_SAFE_INTEGER, "must be 0 or more"))
})
type ListQuery = typeof ListQuery.Type

/** A given end must be after the start. */
const endsAfterStart = ({ start, end }: { readonly start: DateTime.Utc; readonly end?: DateTime.Utc | undefined }) =>
  end === undefined || DateTime.isLessThan(start, end) || { path: ["end"], issue: "must be after start" }

const CreateInput = Schema.Struct({
  eventTypeId: PositiveId,
  start: InstantInput,
  end: Schema.optional(InstantInput),
  attendee: Schema.Struct({
    name: NonEmpty,
    email: Email,
    timeZone: TimeZone,
    language: Schema.optional(Schema.String)
  }),
  notes: Schema.optional(Text),
  metadata: Schema.optional(Schema.Record(Schema.String, Schema.String)),
  guests: Schema.optional(Schema.Array(Email)),
  lengthInMinutes: Schema.optional(Minutes),
  checkAvailability: Schema.optional(Schema.Boolean),
  reservationUid: Schema.optional(ReservationUid)
}).check(Schema.makeFilter(endsAfterStart))
type CreateInput = typeof CreateInput.Type

const RescheduleInput = Schema.Struct({
  uid: BookingUid,
  start: InstantInput,
  end: Schema.optional(InstantInput),
  reason: Schema.optional(Text),
  checkAvailability: Schema.optional(Schema.Boolean)
}).check(Schema.makeFilter(endsAfterStart))

const CancelInput = Schema.Struct({ uid: BookingUid, reason: Schema.optional(Text) })

const decodeList = decodeInput("Bookings.list", ListQuery)
const decodeStream = decodeInput("Bookings.stream", ListQuery)
const decodeGet = decodeInput("Bookings.get", Uid)
const decodeCreate = decodeInput("Bookings.create", CreateInput)
const decodeReschedule = decodeInput("Bookings.reschedule", RescheduleInput)
const decodeCancel = decodeInput("Bookings.cancel", CancelInput)
const decodeConfirm = decodeInput("Bookings.confirm", Uid)

// --- The slot check -------------------------------------------------------------------------------

/** How far around a start the slot check looks, and how many nearest slots a refusal carries. */
const SLOT_WINDOW_DAYS = 3
const NEAREST_SLOTS = 5

const millis = DateTime.toEpochMillis

/** What a refusal after the slot check did: it read the slots (GET /v2/slots) and wrote nothing. */
const READ_ONLY = "only the slots were read, nothing was booked or changed"

/** The `count` slots closest to `wanted`, earliest first. */
export const nearestSlots = (slots: ReadonlyArray<Slot>, wanted: DateTime.Utc, count: number): ReadonlyArray<Slot> =>
  [...slots]
    .sort((a, b) => Math.abs(millis(a.start) - millis(wanted)) - Math.abs(millis(b.start) - millis(wanted)))
    .slice(0, count)
    .sort((a, b) => millis(a.start) - millis(b.start))

interface Wanted {
  readonly eventTypeId: number
  readonly start: DateTime.Utc
  readonly timeZone: string
  readonly duration?: number | undefined
  readonly end?: DateTime.Utc | undefined
}

/**
 * Fails unless a slot of the event type starts exactly at `start` (and ends at `end`, when given).
 * A start in the past is refused before anything is sent (`CalComValidationError`); a start that
 * is not offered is a `CalComConflictError` (no `status`: the server was only asked for slots)
 * carrying the offered slots nearest to it, from the 3 days either side.
 */
const ensureOffered = (availability: AvailabilityApi, operation: string, wanted: Wanted) =>
  Effect.gen(function* () {
    const { eventTypeId, start, end } = wanted
    if (millis(start) < (yield* Clock.currentTimeMillis)) {
      return yield* new CalComValidationError({
        operation,
        issues: [{ path: "start", message: `${iso(start)} is in the past` }],
        message: `${operation}: ${iso(start)} is in the past; pick a future slot from availability.slots; nothing was sent`
      })
    }
    const offered = yield* availability.slots({
      eventTypeId,
      start: iso(DateTime.subtract(start, { days: SLOT_WINDOW_DAYS })),
      end: iso(DateTime.add(start, { days: SLOT_WINDOW_DAYS })),
      timeZone: wanted.timeZone,
      ...(wanted.duration === undefined ? {} : { duration: wanted.duration })
    })
    const slot = offered.find((s) => millis(s.start) === millis(start))
    if (slot === undefined) {
      const nearest = nearestSlots(offered, start, NEAREST_SLOTS)
      const offers =
        nearest.length === 0
          ? `no slot is offered within ${SLOT_WINDOW_DAYS} days of it`
          : `the nearest offered: ${nearest.map((s) => iso(s.start)).join(", ")} (in nearestSlots)`
      return yield* new CalComConflictError({
        operation,
        nearestSlots: nearest,
        message: `${operation}: ${iso(start)} is not an offered slot of event type ${eventTypeId}; ${offers}; ${READ_ONLY}`
      })
    }
    if (end !== undefined && millis(slot.end) !== millis(end)) {
      const issue = `the slot at ${iso(start)} ends at ${iso(slot.end)}, not ${iso(end)}`
      return yield* new CalComValidationError({
        operation,
        issues: [{ path: "end", message: issue }],
        message: `${operation}: ${issue} (pass lengthInMinutes for event types with several lengths); ${READ_ONLY}`
      })
    }
  })

// --- Operations -------------------------------------------------------------------------------------

interface Deps {
  readonly transport: Transport
  readonly availability: AvailabilityApi
  readonly baseUrl: string
}

/**
 * What the bookings `made` mean to the person; `booking` is the occurrence with uid `primary`
 * when given, else the first.
 */
const resultOf = (
  baseUrl: string,
  made: NonEmptyReadonlyArray<Made>,
  timeZone?: string,
  primary?: string
): BookingResult => {
  const main = made.find((b) => b.uid === primary) ?? made[0]
  const booking = withoutSeat(main)
  const url = bookingUrl(baseUrl, booking.uid)
  const zone = timeZone ?? booking.attendees[0]?.timeZone ?? undefined
  const [first, ...rest] = made.map(withoutSeat)
  return {
    booking,
    occurrences: [first ?? booking, ...rest],
    ...(main.seatUid == null ? {} : { seatUid: main.seatUid }),
    confirmation: {
      uid: booking.uid,
      ...(booking.title == null ? {} : { title: booking.title }),
      status: booking.status,
      start: booking.start,
      end: booking.end,
      ...given({ timeZone: zone, url }),
      ...(booking.meetingUrl ? { meetingUrl: booking.meetingUrl } : {}),
      ...(booking.location ? { location: booking.location } : {})
    }
  }
}

const fetchPage = (transport: Transport, input: ListQuery) =>
  transport.call({
    operation: "Bookings.list",
    method: "GET",
    path: "/v2/bookings",
    params: {
      query: {
        ...(input.status && input.status.length > 0 ? { status: [...input.status] } : {}),
        ...(input.afterStart === undefined ? {} : { afterStart: iso(input.afterStart) }),
        ...(input.beforeEnd === undefined ? {} : { beforeEnd: iso(input.beforeEnd) }),
        ...(input.eventTypeId === undefined ? {} : { eventTypeId: String(input.eventTypeId) }),
        ...(input.attendeeEmail === undefined ? {} : { attendeeEmail: input.attendeeEmail }),
        take: input.take ?? 100,
        skip: input.skip ?? 0
      }
    },
    decode: decodePage
  })

/** Every booking `uid` names: one, or each occurrence of a recurring series. */
const getOccurrences = (transport: Transport, uid: string) =>
  transport.call({
    operation: "Bookings.get",
    method: "GET",
    path: "/v2/bookings/{bookingUid}",
    resource: { kind: "booking", id: uid },
    params: { path: { bookingUid: uid } },
    decode: decodeOccurrences
  })

/** The booking `uid` names (the first occurrence for a series' uid). */
const getBooking = (transport: Transport, uid: string) =>
  Effect.map(getOccurrences(transport, uid), (all) => withoutSeat(all[0]))

/** Where a walk over pages stands. */
export interface PageWalk {
  readonly skip: number
  readonly pages: number
  readonly emitted: number
  /** Uids of the previous page: the same page again means the server ignores `skip`. */
  readonly previous: ReadonlySet<string>
  /** `maxPages` were read and the server still reports more: the next step fails. */
  readonly exhausted: boolean
}

const MAX_PAGES = 1_000

/** How many `rescheduledToUid` links a reschedule's lookup follows. */
const MAX_MOVES_FOLLOWED = 5

const firstPage: PageWalk = { skip: 0, pages: 0, emitted: 0, previous: new Set(), exhausted: false }

/**
 * One step of `bookings.stream`: the bookings of `page` to emit and where to continue, if
 * anywhere. Ends at an empty page, a page sent again (not emitted twice), the last page, or once
 * `totalItems` bookings came.
 */
export const nextPage = (
  walk: PageWalk,
  page: BookingPage,
  maxPages: number,
  take = 100
): readonly [ReadonlyArray<Booking>, Option.Option<PageWalk>] => {
  const { bookings, pagination } = page
  const repeated = bookings.length > 0 && bookings.every((b) => walk.previous.has(b.uid))
  if (bookings.length === 0 || repeated) return [[], Option.none()]
  const emitted = walk.emitted + bookings.length
  const pages = walk.pages + 1
  const more = hasMore(page, take) && (pagination.totalItems == null || emitted < pagination.totalItems)
  const next: PageWalk = {
    skip: walk.skip + bookings.length,
    pages,
    emitted,
    previous: new Set(bookings.map((b) => b.uid)),
    exhausted: pages >= maxPages
  }
  return [bookings, more ? Option.some(next) : Option.none()]
}

/** The server reports more pages than `maxPages`: it contradicts itself or the filter is too wide. */
const tooManyPages = (walk: PageWalk) =>
  new CalComDecodeError({
    operation: "Bookings.stream",
    issues: [{ path: "pagination.hasNextPage", message: `still true after ${walk.pages} pages` }],
    message: `Bookings.stream: the server still reports more bookings after ${walk.pages} pages (${walk.emitted} bookings); stopped. Narrow the filter or raise maxPages`
  })

const streamPages = (transport: Transport, input: ListQuery, maxPages: number): Stream.Stream<Booking, CalComError> =>
  Stream.paginate(firstPage, (walk: PageWalk) =>
    walk.exhausted
      ? Effect.fail(tooManyPages(walk))
      : Effect.map(fetchPage(transport, { ...input, skip: walk.skip }), (page) =>
          nextPage(walk, page, maxPages, input.take ?? 100)
        )
  )

/** After an ambiguous failure of a status change: the booking, if it now has that status. */
const statusIs = (transport: Transport, uid: string, status: Booking["status"]) =>
  Effect.map(getBooking(transport, uid), (b) => (b.status === status ? Option.some<Made>(b) : Option.none<Made>()))

/**
 * After an ambiguous failure of a create: a live booking of the same event type, start and
 * attendee; for a recurring event type, every occurrence of the series it started.
 */
const findCreated = (transport: Transport, input: CreateInput) => {
  const email = input.attendee.email.toLowerCase()
  return Effect.flatMap(
    fetchPage(transport, {
      eventTypeId: input.eventTypeId,
      attendeeEmail: input.attendee.email,
      afterStart: DateTime.subtract(input.start, { minutes: 1 }),
      beforeEnd: DateTime.add(input.start, { days: 1 }),
      take: 50
    }),
    (page): Effect.Effect<Option.Option<NonEmptyReadonlyArray<Made>>, CalComError> => {
      const found = page.bookings.find(
        (b) =>
          millis(b.start) === millis(input.start) &&
          (b.eventTypeId ?? b.eventType?.id ?? input.eventTypeId) === input.eventTypeId &&
          b.status !== "cancelled" &&
          b.status !== "rejected" &&
          b.attendees.some((a) => a.email?.toLowerCase() === email)
      )
      if (found === undefined) return Effect.succeed(Option.none())
      return found.recurringBookingUid
        ? Effect.map(getOccurrences(transport, found.recurringBookingUid), Option.some)
        : Effect.succeed(Option.some([found] as const))
    }
  )
}

const create = ({ transport, availability, baseUrl }: Deps) =>
  Effect.fn("Bookings.create")(function* (raw: CreateBookingInput) {
    const input = yield* decodeCreate(raw)
    const { attendee, start } = input
    // Only sent when asked for: Cal.com refuses lengthInMinutes for fixed-length event types.
    // A given `end` is checked against the offered slot instead.
    const minutes = input.lengthInMinutes
    if (input.checkAvailability !== false && input.reservationUid === undefined) {
      yield* ensureOffered(availability, "Bookings.create", {
        eventTypeId: input.eventTypeId,
        start,
        timeZone: attendee.timeZone,
        duration: minutes,
        end: input.end
      })
    }
    const made = yield* transport.call({
      operation: "Bookings.create",
      method: "POST",
      path: "/v2/bookings",
      reconcile: findCreated(transport, input),
      lookup: `a booking of event type ${input.eventTypeId} at ${iso(start)} for ${attendee.email} (bookings.list({ eventTypeId, attendeeEmail, afterStart }))`,
      body: {
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
        ...(input.notes === undefined ? {} : { bookingFieldsResponses: { notes: input.notes } }),
        ...(input.reservationUid === undefined ? {} : { reservedSlotUid: input.reservationUid })
      },
      decode: decodeOccurrences
    })
    return resultOf(baseUrl, made, attendee.timeZone)
  })

const reschedule = ({ transport, availability, baseUrl }: Deps) =>
  Effect.fn("Bookings.reschedule")(function* (uid: string, raw: RescheduleBookingInput) {
    const input = yield* decodeReschedule({ ...raw, uid })
    const current = yield* getBooking(transport, uid)
    const eventTypeId = current.eventTypeId ?? current.eventType?.id
    const timeZone = current.attendees[0]?.timeZone ?? "UTC"
    const keptEnd = DateTime.add(input.start, { milliseconds: millis(current.end) - millis(current.start) })
    if (input.end !== undefined && millis(input.end) !== millis(keptEnd)) {
      return yield* invalidInput("Bookings.reschedule", [
        { path: "end", message: `must be ${iso(keptEnd)}: a moved booking keeps its length` }
      ])
    }
    if (input.checkAvailability !== false && eventTypeId !== undefined && eventTypeId !== null) {
      yield* ensureOffered(availability, "Bookings.reschedule", {
        eventTypeId,
        start: input.start,
        timeZone,
        duration: current.duration ?? undefined
      })
    }
    // After an ambiguous failure: the old booking points at its replacement if it was moved. Only
    // a replacement at the start asked for, of the same event type and attendee, is this call's
    // work: an earlier move (a stale `rescheduledToUid`) is not, though its own replacement may be.
    const attendeeEmail = current.attendees[0]?.email?.toLowerCase()
    const isThisMove = (b: Booking) =>
      millis(b.start) === millis(input.start) &&
      (b.eventTypeId ?? b.eventType?.id) === eventTypeId &&
      (attendeeEmail === undefined || b.attendees.some((a) => a.email?.toLowerCase() === attendeeEmail))
    const follow = (from: Booking, hops: number): Effect.Effect<Option.Option<Made>, CalComError> =>
      from.rescheduledToUid && hops > 0
        ? Effect.flatMap(getBooking(transport, from.rescheduledToUid), (next) =>
            isThisMove(next) ? Effect.succeed(Option.some<Made>(next)) : follow(next, hops - 1)
          )
        : Effect.succeed(Option.none<Made>())
    const reconcile = Effect.flatMap(getBooking(transport, uid), (old) => follow(old, MAX_MOVES_FOLLOWED))
    const booking = yield* transport.call({
      operation: "Bookings.reschedule",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/reschedule",
      resource: { kind: "booking", id: uid },
      reconcile,
      lookup: `booking ${uid} and its rescheduledToUid, for a booking at ${iso(input.start)} (bookings.get)`,
      params: { path: { bookingUid: uid } },
      body: { start: iso(input.start), ...(input.reason === undefined ? {} : { reschedulingReason: input.reason }) },
      decode: decodeBooking
    })
    return { ...resultOf(baseUrl, [booking], timeZone), previousUid: uid }
  })

const cancel = ({ transport, baseUrl }: Deps) =>
  Effect.fn("Bookings.cancel")(function* (uid: string, raw: { readonly reason?: string | undefined } = {}) {
    const input = yield* decodeCancel({ ...raw, uid })
    // After an ambiguous failure: a booking that is now cancelled was cancelled (for a series'
    // uid, every occurrence).
    const reconcile = Effect.map(getOccurrences(transport, uid), (all) => {
      const target = all.filter((b) => b.uid === uid)
      return (target.length > 0 ? target : all).every((b) => b.status === "cancelled")
        ? Option.some(all)
        : Option.none()
    })
    const cancelled = yield* transport.call({
      operation: "Bookings.cancel",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/cancel",
      resource: { kind: "booking", id: uid },
      reconcile,
      lookup: `the status of booking ${uid} (bookings.get)`,
      params: { path: { bookingUid: uid } },
      body: input.reason === undefined ? {} : { cancellationReason: input.reason },
      decode: decodeOccurrences
    })
    return resultOf(baseUrl, cancelled, undefined, uid)
  })

const confirm = ({ transport, baseUrl }: Deps) =>
  Effect.fn("Bookings.confirm")(function* (uid: string) {
    const input = yield* decodeConfirm({ uid })
    const booking = yield* transport.call({
      operation: "Bookings.confirm",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/confirm",
      resource: { kind: "booking", id: input.uid },
      // After an ambiguous failure: a booking that is now accepted was confirmed.
      reconcile: statusIs(transport, input.uid, "accepted"),
      params: { path: { bookingUid: input.uid } },
      decode: decodeBooking
    })
    return resultOf(baseUrl, [booking])
  })

/** @internal */
export const makeBookings = (transport: Transport, availability: AvailabilityApi, baseUrl: string): BookingsApi => {
  const deps: Deps = { transport, availability, baseUrl }
  return {
    list: Effect.fn("Bookings.list")(function* (input: ListBookingsInput = {}) {
      return yield* fetchPage(transport, yield* decodeList(input))
    }),
    stream: (input = {}) => {
      const { maxPages = MAX_PAGES, ...filter } = input
      return Stream.unwrap(
        Effect.flatMap(decodeStream(filter), (query) =>
          Number.isSafeInteger(maxPages) && maxPages > 0
            ? Effect.succeed(streamPages(transport, query, maxPages))
            : invalidInput("Bookings.stream", [{ path: "maxPages", message: "must be a positive whole number" }])
        )
      )
    },
    get: Effect.fn("Bookings.get")(function* (uid: string) {
      const input = yield* decodeGet({ uid })
      const [first, ...rest] = (yield* getOccurrences(transport, input.uid)).map(withoutSeat)
      if (first === undefined) return yield* Effect.die("unreachable: occurrences are non-empty")
      return { ...first, occurrences: [first, ...rest] } as FoundBooking
    }),
    create: create(deps),
    reschedule: reschedule(deps),
    cancel: cancel(deps),
    confirm: confirm(deps)
  }
}
