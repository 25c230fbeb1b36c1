/**
 * The shared gate against a real `redis-server` and the stateful fake Cal.com: two clients with
 * their own Redis connections stand for two processes on one key.
 *
 * - one rate-limit window: a burst split over both clients gets no 429 from a server that allows
 *   10 requests per 2 s, and what the server says is left corrects the shared count;
 * - one circuit: one client's failures make the other fail fast without a request;
 * - the key never reaches Redis (keys and values scanned), only a hash of it;
 * - Redis gone (killed) or slow (`CLIENT PAUSE`): calls go on, paced locally, with one warning
 *   that never shows the URL's password; when Redis is back the state is shared again;
 * - `CAL_COM_REDIS_URL` through `layerConfig` of `effect-calcom/node`, and its refusals.
 *
 * Real sockets and the real clock, each case bounded.
 */
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import { CalCom, type CalComError, type CalComOptions } from "../../src/index.js"
import { layerConfig } from "../../src/node.js"
import * as CalComRedis from "../../src/redis.js"
import { captureLogs, outcomeOf } from "../support/chaos.js"
import { type FakeCalCom, startFakeCalCom } from "../support/FakeCalCom.js"
import { type RedisServer, startRedis } from "./support/RedisServer.js"

const API_KEY = "cal_live_5c2a9e7d1b3f4a6c8e0d"
const LIMIT = 10
const WINDOW_MS = 2_000

const redisServer = (options: { readonly password?: string } = {}) =>
  Effect.acquireRelease(
    Effect.promise(() => startRedis(options)),
    (redis) => Effect.promise(() => redis.stop())
  )

const fakeServer = (rateLimit?: { readonly limit: number; readonly windowMs: number }) =>
  Effect.acquireRelease(
    Effect.promise(() => startFakeCalCom({ apiKey: API_KEY, ...(rateLimit === undefined ? {} : { rateLimit }) })),
    (server) => Effect.promise(() => server.close())
  )

const options = (server: FakeCalCom, extra: Partial<CalComOptions> = {}): CalComOptions => ({
  apiKey: API_KEY,
  baseUrl: server.url,
  deadline: "30 seconds",
  retry: { baseDelay: "5 millis", maxDelay: "20 millis" },
  ...extra
})

/** A client with a Redis connection of its own: what another process would have. */
const sharedClient = (server: FakeCalCom, redis: RedisServer, extra: Partial<CalComOptions> = {}) =>
  Layer.build(CalCom.layer(options(server, extra)).pipe(Layer.provide(CalComRedis.layer({ url: redis.url })))).pipe(
    Effect.map((context) => Context.get(context, CalCom))
  )

/** `n` calls of `me.get` over the clients in turn, all at once; the tally of outcomes. */
const burst = (clients: ReadonlyArray<CalCom["Service"]>, n: number) =>
  Effect.gen(function* () {
    const tally = new Map<string, number>()
    yield* Effect.forEach(
      Array.from({ length: n }, (_, i) => clients[i % clients.length] as CalCom["Service"]),
      (cal) =>
        Effect.map(Effect.exit(cal.me.get({ refresh: true })), (exit) => {
          const outcome = outcomeOf(exit)
          const key = outcome.kind === "ok" ? "ok" : outcome.kind === "error" ? outcome.error._tag : outcome.detail
          tally.set(key, (tally.get(key) ?? 0) + 1)
        }),
      { concurrency: "unbounded", discard: true }
    )
    return Object.fromEntries(tally)
  })

const silent = Effect.provideService(Logger.CurrentLoggers, new Set())

const expectTag = (error: CalComError, tag: CalComError["_tag"]) => assert.strictEqual(error._tag, tag, error.message)

describe("shared gate (real Redis)", () => {
  it.live(
    "two clients on one key draw from one window: 30 calls against 10 per 2 s, no 429 at the server",
    () =>
      Effect.gen(function* () {
        const redis = yield* redisServer()
        const server = yield* fakeServer({ limit: LIMIT, windowMs: WINDOW_MS })
        const a = yield* sharedClient(server, redis)
        const b = yield* sharedClient(server, redis)
        const started = Date.now()
        const tally = yield* burst([a, b], 30)
        assert.deepStrictEqual(tally, { ok: 30 })
        assert.strictEqual(server.requests.length, 30, "every request sent was answered without a 429")
        // 30 calls at 10 per window need at least two window changes.
        assert.isAtLeast(Date.now() - started, 2 * WINDOW_MS - 200)
      }).pipe(Effect.scoped, silent),
    30_000
  )

  it.live(
    "the server's headers correct the shared window: budget spent elsewhere on the key is not spent again",
    () =>
      Effect.gen(function* () {
        const redis = yield* redisServer()
        const server = yield* fakeServer({ limit: LIMIT, windowMs: WINDOW_MS })
        // Another program on the same key, not sharing: 7 of the window's 10 requests.
        for (let i = 0; i < 7; i++) {
          yield* Effect.promise(() => fetch(`${server.url}/v2/me`, { headers: { Authorization: `Bearer ${API_KEY}` } }))
        }
        const a = yield* sharedClient(server, redis)
        const b = yield* sharedClient(server, redis)
        assert.deepStrictEqual(yield* burst([a, b], 8), { ok: 8 })
        assert.strictEqual(server.requests.length, 7 + 8, "no request answered 429")
      }).pipe(Effect.scoped, silent),
    30_000
  )

  it.live("the API key never reaches Redis: keys and values hold a hash of it", () =>
    Effect.gen(function* () {
      const redis = yield* redisServer()
      const server = yield* fakeServer({ limit: LIMIT, windowMs: WINDOW_MS })
      const a = yield* sharedClient(server, redis)
      yield* a.me.get({ refresh: true })
      server.setFaultPlan(() => ({ kind: "error-before", status: 503 }))
      yield* Effect.exit(a.me.get({ refresh: true }).pipe(silent))
      const dump = redis.dump()
      const keys = redis.cli("--scan")
      assert.isTrue(
        keys.some((key) => key.startsWith("effect-calcom:rate:")),
        dump
      )
      assert.isTrue(
        keys.some((key) => key.startsWith("effect-calcom:circuit:")),
        dump
      )
      for (const part of [API_KEY, API_KEY.slice(4), API_KEY.slice(-12)]) {
        assert.notInclude(dump, part)
      }
    }).pipe(Effect.scoped)
  )

  it.live("one client's failures open the circuit for the other, which then sends nothing", () =>
    Effect.gen(function* () {
      const redis = yield* redisServer()
      const server = yield* fakeServer()
      const settings: Partial<CalComOptions> = {
        retry: { maxRetries: 0 },
        circuitBreaker: { failures: 3, openDuration: "5 seconds" }
      }
      const a = yield* sharedClient(server, redis, settings)
      const b = yield* sharedClient(server, redis, settings)
      yield* b.me.get({ refresh: true })
      // Closed, with no streak: the shared store does not tell it, so none is made up.
      assert.deepStrictEqual(yield* b.circuit, { _tag: "Closed" })
      server.setFaultPlan(() => ({ kind: "error-before", status: 503 }))
      for (let i = 0; i < 3; i++) expectTag(yield* Effect.flip(a.me.get({ refresh: true })), "CalComApiError")
      server.setFaultPlan(undefined)
      const sent = server.requests.length
      const error = yield* Effect.flip(b.me.get({ refresh: true }))
      expectTag(error, "CalComCircuitOpenError")
      if (error._tag === "CalComCircuitOpenError") assert.isAbove(error.retryAfterMs, 1_000)
      assert.strictEqual(server.requests.length, sent, "an open shared circuit sends nothing")
      assert.strictEqual((yield* b.circuit)._tag, "Open")
    }).pipe(Effect.scoped, silent)
  )

  it.live(
    "Redis killed: calls go on paced locally, one warning without the password; Redis back: shared again",
    () =>
      Effect.gen(function* () {
        const password = "s3cret-redis-pass"
        const redis = yield* redisServer({ password })
        const server = yield* fakeServer({ limit: LIMIT, windowMs: WINDOW_MS })
        const logs = captureLogs()
        yield* Effect.gen(function* () {
          const a = yield* sharedClient(server, redis, { retry: { maxRetries: 3, baseDelay: "5 millis" } })
          assert.deepStrictEqual(yield* burst([a], 3), { ok: 3 })
          yield* Effect.promise(() => redis.kill())
          assert.deepStrictEqual(yield* burst([a], 12), { ok: 12 }, "no call fails while Redis is gone")
          const warnings = logs.lines.filter((line) => line.includes("did not answer"))
          // Each line is captured twice (JSON and logfmt): one warning.
          assert.strictEqual(warnings.length, 2, logs.lines.join("\n"))
          for (const line of logs.lines) assert.notInclude(line, password)
          assert.notInclude(logs.lines.join("\n"), API_KEY)
          yield* Effect.promise(() => redis.restart())
          // After the retry interval the next call asks Redis again and the state is shared again.
          yield* Effect.sleep("1100 millis")
          assert.deepStrictEqual(yield* burst([a], 2), { ok: 2 })
          assert.isTrue(
            redis.cli("--scan").some((key) => key.startsWith("effect-calcom:rate:")),
            "the window is in Redis again"
          )
          assert.isTrue(logs.lines.some((line) => line.includes("answers again")))
        }).pipe(Effect.provideService(Logger.CurrentLoggers, new Set([logs.logger])))
      }).pipe(Effect.scoped),
    30_000
  )

  it.live("Redis slow (paused): calls are not held past the command timeout, and succeed", () =>
    Effect.gen(function* () {
      const redis = yield* redisServer()
      const server = yield* fakeServer()
      const a = yield* sharedClient(server, redis)
      yield* a.me.get({ refresh: true })
      redis.cli("CLIENT", "PAUSE", "3000", "ALL")
      const started = Date.now()
      assert.deepStrictEqual(yield* burst([a], 5), { ok: 5 })
      assert.isBelow(Date.now() - started, 2_500, "the paused Redis did not hold the calls")
    }).pipe(Effect.scoped, silent)
  )

  it.live("CAL_COM_REDIS_URL through layerConfig of effect-calcom/node shares the state", () =>
    Effect.gen(function* () {
      const redis = yield* redisServer()
      const server = yield* fakeServer({ limit: LIMIT, windowMs: WINDOW_MS })
      const env = { CAL_COM_API_KEY: API_KEY, CAL_COM_BASE_URL: server.url, CAL_COM_REDIS_URL: redis.url }
      const cal = yield* Layer.build(layerConfig({ dotEnvPath: undefined })).pipe(
        Effect.map((context) => Context.get(context, CalCom)),
        Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))
      )
      yield* cal.me.get({ refresh: true })
      assert.isTrue(redis.cli("--scan").some((key) => key.startsWith("effect-calcom:rate:")))
      assert.notProperty(cal.settings, "redisUrl")
    }).pipe(Effect.scoped)
  )

  it.live("a URL that is not redis:// is refused, naming the variable and not the value", () =>
    Effect.gen(function* () {
      const env = { CAL_COM_API_KEY: API_KEY, CAL_COM_REDIS_URL: "http://user:hunter22@example.com" }
      const error = yield* Effect.flip(
        Layer.build(layerConfig()).pipe(
          Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))
        )
      )
      expectTag(error, "CalComConfigError")
      assert.include(error.message, "CAL_COM_REDIS_URL")
      assert.notInclude(error.message, "hunter22")
    }).pipe(Effect.scoped)
  )

  it.live("the core layerConfig with CAL_COM_REDIS_URL set says where the Redis client comes from", () =>
    Effect.gen(function* () {
      const env = { CAL_COM_API_KEY: API_KEY, CAL_COM_REDIS_URL: "redis://127.0.0.1:1" }
      const error = yield* Effect.flip(
        Layer.build(CalCom.layerConfig()).pipe(
          Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))
        )
      )
      expectTag(error, "CalComConfigError")
      assert.include(error.message, "effect-calcom/node")
    }).pipe(Effect.scoped)
  )
})
