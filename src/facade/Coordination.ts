/**
 * Where a client's rate-limit gate and circuit breaker live: in the client (the default), or in
 * a store shared by every client of the same key (`effect-calcom/redis`).
 *
 * A client looks for this service when it is built; without it, it keeps its own limiter and
 * breaker, as before. The service only hands out a gate: the limiter and breaker interfaces are
 * those of `RateLimit.ts` and `Breaker.ts`, so the transport does not know which it got. This
 * module imports nothing but `effect/Context`, so the core entry pays nothing for it.
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { Breaker, BreakerSettings } from "./Breaker.js"
import type { RateLimiter } from "./RateLimit.js"

/** What one call of a client draws on: a rate-limit gate and a circuit breaker. */
export interface Gate {
  readonly limiter: RateLimiter
  readonly breaker: Breaker
}

/** The client asking for a gate: whose budget it spends, and its own gate to fall back on. */
export interface GateRequest {
  /** Identifies the budget; an implementation keys shared state by a hash of it, never the key. */
  readonly apiKey: Redacted.Redacted<string>
  readonly baseUrl: string
  readonly breaker: BreakerSettings
  /** The attempt timeout: how long a first request may hold the others before its answer. */
  readonly timeout: Duration.Duration
  /** The client's own gate: what it uses whenever the shared store cannot answer. */
  readonly local: Gate
}

/** Hands out the gate of a client, for as long as the client's scope lives. */
export class Coordination extends Context.Service<
  Coordination,
  {
    /** Where the state is kept, for messages (never a password). */
    readonly label: string
    readonly gate: (request: GateRequest) => Effect.Effect<Gate, never, Scope.Scope>
  }
>()("effect-calcom/Coordination") {}
