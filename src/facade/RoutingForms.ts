/**
 * Routing forms: which event type a form response routes to, and that event type's slots.
 *
 * `calculateSlots` sends the response as Cal.com's booking page would, in dry-run mode: nothing is
 * saved (no response is recorded, no one is notified), so it is safe to repeat. The slots come as
 * `availability.slots` returns them: one flat list sorted by start, UTC instants, with the zone.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Order from "effect/Order"
import * as Schema from "effect/Schema"
import { dataOf } from "./Decode.js"
import { CalComDecodeError, type CalComError } from "./Errors.js"
import { decodeInput, InstantInput, Minutes } from "./internal/Input.js"
import { iso } from "./internal/Resource.js"
import {
  BookingUid,
  IsoDate,
  type RoutedSlots,
  RoutingFormId,
  RoutingFormSlotsData,
  type Slot,
  TimeZone
} from "./Models.js"
import type { Transport } from "./Transport.js"

export interface CalculateSlotsInput {
  readonly routingFormId: string
  /** The form response: each field's label (or id) with its value; several options as a list. */
  readonly response: Readonly<Record<string, string | number | ReadonlyArray<string>>>
  /** `YYYY-MM-DD` (start of that day, UTC) or an ISO 8601 instant with offset. */
  readonly start: string
  /** `YYYY-MM-DD` (end of that day, UTC) or an ISO 8601 instant with offset. */
  readonly end: string
  /** IANA zone the slots are grouped and presented in. */
  readonly timeZone: string
  /** Minutes, for event types with several lengths. */
  readonly duration?: number | undefined
  /** When rescheduling: the booking whose own slot should stay offered. */
  readonly bookingUidToReschedule?: string | undefined
}

export interface RoutingFormsApi {
  /** The event type the response routes to and its bookable slots; nothing is saved. */
  readonly calculateSlots: (input: CalculateSlotsInput) => Effect.Effect<RoutedSlots, CalComError>
}

const Boundary = Schema.Union([IsoDate, InstantInput])
type Boundary = typeof Boundary.Type

/** A boundary as an instant: a date is its first (start) or last (end) second in UTC. */
const millisOf = (value: Boundary, edge: "start" | "end"): number =>
  typeof value === "string"
    ? Date.parse(`${value}T${edge === "start" ? "00:00:00" : "23:59:59"}Z`)
    : DateTime.toEpochMillis(value)

const CalculateInput = Schema.Struct({
  routingFormId: RoutingFormId,
  response: Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Number, Schema.Array(Schema.String)])),
  start: Boundary,
  end: Boundary,
  timeZone: TimeZone,
  duration: Schema.optional(Minutes),
  bookingUidToReschedule: Schema.optional(BookingUid)
}).check(
  Schema.makeFilter(
    ({ start, end }) =>
      millisOf(start, "start") <= millisOf(end, "end") || { path: ["end"], issue: "must not be before start" }
  )
)

const decodeCalculate = decodeInput("RoutingForms.calculateSlots", CalculateInput)
const decodeSlots = dataOf(RoutingFormSlotsData)
const byStart = Order.mapInput(DateTime.Order, (slot: Slot) => slot.start)

/** A boundary as the API wants it: a date as given, an instant in UTC. */
const wire = (value: Boundary): string => (typeof value === "string" ? value : iso(value))

/** @internal */
export const makeRoutingForms = (transport: Transport): RoutingFormsApi => {
  const calculateSlots = Effect.fn("RoutingForms.calculateSlots")(function* (raw: CalculateSlotsInput) {
    const input = yield* decodeCalculate(raw)
    const routed = yield* transport.call({
      operation: "RoutingForms.calculateSlots",
      method: "POST",
      path: "/v2/routing-forms/{routingFormId}/calculate-slots",
      resource: { kind: "routing form", id: input.routingFormId },
      params: {
        path: { routingFormId: input.routingFormId },
        query: {
          start: wire(input.start),
          end: wire(input.end),
          timeZone: input.timeZone,
          format: "range",
          ...(input.duration === undefined ? {} : { duration: input.duration }),
          ...(input.bookingUidToReschedule === undefined
            ? {}
            : { bookingUidToReschedule: input.bookingUidToReschedule })
        }
      },
      body: Object.fromEntries(
        Object.entries(input.response).map(([field, value]) => [field, typeof value === "object" ? [...value] : value])
      ),
      // A dry run: nothing is saved, so sending it again is safe.
      idempotent: true,
      decode: decodeSlots
    })
    const offered = Object.values(routed.slots).flat()
    const minutes = input.duration
    if (minutes === undefined && offered.some((slot) => slot.end === undefined)) {
      return yield* new CalComDecodeError({
        operation: "RoutingForms.calculateSlots",
        issues: [{ path: "data.slots", message: "slots came without an end" }],
        message: "RoutingForms.calculateSlots: slots came without an end; pass `duration` (minutes)"
      })
    }
    const slots = offered.map(
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
    return { eventTypeId: routed.eventTypeId, slots: [...slots].sort(byStart) }
  })

  return { calculateSlots }
}
