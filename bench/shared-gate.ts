/**
 * The shared rate budget through Redis (`effect-calcom/redis`), measured against the in-memory
 * gate in the same run:
 *
 * 1. 4 worker processes × 10 calls on one key against the fake Cal.com allowing 10 requests per
 *    2 s, each process pacing itself (the default) and then sharing through a real
 *    `redis-server`: requests answered 429, the share of the budget used, the run's time.
 * 2. Per-call cost of the gate, sequential `me.get` in one process, rounds interleaved: with a
 *    stub `fetch` (the gate's own cost: four Redis round trips per call against none) and
 *    against the loopback fake (what it means next to a request).
 *
 * Needs `redis-server` on the PATH (`.ci/run` installs it); without it the section is skipped.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { CalCom, type CalComOptions } from "../src/index.js"
import * as CalComRedis from "../src/redis.js"
import { haveRedis, startRedis } from "../test/redis/support/RedisServer.js"
import { figures, type RunFigures, startWorkers, stopWorkers } from "../test/redis/support/workers.js"
import { type FakeCalCom, startFakeCalCom } from "../test/support/FakeCalCom.js"
import { median, round } from "./shared.js"

const API_KEY = "cal_live_bench_shared_gate_0123"
const RATE_LIMIT = { limit: 10, windowMs: 2_000 }
const WORKERS = 4
const CALLS = 10
const ROUNDS = 7
const BLOCK = 200

export interface SharedGateResults {
  readonly skipped?: string
  readonly local?: RunFigures
  readonly shared?: RunFigures
  /** µs per call, median of rounds. */
  readonly perCall?: ReadonlyArray<{
    readonly against: string
    readonly memoryUs: number
    readonly sharedUs: number
    readonly ratio: number
  }>
}

/** 4 workers × `CALLS` at once on one key, on a fresh window; the server's figures. */
const workersRun = async (server: FakeCalCom, redisUrl: string | undefined): Promise<RunFigures> => {
  const workers = await startWorkers(WORKERS, { apiKey: API_KEY, baseUrl: server.url, redisUrl })
  try {
    // A fresh window and request log for this run.
    server.reset()
    const tallies = await Promise.all(
      workers.map((worker) => worker.ask<{ tally: Record<string, number> }>({ cmd: "calls", n: CALLS }))
    )
    const ok = tallies.reduce((sum, { tally }) => sum + (tally["ok"] ?? 0), 0)
    if (ok !== WORKERS * CALLS) throw new Error(`calls failed: ${JSON.stringify(tallies)}`)
    return figures(server.requests, ok, RATE_LIMIT)
  } finally {
    await stopWorkers(workers)
  }
}

/** µs per sequential `me.get` for the in-memory and the shared client, rounds interleaved. */
const perCall = async (against: string, options: CalComOptions, redisUrl: string) => {
  const quiet = Layer.succeed(Logger.CurrentLoggers, new Set())
  const memory = ManagedRuntime.make(CalCom.layer(options).pipe(Layer.provide(quiet)))
  const shared = ManagedRuntime.make(
    CalCom.layer(options).pipe(Layer.provide(CalComRedis.layer({ url: redisUrl })), Layer.provide(quiet))
  )
  const block = Effect.gen(function* () {
    const cal = yield* CalCom
    const started = performance.now()
    for (let i = 0; i < BLOCK; i++) yield* cal.me.get({ refresh: true })
    return ((performance.now() - started) / BLOCK) * 1000
  })
  try {
    // Warm-up: scripts loaded, connections open, JIT settled.
    await memory.runPromise(block)
    await shared.runPromise(block)
    const samples = { memory: [] as Array<number>, shared: [] as Array<number> }
    for (let round = 0; round < ROUNDS; round++) {
      samples.memory.push(await memory.runPromise(block))
      samples.shared.push(await shared.runPromise(block))
    }
    const memoryUs = round(median(samples.memory), 1)
    const sharedUs = round(median(samples.shared), 1)
    return { against, memoryUs, sharedUs, ratio: round(sharedUs / memoryUs, 2) }
  } finally {
    await memory.dispose()
    await shared.dispose()
  }
}

export const sharedGate = async (log: (line: string) => void): Promise<SharedGateResults> => {
  if (!haveRedis()) return { skipped: "redis-server is not on the PATH" }
  const redis = await startRedis()
  const limited = await startFakeCalCom({ apiKey: API_KEY, rateLimit: RATE_LIMIT })
  const open = await startFakeCalCom({ apiKey: API_KEY })
  try {
    log("  4 processes pacing themselves")
    const local = await workersRun(limited, undefined)
    log("  4 processes sharing through Redis")
    const shared = await workersRun(limited, redis.url)
    log("  per-call cost of the gate")
    const body = await (await fetch(`${open.url}/v2/me`, { headers: { Authorization: `Bearer ${API_KEY}` } })).text()
    const stub = (async () =>
      new Response(body, {
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "x-ratelimit-limit-default": "1000000",
          "x-ratelimit-remaining-default": "999999",
          "x-ratelimit-reset-default": "60"
        }
      })) as typeof globalThis.fetch
    const base = { apiKey: API_KEY, baseUrl: open.url }
    return {
      local,
      shared,
      perCall: [
        await perCall("stub fetch (the gate alone)", { ...base, fetch: stub }, redis.url),
        await perCall("loopback fake Cal.com", base, redis.url)
      ]
    }
  } finally {
    await limited.close()
    await open.close()
    await redis.stop()
  }
}
