/**
 * Where the facade's per-call time goes, without a network: every client gets a stub `fetch`
 * that answers a canned `Response` at once, so what is measured is CPU spent in the client.
 *
 * The transport's pipeline (src/facade/Transport.ts) is rebuilt layer by layer from the facade's own
 * parts, each step adding one layer to the previous, then compared with the real transport and
 * the public operation. The difference between consecutive steps is the cost of that layer.
 *
 * Run by `bench/run.ts` in a child process, bundled:
 * `node overhead.mjs <body-file> <rounds> <block> <me|bookings>`.
 */
import { readFileSync } from "node:fs"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import { CircuitBreaker } from "effect/persistence"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { makeBreaker } from "../src/facade/Breaker.js"
import { resolveOptions } from "../src/facade/Config.js"
import { decodeWith } from "../src/facade/Decode.js"
import { CalComTimeoutError } from "../src/facade/Errors.js"
import { makeOpenApiClient } from "../src/facade/internal/OpenApiClient.js"
import { makeRateLimiter } from "../src/facade/RateLimit.js"
import { retrySchedule } from "../src/facade/Retry.js"
import { buildTransport } from "../src/facade/Transport.js"
import { Booking, make, Pagination, User } from "../src/index.js"
import { API_KEY, median, PAGE, report, round, stubFetch } from "./shared.js"

const body = readFileSync(process.argv[2] ?? "", "utf8")
const stub = stubFetch(body)

const ROUNDS = Number(process.argv[3] ?? 10)
const BLOCK = Number(process.argv[4] ?? 800)

/** One step: a name and a block of `BLOCK` sequential calls, returning µs per call. */
interface Step {
  readonly step: string
  readonly block: Effect.Effect<number, unknown>
}

const promiseStep = (step: string, call: () => Promise<unknown>): Step => ({
  step,
  block: Effect.promise(async () => {
    const started = performance.now()
    for (let i = 0; i < BLOCK; i++) await call()
    return ((performance.now() - started) / BLOCK) * 1000
  })
})

const effectStep = (step: string, call: Effect.Effect<unknown, unknown>): Step => ({
  step,
  block: Effect.gen(function* () {
    const started = performance.now()
    for (let i = 0; i < BLOCK; i++) yield* call
    return ((performance.now() - started) / BLOCK) * 1000
  })
})

/** Every step once to warm up, then `ROUNDS` rounds of one block per step; the median block per step. */
const measure = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function* () {
    for (const s of steps) yield* s.block
    const samples = steps.map(() => [] as Array<number>)
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, s] of steps.entries()) samples[i]?.push(yield* s.block)
    }
    return steps.map((s, i) => ({ step: s.step, us: round(median(samples[i] ?? []), 1) }))
  })

type Endpoint = "me" | "bookings"
const endpoint: Endpoint = process.argv[5] === "bookings" ? "bookings" : "me"

const main = Effect.gen(function* () {
  const settings = yield* resolveOptions({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:1", fetch: stub })
  const client = makeOpenApiClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, fetch: stub })
  const get =
    endpoint === "me"
      ? (init: { signal?: AbortSignal; parseAs: "text" }) => client.GET("/v2/me", init)
      : (init: { signal?: AbortSignal; parseAs: "text" }) =>
          client.GET("/v2/bookings", { ...init, params: { query: { take: PAGE, skip: 0 } } })
  // The same schemas the facade decodes with (Bookings.ts decodes the page's data and pagination).
  const Body =
    endpoint === "me"
      ? Schema.Struct({ data: User })
      : Schema.Struct({ data: Schema.Array(Booking), pagination: Pagination })
  const decode = decodeWith(Body)
  const decodeSync = Schema.decodeUnknownSync(Body)
  const limiter = yield* makeRateLimiter
  const breaker = makeBreaker({
    failures: 5,
    openDuration: Duration.seconds(5),
    maxOpenDuration: Duration.minutes(1)
  })
  const classify = () => "success" as const
  const refuse = () => new CalComTimeoutError({ operation: "x", scope: "attempt", timeoutMs: 0, message: "open" })
  // effect/persistence's breaker, which the transport used before `Breaker.ts`: kept as a baseline.
  const persistenceBreaker = yield* CircuitBreaker.make({
    tripPolicy: CircuitBreaker.consecutive(5),
    openDuration: Schedule.exponential("5 seconds", 2),
    maxOpenDuration: "1 minute"
  }).pipe(Effect.provide(CircuitBreaker.layerStoreMemory()))
  const timeoutError = () =>
    Effect.fail(new CalComTimeoutError({ operation: "x", scope: "attempt", timeoutMs: 30_000, message: "timeout" }))
  const responseHeaders = (yield* Effect.promise(() => stub("http://127.0.0.1:1/"))).headers

  const bare = Effect.tryPromise({
    try: (signal) => get({ signal, parseAs: "text" }),
    catch: () => new CalComTimeoutError({ operation: "x", scope: "attempt", timeoutMs: 0, message: "x" })
  }).pipe(
    Effect.flatMap((result) => decode(JSON.parse(result.data as string))),
    Effect.mapError(() => new CalComTimeoutError({ operation: "x", scope: "attempt", timeoutMs: 0, message: "x" }))
  )
  const limited = Effect.andThen(limiter.reserve, bare).pipe(Effect.tap(() => limiter.observe(responseHeaders)))
  const attempt = limited.pipe(Effect.timeoutOrElse({ duration: Duration.seconds(30), orElse: timeoutError }))
  const retried = attempt.pipe(Effect.retry({ schedule: retrySchedule(settings), while: () => Effect.succeed(false) }))
  const guarded = breaker.execute(retried, classify, refuse)
  const transport = yield* buildTransport(settings)
  const call =
    endpoint === "me"
      ? transport.call({ operation: "Me.get", method: "GET", path: "/v2/me", decode })
      : transport.call({
          operation: "Bookings.list",
          method: "GET",
          path: "/v2/bookings",
          params: { query: { take: PAGE, skip: 0 } },
          decode
        })
  const cal = yield* make({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:1", fetch: stub })
  const url = endpoint === "me" ? "http://127.0.0.1:1/v2/me" : "http://127.0.0.1:1/v2/bookings?take=100&skip=0"

  const pipeline = yield* measure([
    promiseStep("fetch + JSON.parse (no client)", async () => JSON.parse(await (await stub(url)).text()) as unknown),
    promiseStep("openapi-fetch (typed client, middleware) + JSON.parse", async () =>
      JSON.parse((await get({ parseAs: "text" })).data as string)
    ),
    promiseStep("… + Schema decode into the models (sync)", async () =>
      decodeSync(JSON.parse((await get({ parseAs: "text" })).data as string))
    ),
    effectStep("Effect.tryPromise (AbortSignal) + Effect decode", bare),
    effectStep("… + rate-limit gate (reserve, observe headers)", limited),
    effectStep("… + per-attempt timeout (timeoutOrElse)", attempt),
    effectStep("… + retry (schedule, while)", retried),
    effectStep("… + circuit breaker (Breaker.ts execute)", guarded),
    effectStep("the real transport (Transport.ts: + deadline bound, logs, span annotations, request id)", call),
    effectStep(
      endpoint === "me" ? "the facade: cal.me.get({ refresh: true })" : "the facade: cal.bookings.list({ take: 100 })",
      endpoint === "me" ? cal.me.get({ refresh: true }) : cal.bookings.list({ take: PAGE })
    )
  ])

  // Unit costs of constructs the transport runs on every call (no I/O).
  const traced = Effect.fn("X.traced")(function* () {
    return yield* Effect.succeed(1)
  })
  const untraced = Effect.fnUntraced(function* () {
    return yield* Effect.succeed(1)
  })
  const annotations = { method: "GET", path: "/v2/me", status: 200, durationMs: 1, attempt: 1, requestId: "ecc_x" }
  const constructs = yield* measure([
    effectStep("Effect.void (loop baseline)", Effect.void),
    effectStep("Effect.fn span (traced call)", traced()),
    effectStep("Effect.fnUntraced call", untraced()),
    effectStep("logDebug + annotateLogs, dropped at Info", Effect.logDebug("x").pipe(Effect.annotateLogs(annotations))),
    effectStep("annotateCurrentSpan (3 keys)", Effect.annotateCurrentSpan({ a: 1, b: 2, c: 3 })),
    effectStep(
      "timeoutOrElse around Effect.void",
      Effect.void.pipe(Effect.timeoutOrElse({ duration: Duration.seconds(30), orElse: timeoutError }))
    ),
    effectStep("Breaker.ts execute around Effect.void", breaker.execute(Effect.void, classify, refuse)),
    effectStep(
      "effect/persistence CircuitBreaker.execute around Effect.void (before)",
      Effect.void.pipe(persistenceBreaker.execute({ key: "k" }))
    ),
    effectStep("limiter.reserve", limiter.reserve),
    effectStep("limiter.observe (rate-limit headers)", limiter.observe(responseHeaders)),
    effectStep(
      "Effect.tryPromise of a resolved promise",
      Effect.tryPromise({ try: () => Promise.resolve(1), catch: () => "x" })
    )
  ])
  return { pipeline, constructs }
}).pipe(Effect.scoped, Effect.provideService(Logger.CurrentLoggers, new Set()))

Effect.runPromise(main).then((result) => report({ endpoint, rounds: ROUNDS, block: BLOCK, ...result }))
