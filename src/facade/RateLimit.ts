/**
 * Cal.com's rate limits, read from every response and respected before every request.
 *
 * Cal.com sends `X-RateLimit-Limit-<Name>`, `X-RateLimit-Remaining-<Name>` and
 * `X-RateLimit-Reset-<Name>` (name `Default` for the general limit) and no `Retry-After`; other
 * servers send the unsuffixed headers, and resets either as seconds remaining or as an epoch.
 * The limiter keeps the latest snapshot per name, counts requests it lets through against
 * `remaining` (so a burst does not overshoot before responses arrive), and tells the caller how
 * long to wait when a window is exhausted.
 *
 * Headers are claims, bounded before use: no wait exceeds the window learned from plausible
 * resets (60 s until one is seen) nor an hour (`MAX_WAIT_MS`), whatever a server or proxy says
 * (`Retry-After: 1e308`, a reset 31 years away); a reset of 0 or in the past means now. Until the
 * first answer has arrived nothing is known about the budget, so one request goes first and the
 * others wait for its answer: a start-up burst cannot overshoot a window it has not seen yet
 * (Cal.com documents 120 requests a minute for API keys, 500 for OAuth tokens, and locks keys
 * that keep exceeding it, so a 429 at the server is a cost even when a retry hides it).
 */
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { RateLimitSnapshot } from "./Errors.js"

const HEADER = /^x-ratelimit-(limit|remaining|reset)(?:-(.+))?$/i

/** The longest wait any header can impose: an hour. */
export const MAX_WAIT_MS = 3_600_000

/** `ms` from now, bounded to `[0, bound]` (not finite counts as the bound). */
const clampWait = (ms: number, bound = MAX_WAIT_MS): number => (Number.isNaN(ms) ? 0 : Math.min(bound, Math.max(0, ms)))

/**
 * A reset value as epoch ms: epoch ms, epoch seconds, or seconds from now; 0 or a time in the
 * past is now, and nothing is later than `MAX_WAIT_MS` from now.
 */
const resetAt = (value: number, now: number): number =>
  now + clampWait(value >= 1e12 ? value - now : value > 1e9 ? value * 1000 - now : value * 1000)

/** Every rate limit the headers describe, keyed by name (`Default` when unsuffixed). */
export const parseRateLimits = (headers: Headers, now: number): Array<RateLimitSnapshot> => {
  const byName = new Map<string, { name: string; limit?: number; remaining?: number; resetAt?: number }>()
  headers.forEach((raw, key) => {
    const match = key.match(HEADER)
    const value = Number(raw)
    if (!match || raw.trim() === "" || !Number.isFinite(value)) return
    const name = match[2] ? match[2].charAt(0).toUpperCase() + match[2].slice(1).toLowerCase() : "Default"
    const entry = byName.get(name) ?? { name }
    if (match[1]?.toLowerCase() === "limit") entry.limit = value
    else if (match[1]?.toLowerCase() === "remaining") entry.remaining = value
    else entry.resetAt = resetAt(value, now)
    byName.set(name, entry)
  })
  return [...byName.values()]
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), if present and sensible. */
export const parseRetryAfter = (headers: Headers, now: number): number | undefined => {
  const raw = headers.get("retry-after")
  if (raw === null || raw.trim() === "") return undefined
  const seconds = Number(raw)
  if (!Number.isNaN(seconds)) return clampWait(seconds * 1000)
  const date = Date.parse(raw)
  return Number.isNaN(date) ? undefined : clampWait(date - now)
}

/** How long until the exhausted windows reset: `Retry-After`, else the latest reset of a limit at 0. */
export const waitFromHeaders = (headers: Headers, now: number): number | undefined => {
  const retryAfter = parseRetryAfter(headers, now)
  if (retryAfter !== undefined) return retryAfter
  const resets = parseRateLimits(headers, now)
    .filter((s) => s.remaining === undefined || s.remaining <= 0)
    .flatMap((s) => (s.resetAt === undefined ? [] : [s.resetAt - now]))
  return resets.length === 0 ? undefined : clampWait(Math.max(...resets))
}

export interface RateLimiter {
  /** The latest snapshot of each named limit. */
  readonly snapshot: Effect.Effect<ReadonlyArray<RateLimitSnapshot>>
  /** Records the limits a response reported. */
  readonly observe: (headers: Headers) => Effect.Effect<void>
  /**
   * Takes one request from every known window and returns how long to wait first (0: go now).
   * When a window is used up, the caller is queued into the next one. Before the first answer,
   * one caller goes and the others are held until it ends (`observe` or `settle`).
   */
  readonly reserve: Effect.Effect<number>
  /** An attempt ended without an answer (network failure, timeout, interruption): releases held callers. */
  readonly settle: Effect.Effect<void>
}

/** A snapshot plus when its budget becomes usable (later than now once callers are queued). */
interface Window extends RateLimitSnapshot {
  readonly startsAt: number
  /** The window's length as learned from resets (a fresh window reports its whole span). */
  readonly span?: number
}

/**
 * Headers say when a window resets, not how long one is. Until a reset has been seen, assume
 * Cal.com's minute; afterwards the longest reset announced is the span.
 */
const WINDOW_MS = 60_000

/** No reset is trusted beyond the window learned so far: a lie about the reset cannot lock the client out. */
const boundReset = (server: RateLimitSnapshot, span: number, now: number): RateLimitSnapshot =>
  server.resetAt !== undefined && server.resetAt - now > span ? { ...server, resetAt: now + span } : server

const take = (w: Window, now: number): [wait: number, next: Window] => {
  let { remaining, resetAt, startsAt } = w
  const span = w.span ?? WINDOW_MS
  if (resetAt !== undefined && resetAt <= now && startsAt <= now) {
    // The window has rolled over: a fresh budget, in the window that began at the old reset.
    let nextReset = resetAt + span
    while (nextReset <= now) nextReset += span
    remaining = w.limit
    resetAt = nextReset
    startsAt = now
  }
  if (remaining === undefined) return [0, { ...w, startsAt }]
  if (remaining > 0) {
    return [
      Math.max(0, startsAt - now),
      { ...w, remaining: remaining - 1, startsAt, ...(resetAt === undefined ? {} : { resetAt }) }
    ]
  }
  if (resetAt === undefined) return [0, { ...w, remaining, startsAt }]
  // Used up: queue into the next window.
  const nextStart = Math.max(resetAt, startsAt)
  return [nextStart - now, { ...w, remaining: (w.limit ?? 1) - 1, startsAt: nextStart, resetAt: nextStart + span }]
}

/** Server figures win, except that requests already counted locally stay counted, and queued windows stay. */
const merge = (local: Window | undefined, announcedWindow: RateLimitSnapshot, now: number): Window => {
  const announced = announcedWindow.resetAt === undefined ? 0 : announcedWindow.resetAt - now
  // A remaining budget means a window in progress, whose reset is at most its span: learn from
  // those. An exhausted window's reset is what a lying server inflates, so it teaches nothing.
  const plausible = announcedWindow.remaining !== undefined && announcedWindow.remaining > 0 ? announced : 0
  const span = Math.max(local?.span ?? 0, plausible)
  const learned = span > 0 ? { span } : {}
  const server = boundReset(announcedWindow, span > 0 ? span : WINDOW_MS, now)
  if (local === undefined) return { ...server, startsAt: now, ...learned }
  if (local.startsAt > now)
    return { ...local, ...learned, ...(server.limit === undefined ? {} : { limit: server.limit }) }
  const sameWindow =
    local.resetAt !== undefined && server.resetAt !== undefined && Math.abs(local.resetAt - server.resetAt) < 2_000
  const remaining =
    sameWindow && local.remaining !== undefined && server.remaining !== undefined
      ? Math.min(local.remaining, server.remaining)
      : server.remaining
  return { ...server, ...(remaining === undefined ? {} : { remaining }), startsAt: now, ...learned }
}

/** Until the first answer: whether a request is out to get it, and the latch the others wait on. */
interface FirstAnswer {
  readonly answered: boolean
  readonly probing: boolean
  readonly latch: Deferred.Deferred<void>
}

/** @internal */
export const makeRateLimiter: Effect.Effect<RateLimiter> = Effect.gen(function* () {
  const state = yield* Ref.make(new Map<string, Window>())
  const first = yield* Ref.make<FirstAnswer>({
    answered: false,
    probing: false,
    latch: yield* Deferred.make<void>()
  })
  /** The probe ended: the next caller probes (no answer yet) or everybody goes (`answered`). */
  const release = (answered: boolean) =>
    Effect.flatMap(Deferred.make<void>(), (next) =>
      Effect.flatMap(
        Ref.modify(first, (f): [Deferred.Deferred<void> | undefined, FirstAnswer] =>
          f.answered ? [undefined, f] : [f.latch, { answered, probing: false, latch: answered ? f.latch : next }]
        ),
        (latch) => (latch === undefined ? Effect.void : Deferred.succeed(latch, undefined))
      )
    )
  /** Waits until this caller may go as far as the first answer is concerned. */
  const admitted: Effect.Effect<void> = Effect.flatMap(
    Ref.modify(first, (f): [Deferred.Deferred<void> | undefined, FirstAnswer] =>
      f.answered ? [undefined, f] : f.probing ? [f.latch, f] : [undefined, { ...f, probing: true }]
    ),
    (latch) =>
      latch === undefined
        ? Effect.void
        : Effect.andThen(
            Deferred.await(latch),
            Effect.suspend(() => admitted)
          )
  )
  return {
    snapshot: Effect.map(Ref.get(state), (m) =>
      [...m.values()].map(({ startsAt: _, span: __, ...snapshot }) => snapshot as RateLimitSnapshot)
    ),
    settle: release(false),
    // The figures first, then the held callers: they must count against what this answer said.
    observe: (headers) =>
      Effect.andThen(
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Ref.update(state, (current) => {
            const parsed = parseRateLimits(headers, now)
            if (parsed.length === 0) return current
            const next = new Map(current)
            for (const server of parsed) next.set(server.name, merge(current.get(server.name), server, now))
            return next
          })
        ),
        release(true)
      ),
    reserve: Effect.andThen(
      admitted,
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.modify(state, (current): [number, Map<string, Window>] => {
          let wait = 0
          const next = new Map<string, Window>()
          for (const [name, window] of current) {
            const [w, updated] = take(window, now)
            wait = Math.max(wait, w)
            next.set(name, updated)
          }
          return [wait, next]
        })
      )
    )
  } satisfies RateLimiter
})
