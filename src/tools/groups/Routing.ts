/**
 * The routing tool: which event type a routing form's answers lead to, and its offered slots
 * over whole local days.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type ArgumentNames, named, validate, zoneCheck, zoneFor } from "../internal/Calls.js"
import { type Bodies, date, displayZone, optional, readOnly, text, tool } from "../internal/Define.js"
import { checkDayRange, isoUtc, localDayRange, TimeView, timeView } from "../Time.js"
import { slotView } from "../Views.js"

export const CalculateRoutingSlots = tool("calculate_routing_slots", {
  title: "Calculate routing slots",
  description:
    "Routes a routing form's answers to an event type and lists its slots over at most 31 whole days. " +
    "Book one with create_booking (event_type_id and start.utc).",
  parameters: Schema.Struct({
    routing_form_id: text("The routing form's id."),
    response: Schema.Record(
      Schema.String,
      Schema.Union([Schema.String, Schema.Number, Schema.Array(Schema.String)])
    ).annotate({ description: "Each field's label or id with its answer; several options as a list." }),
    start_date: date("First day."),
    end_date: date("Last day, included."),
    timezone: displayZone,
    duration_minutes: optional(Schema.Int.annotate({ description: "For event types with several lengths." }))
  }),
  success: Schema.Struct({
    event_type_id: Schema.Int,
    timezone: Schema.String,
    from: TimeView,
    to: TimeView,
    count: Schema.Int,
    slots: Schema.Array(Schema.Struct({ start: TimeView, end: TimeView }))
  }),
  hints: readOnly
})

export const tools = [CalculateRoutingSlots] as const

const NAMES: ArgumentNames = { duration: "duration_minutes" }

export const bodies: Bodies<typeof tools> = {
  calculate_routing_slots: (cal, params) =>
    Effect.gen(function* () {
      yield* validate([
        ...checkDayRange(
          { startDate: params.start_date, endDate: params.end_date },
          { startDate: "start_date", endDate: "end_date" },
          31
        ),
        zoneCheck(params.timezone, "timezone")
      ])
      const zone = yield* zoneFor(cal, params.timezone)
      const range = localDayRange(params.start_date, params.end_date, zone)
      const routed = yield* named(NAMES)(
        cal.routingForms.calculateSlots({
          routingFormId: params.routing_form_id,
          response: params.response,
          start: isoUtc(range.start),
          end: isoUtc(range.end),
          timeZone: zone,
          ...(params.duration_minutes === undefined ? {} : { duration: params.duration_minutes })
        })
      )
      const millis = DateTime.toEpochMillis
      const inRange = routed.slots.filter(
        (s) => millis(s.start) >= millis(range.start) && millis(s.start) < millis(range.end)
      )
      return {
        event_type_id: routed.eventTypeId,
        timezone: zone,
        from: timeView(range.start, zone),
        to: timeView(range.end, zone),
        count: inRange.length,
        slots: inRange.map((s) => slotView(s, zone))
      }
    })
}
