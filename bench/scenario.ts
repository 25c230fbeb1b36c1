/**
 * One benchmark scenario in a fresh process (its own heap, connection pool and JIT state), run by
 * `bench/run.ts` as `node --import tsx bench/scenario.ts <scenario> [variant] [endpoint]` with
 * `BENCH_URL` and `BENCH_CONTROL` set; prints `RESULT <json>`.
 *
 * Three clients do the same work against the canned server:
 * - `raw`: `fetch` plus `response.json()`, headers written by hand;
 * - `openapi-fetch`: the generated types' client alone, parsing JSON;
 * - `facade`: `CalCom.layer(...)`, the whole stack (rate-limit gate, breaker, retry schedule,
 *   timeouts, decoding into models).
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { Session } from "node:inspector"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as Stream from "effect/Stream"
import createClient from "openapi-fetch"
import type { paths } from "../generated/openapi.js"
import { CalCom } from "../src/index.js"
import {
  API_KEY,
  KEEP_ALIVE_MS,
  PAGE,
  quantile,
  rawHeaders,
  report,
  round,
  sleep,
  sockets,
  TOTAL_BOOKINGS
} from "./shared.js"

const url = process.env["BENCH_URL"] ?? ""
const control = process.env["BENCH_CONTROL"] ?? ""

type Variant = "raw" | "openapi-fetch" | "facade"
type Endpoint = "me" | "bookings"

const oaf = createClient<paths>({ baseUrl: url })

/** One call of `endpoint` by a promise-based client; resolves with the parsed body. */
const promiseCall = (variant: Exclude<Variant, "facade">, endpoint: Endpoint): (() => Promise<unknown>) => {
  if (variant === "raw") {
    const target = endpoint === "me" ? `${url}/v2/me` : `${url}/v2/bookings?take=${PAGE}&skip=0`
    const init = { headers: rawHeaders(endpoint === "bookings") }
    return async () => {
      const response = await fetch(target, init)
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      return response.json()
    }
  }
  return endpoint === "me"
    ? async () => (await oaf.GET("/v2/me", { headers: rawHeaders(false) })).data
    : async () =>
        (await oaf.GET("/v2/bookings", { params: { query: { take: PAGE, skip: 0 } }, headers: rawHeaders(true) })).data
}

const facadeLayer = CalCom.layer({ apiKey: API_KEY, baseUrl: url })
const quiet = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provideService(effect, Logger.CurrentLoggers, new Set())

/** The facade's call of `endpoint` (`me.get` bypasses its profile cache). */
const facadeCall = (cal: CalCom["Service"], endpoint: Endpoint): Effect.Effect<unknown, unknown> =>
  endpoint === "me" ? cal.me.get({ refresh: true }) : cal.bookings.list({ take: PAGE })

const run = <A>(effect: Effect.Effect<A, unknown, CalCom>): Promise<A> =>
  Effect.runPromise(quiet(Effect.provide(effect, facadeLayer)))

// ---------------------------------------------------------------------------------------------
// Sequential latency: the three clients interleaved round by round in one process
// ---------------------------------------------------------------------------------------------

const latency = async (endpoint: Endpoint, warmup: number, rounds: number, perRound: number) => {
  const variants: ReadonlyArray<Variant> = ["raw", "openapi-fetch", "facade"]
  const samples: Record<Variant, Array<number>> = { raw: [], "openapi-fetch": [], facade: [] }
  await run(
    Effect.gen(function* () {
      const cal = yield* CalCom
      const once = (variant: Variant): Effect.Effect<number, unknown> =>
        variant === "facade"
          ? Effect.suspend(() => {
              const started = performance.now()
              return Effect.map(facadeCall(cal, endpoint), () => performance.now() - started)
            })
          : Effect.promise(async () => {
              const call = promiseCall(variant, endpoint)
              const started = performance.now()
              await call()
              return performance.now() - started
            })
      for (const variant of variants) for (let i = 0; i < warmup; i++) yield* once(variant)
      for (let r = 0; r < rounds; r++) {
        // Rotate the order so no variant always runs right after another.
        const order = [...variants.slice(r % 3), ...variants.slice(0, r % 3)]
        for (const variant of order) for (let i = 0; i < perRound; i++) samples[variant].push(yield* once(variant))
      }
    })
  )
  const stats = (xs: ReadonlyArray<number>) => ({
    n: xs.length,
    p50: round(quantile(xs, 0.5)),
    p95: round(quantile(xs, 0.95))
  })
  return {
    endpoint,
    raw: stats(samples.raw),
    openapiFetch: stats(samples["openapi-fetch"]),
    facade: stats(samples.facade)
  }
}

/**
 * `calls` sequential calls by one client under the V8 profiler (started after a warm-up, so module
 * loading is not in it); writes `bench/results/prof/<variant>-<endpoint>.cpuprofile`.
 */
const profile = async (variant: Variant, endpoint: Endpoint, calls: number) => {
  const session = new Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)))
    )
  await post("Profiler.enable")
  await post("Profiler.setSamplingInterval", { interval: 100 })
  let ms = 0
  const measured = async (loop: () => Promise<void>) => {
    await post("Profiler.start")
    const started = performance.now()
    await loop()
    ms = performance.now() - started
    const { profile } = (await post("Profiler.stop")) as { profile: unknown }
    mkdirSync("bench/results/prof", { recursive: true })
    writeFileSync(`bench/results/prof/${variant}-${endpoint}.cpuprofile`, JSON.stringify(profile))
  }
  if (variant === "facade") {
    await run(
      Effect.gen(function* () {
        const cal = yield* CalCom
        for (let i = 0; i < 300; i++) yield* facadeCall(cal, endpoint)
        const loop = () =>
          Effect.runPromise(
            quiet(
              Effect.gen(function* () {
                for (let i = 0; i < calls; i++) yield* facadeCall(cal, endpoint)
              })
            )
          )
        yield* Effect.promise(() => measured(loop))
      })
    )
  } else {
    const call = promiseCall(variant, endpoint)
    for (let i = 0; i < 300; i++) await call()
    await measured(async () => {
      for (let i = 0; i < calls; i++) await call()
    })
  }
  session.disconnect()
  return { variant, endpoint, calls, msPerCall: round(ms / calls, 4) }
}

// ---------------------------------------------------------------------------------------------
// 64-way concurrency: throughput and sockets
// ---------------------------------------------------------------------------------------------

const concurrency = async (variant: Variant, endpoint: Endpoint, width: number, calls: number) => {
  const before = await sockets(control)
  let elapsed = 0
  if (variant === "facade") {
    elapsed = await run(
      Effect.gen(function* () {
        const cal = yield* CalCom
        const burst = (n: number) =>
          Effect.forEach(Array.from({ length: n }), () => facadeCall(cal, endpoint), {
            concurrency: width,
            discard: true
          })
        yield* burst(width * 4)
        const started = performance.now()
        yield* burst(calls)
        return performance.now() - started
      })
    )
  } else {
    const call = promiseCall(variant, endpoint)
    const burst = async (n: number) => {
      let next = 0
      const worker = async () => {
        while (next < n) {
          next++
          await call()
        }
      }
      await Promise.all(Array.from({ length: width }, worker))
    }
    await burst(width * 4)
    const started = performance.now()
    await burst(calls)
    elapsed = performance.now() - started
  }
  const after = await sockets(control)
  // Idle keep-alive sockets stay pooled until the server's keep-alive timeout closes them.
  const idleSince = performance.now()
  let settled = after
  while (settled.open > 0 && performance.now() - idleSince < KEEP_ALIVE_MS + 3_000) {
    await sleep(250)
    settled = await sockets(control)
  }
  return {
    variant,
    endpoint,
    width,
    calls,
    ms: round(elapsed, 1),
    perSecond: round((calls / elapsed) * 1000, 1),
    socketsOpened: after.opened - before.opened,
    socketsOpenAfterRun: after.open,
    socketsOpenAfterKeepAlive: settled.open,
    msUntilAllClosed: settled.open === 0 ? round(performance.now() - idleSince, 0) : null
  }
}

// ---------------------------------------------------------------------------------------------
// Pagination: 10,000 bookings over 100 pages, peak RSS growth
// ---------------------------------------------------------------------------------------------

const pagination = async (variant: "raw" | "facade") => {
  const gc = (globalThis as { gc?: () => void }).gc
  const rss: Array<number> = []
  const heap: Array<number> = []
  const sample = () => {
    const usage = process.memoryUsage()
    rss.push(usage.rss)
    heap.push(usage.heapUsed)
  }
  let count = 0
  let pages = 0
  const rawPages = async (limit: number) => {
    for (let skip = 0; ; skip += PAGE) {
      const response = await fetch(`${url}/v2/bookings?take=${PAGE}&skip=${skip}`, { headers: rawHeaders(true) })
      const body = (await response.json()) as {
        data: ReadonlyArray<{ id: number }>
        pagination: { hasNextPage: boolean }
      }
      pages++
      for (const booking of body.data) count += booking.id > 0 ? 1 : 0
      sample()
      if (!body.pagination.hasNextPage || pages >= limit) return
    }
  }
  const facadePages = (cal: CalCom["Service"], limit: number) =>
    cal.bookings.stream({ take: PAGE }).pipe(
      Stream.take(limit * PAGE),
      Stream.runForEach((booking) =>
        Effect.sync(() => {
          count += booking.id > 0 ? 1 : 0
          if (count % PAGE === 0) {
            pages++
            sample()
          }
        })
      )
    )

  const measure = async (work: () => Promise<void>) => {
    // Warm up (modules, JIT, the connection), then a quiet baseline.
    gc?.()
    await sleep(50)
    gc?.()
    const baseline = process.memoryUsage()
    rss.length = 0
    heap.length = 0
    count = 0
    pages = 0
    const timer = setInterval(sample, 2)
    const started = performance.now()
    await work()
    const ms = performance.now() - started
    clearInterval(timer)
    sample()
    // What the walk keeps once it is over: the peak is mostly garbage not yet collected.
    gc?.()
    const after = process.memoryUsage()
    return {
      ms: round(ms, 1),
      baselineRssMb: round(baseline.rss / 2 ** 20, 1),
      peakRssGrowthMb: round((Math.max(...rss) - baseline.rss) / 2 ** 20, 1),
      peakHeapGrowthMb: round((Math.max(...heap) - baseline.heapUsed) / 2 ** 20, 1),
      retainedHeapMb: round((after.heapUsed - baseline.heapUsed) / 2 ** 20, 1)
    }
  }

  let result: Awaited<ReturnType<typeof measure>>
  if (variant === "raw") {
    await rawPages(2)
    result = await measure(() => rawPages(Number.POSITIVE_INFINITY))
  } else {
    result = await run(
      Effect.gen(function* () {
        const cal = yield* CalCom
        yield* facadePages(cal, 2)
        return yield* Effect.promise(() =>
          measure(() => Effect.runPromise(quiet(facadePages(cal, TOTAL_BOOKINGS / PAGE + 1))))
        )
      })
    )
  }
  return { variant, bookings: count, pages, gcExposed: gc !== undefined, ...result }
}

// ---------------------------------------------------------------------------------------------

const [scenario, a, b] = process.argv.slice(2)
const main = async (): Promise<unknown> => {
  switch (scenario) {
    case "latency":
      return latency((a ?? "me") as Endpoint, Number(b ?? 200), 8, 100)
    case "profile":
      return profile((a ?? "facade") as Variant, (b ?? "me") as Endpoint, Number(process.argv[5] ?? 3_000))
    case "concurrency":
      return concurrency((a ?? "raw") as Variant, (b ?? "me") as Endpoint, 64, 64 * 50)
    case "pagination":
      return pagination((a ?? "raw") as "raw" | "facade")
    default:
      throw new Error(`unknown scenario ${scenario}`)
  }
}
main().then(report, (error: unknown) => {
  console.error(error)
  process.exit(1)
})
