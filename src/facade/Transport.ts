/**
 * The transport: the one place a facade call crosses from Effect to `fetch` and back.
 *
 * A resource describes an operation as data (`Operation`: method, path, params, body, decoder,
 * whether it is idempotent, how to find what an ambiguous attempt made); the generated types
 * check method, path, params and body where it is written, and openapi-fetch's `request` sends it.
 *
 * One logical call is `breaker(retry(reconcile(attempt)))`, each step a function below over the
 * call's explicit state (`CallState`):
 * - `attempt`: wait for the rate-limit window if it is used up, send with Effect's `AbortSignal`
 *   (interrupting the fiber aborts the request) under one timer, record the rate-limit headers,
 *   map the status to a typed error (`Status.ts`), parse and decode the body (`Decode.ts`);
 * - `reconcile`: a call that may have created something is never repeated blindly: after a
 *   failure that may still be in flight (timeout, gateway 502/503/504, connection lost after
 *   sending) it looks again over a bounded window and never resends (`CalComOutcomeUnknownError`
 *   when still unsure); after the server's final word (a 500, an unreadable 2xx) one lookup
 *   returns what the server made, or lets a retry happen only when it proves nothing was made;
 * - `retry`: on the declared schedule, only when safe (`Retry.ts`);
 * - `breaker`: one outcome per logical call; only 5xx, timeouts and network failures count.
 * The overall deadline (`CalComTimeoutError`, scope `deadline`) needs no timer of its own: no
 * wait (rate-limit window, backoff) outlasts it, and an attempt's timer is the attempt timeout
 * or what is left of the deadline, whichever is shorter.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as References from "effect/References"
import * as Schedule from "effect/Schedule"
import type { ClientPathsWithMethod, MaybeOptionalInit } from "openapi-fetch"
import { type Breaker, type CircuitState, makeBreaker } from "./Breaker.js"
import type { ResolvedOptions } from "./Config.js"
import type { Coordination } from "./Coordination.js"
import { decodeBody, NOT_JSON, notJsonError, parseBody, type ValidationIssueList } from "./Decode.js"
import {
  CalComCircuitOpenError,
  CalComDecodeError,
  type CalComError,
  CalComOutcomeUnknownError,
  CalComRateLimitError,
  CalComTimeoutError
} from "./Errors.js"
import { boundedFetch, scrubValue } from "./internal/Body.js"
import { type CalComClient, type CalComPaths, makeOpenApiClient } from "./internal/OpenApiClient.js"
import { makeRateLimiter, type RateLimiter } from "./RateLimit.js"
import { CurrentRequestOptions } from "./RequestOptions.js"
import {
  classify,
  LOOKUP_FIRST_DELAY_MS,
  LOOKUP_MAX_DELAY_MS,
  mayStillBeInFlight,
  needsReconcile,
  retrySchedule,
  shouldRetry
} from "./Retry.js"
import { type CallContext, errorForStatus, type Resource, scrubError, transportError } from "./Status.js"

// --- Operations ---------------------------------------------------------------------------------

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** The document's paths that have `method`. */
export type Route<M extends Method> = ClientPathsWithMethod<CalComClient, Lowercase<M>>

/** What openapi-fetch's `request` takes for `method path`: `params` and `body` as the generated types say. */
export type RouteInit<M extends Method, P extends Route<M>> = MaybeOptionalInit<CalComPaths[P], Lowercase<M>>

/** What every operation says besides its route. */
interface Described<A> {
  /** `Bookings.get`: names logs, spans and errors. */
  readonly operation: string
  /** What a 404 means: the resource kind and id looked up. */
  readonly resource?: Resource | undefined
  /** A POST or PATCH that may be repeated safely (cancelling twice cancels once). GET, PUT, DELETE always are. */
  readonly idempotent?: boolean | undefined
  /**
   * For calls that create something: finds what an attempt that failed ambiguously may have
   * created. `Some` ends the call with it; `None` proves nothing was made, so a retry is safe.
   */
  readonly reconcile?: Effect.Effect<Option.Option<A>, CalComError> | undefined
  /** What `reconcile` looks for, in words, for `CalComOutcomeUnknownError` (the booking by event type, start and attendee). */
  readonly lookup?: string | undefined
  /** Decodes the parsed JSON of a 2xx body. */
  readonly decode: (body: unknown) => Effect.Effect<A, ValidationIssueList>
}

/**
 * One facade operation, stated once: `method` and `path` (the template, `/v2/bookings/{bookingUid}`,
 * which is also what logs show instead of the URL), and `params` and `body` for that route, all
 * checked against the document the way openapi-fetch checks its own calls.
 */
export type Operation<A, M extends Method, P extends Route<M>> = Described<A> & {
  readonly method: M
  readonly path: P
}

/** An operation with its route's types erased: what the steps below read. */
export interface Request<A> extends Described<A> {
  readonly method: Method
  readonly path: string
  readonly params?: unknown
  readonly body?: unknown
  /** Headers besides the key, `cal-api-version` and the request id; `Redacted` ones are unwrapped only here. */
  readonly extraHeaders?: Readonly<Record<string, string | Redacted.Redacted<string>>> | undefined
}

/** What openapi-fetch resolves with when asked to `parseAs: "text"`. */
export interface RawResult {
  readonly response: Response
  readonly data?: unknown
  readonly error?: unknown
}

/**
 * openapi-fetch's `request` with the route types erased: they were checked where the operation
 * was written (`Operation`), and a generic route cannot be checked again here.
 */
type SendRequest = (
  method: Lowercase<Method>,
  path: string,
  init: { readonly signal: AbortSignal; readonly parseAs: "text"; readonly [key: string]: unknown }
) => Promise<RawResult>

export interface Transport {
  readonly call: <A, M extends Method, P extends Route<M>, Init extends RouteInit<M, P>>(
    operation: Operation<A, M, P> & Init
  ) => Effect.Effect<A, CalComError>
  /** `call` for a request whose route types were checked where it was written (`effect-calcom/request`). */
  readonly dispatch: <A>(request: Request<A>) => Effect.Effect<A, CalComError>
  /** State of the circuit guarding this client's base URL. */
  readonly circuit: Effect.Effect<CircuitState>
  readonly rateLimits: RateLimiter["snapshot"]
}

// --- The state of one call -----------------------------------------------------------------------

/** What every call of one transport shares: the client, the settings, the limiter and the breaker. */
interface Shared {
  readonly send: SendRequest
  readonly settings: ResolvedOptions
  readonly limiter: RateLimiter
  readonly breaker: Breaker
  readonly backoff: ReturnType<typeof retrySchedule>
  /** The configured key, only to recognise it: any server or network text containing it is scrubbed. */
  readonly secret: string
  /** The API's host, for messages about connections. */
  readonly host: string
}

/** One logical call: fixed when it starts, but for the three facts its attempts learn. */
interface CallState {
  readonly request: Request<unknown>
  readonly shared: Shared
  readonly ctx: CallContext
  readonly requestId: string
  readonly timeoutMs: number
  readonly deadlineMs: number
  /** Clock time (ms) by which the call ends, retries and waits included. */
  readonly deadlineAt: number
  readonly maxRetries: number
  readonly waitOnRateLimit: boolean
  readonly idempotent: boolean
  /** Attempts sent so far. */
  attempts: number
  /** Whether an earlier attempt failed ambiguously, so a refusal now may be our own earlier work. */
  ambiguousBefore: boolean
  /** Failures after which the lookup proved nothing was made: those may be retried. */
  readonly proven: Set<CalComError>
}

const newRequestId = () => `ecc_${globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`

/** The state of a new call: settings with the fiber's overrides, a request id, the deadline. */
const begin = (shared: Shared, request: Request<unknown>): Effect.Effect<CallState> =>
  Effect.gen(function* () {
    const { settings } = shared
    const overrides = yield* Effect.service(CurrentRequestOptions)
    const deadlineMs = Duration.toMillis(Duration.fromInputUnsafe(overrides.deadline ?? settings.deadline))
    const requestId = newRequestId()
    yield* Effect.annotateCurrentSpan({
      "http.request.method": request.method,
      "http.route": request.path,
      "calcom.request_id": requestId
    })
    return {
      request,
      shared,
      ctx: { operation: request.operation, requestId, resource: request.resource, host: shared.host },
      requestId,
      timeoutMs: Duration.toMillis(Duration.fromInputUnsafe(overrides.timeout ?? settings.timeout)),
      deadlineMs,
      deadlineAt: (yield* Clock.currentTimeMillis) + deadlineMs,
      maxRetries: overrides.maxRetries ?? settings.maxRetries,
      waitOnRateLimit: overrides.waitOnRateLimit ?? settings.waitOnRateLimit,
      idempotent: request.idempotent === true || (request.method !== "POST" && request.method !== "PATCH"),
      attempts: 0,
      ambiguousBefore: false,
      proven: new Set()
    }
  })

const deadlineError = (state: CallState) =>
  new CalComTimeoutError({
    operation: state.ctx.operation,
    requestId: state.requestId,
    scope: "deadline",
    timeoutMs: state.deadlineMs,
    message: `${state.ctx.operation}: not done within the ${state.deadlineMs} ms deadline after ${state.attempts} attempt(s) (request ${state.requestId})`
  })

/** What is left of the call's deadline, in ms (0 when it has passed). */
const remainingMs = (state: CallState) =>
  Effect.map(Clock.currentTimeMillis, (now) => Math.max(0, state.deadlineAt - now))

// --- attempt ----------------------------------------------------------------------------------------

/** Waits for the rate-limit window when it is used up; refuses when it resets after the deadline. */
const gate = (state: CallState): Effect.Effect<void, CalComError> =>
  Effect.gen(function* () {
    const { limiter } = state.shared
    const { operation } = state.ctx
    if (!state.waitOnRateLimit) return
    // Held until the first answer when nothing is known yet: never beyond this call's deadline.
    const wait = yield* limiter.reserve.pipe(
      Effect.timeoutOrElse({
        duration: Duration.millis(Math.max(0, state.deadlineAt - (yield* Clock.currentTimeMillis))),
        orElse: () => Effect.fail(deadlineError(state))
      })
    )
    if (wait <= 0) return
    const now = yield* Clock.currentTimeMillis
    if (now + wait > state.deadlineAt) {
      return yield* new CalComRateLimitError({
        operation,
        requestId: state.requestId,
        retryAfterMs: wait,
        rateLimits: yield* limiter.snapshot,
        message: `${operation}: the rate limit is used up and resets in ${Math.ceil(wait / 1000)} s, after this call's deadline (request ${state.requestId})`
      })
    }
    yield* Effect.logDebug(`${operation}: waiting ${wait} ms for the rate-limit window`)
    yield* Effect.sleep(Duration.millis(wait))
  })

/** A request's own headers as strings: the one place a `Redacted` header value is unwrapped. */
const headersOf = (headers: Request<unknown>["extraHeaders"]): Record<string, string> =>
  headers === undefined
    ? {}
    : Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [
          name,
          Redacted.isRedacted(value) ? Redacted.value(value) : value
        ])
      )

/** Sends the request under one timer: the attempt's timeout, or what is left of the deadline if less. */
const send = (state: CallState, remaining: number): Effect.Effect<RawResult, CalComError> => {
  const { request, ctx, requestId, timeoutMs } = state
  const byDeadline = remaining < timeoutMs
  return Effect.tryPromise({
    try: (signal) =>
      state.shared.send(request.method.toLowerCase() as Lowercase<Method>, request.path, {
        params: request.params,
        body: request.body,
        signal,
        parseAs: "text",
        headers: { ...headersOf(request.extraHeaders), "X-Request-Id": requestId }
      }),
    catch: (error) => transportError(error, ctx)
  }).pipe(
    Effect.timeoutOrElse({
      duration: Duration.millis(byDeadline ? remaining : timeoutMs),
      orElse: () =>
        Effect.fail(
          byDeadline
            ? deadlineError(state)
            : new CalComTimeoutError({
                operation: ctx.operation,
                requestId,
                scope: "attempt",
                timeoutMs,
                message: `${ctx.operation}: no response within ${timeoutMs} ms (attempt ${state.attempts}; request ${requestId})`
              })
        )
    }),
    // No answer (network failure, timeout, interruption): callers held for the first answer may go.
    Effect.onError(() => state.shared.limiter.settle),
    Effect.tapError((error) =>
      Effect.logDebug(`${ctx.operation} attempt ${state.attempts} failed`).pipe(
        Effect.annotateLogs({
          method: request.method,
          path: request.path,
          attempt: state.attempts,
          requestId,
          error: error._tag
        })
      )
    )
  )
}

/** Whether Debug lines would be logged: the per-response line is built only then. */
const debugEnabled = Effect.map(Effect.service(References.MinimumLogLevel), (level) =>
  LogLevel.isLessThanOrEqualTo(level, "Debug")
)

/** The per-response Debug line: method, path template, status, duration, attempt, request id. */
const logResponse = (state: CallState, response: Response, durationMs: number) =>
  Effect.logDebug(`${state.ctx.operation} ${response.status}`).pipe(
    Effect.annotateLogs({
      method: state.request.method,
      path: state.request.path,
      status: response.status,
      durationMs,
      attempt: state.attempts,
      requestId: state.requestId
    })
  )

/** A response as the call's result: the status table for errors, the decoder for a 2xx body. */
const settle = (state: CallState, result: RawResult, now: number): Effect.Effect<unknown, CalComError> =>
  Effect.gen(function* () {
    const { response } = result
    // Whatever the server wrote may echo the key (a proxy repeating `Authorization`): scrubbed before use.
    const text = scrubValue(response.ok ? result.data : result.error, state.shared.secret)
    const parsed = parseBody(text)
    const body = { operation: state.ctx.operation, requestId: state.requestId, status: response.status }
    if (response.ok) {
      if (parsed === NOT_JSON) return yield* notJsonError(body)
      return yield* decodeBody(state.request.decode, parsed, body)
    }
    // An error page that is not JSON (a proxy's HTML): the status says enough.
    const snapshot = yield* state.shared.limiter.snapshot
    return yield* Effect.fail(
      errorForStatus(response.status, parsed === NOT_JSON ? text : parsed, response.headers, now, state.ctx, snapshot)
    )
  })

/** One attempt: the rate-limit gate, the request under its timer, the answer read. */
const attempt = (state: CallState): Effect.Effect<unknown, CalComError> =>
  Effect.gen(function* () {
    yield* gate(state)
    const started = yield* Clock.currentTimeMillis
    const remaining = state.deadlineAt - started
    if (remaining <= 0) return yield* deadlineError(state)
    state.attempts++
    const result = yield* send(state, remaining)
    const now = yield* Clock.currentTimeMillis
    yield* state.shared.limiter.observe(result.response.headers)
    if (yield* debugEnabled) yield* logResponse(state, result.response, now - started)
    return yield* settle(state, result, now)
  })

// --- reconcile --------------------------------------------------------------------------------------

/** A failure the lookup could not settle, saying plainly when the server accepted the request. */
const unsettled = (error: CalComError): CalComError =>
  error._tag === "CalComDecodeError"
    ? new CalComDecodeError({
        ...error,
        message: `${error.message}; the server accepted the request (HTTP ${error.status ?? "2xx"}), so it was probably done, but the lookup to confirm it failed: check before trying again`
      })
    : error

/**
 * The failure was the server's final word (a 500, an unreadable 2xx, a refusal after an ambiguous
 * attempt): one lookup settles it. `None` proves nothing was made, so a retry is safe.
 */
const lookOnce = (
  state: CallState,
  lookup: Effect.Effect<Option.Option<unknown>, CalComError>,
  error: CalComError
): Effect.Effect<unknown, CalComError> =>
  Effect.flatMap(remainingMs(state), (left) =>
    lookup.pipe(
      // The lookup is part of the call: it ends with the call's deadline.
      Effect.timeoutOrElse({ duration: Duration.millis(left), orElse: () => Effect.fail(deadlineError(state)) }),
      Effect.flatMap(
        Option.match({
          onSome: (found) =>
            Effect.as(
              Effect.logInfo(
                `${state.ctx.operation}: attempt ${state.attempts} failed (${error._tag}) but the server had done the work; using it`
              ),
              found
            ),
          onNone: () =>
            Effect.sync(() => {
              state.proven.add(error)
            }).pipe(Effect.andThen(Effect.fail(error)))
        })
      ),
      // A lookup that fails proves nothing: report the original failure, not the lookup's.
      Effect.catch(() => Effect.fail(unsettled(error)))
    )
  )

/**
 * The original request may still be running on the server (a timeout, a gateway 502/503/504, a
 * connection lost after sending): it can complete after a lookup that finds nothing, so a resend
 * could make a second booking (on a round-robin event type, with another host). Never resend:
 * look again over a bounded window (the attempt timeout, within the deadline), and if it is still
 * not there, fail with `CalComOutcomeUnknownError` saying what to look up.
 */
const lookAgain = (
  state: CallState,
  lookup: Effect.Effect<Option.Option<unknown>, CalComError>,
  error: CalComError
): Effect.Effect<unknown, CalComError> =>
  Effect.gen(function* () {
    const { operation } = state.ctx
    const started = yield* Clock.currentTimeMillis
    const windowEnd = Math.min(started + state.timeoutMs, state.deadlineAt)
    let delay = LOOKUP_FIRST_DELAY_MS
    let lookups = 0
    for (;;) {
      const left = yield* remainingMs(state)
      // A lookup that fails or outlasts the deadline proves nothing: look again, or give up below.
      const found = yield* lookup.pipe(
        Effect.timeoutOrElse({ duration: Duration.millis(left), orElse: () => Effect.succeed(Option.none()) }),
        Effect.orElseSucceed(() => Option.none())
      )
      lookups++
      if (Option.isSome(found)) {
        yield* Effect.logInfo(
          `${operation}: attempt ${state.attempts} failed (${error._tag}) but the server had done the work (lookup ${lookups}); using it`
        )
        return found.value
      }
      const now = yield* Clock.currentTimeMillis
      if (now + delay > windowEnd) break
      yield* Effect.sleep(Duration.millis(delay))
      delay = Math.min(delay * 2, LOOKUP_MAX_DELAY_MS)
    }
    const elapsed = (yield* Clock.currentTimeMillis) - started
    const what = state.request.lookup ?? "what this call would have changed"
    return yield* new CalComOutcomeUnknownError({
      operation,
      requestId: state.requestId,
      lookup: what,
      after: `${error._tag}: ${error.message}`,
      message: `${operation}: the outcome is unknown after ${error._tag} (${error.message}); ${lookups} lookup(s) over ${elapsed} ms did not find it, and it was not sent again because the first request may still complete. Look up ${what} before trying again (request ${state.requestId})`
    })
  })

/** After an attempt of a call that may create something fails, looks up what the server did. */
const reconcile =
  (state: CallState) =>
  (attempted: Effect.Effect<unknown, CalComError>): Effect.Effect<unknown, CalComError> => {
    const lookup = state.request.reconcile
    if (state.idempotent || lookup === undefined) return attempted
    return Effect.catch(attempted, (error: CalComError) => {
      if (!needsReconcile(error, state.ambiguousBefore)) return Effect.fail(error)
      state.ambiguousBefore = true
      return mayStillBeInFlight(error) ? lookAgain(state, lookup, error) : lookOnce(state, lookup, error)
    })
  }

// --- retry ------------------------------------------------------------------------------------------

/** Whether the call tries again after `error`, given what it knows now. */
const retryAfter = (state: CallState, error: CalComError, now: number): boolean => {
  // A 429 whose window resets after the deadline: say so now rather than wait it out.
  const resetTooLate =
    error._tag === "CalComRateLimitError" &&
    error.retryAfterMs !== undefined &&
    now + error.retryAfterMs > state.deadlineAt
  const pastDeadline = error._tag === "CalComTimeoutError" && error.scope === "deadline"
  return (
    !resetTooLate &&
    !pastDeadline &&
    state.attempts <= state.maxRetries &&
    shouldRetry(error, state.idempotent, state.proven)
  )
}

/**
 * Retries on the backoff schedule while `retryAfter` allows. The decision logs, not the schedule:
 * a schedule step also runs for failures that are not retried. No wait outlasts the deadline:
 * the next attempt then fails with it at once.
 */
const retry =
  (state: CallState) =>
  (reconciled: Effect.Effect<unknown, CalComError>): Effect.Effect<unknown, CalComError> =>
    Effect.retry(reconciled, {
      schedule: Schedule.modifyDelay(state.shared.backoff, ({ duration }) =>
        Effect.map(remainingMs(state), (left) => Duration.min(duration, Duration.millis(left)))
      ),
      while: (error: CalComError) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          retryAfter(state, error, now)
            ? Effect.as(
                Effect.logInfo(
                  `${state.ctx.operation}: retry ${state.attempts} of ${state.maxRetries} after ${error._tag}`
                ).pipe(
                  Effect.annotateLogs({
                    requestId: state.requestId,
                    status: "status" in error ? error.status : undefined
                  })
                ),
                true
              )
            : Effect.succeed(false)
        )
    })

// --- breaker ----------------------------------------------------------------------------------------

/** Runs the retried call through the client's circuit breaker: one outcome per logical call. */
const breaker =
  (state: CallState) =>
  (retried: Effect.Effect<unknown, CalComError>): Effect.Effect<unknown, CalComError> => {
    const { settings } = state.shared
    return state.shared.breaker.execute(
      retried,
      classify,
      ({ retryAfterMs }) =>
        new CalComCircuitOpenError({
          operation: state.ctx.operation,
          requestId: state.requestId,
          key: `effect-calcom:${settings.baseUrl}`,
          retryAfterMs,
          message: `${state.ctx.operation}: ${settings.baseUrl} failed repeatedly, so calls fail fast for ${Math.ceil(retryAfterMs / 1000)} s (request ${state.requestId})`
        })
    )
  }

// --- The transport ----------------------------------------------------------------------------------

/** One logical call: `breaker(retry(reconcile(attempt)))` over a fresh state. */
const run = <A>(shared: Shared, request: Request<A>): Effect.Effect<A, CalComError> =>
  Effect.flatMap(begin(shared, request), (state) =>
    // The decoder makes the result an `A`; the steps only pass it along.
    Effect.mapError(breaker(state)(retry(state)(reconcile(state)(attempt(state)))), (error) =>
      scrubError(error, shared.secret)
    )
  ) as Effect.Effect<A, CalComError>

/** @internal */
export const makeTransport = (options: {
  readonly client: CalComClient
  readonly settings: ResolvedOptions
  readonly limiter: RateLimiter
  readonly breaker: Breaker
}): Transport => {
  const { client, settings, limiter, breaker } = options
  const shared: Shared = {
    send: client.request as SendRequest,
    settings,
    limiter,
    breaker,
    backoff: retrySchedule(settings),
    // Unwrapped only to recognise it in what servers and the network say, never to show it.
    secret: Redacted.value(settings.apiKey),
    host: new URL(settings.baseUrl).host
  }
  return {
    call: (operation) => run(shared, operation),
    dispatch: (request) => run(shared, request),
    circuit: breaker.state,
    rateLimits: limiter.snapshot
  }
}

/**
 * Builds a transport for resolved settings: the openapi-fetch client, a rate limiter and a
 * circuit breaker, all owned by the layer that builds them; shared with other clients of the same
 * key when a `Coordination` is given.
 *
 * @internal
 */
export const buildTransport = (settings: ResolvedOptions, coordination?: Coordination["Service"]) =>
  Effect.gen(function* () {
    const breakerSettings = {
      failures: settings.breakerFailures,
      openDuration: settings.breakerOpen,
      maxOpenDuration: settings.breakerMaxOpen
    }
    const local = { limiter: yield* makeRateLimiter, breaker: makeBreaker(breakerSettings) }
    const { limiter, breaker } =
      coordination === undefined
        ? local
        : yield* coordination.gate({
            apiKey: settings.apiKey,
            baseUrl: settings.baseUrl,
            breaker: breakerSettings,
            timeout: settings.timeout,
            local
          })
    const client = makeOpenApiClient({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      fetch: boundedFetch(settings.fetch, settings.maxResponseBytes)
    })
    return makeTransport({ client, settings, limiter, breaker })
  })
