/**
 * What a host does to an existing booking: decline it, mark who did not show up, add guests or
 * attendees, list its attendees, hand it to another host, move it to another location. The writes
 * answer with the booking as Cal.com now has it (`cal-api-version` 2024-08-13).
 *
 * Input is decoded once by Schema before anything is sent. After an ambiguous failure nothing is
 * done twice: `markAbsent` sets flags (safe to send again); every other write looks at the booking
 * first and returns it when the earlier attempt already did the work, and is sent again only when
 * it did not.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { dataOf, listOf, type ValidationIssueList } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { decodeInput, given, NonEmpty, Text } from "./internal/Input.js"
import { Booking, BookingAttendeeItem, BookingReassignment, BookingUid, Email, PositiveId, TimeZone } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface MarkAbsentInput {
  /** Whether the host was absent. */
  readonly host?: boolean | undefined
  /** Attendees (by email) to mark absent (`absent: true`) or present again (`absent: false`). */
  readonly attendees?: ReadonlyArray<{ readonly email: string; readonly absent: boolean }> | undefined
}

export interface GuestInput {
  readonly email: string
  readonly name?: string | undefined
  /** IANA zone the guest sees times in. */
  readonly timeZone?: string | undefined
}

export interface ReassignInput {
  /** The host to hand the booking to; without it Cal.com picks the next round-robin host. */
  readonly userId?: number | undefined
  /** Why, shown to the people involved; only with `userId` (Cal.com's round-robin route takes none). */
  readonly reason?: string | undefined
}

export interface AddAttendeeInput {
  readonly name: string
  readonly email: string
  /** IANA zone the attendee sees times in. */
  readonly timeZone: string
  /** International format, `+14155550123`. */
  readonly phoneNumber?: string | undefined
  /** Cal.com locale for their emails (`en`, `it`…). */
  readonly language?: string | undefined
}

/**
 * Where a booking happens: the organizer's address, link or phone (`address`, `link`, `phone`),
 * or the attendee's (`attendeeAddress`, `attendeePhone`, `attendeeDefined`).
 */
export type BookingLocation =
  | { readonly type: "address"; readonly address: string }
  | { readonly type: "attendeeAddress"; readonly address: string }
  | { readonly type: "attendeeDefined"; readonly location: string }
  | { readonly type: "link"; readonly link: string }
  | { readonly type: "phone"; readonly phone: string }
  | { readonly type: "attendeePhone"; readonly phone: string }

export interface BookingActionsApi {
  /** Declines a booking that waits for the host's confirmation; `reason` is shown to the attendee. */
  readonly decline: (
    uid: string,
    input?: { readonly reason?: string | undefined }
  ) => Effect.Effect<Booking, CalComError>
  /** Marks the host and/or attendees as absent (no-show), or present again. */
  readonly markAbsent: (uid: string, input: MarkAbsentInput) => Effect.Effect<Booking, CalComError>
  /** Adds 1 to 10 guests to a booking; they get the booking's emails. */
  readonly addGuests: (uid: string, guests: ReadonlyArray<GuestInput>) => Effect.Effect<Booking, CalComError>
  /**
   * Hands a booking of a round-robin event type to another host: `userId`, or the next host
   * Cal.com picks. The booking keeps its uid; the answer names the new host.
   */
  readonly reassign: (uid: string, input?: ReassignInput) => Effect.Effect<BookingReassignment, CalComError>
  /** The booking's attendees. */
  readonly listAttendees: (uid: string) => Effect.Effect<ReadonlyArray<BookingAttendeeItem>, CalComError>
  /** Adds an attendee (with their own emails and calendar invite); answers the new attendee. */
  readonly addAttendee: (uid: string, attendee: AddAttendeeInput) => Effect.Effect<BookingAttendeeItem, CalComError>
  /** Moves a booking to another location; attendees are told. */
  readonly updateLocation: (uid: string, location: BookingLocation) => Effect.Effect<Booking, CalComError>
}

// --- Input ------------------------------------------------------------------------------------

/** A phone number in international format (E.164: `+`, country code, 7 to 15 digits in all). */
const Phone = Schema.String.check(
  Schema.isPattern(/^\+[1-9]\d{6,14}$/, {
    message: "Expected a phone number in international format, e.g. +14155550123"
  })
)

/** An `http(s)` URL. */
const Link = Schema.String.check(
  Schema.makeFilter(
    (s: string) => (URL.canParse(s) && /^https?:$/.test(new URL(s).protocol)) || "Expected an http(s) URL"
  )
)

const Place = NonEmpty.check(Schema.isMaxLength(5_000, { message: "must be at most 5000 characters" }))

const DeclineInput = Schema.Struct({ uid: BookingUid, reason: Schema.optional(Text) })

const MarkAbsent = Schema.Struct({
  uid: BookingUid,
  host: Schema.optional(Schema.Boolean),
  attendees: Schema.optional(Schema.Array(Schema.Struct({ email: Email, absent: Schema.Boolean })))
}).check(
  Schema.makeFilter(
    (input: { readonly host?: boolean | undefined; readonly attendees?: ReadonlyArray<unknown> | undefined }) =>
      input.host !== undefined ||
      (input.attendees?.length ?? 0) > 0 ||
      "say whether the host was absent (host) or which attendees (attendees)"
  )
)

const Guest = Schema.Struct({ email: Email, name: Schema.optional(NonEmpty), timeZone: Schema.optional(TimeZone) })
const Guests = Schema.Struct({
  uid: BookingUid,
  guests: Schema.Array(Guest).check(
    Schema.makeFilter(
      (list: ReadonlyArray<unknown>) => (list.length >= 1 && list.length <= 10) || "must list 1 to 10 guests"
    )
  )
})

const Reassign = Schema.Struct({
  uid: BookingUid,
  userId: Schema.optional(PositiveId),
  reason: Schema.optional(Text)
}).check(
  Schema.makeFilter(
    (input: { readonly userId?: number | undefined; readonly reason?: string | undefined }) =>
      input.reason === undefined ||
      input.userId !== undefined || {
        path: ["reason"],
        issue: "is sent only with userId: Cal.com's round-robin reassignment takes no reason"
      }
  )
)

const AddAttendee = Schema.Struct({
  uid: BookingUid,
  name: NonEmpty,
  email: Email,
  timeZone: TimeZone,
  phoneNumber: Schema.optional(Phone),
  language: Schema.optional(NonEmpty)
})

const Location = Schema.Union([
  Schema.Struct({ type: Schema.Literal("address"), address: Place }),
  Schema.Struct({ type: Schema.Literal("attendeeAddress"), address: Place }),
  Schema.Struct({ type: Schema.Literal("attendeeDefined"), location: Place }),
  Schema.Struct({ type: Schema.Literal("link"), link: Link }),
  Schema.Struct({ type: Schema.Literal("phone"), phone: Phone }),
  Schema.Struct({ type: Schema.Literal("attendeePhone"), phone: Phone })
])
const UpdateLocation = Schema.Struct({ uid: BookingUid, location: Location })
type Location = typeof Location.Type

const decodeDecline = decodeInput("Bookings.decline", DeclineInput)
const decodeMarkAbsent = decodeInput("Bookings.markAbsent", MarkAbsent)
const decodeGuests = decodeInput("Bookings.addGuests", Guests)
const decodeReassign = decodeInput("Bookings.reassign", Reassign)
const decodeListAttendees = decodeInput("Bookings.listAttendees", Schema.Struct({ uid: BookingUid }))
const decodeAddAttendee = decodeInput("Bookings.addAttendee", AddAttendee)
const decodeUpdateLocation = decodeInput("Bookings.updateLocation", UpdateLocation)

// --- Output -----------------------------------------------------------------------------------

const decodeBooking = dataOf(Booking)
const decodeReassignment = dataOf(BookingReassignment)
const decodeAttendee = dataOf(BookingAttendeeItem)
const decodeAttendees = listOf(BookingAttendeeItem, "attendee")
const decodeBookingOrList = dataOf(Schema.Union([Booking, Schema.Array(Booking)]))

/** The booking `uid` from an answer that may list every occurrence of a recurring series. */
const decodeChanged =
  (uid: string) =>
  (body: unknown): Effect.Effect<Booking, ValidationIssueList> =>
    Effect.flatMap(decodeBookingOrList(body), (data) => {
      const list: ReadonlyArray<Booking> = Array.isArray(data) ? data : [data as Booking]
      const booking = list.find((b) => b.uid === uid) ?? list[0]
      return booking === undefined
        ? Effect.fail([{ path: "data", message: "an empty list of bookings" }])
        : Effect.succeed(booking)
    })

/** The text Cal.com stores as the booking's `location` for `location`. */
const locationText = (location: Location): string => {
  switch (location.type) {
    case "address":
    case "attendeeAddress":
      return location.address
    case "attendeeDefined":
      return location.location
    case "link":
      return location.link
    case "phone":
    case "attendeePhone":
      return location.phone
  }
}

const lower = (email: string | null | undefined) => email?.toLowerCase()

// --- Operations -------------------------------------------------------------------------------

interface Deps {
  readonly transport: Transport
  /** `bookings.get`: what the lookups after an ambiguous failure read. */
  readonly get: (uid: string) => Effect.Effect<Booking, CalComError>
}

/** The booking when `done` says the earlier attempt did the work; `None` when it did not. */
const lookup = ({ get }: Deps, uid: string, done: (booking: Booking) => boolean) =>
  Effect.map(get(uid), (booking) => (done(booking) ? Option.some(booking) : Option.none()))

const decline = (deps: Deps) =>
  Effect.fn("Bookings.decline")(function* (uid: string, raw: { readonly reason?: string | undefined } = {}) {
    const input = yield* decodeDecline({ ...raw, uid })
    return yield* deps.transport.call({
      operation: "Bookings.decline",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/decline",
      resource: { kind: "booking", id: input.uid },
      params: { path: { bookingUid: input.uid } },
      body: input.reason === undefined ? {} : { reason: input.reason },
      reconcile: lookup(deps, input.uid, (booking) => booking.status === "rejected"),
      decode: decodeBooking
    })
  })

const markAbsent = ({ transport }: Deps) =>
  Effect.fn("Bookings.markAbsent")(function* (uid: string, raw: MarkAbsentInput) {
    const input = yield* decodeMarkAbsent({ ...raw, uid })
    const attendees = input.attendees ?? []
    return yield* transport.call({
      operation: "Bookings.markAbsent",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/mark-absent",
      resource: { kind: "booking", id: input.uid },
      params: { path: { bookingUid: input.uid } },
      body: {
        ...given({ host: input.host }),
        ...(attendees.length === 0 ? {} : { attendees: attendees.map((a) => ({ email: a.email, absent: a.absent })) })
      },
      // Setting the same flags twice leaves them set: safe to send again.
      idempotent: true,
      decode: decodeBooking
    })
  })

const addGuests = (deps: Deps) =>
  Effect.fn("Bookings.addGuests")(function* (uid: string, guests: ReadonlyArray<GuestInput>) {
    const input = yield* decodeGuests({ uid, guests })
    const wanted = input.guests.map((g) => g.email.toLowerCase())
    const has = (booking: Booking) => {
      const present = new Set([
        ...(booking.guests ?? []).map((e) => e.toLowerCase()),
        ...booking.attendees.flatMap((a) => (a.email == null ? [] : [a.email.toLowerCase()]))
      ])
      return wanted.every((e) => present.has(e))
    }
    return yield* deps.transport.call({
      operation: "Bookings.addGuests",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/guests",
      resource: { kind: "booking", id: input.uid },
      params: { path: { bookingUid: input.uid } },
      body: {
        guests: input.guests.map((g) => ({
          email: g.email,
          ...given({ name: g.name, timeZone: g.timeZone })
        }))
      },
      reconcile: lookup(deps, input.uid, has),
      decode: decodeBooking
    })
  })

/** The reassignment a booking shows when its first host is `hostId`'s (or, without it, not `previous`). */
const reassignedIn = (booking: Booking, isNew: (id: number | string) => boolean) => {
  const host = booking.hosts[0]
  return host !== undefined && typeof host.id === "number" && isNew(host.id)
    ? Option.some<BookingReassignment>({
        bookingUid: booking.uid,
        reassignedTo: {
          id: host.id,
          name: host.name ?? null,
          email: host.email ?? null,
          displayEmail: host.displayEmail ?? null
        }
      })
    : Option.none<BookingReassignment>()
}

const reassign = (deps: Deps) =>
  Effect.fn("Bookings.reassign")(function* (uid: string, raw: ReassignInput = {}) {
    const input = yield* decodeReassign({ ...raw, uid })
    const { userId } = input
    const described = {
      operation: "Bookings.reassign",
      resource: { kind: "booking", id: input.uid },
      decode: decodeReassignment,
      lookup: `the host of booking ${input.uid} (bookings.get)`
    }
    if (userId !== undefined) {
      return yield* deps.transport.call({
        ...described,
        method: "POST",
        path: "/v2/bookings/{bookingUid}/reassign/{userId}",
        params: { path: { bookingUid: input.uid, userId } },
        body: input.reason === undefined ? {} : { reason: input.reason },
        // After an ambiguous failure: a booking that is now that user's was reassigned.
        reconcile: Effect.map(deps.get(input.uid), (booking) => reassignedIn(booking, (id) => id === userId))
      })
    }
    // Round robin picks the next host each time, so a repeat would move the booking again: the
    // host before is read first, and after an ambiguous failure any other host means it was done.
    const before = (yield* deps.get(input.uid)).hosts[0]?.id
    return yield* deps.transport.call({
      ...described,
      method: "POST",
      path: "/v2/bookings/{bookingUid}/reassign",
      params: { path: { bookingUid: input.uid } },
      reconcile: Effect.map(deps.get(input.uid), (booking) => reassignedIn(booking, (id) => id !== before))
    })
  })

/** The attendees of booking `uid` (decoded). */
const fetchAttendees = (transport: Transport, uid: string) =>
  transport.call({
    operation: "Bookings.listAttendees",
    method: "GET",
    path: "/v2/bookings/{bookingUid}/attendees",
    resource: { kind: "booking", id: uid },
    params: { path: { bookingUid: uid } },
    decode: decodeAttendees
  })

const listAttendees = ({ transport }: Deps) =>
  Effect.fn("Bookings.listAttendees")(function* (uid: string) {
    const input = yield* decodeListAttendees({ uid })
    return yield* fetchAttendees(transport, input.uid)
  })

const addAttendee = ({ transport }: Deps) =>
  Effect.fn("Bookings.addAttendee")(function* (uid: string, attendee: AddAttendeeInput) {
    const input = yield* decodeAddAttendee({ ...attendee, uid })
    const email = input.email.toLowerCase()
    return yield* transport.call({
      operation: "Bookings.addAttendee",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/attendees",
      resource: { kind: "booking", id: input.uid },
      params: { path: { bookingUid: input.uid } },
      body: {
        name: input.name,
        email: input.email,
        timeZone: input.timeZone,
        // The document lists Cal.com's locales; the list grows, so the server has the last word.
        ...given({ phoneNumber: input.phoneNumber, language: input.language as "en" | undefined })
      },
      // After an ambiguous failure: an attendee with this email on the booking was added.
      reconcile: Effect.map(fetchAttendees(transport, input.uid), (all) =>
        Option.fromNullishOr(all.find((a) => lower(a.email) === email))
      ),
      lookup: `an attendee ${input.email} on booking ${input.uid} (bookings.listAttendees)`,
      decode: decodeAttendee
    })
  })

const updateLocation = (deps: Deps) =>
  Effect.fn("Bookings.updateLocation")(function* (uid: string, location: BookingLocation) {
    const input = yield* decodeUpdateLocation({ uid, location })
    const text = locationText(input.location)
    return yield* deps.transport.call({
      operation: "Bookings.updateLocation",
      method: "PATCH",
      path: "/v2/bookings/{bookingUid}/location",
      resource: { kind: "booking", id: input.uid },
      params: { path: { bookingUid: input.uid } },
      body: { location: input.location },
      // After an ambiguous failure: a booking already at that location was moved (attendees
      // would otherwise be told twice).
      reconcile: lookup(deps, input.uid, (booking) => booking.location === text),
      decode: decodeChanged(input.uid)
    })
  })

/** @internal */
export const makeBookingActions = (
  transport: Transport,
  /** `bookings.get`: what the lookups after an ambiguous failure read. */
  get: (uid: string) => Effect.Effect<Booking, CalComError>
): BookingActionsApi => {
  const deps: Deps = { transport, get }
  return {
    decline: decline(deps),
    markAbsent: markAbsent(deps),
    addGuests: addGuests(deps),
    reassign: reassign(deps),
    listAttendees: listAttendees(deps),
    addAttendee: addAttendee(deps),
    updateLocation: updateLocation(deps)
  }
}
