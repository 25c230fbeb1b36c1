/**
 * Shared pieces of the chaos and property tests: a seeded random source, a fault plan that is a
 * pure function of the request (so a run is reproducible from its seed whatever the arrival
 * order), a log capture, an unhandled-rejection counter, and a `fetch` that only counts.
 *
 * Test infrastructure only.
 */
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { CalComError } from "../../src/index.js"
import type { Fault, FaultRequest } from "./FakeCalCom.js"

/** mulberry32: a small, fast, seedable PRNG in [0, 1). */
export const makeRandom = (seed: number) => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <A>(items: ReadonlyArray<A>): A => {
    const item = items[Math.floor(next() * items.length)]
    if (item === undefined) throw new Error("pick from an empty list")
    return item
  }
  /** Picks a key with probability proportional to its weight. */
  const weighted = <K extends string>(weights: Readonly<Record<K, number>>): K => {
    const entries = Object.entries(weights) as Array<[K, number]>
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0)
    for (const [key, w] of entries) {
      r -= w
      if (r < 0) return key
    }
    return entries[entries.length - 1]?.[0] as K
  }
  return { next, int, pick, weighted }
}

/** FNV-1a of a string, for deriving a fault from a request. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export const FAULT_KINDS = [
  "error-before",
  "error-after",
  "reset-before",
  "reset-after",
  "slow",
  "malformed-json",
  "missing-fields",
  "rate-limit"
] as const satisfies ReadonlyArray<Fault["kind"]>
export type FaultKind = (typeof FAULT_KINDS)[number]

/**
 * A fault plan injecting a fault into a `rate` share of requests, chosen by a hash of the seed and
 * the request (method, path, query, body, attempt): the same request gets the same fault in every
 * run, so a failure reproduces from the seed even though concurrent requests arrive in any order.
 * Counts what it injected, by kind.
 */
export const seededFaults = (options: {
  readonly seed: number
  readonly rate: number
  readonly slowMs: number
  /** Requests the plan must leave alone (e.g. the checks after the run). */
  readonly exempt?: (request: FaultRequest) => boolean
}) => {
  const injected: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<
    FaultKind,
    number
  >
  let requests = 0
  const plan = (request: FaultRequest): Fault | undefined => {
    requests++
    if (options.exempt?.(request)) return undefined
    const key = `${options.seed}|${request.method} ${request.path}?${request.query}|${JSON.stringify(request.body ?? null)}|${request.attempt}`
    const random = makeRandom(fnv1a(key))
    if (random.next() >= options.rate) return undefined
    const kind = random.pick(FAULT_KINDS)
    injected[kind]++
    switch (kind) {
      case "error-before":
      case "error-after":
        return { kind, status: random.pick([500, 502, 503, 504]) }
      case "slow":
        return { kind, delayMs: options.slowMs }
      default:
        return { kind }
    }
  }
  return {
    plan,
    injected,
    get requests() {
      return requests
    },
    get total() {
      return Object.values(injected).reduce((sum, n) => sum + n, 0)
    }
  }
}

/** Whether `u` is one of the facade's typed errors (the union's own schema decides). */
export const isCalComError = Schema.is(CalComError)

/** How an exit ended: `ok`, the error's tag, or `defect`/`interrupt` with a rendering of the cause. */
export const outcomeOf = (
  exit: Exit.Exit<unknown, unknown>
):
  | { readonly kind: "ok" }
  | { readonly kind: "error"; readonly error: CalComError }
  | { readonly kind: "bad"; readonly detail: string } => {
  if (Exit.isSuccess(exit)) return { kind: "ok" }
  const error = Option.getOrUndefined(Cause.findErrorOption(exit.cause))
  if (error !== undefined && isCalComError(error) && !Cause.hasDies(exit.cause) && !Cause.hasInterrupts(exit.cause)) {
    return { kind: "error", error }
  }
  return { kind: "bad", detail: Cause.pretty(exit.cause) }
}

/** A logger keeping every line it is given, in JSON and logfmt, for secret scans. */
export const captureLogs = () => {
  const lines: Array<string> = []
  const logger = Logger.make((options) => {
    lines.push(Logger.formatJson.log(options), Logger.formatLogFmt.log(options))
  })
  return { lines, logger }
}

/** Counts `unhandledRejection` events from now until `stop()`. */
export const countUnhandledRejections = () => {
  const seen: Array<unknown> = []
  const listener = (reason: unknown) => {
    seen.push(reason)
  }
  process.on("unhandledRejection", listener)
  return {
    seen,
    stop: () => {
      process.off("unhandledRejection", listener)
    }
  }
}

/** Every text an error can show a human or a log: message, `String`, JSON, stack. */
export const textsOf = (error: CalComError): ReadonlyArray<string> => [
  error.message,
  String(error),
  JSON.stringify(error),
  error.stack ?? ""
]
