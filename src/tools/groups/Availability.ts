/**
 * The availability tools: offered slots of an event type, the earliest across several, and
 * holds on a slot (reserve, look up, move, release) so nobody else books it while the user
 * decides; `create_booking` with the `reservation_id` then books the held slot.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { CalComApi, SlotReservation, SlotsTarget } from "../../index.js"
import { type ArgumentNames, instantOf, named, validate, zoneCheck, zoneFor } from "../internal/Calls.js"
import {
  accountDelete,
  type Bodies,
  date,
  dateTime,
  displayZone,
  eventTypeId,
  holdCreate,
  holdUpdate,
  id,
  optional,
  readOnly,
  text,
  tool,
  zone
} from "../internal/Define.js"
import { checkDayRange, isoUtc, localDayRange, timeView } from "../Time.js"
import { AvailabilityView, EarliestSlotsView, SlotReservationView, slotReservationView, slotView } from "../Views.js"

/** Days of slots one call returns. */
const MAX_RANGE_DAYS = 31
/** Event types one `find_earliest_slots` call looks at. */
const MAX_EVENT_TYPES = 10

export const ListAvailability = tool("list_availability", {
  title: "List available slots",
  description: "Bookable slots of an event type, over at most 31 whole days.",
  parameters: Schema.Struct({
    event_type_id: optional(id("Or username and slug.")),
    username: optional(text("The owner's username (with slug).")),
    slug: optional(text("The event type's slug (with username).")),
    start_date: date("First day."),
    end_date: date("Last day, included."),
    timezone: displayZone
  }),
  success: AvailabilityView,
  hints: readOnly
})

export const FindEarliestSlots = tool("find_earliest_slots", {
  title: "Find earliest slots",
  description:
    "The earliest bookable slots across several event types between two dates (whole days in timezone), " +
    "earliest first. Book one with create_booking (its event_type_id and start.utc).",
  parameters: Schema.Struct({
    event_type_ids: Schema.Array(Schema.Int).annotate({ description: "1 to 10 event types." }),
    start_date: date("First day, in timezone."),
    end_date: date("Last day (inclusive), at most 31 days after start_date."),
    timezone: optional(zone("Zone of the days and local times. Default: the profile's.")),
    count: optional(Schema.Int.annotate({ description: "How many slots, 1 to 100. Default 5." }))
  }),
  success: EarliestSlotsView,
  hints: readOnly
})

const reservationId = text("From reserve_slot.")

/** What a hold is of: the same for a new hold and a moved one. */
const holdParameters = {
  event_type_id: eventTypeId,
  start_time: dateTime("A slot's start.utc from list_availability, or local time in timezone."),
  duration_minutes: optional(id("For event types with several lengths: the slot's length.")),
  hold_minutes: optional(id("1 to 1440. Default 5; longer only for the event type's owner or a member of its team.")),
  timezone: displayZone
}

export const ReserveSlot = tool("reserve_slot", {
  title: "Hold a slot",
  description:
    "Holds an offered slot for a few minutes so nobody else books it while the user decides; then " +
    "create_booking with reservation_id, or release_slot_reservation. A slot booked or held by another is refused.",
  parameters: Schema.Struct(holdParameters),
  success: SlotReservationView,
  hints: holdCreate
})

export const GetSlotReservation = tool("get_slot_reservation", {
  title: "Get slot hold",
  description: "A hold made with reserve_slot: its slot and until when it holds.",
  parameters: Schema.Struct({ reservation_id: reservationId, timezone: displayZone }),
  success: SlotReservationView,
  hints: readOnly
})

export const UpdateSlotReservation = tool("update_slot_reservation", {
  title: "Move or renew a slot hold",
  description: "Moves a hold to another slot (or the same one) and holds it again from now.",
  parameters: Schema.Struct({ reservation_id: reservationId, ...holdParameters }),
  success: SlotReservationView,
  hints: holdUpdate
})

export const ReleaseSlotReservation = tool("release_slot_reservation", {
  title: "Release a slot hold",
  description: "Lets a held slot go before the hold ends (releasing one already gone succeeds).",
  parameters: Schema.Struct({ reservation_id: reservationId }),
  success: Schema.Struct({ reservation_id: Schema.String, released: Schema.Boolean }),
  hints: accountDelete
})

export const tools = [
  ListAvailability,
  FindEarliestSlots,
  ReserveSlot,
  GetSlotReservation,
  UpdateSlotReservation,
  ReleaseSlotReservation
] as const

const NAMES: ArgumentNames = { eventTypeSlug: "slug", eventTypeIds: "event_type_ids" }
const HOLD_NAMES: ArgumentNames = {
  uid: "reservation_id",
  start: "start_time",
  duration: "duration_minutes",
  reservationDuration: "hold_minutes"
}
const DAYS = { startDate: "start_date", endDate: "end_date" } as const

/** The tool's own checks: whole days (read in a zone, so checked before one is looked up) and the zone. */
const dayChecks = (params: { readonly start_date: string; readonly end_date: string; readonly timezone?: string }) => [
  ...checkDayRange({ startDate: params.start_date, endDate: params.end_date }, DAYS, MAX_RANGE_DAYS),
  zoneCheck(params.timezone, "timezone")
]

/** Which event type: by id, or by username and slug (one way, not both). */
const targetOf = (params: Parameters<Bodies<typeof tools>["list_availability"]>[1]) => {
  const { event_type_id: eventTypeId, username, slug } = params
  const bySlug = username !== undefined || slug !== undefined
  const target: SlotsTarget =
    eventTypeId !== undefined ? { eventTypeId } : { username: username ?? "", eventTypeSlug: slug ?? "" }
  const issue =
    eventTypeId === undefined && !bySlug
      ? { path: "event_type_id", message: "name the event type: give event_type_id, or username and slug" }
      : eventTypeId !== undefined && bySlug
        ? { path: "event_type_id", message: "give event_type_id, or username and slug, not both" }
        : undefined
  return { target, issue }
}

const within = (range: { readonly start: DateTime.Utc; readonly end: DateTime.Utc }) => (start: DateTime.Utc) =>
  DateTime.toEpochMillis(start) >= DateTime.toEpochMillis(range.start) &&
  DateTime.toEpochMillis(start) < DateTime.toEpochMillis(range.end)

/** The asked days in `zone` as the facade's UTC range. */
const rangeIn = (
  cal: CalComApi,
  params: { readonly start_date: string; readonly end_date: string; readonly timezone?: string }
) =>
  Effect.map(zoneFor(cal, params.timezone), (zone) => ({
    zone,
    range: localDayRange(params.start_date, params.end_date, zone)
  }))

type HoldParams = Parameters<Bodies<typeof tools>["reserve_slot"]>[1]

/** A hold's facade input: the start read with its offset, or as wall-clock time in `timezone`. */
const holdOf = (params: HoldParams) =>
  Effect.gen(function* () {
    const start = instantOf(params.start_time, "start_time", params.timezone, "timezone")
    yield* validate([zoneCheck(params.timezone, "timezone"), start.issue])
    return {
      eventTypeId: params.event_type_id,
      start: start.instant ?? params.start_time,
      duration: params.duration_minutes,
      reservationDuration: params.hold_minutes
    }
  })

/** A reservation in the asked zone (else the profile's), with whether its hold has ended. */
const shown = (cal: CalComApi, timezone: string | undefined) => (reservation: SlotReservation) =>
  Effect.gen(function* () {
    const zone = yield* zoneFor(cal, timezone)
    return slotReservationView(reservation, zone, yield* DateTime.now)
  })

const holdBodies: Pick<
  Bodies<typeof tools>,
  "reserve_slot" | "get_slot_reservation" | "update_slot_reservation" | "release_slot_reservation"
> = {
  reserve_slot: (cal, params) =>
    Effect.flatMap(holdOf(params), (hold) =>
      Effect.flatMap(named(HOLD_NAMES)(cal.slots.reserve(hold)), shown(cal, params.timezone))
    ),
  get_slot_reservation: (cal, params) =>
    Effect.andThen(
      validate([zoneCheck(params.timezone, "timezone")]),
      Effect.flatMap(named(HOLD_NAMES)(cal.slots.getReservation(params.reservation_id)), shown(cal, params.timezone))
    ),
  update_slot_reservation: (cal, { reservation_id, ...params }) =>
    Effect.flatMap(holdOf(params), (hold) =>
      Effect.flatMap(named(HOLD_NAMES)(cal.slots.updateReservation(reservation_id, hold)), shown(cal, params.timezone))
    ),
  release_slot_reservation: (cal, params) =>
    Effect.as(named(HOLD_NAMES)(cal.slots.release(params.reservation_id)), {
      reservation_id: params.reservation_id,
      released: true
    })
}

export const bodies: Bodies<typeof tools> = {
  ...holdBodies,
  list_availability: (cal, params) =>
    Effect.gen(function* () {
      const { target, issue } = targetOf(params)
      yield* validate([issue, ...dayChecks(params)])
      const { zone, range } = yield* rangeIn(cal, params)
      const slots = yield* named(NAMES)(
        cal.availability.slots({ ...target, start: isoUtc(range.start), end: isoUtc(range.end), timeZone: zone })
      )
      // Only slots inside the asked days, whatever the server adds around them.
      const inRange = slots.filter((slot) => within(range)(slot.start))
      return {
        timezone: zone,
        from: timeView(range.start, zone),
        to: timeView(range.end, zone),
        count: inRange.length,
        slots: inRange.map((slot) => slotView(slot, zone))
      }
    }),
  find_earliest_slots: (cal, params) =>
    Effect.gen(function* () {
      const ids = params.event_type_ids
      yield* validate([
        ids.length > MAX_EVENT_TYPES
          ? { path: "event_type_ids", message: `must name 1 to ${MAX_EVENT_TYPES} event types` }
          : undefined,
        ...dayChecks(params)
      ])
      const { zone, range } = yield* rangeIn(cal, params)
      const slots = yield* named(NAMES)(
        cal.availability.earliest({
          eventTypeIds: ids,
          start: isoUtc(range.start),
          end: isoUtc(range.end),
          timeZone: zone,
          ...(params.count === undefined ? {} : { count: params.count })
        })
      )
      return {
        timezone: zone,
        count: slots.length,
        slots: slots.map((slot) => ({ event_type_id: slot.eventTypeId, ...slotView(slot, zone) }))
      }
    })
}
