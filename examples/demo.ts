/**
 * `npm run demo [-- --live]`: an Effect program through the facade that books a slot, finds the
 * booking, moves it and cancels it, printing what happened in the profile's local time.
 *
 * Without `--live` it runs against an embedded Cal.com: the project's stateful fake
 * (`test/support/FakeCalCom.ts`: bookings, slots and conflicts kept in memory) behind Prism in
 * validation-proxy mode (`prism proxy --errors`), which checks every request and every response
 * against the patched OpenAPI document and turns a violation into an error. No key needed.
 * With `--live` and `CAL_COM_API_KEY` set (environment or `.env`) it uses the real API: it books
 * the first free slot of your first event type in the next week, then moves and cancels it.
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { documentOf, type RunningPrism, startPrism } from "../scripts/lib/prism.js"
import { CalCom, type CalComError, TimeZone } from "../src/index.js"
import { layerConfig } from "../src/node.js"
import { DEFAULT_API_KEY, type FakeCalCom, startFakeCalCom } from "../test/support/FakeCalCom.js"

const live = process.argv.includes("--live")
const started = Date.now()

/** "Thu 3 Dec, 09:00" in `timeZone`. */
const local = (instant: DateTime.DateTime, timeZone: string): string =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23"
  }).format(DateTime.toDate(instant))

/** "09:30" in `timeZone`. */
const clock = (instant: DateTime.DateTime, timeZone: string): string =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    DateTime.toDate(instant)
  )

const say = (label: string, text: string) => Effect.sync(() => console.log(`${label.padEnd(12)}${text}`))

const program = Effect.gen(function* () {
  const cal = yield* CalCom
  const me = yield* cal.me.get()
  // A profile may lack a valid zone (a new account): fall back to UTC.
  const timeZone = Schema.is(TimeZone)(me.timeZone) ? me.timeZone : "UTC"
  yield* say("signed in", `${me.name ?? me.username} <${me.email}>; times below are ${timeZone}`)

  const [eventType] = yield* cal.eventTypes.list()
  if (eventType === undefined) return yield* say("stopped", "no event type to book: create one on cal.com first")
  yield* say("event type", `${eventType.title} (#${eventType.id}, ${eventType.lengthInMinutes} min)`)

  const now = yield* DateTime.now
  const range = {
    start: DateTime.formatIsoDate(DateTime.add(now, { days: 1 })),
    end: DateTime.formatIsoDate(DateTime.add(now, { days: 8 }))
  }
  const slots = yield* cal.availability.slots({ eventTypeId: eventType.id, ...range, timeZone })
  const [first, second] = slots
  if (first === undefined || second === undefined) {
    return yield* say("stopped", `fewer than two free slots between ${range.start} and ${range.end}`)
  }
  yield* say(
    "free slots",
    `${slots.length} in the next week; the first two: ${local(first.start, timeZone)}, ${clock(second.start, timeZone)}`
  )

  const { booking } = yield* cal.bookings.create({
    eventTypeId: eventType.id,
    start: first.start,
    attendee: { name: "Ada Lovelace", email: "ada.lovelace@example.com", timeZone },
    notes: "Booked by the effect-calcom demo"
  })
  yield* say(
    "booked",
    `${local(booking.start, timeZone)}–${clock(booking.end, timeZone)} "${booking.title}" (${booking.status}, uid ${booking.uid})`
  )

  const found = yield* cal.bookings.get(booking.uid)
  yield* say(
    "found",
    `bookings.get(${found.uid}): ${found.status}, ${local(found.start, timeZone)}, ${found.attendees.map((a) => a.email).join(", ")}`
  )

  const moved = yield* cal.bookings.reschedule(booking.uid, {
    start: second.start,
    reason: "demo: the next slot suits better"
  })
  const old = yield* cal.bookings.get(moved.previousUid)
  yield* say(
    "rescheduled",
    `to ${local(moved.booking.start, timeZone)}–${clock(moved.booking.end, timeZone)}: new uid ${moved.booking.uid} (${moved.booking.status}); ` +
      `the old booking ${old.uid} is ${old.status}${old.rescheduledToUid ? `, rescheduled to ${old.rescheduledToUid}` : ""}`
  )

  const cancelled = yield* cal.bookings.cancel(moved.booking.uid, { reason: "demo: cleaning up" })
  yield* say(
    "cancelled",
    `${cancelled.booking.uid}: ${cancelled.booking.status}${cancelled.booking.cancellationReason ? ` ("${cancelled.booking.cancellationReason}")` : ""}`
  )

  const [circuit, limits] = yield* Effect.all([cal.circuit, cal.rateLimits])
  yield* say(
    "client",
    `circuit ${circuit._tag}; rate limit ${limits.map((l) => `${l.remaining ?? "?"} of ${l.limit ?? "?"} left (${l.name})`).join(", ") || "not reported"}`
  )
})

interface Embedded {
  readonly fake: FakeCalCom
  readonly prism: RunningPrism
  /** `sl-violations` headers Prism attached to answers (warnings; errors fail the call). */
  readonly violations: Array<string>
}

/**
 * The paths the demo calls. Prism loads only their part of the patched document (the same
 * operations and schemas): loading all 175 paths takes it about twice as long.
 */
const DEMO_PATHS = [
  "/v2/me",
  "/v2/event-types",
  "/v2/event-types/{eventTypeId}",
  "/v2/slots",
  "/v2/bookings",
  "/v2/bookings/{bookingUid}",
  "/v2/bookings/{bookingUid}/reschedule",
  "/v2/bookings/{bookingUid}/cancel"
]

/** The fake Cal.com, then Prism in front of it, validating against the patched document. */
const startEmbedded = async (): Promise<Embedded> => {
  const fake = await startFakeCalCom({ rateLimit: { limit: 120, windowMs: 60_000 } })
  try {
    const prism = await startPrism({ upstream: fake.url, document: documentOf(DEMO_PATHS) })
    return { fake, prism, violations: [] }
  } catch (error) {
    await fake.close()
    throw error
  }
}

const main = async (): Promise<number> => {
  let embedded: Embedded | undefined
  let layer: Layer.Layer<CalCom, CalComError>
  if (live) {
    // The Node entry's layerConfig: the environment, then `.env` in the working directory.
    layer = layerConfig({ overrides: { verifyOnStart: true } })
    console.log("effect-calcom demo against the live Cal.com API: a booking is made, moved and cancelled\n")
  } else {
    embedded = await startEmbedded()
    const { prism, violations } = embedded
    const validating: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const header = response.headers.get("sl-violations")
      if (header) violations.push(header)
      return response
    }
    layer = CalCom.layer({ apiKey: DEFAULT_API_KEY, baseUrl: prism.url, fetch: validating })
    console.log(
      "effect-calcom demo against an embedded Cal.com: the project's stateful fake (bookings kept in memory)\n" +
        `behind Prism's validation proxy at ${prism.url}, which checks every request and response against the\n` +
        "patched OpenAPI document. `npm run demo -- --live` uses the real API.\n"
    )
  }
  const ready = Date.now()
  try {
    const outcome = await Effect.runPromise(
      program.pipe(
        Effect.provide(layer),
        Effect.as(0),
        Effect.catch((error: CalComError) => Effect.as(say("failed", `${error._tag}: ${error.message}`), 1))
      )
    )
    if (embedded !== undefined) {
      const { fake, violations } = embedded
      console.log(
        `${"validated".padEnd(12)}${fake.requests.length} requests reached the fake through Prism; ` +
          (violations.length === 0 ? "no violation of the document" : `violations: ${violations.join("; ")}`)
      )
    }
    console.log(
      `\ndone in ${((Date.now() - ready) / 1000).toFixed(1)} s` +
        (embedded ? ` (plus ${((ready - started) / 1000).toFixed(1)} s to start the fake and Prism)` : "")
    )
    return outcome !== 0 || (embedded?.violations.length ?? 0) > 0 ? 1 : 0
  } finally {
    await embedded?.prism.stop()
    await embedded?.fake.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
