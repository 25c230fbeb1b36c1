/**
 * Per-call overrides of the client's settings (timeout, deadline, retries, rate-limit waits),
 * carried by a fiber reference so that operations need no extra parameter.
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** Per-call overrides of the client's settings, set with `withRequestOptions`. */
export interface RequestOptions {
  readonly timeout?: Duration.Input | undefined
  readonly deadline?: Duration.Input | undefined
  readonly maxRetries?: number | undefined
  readonly waitOnRateLimit?: boolean | undefined
}

/** The overrides in effect for the current fiber. */
export const CurrentRequestOptions = Context.Reference<RequestOptions>("effect-calcom/RequestOptions", {
  defaultValue: () => ({})
})

/**
 * Runs `effect` with some settings overridden for every call it makes, e.g. no retries for a
 * health check: `cal.me.get().pipe(withRequestOptions({ maxRetries: 0 }))`.
 */
export const withRequestOptions =
  (options: RequestOptions) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(Effect.service(CurrentRequestOptions), (current) =>
      Effect.provideService(effect, CurrentRequestOptions, { ...current, ...options })
    )
