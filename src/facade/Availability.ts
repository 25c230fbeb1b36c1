/**
 * Availability: the bookable slots of an event type over a range, as one flat list sorted by
 * start, each with UTC start and end and the zone it was asked in.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Order from "effect/Order"
import { dataOf } from "./Decode.js"
import { CalComDecodeError, type CalComError } from "./Errors.js"
import {
  checkWith,
  isNonEmpty,
  iso,
  isPositiveInt,
  parseInstant,
  require,
  validate,
  zoneCheck
} from "./internal/Resource.js"
import { IsoDate, IsoDateTimeWithOffset, type Slot, SlotsResponseData } from "./Models.js"
import type { Transport } from "./Transport.js"

/** Whose slots: an event type by id, a user's event type by slugs, or a team's. */
export type SlotsTarget =
  | { readonly eventTypeId: number }
  | { readonly username: string; readonly eventTypeSlug: string }
  | { readonly teamSlug: string; readonly eventTypeSlug: string; readonly organizationSlug?: string | undefined }

export type SlotsInput = SlotsTarget & {
  /** `YYYY-MM-DD` (start of that day, UTC) or an ISO 8601 instant with offset. */
  readonly start: string
  /** `YYYY-MM-DD` (end of that day, UTC) or an ISO 8601 instant with offset. */
  readonly end: string
  /** IANA zone the slots are grouped and presented in. */
  readonly timeZone: string
  /** Minutes, for event types with several lengths. */
  readonly duration?: number | undefined
}

export interface EarliestInput {
  readonly eventTypeIds: ReadonlyArray<number>
  readonly start: string
  readonly end: string
  readonly timeZone: string
  /** How many slots. Default 5, at most 100. */
  readonly count?: number | undefined
}

/** A slot and the event type it is for. */
export type EventTypeSlot = Slot & { readonly eventTypeId: number }

export interface AvailabilityApi {
  /** Bookable slots, sorted by start; `[]` when none. */
  readonly slots: (input: SlotsInput) => Effect.Effect<ReadonlyArray<Slot>, CalComError>
  /** The earliest `count` slots across several event types, sorted by start. */
  readonly earliest: (input: EarliestInput) => Effect.Effect<ReadonlyArray<EventTypeSlot>, CalComError>
}

const decodeSlots = dataOf(SlotsResponseData)
const byStart = Order.mapInput(DateTime.Order, (slot: Slot) => slot.start)

/** Start or end of a range as an instant, for the start <= end check. */
const boundary = (value: string, edge: "start" | "end"): number | undefined => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${edge === "start" ? "00:00:00" : "23:59:59"}Z` : value
  const parsed = DateTime.make(text)
  return parsed._tag === "Some" ? DateTime.toEpochMillis(parsed.value) : undefined
}

/** A boundary as the API wants it: a date as given, an instant in UTC (the document requires UTC). */
const wireBoundary = (value: string): string => {
  const instant = parseInstant(value)
  return instant === undefined ? value : iso(instant)
}

const rangeChecks = (input: { readonly start: string; readonly end: string; readonly timeZone: string }) => {
  const isBoundary = (value: string) =>
    [IsoDate, IsoDateTimeWithOffset].some((schema) => checkWith(schema, value, "", "") === undefined)
  // Only well-formed boundaries are compared: `2026-02-30` would roll over to March.
  const start = isBoundary(input.start) ? boundary(input.start, "start") : undefined
  const end = isBoundary(input.end) ? boundary(input.end, "end") : undefined
  return [
    require(isBoundary(input.start), "start", "must be YYYY-MM-DD or an ISO 8601 instant with offset"),
    require(isBoundary(input.end), "end", "must be YYYY-MM-DD or an ISO 8601 instant with offset"),
    start !== undefined && end !== undefined ? require(start <= end, "end", "must not be before start") : undefined,
    zoneCheck(input.timeZone, "timeZone")
  ]
}

/** @internal */
export const makeAvailability = (
  transport: Transport,
  lengthOf: (target: SlotsTarget) => Effect.Effect<number | undefined, CalComError>
): AvailabilityApi => {
  const slots = Effect.fn("Availability.slots")(function* (input: SlotsInput) {
    yield* validate("Availability.slots", [
      ...rangeChecks(input),
      "eventTypeId" in input
        ? require(isPositiveInt(input.eventTypeId), "eventTypeId", "must be a positive whole number")
        : require(isNonEmpty(input.eventTypeSlug), "eventTypeSlug", "must not be empty"),
      "username" in input ? require(isNonEmpty(input.username), "username", "must not be empty") : undefined,
      "teamSlug" in input ? require(isNonEmpty(input.teamSlug), "teamSlug", "must not be empty") : undefined,
      input.duration === undefined
        ? undefined
        : require(isPositiveInt(input.duration), "duration", "must be a positive number of minutes")
    ])
    const target =
      "eventTypeId" in input
        ? { eventTypeId: input.eventTypeId }
        : "username" in input
          ? { username: input.username, eventTypeSlug: input.eventTypeSlug }
          : {
              teamSlug: input.teamSlug,
              eventTypeSlug: input.eventTypeSlug,
              ...(input.organizationSlug === undefined ? {} : { organizationSlug: input.organizationSlug })
            }
    const query = {
      ...target,
      start: wireBoundary(input.start),
      end: wireBoundary(input.end),
      timeZone: input.timeZone,
      format: "range",
      ...(input.duration === undefined ? {} : { duration: input.duration })
    }
    const byDay = yield* transport.call({
      operation: "Availability.slots",
      method: "GET",
      path: "/v2/slots",
      ...("eventTypeId" in input ? { resource: { kind: "event type", id: String(input.eventTypeId) } } : {}),
      params: { query },
      decode: decodeSlots
    })
    const raw = Object.values(byDay).flat()
    // `format=range` gives ends; without them the event type's length does.
    const minutes = raw.some((slot) => slot.end === undefined)
      ? (input.duration ?? (yield* lengthOf(input)))
      : input.duration
    if (raw.some((slot) => slot.end === undefined) && minutes === undefined) {
      return yield* new CalComDecodeError({
        operation: "Availability.slots",
        issues: [{ path: "end", message: "slots came without an end and the event type's length is unknown" }],
        message: "Availability.slots: slots came without an end; pass `duration` (minutes)"
      })
    }
    const flat = raw.map(
      (slot): Slot => ({
        start: slot.start,
        end: slot.end ?? DateTime.add(slot.start, { minutes: minutes ?? 0 }),
        timeZone: input.timeZone,
        ...(slot.seatsBooked == null ? {} : { seatsBooked: slot.seatsBooked }),
        ...(slot.seatsRemaining == null ? {} : { seatsRemaining: slot.seatsRemaining }),
        ...(slot.seatsTotal == null ? {} : { seatsTotal: slot.seatsTotal }),
        ...(slot.bookingUid == null ? {} : { bookingUid: slot.bookingUid })
      })
    )
    return [...flat].sort(byStart)
  })

  const earliest = Effect.fn("Availability.earliest")(function* (input: EarliestInput) {
    const count = input.count ?? 5
    yield* validate("Availability.earliest", [
      ...rangeChecks(input),
      require(input.eventTypeIds.length > 0, "eventTypeIds", "must name at least one event type"),
      ...input.eventTypeIds.map((id, i) =>
        require(isPositiveInt(id), `eventTypeIds.${i}`, "must be a positive whole number")
      ),
      require(isPositiveInt(count) && count <= 100, "count", "must be 1 to 100")
    ])
    const perType = yield* Effect.forEach(
      input.eventTypeIds,
      (eventTypeId) =>
        Effect.map(slots({ eventTypeId, start: input.start, end: input.end, timeZone: input.timeZone }), (list) =>
          list.map((slot): EventTypeSlot => ({ ...slot, eventTypeId }))
        ),
      { concurrency: 4 }
    )
    return perType.flat().sort(byStart).slice(0, count)
  })

  return { slots, earliest }
}
