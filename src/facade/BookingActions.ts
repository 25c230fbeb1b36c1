/**
 * What a host does to an existing booking: decline it, mark who did not show up, add guests.
 * Each answers with the booking as Cal.com now has it (`cal-api-version` 2024-08-13).
 *
 * Input is checked before anything is sent. A repeat after an ambiguous failure is safe for
 * `markAbsent` (it sets flags); `decline` and `addGuests` look at the booking first and return it
 * when the earlier attempt already did the work, and are sent again only when it did not.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { dataOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { checkWith, isNonEmpty, require, textCheck, validate, zoneCheck } from "./internal/Resource.js"
import { Booking, BookingUid, Email } from "./Models.js"
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
}

const decodeBooking = dataOf(Booking)
const uidCheck = (uid: unknown) => checkWith(BookingUid, uid, "uid", "must be a non-empty booking uid")
const emailCheck = (email: unknown, path: string) => checkWith(Email, email, path, "must be an email address")

/** @internal */
export const makeBookingActions = (
  transport: Transport,
  /** `bookings.get`: what the lookups after an ambiguous failure read. */
  get: (uid: string) => Effect.Effect<Booking, CalComError>
): BookingActionsApi => {
  /** The booking when `done` says the earlier attempt did the work; `None` when it did not. */
  const lookup = (uid: string, done: (booking: Booking) => boolean) =>
    Effect.map(get(uid), (booking) => (done(booking) ? Option.some(booking) : Option.none()))

  const decline = Effect.fn("Bookings.decline")(function* (
    uid: string,
    input: { readonly reason?: string | undefined } = {}
  ) {
    yield* validate("Bookings.decline", [uidCheck(uid), textCheck(input.reason, "reason")])
    return yield* transport.call({
      operation: "Bookings.decline",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/decline",
      resource: { kind: "booking", id: uid },
      params: { path: { bookingUid: uid } },
      body: input.reason === undefined ? {} : { reason: input.reason },
      reconcile: lookup(uid, (booking) => booking.status === "rejected"),
      decode: decodeBooking
    })
  })

  const markAbsent = Effect.fn("Bookings.markAbsent")(function* (uid: string, input: MarkAbsentInput) {
    const attendees = input.attendees ?? []
    yield* validate("Bookings.markAbsent", [
      uidCheck(uid),
      require(input.host !== undefined ||
        attendees.length > 0, "", "say whether the host was absent (host) or which attendees (attendees)"),
      ...attendees.flatMap((a, i) => [
        emailCheck(a.email, `attendees.${i}.email`),
        require(typeof a.absent === "boolean", `attendees.${i}.absent`, "must be true or false")
      ])
    ])
    return yield* transport.call({
      operation: "Bookings.markAbsent",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/mark-absent",
      resource: { kind: "booking", id: uid },
      params: { path: { bookingUid: uid } },
      body: {
        ...(input.host === undefined ? {} : { host: input.host }),
        ...(attendees.length === 0 ? {} : { attendees: attendees.map((a) => ({ email: a.email, absent: a.absent })) })
      },
      // Setting the same flags twice leaves them set: safe to send again.
      idempotent: true,
      decode: decodeBooking
    })
  })

  const addGuests = Effect.fn("Bookings.addGuests")(function* (uid: string, guests: ReadonlyArray<GuestInput>) {
    yield* validate("Bookings.addGuests", [
      uidCheck(uid),
      require(guests.length >= 1 && guests.length <= 10, "guests", "must list 1 to 10 guests"),
      ...guests.flatMap((g, i) => [
        emailCheck(g.email, `guests.${i}.email`),
        g.name === undefined ? undefined : require(isNonEmpty(g.name), `guests.${i}.name`, "must not be empty"),
        g.timeZone === undefined ? undefined : zoneCheck(g.timeZone, `guests.${i}.timeZone`)
      ])
    ])
    const wanted = guests.map((g) => g.email.toLowerCase())
    const has = (booking: Booking) => {
      const present = new Set([
        ...(booking.guests ?? []).map((e) => e.toLowerCase()),
        ...booking.attendees.flatMap((a) => (a.email == null ? [] : [a.email.toLowerCase()]))
      ])
      return wanted.every((e) => present.has(e))
    }
    return yield* transport.call({
      operation: "Bookings.addGuests",
      method: "POST",
      path: "/v2/bookings/{bookingUid}/guests",
      resource: { kind: "booking", id: uid },
      params: { path: { bookingUid: uid } },
      body: {
        guests: guests.map((g) => ({
          email: g.email,
          ...(g.name === undefined ? {} : { name: g.name }),
          ...(g.timeZone === undefined ? {} : { timeZone: g.timeZone })
        }))
      },
      reconcile: lookup(uid, has),
      decode: decodeBooking
    })
  })

  return { decline, markAbsent, addGuests }
}
