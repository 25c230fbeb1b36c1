/**
 * The circuit breaker guarding one client's base URL.
 *
 * - Closed: calls run; `failures` consecutive failed calls open the circuit.
 * - Open: calls fail at once, without a request, until the open period ends. The period starts at
 *   `openDuration` and doubles after each failed probe, up to `maxOpenDuration`.
 * - HalfOpen: the next call is the probe and other calls fail at once while it runs. A probe that
 *   succeeds closes the circuit (and resets the doubling); one that fails opens it again.
 *
 * Each logical call reports one outcome, after its retries: `success`, `failure`, or `ignored`
 * (a 429, or a call interrupted by its caller: neither says anything about the server's health,
 * so neither counts nor resets the streak).
 *
 * Why not `effect/persistence`'s `CircuitBreaker`: it keeps state in a store behind a scope and
 * publishes transitions to a `PubSub`, which costs ~16 µs and ~10.5 KB gzip per bundled call path
 * and loads the persistence barrel at startup (bench/FINDINGS.md). One in-memory circuit per
 * client needs none of that: the state is a plain object changed in `Effect.sync` blocks, which
 * run without interleaving on the fiber scheduler.
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"

/**
 * The state of a circuit, as callers see it (`cal.circuit`). `failures` (the current streak of
 * failed calls) is absent when the circuit is shared through Redis (`effect-calcom/redis`):
 * `effect/persistence`'s store keeps the streak to itself.
 */
export type CircuitState =
  | { readonly _tag: "Closed"; readonly failures?: number }
  | { readonly _tag: "Open"; readonly retryAfterMs: number; readonly openings: number }
  | { readonly _tag: "HalfOpen"; readonly probing: boolean; readonly openings: number }

/** What one logical call tells the breaker. */
export type Outcome = "success" | "failure" | "ignored"

/** A refused call: the circuit is open (or half-open with its probe running). */
export interface Rejection {
  readonly retryAfterMs: number
}

export interface BreakerSettings {
  /** Consecutive failed calls that open a closed circuit. */
  readonly failures: number
  readonly openDuration: Duration.Duration
  readonly maxOpenDuration: Duration.Duration
}

/** A circuit breaker: in memory (`makeBreaker`), or shared through a `Coordination`. */
export interface Breaker {
  readonly state: Effect.Effect<CircuitState>
  /**
   * Runs `self` if the circuit admits it, else fails with `reject(rejection)`; then records
   * `classify` of how it ended (`undefined` for an interruption).
   */
  readonly execute: <A, E, E2>(
    self: Effect.Effect<A, E>,
    classify: (error: E | undefined, succeeded: boolean) => Outcome,
    reject: (rejection: Rejection) => E2
  ) => Effect.Effect<A, E | E2>
}

/** How long a refused caller should wait while a probe runs: the probe's answer is near. */
const PROBE_WAIT_MS = 1_000

type Internal =
  | { _tag: "Closed"; failures: number }
  | { _tag: "Open"; until: number; openings: number }
  | { _tag: "HalfOpen"; probing: boolean; openings: number }

interface Timing {
  readonly openMs: number
  readonly maxOpenMs: number
}

/** Open from `now`, for the period of the `openings`-th opening in a row. */
const openAt = (timing: Timing, now: number, openings: number): Internal => ({
  _tag: "Open",
  until: now + Math.min(timing.openMs * 2 ** (openings - 1), timing.maxOpenMs),
  openings
})

/** Whether `current` admits a call at `now`: the next state and `true` (as the probe), `false`, or a refusal. */
const admit = (current: Internal, now: number): readonly [Internal, boolean | Rejection] => {
  if (current._tag === "Open") {
    if (now < current.until) return [current, { retryAfterMs: current.until - now }]
    return admit({ _tag: "HalfOpen", probing: false, openings: current.openings }, now)
  }
  if (current._tag === "HalfOpen") {
    if (current.probing) return [current, { retryAfterMs: PROBE_WAIT_MS }]
    return [{ _tag: "HalfOpen", probing: true, openings: current.openings }, true]
  }
  return [current, false]
}

/** The state after a call admitted as the probe (or not) ended with `outcome` at `now`. */
const record = (
  current: Internal,
  settings: BreakerSettings,
  timing: Timing,
  ended: { readonly outcome: Outcome; readonly probe: boolean; readonly now: number }
): Internal => {
  const { outcome, probe, now } = ended
  if (probe) {
    // Only the probe decides a half-open circuit; the state cannot have moved meanwhile.
    if (current._tag !== "HalfOpen") return current
    return outcome === "success"
      ? { _tag: "Closed", failures: 0 }
      : outcome === "failure"
        ? openAt(timing, now, current.openings + 1)
        : { _tag: "HalfOpen", probing: false, openings: current.openings }
  }
  // A call admitted while closed that ends after the circuit opened says nothing new.
  if (current._tag !== "Closed" || outcome === "ignored") return current
  if (outcome === "success") return current.failures === 0 ? current : { _tag: "Closed", failures: 0 }
  const failures = current.failures + 1
  return failures >= settings.failures ? openAt(timing, now, 1) : { _tag: "Closed", failures }
}

/** The state as callers see it at `now`: an open circuit whose period is over reads half-open. */
const view = (current: Internal, now: number): CircuitState => {
  switch (current._tag) {
    case "Closed":
      return { _tag: "Closed", failures: current.failures }
    case "Open":
      return now < current.until
        ? { _tag: "Open", retryAfterMs: current.until - now, openings: current.openings }
        : { _tag: "HalfOpen", probing: false, openings: current.openings }
    case "HalfOpen":
      return { _tag: "HalfOpen", probing: current.probing, openings: current.openings }
  }
}

/** What a call's exit tells the breaker. */
const outcomeOf = <A, E>(
  exit: Exit.Exit<A, E>,
  classify: (error: E | undefined, succeeded: boolean) => Outcome
): Outcome => {
  if (Exit.isSuccess(exit)) return classify(undefined, true)
  const failure = exit.cause.reasons.find(Cause.isFailReason)
  // A defect is our bug, not the server's health, but it is still a call that failed;
  // an interruption alone is the caller changing its mind.
  if (failure !== undefined) return classify(failure.error, false)
  return Cause.hasInterruptsOnly(exit.cause) ? "ignored" : "failure"
}

/** @internal */
export const makeBreaker = (settings: BreakerSettings): Breaker => {
  const timing: Timing = {
    openMs: Duration.toMillis(settings.openDuration),
    maxOpenMs: Duration.toMillis(settings.maxOpenDuration)
  }
  let current: Internal = { _tag: "Closed", failures: 0 }

  const execute = <A, E, E2>(
    self: Effect.Effect<A, E>,
    classify: (error: E | undefined, succeeded: boolean) => Outcome,
    reject: (rejection: Rejection) => E2
  ): Effect.Effect<A, E | E2> =>
    Clock.clockWith((clock): Effect.Effect<A, E | E2> => {
      const [next, admitted] = admit(current, clock.currentTimeMillisUnsafe())
      current = next
      if (typeof admitted !== "boolean") return Effect.fail(reject(admitted))
      return Effect.onExit(self, (exit) =>
        Effect.sync(() => {
          const ended = { outcome: outcomeOf(exit, classify), probe: admitted, now: clock.currentTimeMillisUnsafe() }
          current = record(current, settings, timing, ended)
        })
      )
    })

  return { state: Effect.map(Clock.currentTimeMillis, (now) => view(current, now)), execute }
}
