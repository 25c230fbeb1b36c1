/**
 * `npm run demo [-- --live]`: an Effect program through the facade: profile, event types,
 * slots, book, reschedule, cancel, then a readable summary.
 *
 * Without `--live` it runs against an embedded Prism mock of the patched document (no key
 * needed; Prism answers with the document's examples). With `--live` and `CAL_COM_API_KEY` set
 * (environment or `.env`) it uses the real API, books the first free slot of your first event
 * type in the next week, then moves and cancels that booking.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { type RunningPrism, startPrism } from "../scripts/lib/prism.js"
import { CalCom, type CalComError, TimeZone } from "../src/index.js"
import { layerConfig } from "../src/node.js"

const live = process.argv.includes("--live")

const at = (instant: DateTime.DateTime, timeZone: string) =>
  DateTime.formatIsoZoned(DateTime.setZoneNamedUnsafe(instant, timeZone)).replace(/\[.*\]$/, "")

const program = Effect.gen(function* () {
  const cal = yield* CalCom
  const lines: Array<string> = []
  const say = (line: string) => Effect.sync(() => lines.push(line))

  const me = yield* cal.me.get()
  // A profile may lack a valid zone (a new account, a mock): fall back to UTC.
  const timeZone = Schema.is(TimeZone)(me.timeZone) ? me.timeZone : "UTC"
  yield* say(
    `profile       ${me.name ?? me.username} <${me.email}>, ${timeZone}${timeZone === me.timeZone ? "" : ` (profile says "${me.timeZone}", not an IANA zone)`}`
  )

  const eventTypes = yield* cal.eventTypes.list()
  yield* say(
    `event types   ${eventTypes.map((e) => `${e.title} (${e.lengthInMinutes} min, #${e.id})`).join(", ") || "none"}`
  )
  const eventType = eventTypes[0]
  if (eventType === undefined) return [...lines, "no event type to book: create one on cal.com first"]

  const today = DateTime.formatIsoDate(yield* DateTime.now)
  const range = live
    ? { start: today, end: DateTime.formatIsoDate(DateTime.add(yield* DateTime.now, { days: 7 })) }
    : { start: "2050-09-05", end: "2050-09-06" } // the dates of the document's own slots example
  const slots = yield* cal.availability.slots({ eventTypeId: eventType.id, ...range, timeZone })
  yield* say(
    `slots         ${slots.length} between ${range.start} and ${range.end}; first: ${slots[0] ? at(slots[0].start, timeZone) : "none"}`
  )
  const [first, second] = slots
  if (first === undefined) return [...lines, "no free slot in range"]

  const booked = yield* cal.bookings.create({
    eventTypeId: eventType.id,
    start: first.start,
    attendee: { name: "Ada Lovelace", email: "ada.lovelace@example.com", timeZone },
    notes: "Booked by the effect-calcom demo"
  })
  yield* say(
    `booked        ${booked.confirmation.uid} "${booked.confirmation.title}" at ${at(booked.confirmation.start, timeZone)} (${booked.confirmation.status})${booked.confirmation.url ? ` ${booked.confirmation.url}` : ""}`
  )

  const target = second ?? first
  const moved = yield* cal.bookings.reschedule(booked.booking.uid, {
    start: target.start,
    reason: "demo: moving to the next slot",
    // Prism's example booking cannot be checked against its example slots.
    checkAvailability: live
  })
  yield* say(
    `rescheduled   ${moved.previousUid} -> ${moved.confirmation.uid} at ${at(moved.confirmation.start, timeZone)}`
  )

  const cancelled = yield* cal.bookings.cancel(moved.booking.uid, { reason: "demo: cleaning up" })
  yield* say(`cancelled     ${cancelled.confirmation.uid} (${cancelled.confirmation.status})`)

  const [circuit, limits] = yield* Effect.all([cal.circuit, cal.rateLimits])
  yield* say(
    `client        circuit ${circuit._tag}; rate limit ${limits.map((l) => `${l.name} ${l.remaining ?? "?"}/${l.limit ?? "?"}`).join(", ") || "not reported"}`
  )
  return lines
})

const main = async () => {
  let prism: RunningPrism | undefined
  let layer: Layer.Layer<CalCom, CalComError>
  if (live) {
    // The Node entry's layerConfig: the environment, then `.env` in the working directory.
    layer = layerConfig({ overrides: { verifyOnStart: true } })
    console.log("effect-calcom demo against the live Cal.com API (a booking is made, moved and cancelled)\n")
  } else {
    prism = await startPrism()
    layer = CalCom.layer({ apiKey: "cal_demo_mock_key_0000000000", baseUrl: prism.url })
    console.log(`effect-calcom demo against an embedded Prism mock at ${prism.url} (pass --live to use the real API)\n`)
  }
  try {
    const lines = await Effect.runPromise(
      program.pipe(
        Effect.provide(layer),
        Effect.catch((error: CalComError) => Effect.succeed([`failed: ${error._tag}: ${error.message}`]))
      )
    )
    console.log(lines.join("\n"))
    return lines.some((l) => l.startsWith("failed:")) ? 1 : 0
  } finally {
    await prism?.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
