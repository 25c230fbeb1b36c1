/**
 * Scale: 4 worker processes on one key, sharing through a real `redis-server` (set as
 * `CAL_COM_REDIS_URL`, read by `layerConfig` of `effect-calcom/node`), against the fake Cal.com
 * allowing 10 requests per 2 s.
 *
 * 1. 4 × 10 calls at once: every call succeeds, the server answers no request with 429, and the
 *    run uses at least 0.9 of the budget of the windows it opened.
 * 2. Redis killed while 4 × 8 calls run: every call still succeeds (each process paces itself).
 * 3. Redis back: one worker's failures open the circuit, and the three others then fail fast
 *    without sending anything.
 *
 * Real processes, sockets and clock; bounded (about 30 s unloaded).
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type FakeCalCom, startFakeCalCom } from "../support/FakeCalCom.js"
import { type RedisServer, startRedis } from "./support/RedisServer.js"
import { figures, startWorkers, stopWorkers, type Worker } from "./support/workers.js"

const API_KEY = "cal_live_9a4c2e6b8d0f1a3c5e7b"
const RATE_LIMIT = { limit: 10, windowMs: 2_000 }
const WORKERS = 4

let redis: RedisServer
let server: FakeCalCom
let workers: Array<Worker> = []

beforeAll(async () => {
  redis = await startRedis()
  server = await startFakeCalCom({ apiKey: API_KEY, rateLimit: RATE_LIMIT })
  workers = await startWorkers(WORKERS, { apiKey: API_KEY, baseUrl: server.url, redisUrl: redis.url })
}, 60_000)

afterAll(async () => {
  await stopWorkers(workers)
  await server?.close()
  await redis?.stop()
})

type Tally = { readonly tally: Record<string, number> }

const everyWorker = (command: unknown) => Promise.all(workers.map((worker) => worker.ask<Tally>(command)))

const okCount = (tallies: ReadonlyArray<Tally>) => tallies.reduce((sum, { tally }) => sum + (tally["ok"] ?? 0), 0)

describe("scale: 4 processes, one key, one Redis", () => {
  it("4 × 10 calls against 10 per 2 s: no 429 at the server, at least 0.9 of the budget used", async () => {
    server.reset()
    const tallies = await everyWorker({ cmd: "calls", n: 10 })
    for (const { tally } of tallies) assert.deepStrictEqual(tally, { ok: 10 })
    const run = figures(server.requests, okCount(tallies), RATE_LIMIT)
    console.log(`scale (shared): ${JSON.stringify(run)}`)
    const fallbacks = workers.map((worker) => worker.output()).filter((output) => output.includes("did not answer"))
    assert.deepStrictEqual(fallbacks, [], "Redis answered throughout")
    assert.strictEqual(run.answered429, 0, "no request answered 429")
    assert.isAtLeast(run.budgetUsed, 0.9)
  }, 45_000)

  it("Redis killed mid-run: every call of 4 × 8 still succeeds", async () => {
    server.reset()
    const running = everyWorker({ cmd: "calls", n: 8 })
    const until = Date.now() + 20_000
    while (server.requests.length < 12 && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    await redis.kill()
    const tallies = await running
    for (const { tally } of tallies) assert.deepStrictEqual(tally, { ok: 8 }, "no call lost")
    const run = figures(server.requests, okCount(tallies), RATE_LIMIT)
    console.log(`scale (Redis killed after 12 requests): ${JSON.stringify(run)}`)
    // One warning per outage at most: a worker whose remaining calls never asked Redis after the
    // kill (its windows were already granted) has nothing to warn about, so the count is 0 or 1.
    const warnings = workers.map((worker) => worker.output().split("did not answer").length - 1)
    for (const [i, count] of warnings.entries()) {
      assert.isAtMost(count, 1, `at most one warning:\n${workers[i]?.output()}`)
    }
    assert.isAtLeast(
      warnings.reduce((a, b) => a + b, 0),
      1,
      "the outage was noticed"
    )
  }, 45_000)

  it("Redis back: one worker's failures open the circuit for all, who then send nothing", async () => {
    await redis.restart()
    // After the retry interval each worker asks Redis again.
    await new Promise((r) => setTimeout(r, 1_200))
    server.reset()
    const [first, ...others] = workers as [Worker, ...Array<Worker>]
    // A healthy call each, so every worker is back on the shared state.
    for (const worker of workers)
      assert.deepStrictEqual((await worker.ask<Tally>({ cmd: "calls", n: 1 })).tally, { ok: 1 })
    server.setFaultPlan(() => ({ kind: "error-before", status: 503 }))
    const failed = await first.ask<Tally>({ cmd: "fail", n: 3 })
    server.setFaultPlan(undefined)
    assert.isAbove(failed.tally["CalComApiError"] ?? 0, 0, JSON.stringify(failed))
    const sent = server.requests.length
    for (const worker of others) {
      const seen = await worker.ask<{ circuit: string; outcome: string }>({ cmd: "circuit" })
      assert.deepStrictEqual(seen, { circuit: "Open", outcome: "CalComCircuitOpenError" })
    }
    assert.strictEqual(server.requests.length, sent, "the other workers sent nothing")
  }, 45_000)
})
