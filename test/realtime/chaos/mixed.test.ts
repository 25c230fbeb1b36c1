/**
 * Chaos: 1,000 mixed facade calls against the fake Cal.com server while a seeded plan injects
 * every fault kind into about a third of the requests, before and after the server does the work.
 *
 * What must hold whatever the faults:
 * - every call ends in success or a typed `CalComError`: no defect, no interruption, no
 *   unhandled rejection;
 * - no booking is made twice: per requested slot (event type, start, attendee) the server holds
 *   at most one booking, and each create that succeeded returned exactly that booking;
 * - a create that failed although the server made the booking failed with an error that says the
 *   outcome is unknown (timeout, network failure after sending, 5xx), never with a definite "no";
 * - the API key shows up in no log line (Debug level) and no error text.
 *
 * Real HTTP on 127.0.0.1 and the real clock: timeouts and retries are what is tested. The run
 * happens once (`beforeAll`); each test checks one property of its outcome.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as References from "effect/References"
import type * as Scope from "effect/Scope"
import { beforeAll } from "vitest"
import { type BookingResult, CalCom, type CalComError, type CreateBookingInput } from "../../../src/index.js"
import {
  captureLogs,
  countUnhandledRejections,
  FAULT_KINDS,
  makeRandom,
  outcomeOf,
  seededFaults,
  textsOf
} from "../../support/chaos.js"
import { type FakeCalCom, startFakeCalCom } from "../../support/FakeCalCom.js"

const SEED = 20_261_201
const CALLS = 1_000
const CONCURRENCY = 8
const API_KEY = "cal_live_c4a05e9b7d2f41e8a3b6"
const SEEDED = 100
const TIME_ZONES = ["UTC", "Europe/London", "Europe/Rome", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]
const EVENT_TYPES = [1001, 1002, 1003] as const

/** Weekdays from 2050-01-03 on, far from the seeded bookings around today. */
const weekdays = (() => {
  const days: Array<number> = []
  for (let day = Date.UTC(2050, 0, 3); days.length < 400; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay()
    if (weekday !== 0 && weekday !== 6) days.push(day)
  }
  return days
})()

/** The n-th create's slot: its own day and hour, so creates only conflict with their own duplicates. */
const slotOf = (n: number): { readonly eventTypeId: number; readonly start: string } => ({
  eventTypeId: EVENT_TYPES[n % EVENT_TYPES.length] ?? 1001,
  start: new Date((weekdays[Math.floor(n / 8)] ?? 0) + (9 + (n % 8)) * 3_600_000).toISOString()
})

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

type Op =
  | { readonly kind: "me.get" }
  | { readonly kind: "bookings.list"; readonly input: Parameters<CalCom["Service"]["bookings"]["list"]>[0] }
  | { readonly kind: "bookings.get"; readonly uid: string }
  | { readonly kind: "bookings.create"; readonly input: CreateBookingInput }
  | { readonly kind: "bookings.cancel"; readonly fallbackUid: string }
  | { readonly kind: "slots"; readonly input: Parameters<CalCom["Service"]["availability"]["slots"]>[0] }

/** The 1,000 operations, drawn from the seed. */
const planOps = (seed: number): ReadonlyArray<Op> => {
  const random = makeRandom(seed)
  const seedUid = () => `seed${String(random.int(0, SEEDED - 1)).padStart(18, "0")}`
  let creates = 0
  return Array.from({ length: CALLS }, (): Op => {
    switch (
      random.weighted({
        "me.get": 12,
        "bookings.list": 15,
        "bookings.get": 15,
        "bookings.create": 28,
        "bookings.cancel": 10,
        slots: 20
      })
    ) {
      case "me.get":
        return { kind: "me.get" }
      case "bookings.list":
        return {
          kind: "bookings.list",
          input: {
            take: random.int(1, 250),
            skip: random.int(0, 120),
            ...(random.next() < 0.3 ? { status: [random.pick(["upcoming", "past", "cancelled"] as const)] } : {}),
            ...(random.next() < 0.3 ? { attendeeEmail: `attendee${random.int(0, 49)}@example.com` } : {}),
            ...(random.next() < 0.2 ? { eventTypeId: random.pick(EVENT_TYPES) } : {})
          }
        }
      case "bookings.get":
        return { kind: "bookings.get", uid: random.next() < 0.1 ? `missing${random.int(0, 1e6)}` : seedUid() }
      case "bookings.create": {
        const n = creates++
        return {
          kind: "bookings.create",
          input: {
            ...slotOf(n),
            attendee: {
              name: `Chaos Attendee ${n}`,
              email: `chaos-${n}@example.com`,
              timeZone: random.pick(TIME_ZONES)
            },
            ...(random.next() < 0.3 ? { notes: `note ${n}` } : {}),
            ...(random.next() < 0.2 ? { metadata: { run: String(seed), n: String(n) } } : {})
          }
        }
      }
      case "bookings.cancel":
        return { kind: "bookings.cancel", fallbackUid: seedUid() }
      default: {
        // slots
        const start = random.pick(weekdays.slice(0, 80))
        return {
          kind: "slots",
          input: {
            eventTypeId: random.pick(EVENT_TYPES),
            start: dateOf(start),
            end: dateOf(start + random.int(0, 3) * 86_400_000),
            timeZone: random.pick(TIME_ZONES)
          }
        }
      }
    }
  })
}

const startServer = Effect.acquireRelease(
  Effect.promise(() => startFakeCalCom({ apiKey: API_KEY, seedBookings: SEEDED })),
  (server) => Effect.promise(() => server.close())
)

/** Failures that leave the server's state unknown: the only acceptable answers to a create that did happen. */
const saysUnknown = (error: CalComError): boolean =>
  error._tag === "CalComTimeoutError" ||
  // A 2xx that could not be read says the server accepted the request.
  (error._tag === "CalComDecodeError" && (error.status ?? 0) >= 200 && (error.status ?? 0) < 300) ||
  (error._tag === "CalComTransportError" && error.mayHaveReachedServer) ||
  (error._tag === "CalComApiError" && error.status >= 500)

const slotKey = (eventTypeId: number, startIso: string, email: string) =>
  `${eventTypeId}@${new Date(startIso).toISOString()}/${email.toLowerCase()}`

interface ChaosResult {
  readonly calls: number
  readonly requests: number
  readonly faults: ReturnType<typeof seededFaults>
  readonly outcomes: ReadonlyMap<string, number>
  /** Calls that ended in a defect or an interruption, rendered. */
  readonly bad: ReadonlyArray<string>
  readonly rejections: ReadonlyArray<unknown>
  readonly errors: ReadonlyArray<CalComError>
  readonly logLines: ReadonlyArray<string>
  readonly created: ReadonlyArray<{ readonly input: CreateBookingInput; readonly result: BookingResult }>
  readonly failedCreates: ReadonlyArray<{ readonly input: CreateBookingInput; readonly error: CalComError }>
  readonly cancelled: ReadonlyArray<string>
  /** The server's bookings after the run. */
  readonly bookings: ReturnType<FakeCalCom["bookings"]>
  readonly ms: number
}

/** Runs the 1,000 calls once; the tests below each check one property of the outcome. */
const chaosRun: Effect.Effect<ChaosResult, never, Scope.Scope> = Effect.gen(function* () {
  const started = Date.now()
  const server = yield* startServer
  const faults = seededFaults({ seed: SEED, rate: 0.3, slowMs: 300 })
  server.setFaultPlan(faults.plan)
  const rejections = countUnhandledRejections()
  yield* Effect.addFinalizer(() => Effect.sync(rejections.stop))
  const logs = captureLogs()

  const created: Array<{ readonly input: CreateBookingInput; readonly result: BookingResult }> = []
  const failedCreates: Array<{ readonly input: CreateBookingInput; readonly error: CalComError }> = []
  const cancellable: Array<string> = []
  const cancelled: Array<string> = []
  const outcomes = new Map<string, number>()
  const bad: Array<string> = []
  const errors: Array<CalComError> = []
  const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1)

  const run = (cal: CalCom["Service"], op: Op): Effect.Effect<unknown, CalComError> => {
    switch (op.kind) {
      case "me.get":
        return cal.me.get({ refresh: true })
      case "bookings.list":
        return cal.bookings.list(op.input)
      case "bookings.get":
        return cal.bookings.get(op.uid)
      case "bookings.create":
        return cal.bookings.create(op.input).pipe(
          Effect.tap((result) =>
            Effect.sync(() => {
              created.push({ input: op.input, result })
              cancellable.push(result.booking.uid)
            })
          ),
          Effect.tapError((error) => Effect.sync(() => failedCreates.push({ input: op.input, error })))
        )
      case "bookings.cancel": {
        const uid = cancellable.shift() ?? op.fallbackUid
        return cal.bookings
          .cancel(uid, { reason: "chaos" })
          .pipe(Effect.tap(() => Effect.sync(() => cancelled.push(uid))))
      }
      case "slots":
        return cal.availability.slots(op.input)
    }
  }

  yield* Effect.gen(function* () {
    const cal = yield* CalCom
    yield* Effect.forEach(
      planOps(SEED),
      (op) =>
        Effect.map(Effect.exit(run(cal, op)), (exit) => {
          const outcome = outcomeOf(exit)
          if (outcome.kind === "ok") count(`${op.kind} ok`)
          else if (outcome.kind === "error") {
            count(`${op.kind} ${outcome.error._tag}`)
            errors.push(outcome.error)
          } else bad.push(`${op.kind}: ${outcome.detail}`)
        }),
      { concurrency: CONCURRENCY, discard: true }
    )
  }).pipe(
    Effect.provide(
      CalCom.layer({
        apiKey: API_KEY,
        baseUrl: server.url,
        timeout: "200 millis",
        deadline: "5 seconds",
        retry: { maxRetries: 3, baseDelay: "5 millis", maxDelay: "20 millis" },
        // Out of the way here; the breaker has its own tests.
        circuitBreaker: { failures: 100, openDuration: "50 millis" }
      })
    ),
    Effect.provideService(Logger.CurrentLoggers, new Set([logs.logger])),
    Effect.provideService(References.MinimumLogLevel, "Debug"),
    Effect.orDie
  )
  // Give late socket errors a turn to surface as unhandled rejections, if any are left unhandled.
  yield* Effect.sleep(Duration.millis(50))
  server.setFaultPlan(undefined)
  return {
    calls: [...outcomes.values()].reduce((a, b) => a + b, 0) + bad.length,
    requests: server.requests.length,
    faults,
    outcomes,
    bad,
    rejections: [...rejections.seen],
    errors,
    logLines: logs.lines,
    created,
    failedCreates,
    cancelled,
    bookings: server.bookings(),
    ms: Date.now() - started
  }
})

describe("chaos: 1,000 mixed calls under random faults", () => {
  let result: ChaosResult
  beforeAll(async () => {
    result = await Effect.runPromise(Effect.scoped(chaosRun))
    // Minutes, not seconds: on a loaded machine 1,000 calls with 200 ms attempt timers run long.
  }, 240_000)

  /** Bookings this run made (not the seeds), by (event type, start, attendee). */
  const bySlot = () => {
    const map = new Map<string, Array<ChaosResult["bookings"][number]>>()
    for (const b of result.bookings.filter((b) => !b.uid.startsWith("seed"))) {
      for (const a of b.attendees) {
        const key = slotKey(b.eventTypeId, b.start, a.email)
        map.set(key, [...(map.get(key) ?? []), b])
      }
    }
    return map
  }
  const keyOf = (input: CreateBookingInput) => slotKey(input.eventTypeId, String(input.start), input.attendee.email)

  it("ran every call with every fault kind injected", () => {
    assert.strictEqual(result.calls, CALLS)
    for (const kind of FAULT_KINDS) assert.isAbove(result.faults.injected[kind], 0, `no ${kind} fault was injected`)
    const summary = {
      seed: SEED,
      calls: result.calls,
      requests: result.requests,
      faultsInjected: result.faults.total,
      faultsByKind: result.faults.injected,
      outcomes: Object.fromEntries([...result.outcomes.entries()].sort()),
      createsOk: result.created.length,
      createsFailed: result.failedCreates.length,
      createsFailedButMade: result.failedCreates.filter(({ input }) => bySlot().has(keyOf(input))).length,
      duplicates: [...bySlot().values()].filter((list) => list.length > 1).length,
      logLines: result.logLines.length / 2,
      ms: result.ms
    }
    console.log(`chaos summary ${JSON.stringify(summary)}`)
  })

  it("every failure is a typed CalComError: no defect, no interruption, no unhandled rejection", () => {
    assert.deepStrictEqual(result.bad, [])
    assert.deepStrictEqual(result.rejections.map(String), [])
    assert.isAbove(result.errors.length, 0, "the faults made some calls fail")
  })

  it("no booking is made twice: one booking at most per requested slot and attendee", () => {
    const duplicates = [...bySlot().entries()].filter(([, list]) => list.length > 1)
    assert.deepStrictEqual(
      duplicates.map(([key, list]) => `${key}: ${list.map((b) => `${b.uid} ${b.status}`).join(", ")}`),
      []
    )
    const live = result.bookings.filter((b) => b.status !== "cancelled")
    const liveKeys = live.flatMap((b) => b.attendees.map((a) => slotKey(b.eventTypeId, b.start, a.email)))
    assert.strictEqual(new Set(liveKeys).size, liveKeys.length, "two live bookings share a slot and attendee")
  })

  it("every create that succeeded returned the one booking the server holds for it", () => {
    const slots = bySlot()
    // Enough successes to check (how many depends on the machine's load: the faults include timeouts).
    assert.isAbove(result.created.length, 25)
    for (const { input, result: made } of result.created) {
      const list = slots.get(keyOf(input)) ?? []
      assert.strictEqual(list.length, 1, `create ${String(input.start)} succeeded but the server has ${list.length}`)
      assert.strictEqual(list[0]?.uid, made.booking.uid, "create returned a booking other than the one made")
    }
  })

  it("every cancel that succeeded left the booking cancelled", () => {
    const byUid = new Map(result.bookings.map((b) => [b.uid, b]))
    assert.isAbove(result.cancelled.length, 0)
    for (const uid of result.cancelled) assert.strictEqual(byUid.get(uid)?.status, "cancelled", `cancel ${uid}`)
  })

  // A create whose 2xx answer cannot be decoded (truncated JSON, missing fields) is reconciled:
  // the transport looks the booking up instead of reporting a failure for work the server did.
  it("a create the server did make never fails with an error that says it did not happen", () => {
    const slots = bySlot()
    const wrong = result.failedCreates
      .filter(({ input }) => slots.has(keyOf(input)))
      .filter(({ error }) => !saysUnknown(error))
    assert.deepStrictEqual(
      wrong.map(({ input, error }) => `${String(input.start)}: ${error._tag}: ${error.message}`),
      []
    )
  })

  it("the API key is in no log line (Debug) and no error text", () => {
    const secret = API_KEY.slice("cal_live_".length)
    assert.isAbove(result.logLines.length, CALLS, "the run was logged at Debug")
    const leaks = [...result.logLines, ...result.errors.flatMap(textsOf)].filter(
      (text) => text.includes(API_KEY) || text.includes(secret)
    )
    assert.deepStrictEqual(leaks, [])
  })
})
