/**
 * Availability: the bookable slots of an event type over a range, as one flat list sorted by
 * start, each with UTC start and end and the zone it was asked in.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Order from "effect/Order"
import * as Schema from "effect/Schema"
import { dataOf, type PureSchema } from "./Decode.js"
import { CalComDecodeError, type CalComError, type CalComValidationError } from "./Errors.js"
import { decodeInput, given, IntBetween, invalidInput, Minutes, NonEmpty } from "./internal/Input.js"
import { iso } from "./internal/Resource.js"
import {
  IsoDate,
  IsoDateTimeWithOffset,
  PositiveId,
  type RawSlot,
  type Slot,
  SlotsResponseData,
  TimeZone
} from "./Models.js"
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

// --- Input ----------------------------------------------------------------------------------------

const isDate = Schema.is(IsoDate)
const isInstant = Schema.is(IsoDateTimeWithOffset)

/** A range boundary: `YYYY-MM-DD` (a whole UTC day edge) or an ISO 8601 instant with offset. */
const Boundary = Schema.String.check(
  Schema.makeFilter((s: string) => isDate(s) || isInstant(s) || "must be YYYY-MM-DD or an ISO 8601 instant with offset")
)

const Range = { start: Boundary, end: Boundary, timeZone: TimeZone }
const Length = { duration: Schema.optional(Minutes) }

const ById = Schema.Struct({ eventTypeId: PositiveId, ...Range, ...Length })
const ByUser = Schema.Struct({ username: NonEmpty, eventTypeSlug: NonEmpty, ...Range, ...Length })
const ByTeam = Schema.Struct({
  teamSlug: NonEmpty,
  eventTypeSlug: NonEmpty,
  organizationSlug: Schema.optional(NonEmpty),
  ...Range,
  ...Length
})
const EarliestSchema = Schema.Struct({
  eventTypeIds: Schema.Array(PositiveId).check(
    Schema.makeFilter((ids: ReadonlyArray<number>) => ids.length > 0 || "must name at least one event type")
  ),
  ...Range,
  count: Schema.optional(IntBetween(1, 100))
})

/** A boundary as an instant: a date is the start or the end of that day in UTC. */
const edgeOf = (value: string, edge: "start" | "end"): number =>
  Date.parse(isDate(value) ? `${value}T${edge === "start" ? "00:00:00" : "23:59:59"}Z` : value)

/** A boundary as the API wants it: a date as given, an instant in UTC (the document requires UTC). */
const wireBoundary = (value: string): string => (isDate(value) ? value : iso(DateTime.makeUnsafe(value)))

/**
 * Decodes a ranged input with `schema`. An end before the start is reported with the other issues
 * (when both boundaries are well formed), not only once they are fixed.
 */
const decodeRanged = <S extends PureSchema>(operation: string, schema: S) => {
  const decode = decodeInput(operation, schema)
  return (input: { readonly start: string; readonly end: string }): Effect.Effect<S["Type"], CalComValidationError> => {
    const backwards =
      isDate(input.start) || isInstant(input.start)
        ? (isDate(input.end) || isInstant(input.end)) && edgeOf(input.end, "end") < edgeOf(input.start, "start")
        : false
    const issues = backwards ? [{ path: "end", message: "must not be before start" }] : []
    return Effect.matchEffect(decode(input), {
      onFailure: (error) => Effect.fail(invalidInput(operation, [...error.issues, ...issues])),
      onSuccess: (decoded) => (backwards ? Effect.fail(invalidInput(operation, issues)) : Effect.succeed(decoded))
    })
  }
}

const decodeById = decodeRanged("Availability.slots", ById)
const decodeByUser = decodeRanged("Availability.slots", ByUser)
const decodeByTeam = decodeRanged("Availability.slots", ByTeam)
const decodeEarliest = decodeRanged("Availability.earliest", EarliestSchema)

/** The target and range the API is asked for, decoded from one of the three input shapes. */
const slotsQuery = (input: SlotsInput) => {
  const decoded: Effect.Effect<typeof ById.Type | typeof ByUser.Type | typeof ByTeam.Type, CalComValidationError> =
    "eventTypeId" in input ? decodeById(input) : "username" in input ? decodeByUser(input) : decodeByTeam(input)
  return Effect.map(decoded, ({ start, end, ...rest }) => ({
    ...given(rest),
    start: wireBoundary(start),
    end: wireBoundary(end),
    format: "range"
  }))
}

// --- Operations -----------------------------------------------------------------------------------

/** The API's slots of one zone as facade slots; an end missing from the answer is `start + minutes`. */
const toSlot =
  (timeZone: string, minutes: number) =>
  (slot: typeof RawSlot.Type): Slot => ({
    start: slot.start,
    end: slot.end ?? DateTime.add(slot.start, { minutes }),
    timeZone,
    ...(slot.seatsBooked == null ? {} : { seatsBooked: slot.seatsBooked }),
    ...(slot.seatsRemaining == null ? {} : { seatsRemaining: slot.seatsRemaining }),
    ...(slot.seatsTotal == null ? {} : { seatsTotal: slot.seatsTotal }),
    ...(slot.bookingUid == null ? {} : { bookingUid: slot.bookingUid })
  })

const noLength = new CalComDecodeError({
  operation: "Availability.slots",
  issues: [{ path: "end", message: "slots came without an end and the event type's length is unknown" }],
  message: "Availability.slots: slots came without an end; pass `duration` (minutes)"
})

/** @internal */
export const makeAvailability = (
  transport: Transport,
  lengthOf: (target: SlotsTarget) => Effect.Effect<number | undefined, CalComError>
): AvailabilityApi => {
  const slots = Effect.fn("Availability.slots")(function* (input: SlotsInput) {
    const query = yield* slotsQuery(input)
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
      ? (query.duration ?? (yield* lengthOf(input)))
      : (query.duration ?? 0)
    if (minutes === undefined) return yield* noLength
    return raw.map(toSlot(input.timeZone, minutes)).sort(byStart)
  })

  const earliest = Effect.fn("Availability.earliest")(function* (input: EarliestInput) {
    const { eventTypeIds, start, end, timeZone, count = 5 } = yield* decodeEarliest(input)
    const perType = yield* Effect.forEach(
      eventTypeIds,
      (eventTypeId) =>
        Effect.map(slots({ eventTypeId, start, end, timeZone }), (list) =>
          list.map((slot): EventTypeSlot => ({ ...slot, eventTypeId }))
        ),
      { concurrency: 4 }
    )
    return perType.flat().sort(byStart).slice(0, count)
  })

  return { slots, earliest }
}
