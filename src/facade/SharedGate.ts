/**
 * One rate-limit window and one circuit for every client of a key, kept in Redis.
 *
 * Built on `effect/persistence`: its `Redis` service (Lua scripts cached and run with `EVALSHA`)
 * and its `CircuitBreaker` with the Redis store, which already keeps one circuit per key with a
 * consecutive-failure policy, a doubling open period, one half-open probe under a lease, and
 * Redis server time. The breaker is theirs as it is.
 *
 * The rate limit is not `effect/persistence`'s `RateLimiter`, for what Cal.com needs of it: the
 * server says what is left (`X-RateLimit-Remaining-*`) and when its window resets
 * (`X-RateLimit-Reset-*`), and the shared state must take those corrections; Effect's stores
 * have no operation that sets a count or a reset. Their fixed window is a chain of tokens that
 * starts with the first one, not the server's window (so a window that the client half-used can
 * restart early and let a second burst into the server's same window), and their adaptive
 * limiter learns only from 429s, which are what sharing must prevent. So the window here is the
 * one `RateLimit.ts` keeps in memory (`take` and `merge`), ported to two Lua scripts run through
 * the same `Redis` service, on Redis time: every client sees the same figures, corrected by the
 * same headers. Before the first answer (nothing known about the budget), one request in all
 * processes goes and the others wait for its answer, as in one process.
 *
 * Redis trouble is not an outage: every command is bounded (`commandTimeout`, 1 s), and a failed or
 * slow one makes the client use its own gate (pacing in this process alone) with one warning per
 * outage; after `retryInterval` the next call tries Redis again, and when it answers the shared
 * state is used again. Nothing about Redis reaches a caller.
 *
 * Shared state is keyed by a SHA-256 of the base URL and the key, never the key itself.
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as CircuitBreaker from "effect/persistence/CircuitBreaker"
import * as Redis from "effect/persistence/Redis"
import * as Redacted from "effect/Redacted"
import * as References from "effect/References"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Semaphore from "effect/Semaphore"
import type { Breaker, CircuitState, Outcome } from "./Breaker.js"
import type { Coordination, Gate, GateRequest } from "./Coordination.js"
import { parseRateLimits, type RateLimiter } from "./RateLimit.js"

/** Settings of a shared gate. */
export interface SharedGateOptions {
  /** The Redis connection (any `effect/persistence` `Redis` service). */
  readonly redis: Redis.Redis["Service"]
  /** Where Redis is, for messages: never with a password. */
  readonly label: string
  /** Turns what is being hashed into the id of the shared state (a hex digest). */
  readonly hash: (text: string) => string
  /** Longest wait for one Redis command before the client paces itself. Default 1 s. */
  readonly commandTimeout?: Duration.Input | undefined
  /** How long a client paces itself after Redis failed before it asks Redis again. Default 1 s. */
  readonly retryInterval?: Duration.Input | undefined
  /** Prefix of every Redis key. Default `effect-calcom:`. */
  readonly prefix?: string | undefined
  /** Texts never to show in a warning (the URL's password). */
  readonly secrets?: ReadonlyArray<string> | undefined
}

/** How long shared state of an idle key lives: longer than any wait a header can impose. */
const IDLE_TTL_MS = 2 * 3_600_000
/** How often a caller held for the first answer asks again. */
const POLL_MS = 20
/** A refused caller's wait while a half-open probe runs (as `Breaker.ts`). */
const PROBE_WAIT_MS = 1_000

// --- Redis health --------------------------------------------------------------------------------

/** Whether Redis is answering; one warning per outage. Shared by every client of a connection. */
interface Health {
  /** Whether to skip Redis now (it failed less than `retryInterval` ago). */
  readonly skipping: (now: number) => boolean
  /** Redis failed: pace locally, warning once per outage. */
  readonly failed: (cause: unknown) => Effect.Effect<void>
  /** Redis answered: if it was down, say it is back. */
  readonly answered: Effect.Effect<void>
}

const scrub = (text: string, secrets: ReadonlyArray<string>) =>
  secrets.reduce((out, secret) => (secret.length >= 3 ? out.split(secret).join("[redacted]") : out), text)

const describe = (cause: unknown): string => {
  const inner = cause instanceof Redis.RedisError ? cause.cause : cause
  return inner instanceof Error ? inner.message : String(inner)
}

const makeHealth = (label: string, retryMs: number, secrets: ReadonlyArray<string>): Health => {
  let down = false
  let retryAt = 0
  return {
    skipping: (now) => down && now < retryAt,
    failed: (cause) =>
      Clock.clockWith((clock) => {
        retryAt = clock.currentTimeMillisUnsafe() + retryMs
        if (down) return Effect.void
        down = true
        return Effect.logWarning(
          `effect-calcom: Redis at ${label} did not answer (${scrub(describe(cause), secrets)}); each client paces itself until it answers again`
        )
      }),
    answered: Effect.suspend(() => {
      if (!down) return Effect.void
      down = false
      return Effect.logInfo(
        `effect-calcom: Redis at ${label} answers again; the rate budget and circuit are shared again`
      )
    })
  }
}

/** `shared` unless Redis is known down or fails now; `local` then. */
const guarded =
  (health: Health) =>
  <A, E, E2>(shared: Effect.Effect<A, E>, local: Effect.Effect<A, E2>): Effect.Effect<A, E2> =>
    Clock.clockWith((clock) =>
      health.skipping(clock.currentTimeMillisUnsafe())
        ? local
        : Effect.matchCauseEffect(shared, {
            onFailure: (cause) =>
              Cause.hasInterruptsOnly(cause)
                ? Effect.interrupt
                : Effect.andThen(health.failed(Cause.squash(cause)), local),
            onSuccess: (a) => Effect.as(health.answered, a)
          })
    )

/** The Redis service with every command bounded in time: a slow Redis fails like a gone one. */
const bounded = (redis: Redis.Redis["Service"], timeout: Duration.Duration): Redis.Redis["Service"] => {
  const limit = <A>(effect: Effect.Effect<A, Redis.RedisError>) =>
    Effect.timeoutOrElse(effect, {
      duration: timeout,
      orElse: () =>
        Effect.fail(new Redis.RedisError({ cause: new Error(`no answer within ${Duration.toMillis(timeout)} ms`) }))
    })
  return Redis.Redis.of({
    ...redis,
    send: (command, ...args) => limit(redis.send(command, ...args)),
    eval: (script) => {
      const run = redis.eval(script)
      return (...params) => limit(run(...params))
    }
  })
}

// --- The shared rate-limit window -----------------------------------------------------------------

/**
 * The window logic of `RateLimit.ts` (`take`, `merge`, `boundReset`), on Redis time. State: one
 * JSON value `{ w: { [name]: Window }, answered, probe }` per key.
 */
const LUA_COMMON = `
local WINDOW_MS = 60000
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local raw = redis.call("GET", KEYS[1])
local s = raw and cjson.decode(raw) or { w = {} }
if s.w == nil then s.w = {} end
local function save(ttl)
  redis.call("SET", KEYS[1], cjson.encode(s), "PX", ttl)
end
`

/**
 * Takes one request from every window: `[0, wait, answered]`; or takes nothing and says when to
 * ask again, `[1, ms, answered]`: while the first request is out, or while a used-up window waits
 * for the answers that announce its reset.
 */
const reserveScript = Redis.script(
  (key: string, leaseMs: number, ttlMs: number, pollMs: number) => [key, leaseMs, ttlMs, pollMs],
  {
    numberOfKeys: 1,
    lua: `${LUA_COMMON}
local lease = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local POLL_MS = tonumber(ARGV[3])
if not s.answered then
  if s.probe and s.probe > now then return { 1, math.min(POLL_MS, math.ceil(s.probe - now)), 0 } end
  s.probe = now + lease
  save(ttl)
  return { 0, 0, 0 }
end
-- A window used up whose reset no answer has announced yet (it was computed: a rollover, or a
-- window queued into) is not queued past: its requests are out, and their answers will say when
-- the server's window really ends (it began when the first of them arrived, later than computed).
local hold = 0
for _, w in pairs(s.w) do
  if type(w) == "table" and w.remaining ~= nil and w.remaining <= 0 and w.resetAt ~= nil and not w.a
    and not (w.resetAt <= now and w.startsAt <= now) then
    -- Until an answer comes, or the computed reset passes (then the window rolls over).
    hold = math.max(hold, w.startsAt - now + POLL_MS, 2 * POLL_MS)
  end
end
if hold > 0 then return { 1, math.ceil(hold), 1 } end
local wait = 0
for _, w in pairs(s.w) do
  if type(w) == "table" then
    local span = w.span or WINDOW_MS
    if w.resetAt and w.resetAt <= now and w.startsAt <= now then
      -- The window has rolled over: a fresh budget, in the window that began at the old reset.
      w.resetAt = w.resetAt + span * (math.floor((now - w.resetAt) / span) + 1)
      w.remaining = w.limit
      w.startsAt = now
      w.a = false
    end
    if w.remaining ~= nil then
      if w.remaining > 0 then
        w.remaining = w.remaining - 1
        wait = math.max(wait, w.startsAt - now)
      elseif w.resetAt ~= nil then
        -- Used up: queue into the next window, which starts at the announced reset.
        local start = math.max(w.resetAt, w.startsAt)
        w.remaining = (w.limit or 1) - 1
        w.startsAt = start
        w.resetAt = start + span
        w.a = false
        wait = math.max(wait, start - now)
      end
    end
  end
end
save(ttl)
return { 0, math.ceil(math.max(0, wait)), 1 }
`
  }
).withReturnType<readonly [kind: number, ms: number, answered: number]>()

/**
 * Merges what one answer said (`[{ name, limit?, remaining?, resetIn? }]`, `resetIn` in ms): server
 * figures win, except that requests already counted stay counted and queued windows stay.
 */
const observeScript = Redis.script((key: string, ttlMs: number, windows: string) => [key, ttlMs, windows], {
  numberOfKeys: 1,
  lua: `${LUA_COMMON}
local ttl = tonumber(ARGV[1])
local announced = cjson.decode(ARGV[2])
for _, a in ipairs(announced) do
  local cur = s.w[a.name]
  if type(cur) ~= "table" then cur = nil end
  local resetIn = a.resetIn or 0
  local plausible = 0
  if a.remaining ~= nil and a.remaining > 0 then plausible = resetIn end
  local span = math.max(cur and cur.span or 0, plausible)
  local bound = WINDOW_MS
  if span > 0 then bound = span end
  local resetAt = nil
  if a.resetIn ~= nil then resetAt = now + math.min(a.resetIn, bound) end
  local learned = nil
  if span > 0 then learned = span end
  if cur ~= nil and cur.startsAt > now then
    if learned ~= nil then cur.span = learned end
    if a.limit ~= nil then cur.limit = a.limit end
  else
    local remaining = a.remaining
    if cur ~= nil and cur.resetAt ~= nil and resetAt ~= nil and math.abs(cur.resetAt - resetAt) < 2000
      and cur.remaining ~= nil and a.remaining ~= nil then
      remaining = math.min(cur.remaining, a.remaining)
    end
    s.w[a.name] = {
      limit = a.limit, remaining = remaining, resetAt = resetAt, startsAt = now, span = learned, a = resetAt ~= nil
    }
  end
end
s.answered = true
s.probe = nil
save(ttl)
return 1
`
}).withReturnType<number>()

/** The first request ended without an answer: the next caller may go. */
const settleScript = Redis.script((key: string, ttlMs: number) => [key, ttlMs], {
  numberOfKeys: 1,
  lua: `${LUA_COMMON}
if s.answered then return 0 end
s.probe = nil
save(tonumber(ARGV[1]))
return 1
`
}).withReturnType<number>()

const makeSharedLimiter = (
  redis: Redis.Redis["Service"],
  key: string,
  leaseMs: number,
  local: RateLimiter,
  guard: ReturnType<typeof guarded>
): Effect.Effect<RateLimiter> =>
  Effect.gen(function* () {
    const reserveRedis = redis.eval(reserveScript)
    const observeRedis = redis.eval(observeScript)
    const settleRedis = redis.eval(settleScript)
    // Until this process has seen the shared budget answered, one of its callers at a time asks
    // (the others queue here), so waiting for the first answer is one poll per process.
    const firstAnswer = yield* Semaphore.make(1)
    let answered = false
    const ask: Effect.Effect<number, Redis.RedisError> = Effect.flatMap(
      reserveRedis(key, leaseMs, IDLE_TTL_MS, POLL_MS),
      ([kind, ms, known]) => {
        // A Redis that lost its state (restarted) starts over with one request going first.
        answered = known === 1
        return kind === 0 ? Effect.succeed(ms) : Effect.andThen(Effect.sleep(Duration.millis(Math.max(1, ms))), ask)
      }
    )
    return {
      // The figures this process saw: what error messages and `cal.rateLimits` report.
      snapshot: local.snapshot,
      observe: (headers) =>
        Effect.andThen(
          local.observe(headers),
          Clock.clockWith((clock) => {
            const now = clock.currentTimeMillisUnsafe()
            const windows = parseRateLimits(headers, now).map(({ name, limit, remaining, resetAt }) => ({
              name,
              ...(limit === undefined ? {} : { limit }),
              ...(remaining === undefined ? {} : { remaining }),
              ...(resetAt === undefined ? {} : { resetIn: resetAt - now })
            }))
            return guard(Effect.asVoid(observeRedis(key, IDLE_TTL_MS, JSON.stringify(windows))), Effect.void)
          })
        ),
      reserve: Effect.suspend(() => guard(answered ? ask : firstAnswer.withPermits(1)(ask), local.reserve)),
      settle: Effect.andThen(
        local.settle,
        Effect.suspend(() =>
          answered ? Effect.void : guard(Effect.asVoid(settleRedis(key, IDLE_TTL_MS)), Effect.void)
        )
      )
    } satisfies RateLimiter
  })

// --- The shared circuit ------------------------------------------------------------------------------

const toCircuitState = (state: CircuitBreaker.State): CircuitState =>
  state._tag === "Closed"
    ? // The store keeps the streak to itself: no count rather than a wrong one.
      { _tag: "Closed" }
    : state._tag === "Open"
      ? { _tag: "Open", retryAfterMs: Duration.toMillis(state.retryAfter), openings: state.consecutiveOpenings }
      : { _tag: "HalfOpen", probing: state.probing, openings: state.consecutiveOpenings }

const toOutcome = <A, E>(
  exit: Exit.Exit<A, E>,
  classify: (error: E | undefined, succeeded: boolean) => Outcome
): CircuitBreaker.Outcome => {
  let outcome: Outcome
  if (Exit.isSuccess(exit)) outcome = classify(undefined, true)
  else {
    const failure = exit.cause.reasons.find(Cause.isFailReason)
    outcome = failure === undefined ? "failure" : classify(failure.error, false)
  }
  return outcome === "success"
    ? CircuitBreaker.success
    : outcome === "failure"
      ? CircuitBreaker.failure()
      : CircuitBreaker.ignored
}

const isBreakerError = (error: unknown): error is CircuitBreaker.CircuitBreakerError =>
  error instanceof CircuitBreaker.CircuitBreakerError

const makeSharedBreaker = (
  redis: Redis.Redis["Service"],
  prefix: string,
  key: string,
  request: GateRequest,
  health: Health
): Effect.Effect<Breaker, never, Scope.Scope> =>
  Effect.gen(function* () {
    const { breaker: settings } = request
    const maxOpen = Duration.fromInputUnsafe(settings.maxOpenDuration)
    const circuit = yield* CircuitBreaker.make({
      tripPolicy: CircuitBreaker.consecutive(settings.failures),
      // Doubling from `openDuration`, capped at `maxOpenDuration`, as the in-memory breaker.
      openDuration: Schedule.exponential(settings.openDuration).pipe(
        Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, maxOpen)))
      ),
      maxOpenDuration: maxOpen,
      // A store failure is ours to handle: the call then goes through the client's own breaker.
      onStoreError: "fail"
    }).pipe(Effect.provide(CircuitBreaker.layerStoreRedis({ prefix })), Effect.provideService(Redis.Redis, redis))
    const local = request.local.breaker
    return {
      state: guarded(health)(Effect.map(circuit.state(key), toCircuitState), local.state),
      execute: (self, classify, reject) =>
        Clock.clockWith((clock) => {
          if (health.skipping(clock.currentTimeMillisUnsafe())) return local.execute(self, classify, reject)
          return circuit.execute(self, { key, classify: (exit) => toOutcome(exit, classify) }).pipe(
            Effect.catchIf(isBreakerError, (error) => {
              const reason = error.reason
              return reason._tag === "CircuitOpen"
                ? Effect.fail(reject({ retryAfterMs: Duration.toMillis(reason.retryAfter) }))
                : reason._tag === "CircuitHalfOpen"
                  ? Effect.fail(reject({ retryAfterMs: PROBE_WAIT_MS }))
                  : // Admission failed, so `self` has not run: it runs once, under the local breaker.
                    Effect.andThen(health.failed(reason.cause ?? reason), local.execute(self, classify, reject))
            }),
            // Outcomes that could not be recorded (Redis went away meanwhile) are dropped quietly:
            // the next admission finds Redis gone and says so once.
            Effect.provideService(References.UnhandledLogLevel, undefined)
          )
        })
    } satisfies Breaker
  })

// --- The coordination ------------------------------------------------------------------------------

/**
 * A `Coordination` over a Redis connection: each client gets the shared window and circuit of
 * its key, falling back to its own gate while Redis does not answer.
 */
export const makeSharedCoordination = (options: SharedGateOptions): Coordination["Service"] => {
  const timeout = Duration.fromInputUnsafe(options.commandTimeout ?? "1 second")
  const retryMs = Duration.toMillis(Duration.fromInputUnsafe(options.retryInterval ?? "1 second"))
  const prefix = options.prefix ?? "effect-calcom:"
  const redis = bounded(options.redis, timeout)
  const health = makeHealth(options.label, retryMs, options.secrets ?? [])
  const guard = guarded(health)
  return {
    label: options.label,
    gate: (request) =>
      Effect.gen(function* () {
        // The key is unwrapped only to be hashed: Redis sees the digest, never the key.
        const id = options.hash(`${request.baseUrl}\n${Redacted.value(request.apiKey)}`)
        const leaseMs = Math.min(Duration.toMillis(Duration.fromInputUnsafe(request.timeout)), 30_000)
        const limiter = yield* makeSharedLimiter(redis, `${prefix}rate:${id}`, leaseMs, request.local.limiter, guard)
        const breaker = yield* makeSharedBreaker(redis, `${prefix}circuit:`, id, request, health)
        return { limiter, breaker } satisfies Gate
      })
  }
}
