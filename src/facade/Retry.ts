/**
 * The retry policy, declared in one place: which failures leave the server's state unknown,
 * which may be tried again, the backoff schedule, and what the circuit breaker counts.
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { Outcome } from "./Breaker.js"
import type { CalComError } from "./Errors.js"

/** Whether a failure leaves the server's state unknown (it may have done the work). */
export const isAmbiguous = (error: CalComError): boolean =>
  (error._tag === "CalComTransportError" && error.mayHaveReachedServer) ||
  error._tag === "CalComTimeoutError" ||
  (error._tag === "CalComApiError" && error.status >= 500)

/**
 * Whether to try again. Always: a 429 (the server did nothing) and a network failure before
 * anything was sent. Idempotent calls also: 5xx, timeouts and failures mid-request. Calls that
 * may create something: only when `reconcile` proved that nothing was created (`proven`).
 */
export const shouldRetry = (error: CalComError, idempotent: boolean, proven: ReadonlySet<CalComError>): boolean => {
  // A 429 from the server is retried; the gate's own refusal (no status: the reset is after the
  // deadline) is final, or the call would wait out its deadline only to time out.
  if (error._tag === "CalComRateLimitError") return error.status !== undefined
  if (error._tag === "CalComTransportError" && !error.mayHaveReachedServer) return true
  if (!isAmbiguous(error)) return false
  return idempotent || proven.has(error)
}

/**
 * Whether a failed attempt of a call that may create something should look up what the server
 * did before anything else: after an ambiguous failure; after a refusal (409 "slot taken", 400
 * "already cancelled") that follows an ambiguous attempt, since it may be our own earlier work;
 * and after a 2xx we cannot read, which means the server did the work.
 */
export const needsReconcile = (error: CalComError, ambiguousBefore: boolean): boolean =>
  isAmbiguous(error) ||
  error._tag === "CalComDecodeError" ||
  (ambiguousBefore &&
    (error._tag === "CalComConflictError" || (error._tag === "CalComValidationError" && error.status !== undefined)))

/**
 * Exponential backoff from `baseDelay` (1 s, 2 s, 4 s …), ±20% jitter, each delay capped at
 * `maxDelay`; a 429 waits at least until the rate-limit window resets.
 */
export const retrySchedule = (settings: {
  readonly baseDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
}) =>
  Schedule.exponential(settings.baseDelay, 2).pipe(
    Schedule.jittered,
    Schedule.modifyDelay(({ duration, input }: Schedule.Metadata<Duration.Duration, CalComError>) =>
      Effect.succeed(
        input._tag === "CalComRateLimitError" && input.retryAfterMs !== undefined
          ? Duration.max(Duration.min(duration, settings.maxDelay), Duration.millis(input.retryAfterMs))
          : Duration.min(duration, settings.maxDelay)
      )
    )
  )

/** What one logical call tells the breaker: only 5xx, timeouts and network failures count. */
export const classify = (error: CalComError | undefined): Outcome => {
  if (error === undefined) return "success"
  if (error._tag === "CalComRateLimitError") return "ignored"
  return isAmbiguous(error) || (error._tag === "CalComTransportError" && !error.mayHaveReachedServer)
    ? "failure"
    : "success"
}
