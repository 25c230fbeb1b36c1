/** The availability tools: offered slots of an event type, and the earliest across several. */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { CalComApi, SlotsTarget } from "../../index.js"
import { type ArgumentNames, named, validate, zoneCheck, zoneFor } from "../internal/Calls.js"
import { type Bodies, date, displayZone, id, optional, readOnly, text, tool, zone } from "../internal/Define.js"
import { checkDayRange, isoUtc, localDayRange, timeView } from "../Time.js"
import { AvailabilityView, EarliestSlotsView, slotView } from "../Views.js"

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

export const tools = [ListAvailability, FindEarliestSlots] as const

const NAMES: ArgumentNames = { eventTypeSlug: "slug", eventTypeIds: "event_type_ids" }
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

export const bodies: Bodies<typeof tools> = {
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
