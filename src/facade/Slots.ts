/**
 * Slot reservations: hold a slot of an event type for a few minutes so nobody else can book it
 * while a person decides, then book it with `bookings.create({ reservationUid })`, or let it go.
 *
 * How Cal.com treats a reservation (calcom/cal.com `apps/api/v2/src/modules/slots/slots-2024-09-04/`
 * `services/slots.service.ts`, `slots.repository.ts`, and
 * `packages/features/bookings/lib/reservations/validateReservedSlot.ts`):
 * - a reserve is refused (422) when the slot is already booked (a seated one: when no seat is
 *   left) or another live reservation overlaps it; it holds the slot for `reservationDuration`
 *   minutes (default 5; a longer one only with a key whose user owns the event type or shares a
 *   team with its owner);
 * - a booking that names the reservation consumes it; a reservation that expired or was released
 *   fails the booking (410), and one that is not the earliest live hold on that slot too (409,
 *   `reserved_slot_not_first_in_line`);
 * - `updateReservation` moves the hold and starts its time again from now; `release` deletes it
 *   (releasing an unknown or already released uid succeeds).
 *
 * None of the three writes is repeated blindly: a reserve is not sent again after an ambiguous
 * failure (Cal.com cannot look a reservation up by slot, and a second hold of ours would stand in
 * line behind the first); whatever the lost attempt held ends by itself at its expiry. An update
 * sets the same values again, a release deletes by uid: both are safe to repeat.
 */
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { dataOf, ignoreBody } from "./Decode.js"
import { type CalComError, CalComNotFoundError } from "./Errors.js"
import { decodeInput, given, InstantInput, IntBetween, Minutes } from "./internal/Input.js"
import { iso } from "./internal/Resource.js"
import { type Instant, PositiveId, ReservationUid, SlotReservation } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface ReserveSlotInput {
  readonly eventTypeId: number
  /** The slot's start (one `availability.slots` offers): ISO 8601 with offset, or a `DateTime`. */
  readonly start: Instant
  /** For event types with several lengths: the slot's length in minutes (else the event type's length). */
  readonly duration?: number | undefined
  /**
   * How long to hold the slot, in minutes (1 to 1440). Default 5. Cal.com allows it only for a key
   * whose user owns the event type, belongs to its team or shares a team with its owner.
   */
  readonly reservationDuration?: number | undefined
}

export interface SlotsApi {
  /** Holds a slot; the answer's `reservationUid` books it (`bookings.create`) and `reservationUntil` says until when. */
  readonly reserve: (input: ReserveSlotInput) => Effect.Effect<SlotReservation, CalComError>
  /** A reservation by uid (it may have expired: compare `reservationUntil`); an unknown uid is `CalComNotFoundError`. */
  readonly getReservation: (uid: string) => Effect.Effect<SlotReservation, CalComError>
  /** Moves a reservation to another slot (or keeps it) and holds it again from now. */
  readonly updateReservation: (uid: string, input: ReserveSlotInput) => Effect.Effect<SlotReservation, CalComError>
  /** Lets a held slot go before it expires. Releasing an unknown or released uid succeeds. */
  readonly release: (uid: string) => Effect.Effect<void, CalComError>
}

// --- Input ------------------------------------------------------------------------------------

const Reserve = Schema.Struct({
  eventTypeId: PositiveId,
  start: InstantInput,
  duration: Schema.optional(Minutes),
  reservationDuration: Schema.optional(IntBetween(1, 1_440, "must be 1 to 1440 minutes"))
})
const Update = Schema.Struct({ ...Reserve.fields, uid: ReservationUid })
const ByUid = Schema.Struct({ uid: ReservationUid })

const decodeReserve = decodeInput("Slots.reserve", Reserve)
const decodeUpdate = decodeInput("Slots.updateReservation", Update)
const decodeGet = decodeInput("Slots.getReservation", ByUid)
const decodeRelease = decodeInput("Slots.release", ByUid)

/** The body of a reserve or an update: what Cal.com's `ReserveSlotInput_2024_09_04` names. */
const bodyOf = (input: {
  readonly eventTypeId: number
  readonly start: DateTime.Utc
  readonly duration?: number | undefined
  readonly reservationDuration?: number | undefined
}) => ({
  eventTypeId: input.eventTypeId,
  slotStart: iso(input.start),
  ...given({ slotDuration: input.duration, reservationDuration: input.reservationDuration })
})

// --- Output -----------------------------------------------------------------------------------

const decodeReservation = dataOf(SlotReservation)
/** `GET` answers `data: null` for a uid no reservation has. */
const decodeMaybe = dataOf(Schema.NullOr(SlotReservation))

// --- Operations -------------------------------------------------------------------------------

const reserve = (transport: Transport) =>
  Effect.fn("Slots.reserve")(function* (raw: ReserveSlotInput) {
    const input = yield* decodeReserve(raw)
    return yield* transport.call({
      operation: "Slots.reserve",
      method: "POST",
      path: "/v2/slots/reservations",
      resource: { kind: "event type", id: String(input.eventTypeId) },
      body: bodyOf(input),
      decode: decodeReservation
    })
  })

const getReservation = (transport: Transport) =>
  Effect.fn("Slots.getReservation")(function* (raw: string) {
    const { uid } = yield* decodeGet({ uid: raw })
    const found = yield* transport.call({
      operation: "Slots.getReservation",
      method: "GET",
      path: "/v2/slots/reservations/{uid}",
      resource: { kind: "reservation", id: uid },
      params: { path: { uid } },
      decode: decodeMaybe
    })
    if (found !== null) return found
    return yield* new CalComNotFoundError({
      operation: "Slots.getReservation",
      status: 200,
      resource: "reservation",
      id: uid,
      message: `Slots.getReservation: no reservation ${uid} (released, booked or never made)`
    })
  })

const updateReservation = (transport: Transport) =>
  Effect.fn("Slots.updateReservation")(function* (raw: string, changes: ReserveSlotInput) {
    const input = yield* decodeUpdate({ ...changes, uid: raw })
    return yield* transport.call({
      operation: "Slots.updateReservation",
      method: "PATCH",
      path: "/v2/slots/reservations/{uid}",
      resource: { kind: "reservation", id: input.uid },
      params: { path: { uid: input.uid } },
      body: bodyOf(input),
      // The same slot and hold again: sending it twice leaves one reservation, held from the last.
      idempotent: true,
      decode: decodeReservation
    })
  })

const release = (transport: Transport) =>
  Effect.fn("Slots.release")(function* (raw: string) {
    const { uid } = yield* decodeRelease({ uid: raw })
    yield* transport.call({
      operation: "Slots.release",
      method: "DELETE",
      path: "/v2/slots/reservations/{uid}",
      resource: { kind: "reservation", id: uid },
      params: { path: { uid } },
      decode: ignoreBody
    })
  })

/** @internal */
export const makeSlots = (transport: Transport): SlotsApi => ({
  reserve: reserve(transport),
  getReservation: getReservation(transport),
  updateReservation: updateReservation(transport),
  release: release(transport)
})
