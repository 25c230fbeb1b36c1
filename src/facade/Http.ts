/**
 * The transport: the one place a facade call crosses from Effect to `fetch` and back.
 *
 * One logical call = this pipeline, outside in:
 * 1. the circuit breaker (`Breaker.ts`: one outcome per logical call; only 5xx, timeouts and
 *    network failures count against it);
 * 2. retries on a declared schedule, only when safe (see `shouldRetry`);
 * 3. one attempt: wait for the rate-limit window if it is used up, send through openapi-fetch
 *    with Effect's `AbortSignal` (interrupting the fiber aborts the request) under one timer,
 *    record the rate-limit headers, map the status to a typed error, parse and decode the body.
 * The overall deadline (`CalComTimeoutError`, scope `deadline`) needs no timer of its own: no
 * wait (rate-limit window, backoff) outlasts it, and an attempt's timer is the attempt timeout
 * or what is left of the deadline, whichever is shorter.
 * A call that may have created something is never repeated blindly: after an ambiguous
 * failure it runs its `reconcile` lookup and returns what the server made, or retries only
 * when the lookup proves nothing was made.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as References from "effect/References"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { type Breaker, type CircuitState, makeBreaker, type Outcome } from "./Breaker.js"
import type { ResolvedOptions } from "./Config.js"
import {
  CalComApiError,
  CalComAuthError,
  CalComCircuitOpenError,
  CalComConflictError,
  CalComDecodeError,
  type CalComError,
  CalComNotFoundError,
  CalComOutcomeUnknownError,
  CalComRateLimitError,
  CalComTimeoutError,
  CalComTransportError,
  CalComValidationError,
  type ValidationIssue
} from "./Errors.js"
import { BodyTooLarge, boundedFetch, capText, scrubValue } from "./internal/Body.js"
import { type CalComClient, makeOpenApiClient } from "./internal/OpenApiClient.js"
import { makeRateLimiter, type RateLimiter, waitFromHeaders } from "./RateLimit.js"
import { CurrentRequestOptions } from "./RequestOptions.js"

/** What openapi-fetch resolves with when asked to `parseAs: "text"`. */
export interface RawResult {
  readonly response: Response
  readonly data?: unknown
  readonly error?: unknown
}

/** Spread into every openapi-fetch call: the abort signal, raw text bodies, the request id. */
// A type alias, not an interface: openapi-fetch's options need an index signature.
export type SendInit = {
  readonly signal: AbortSignal
  readonly parseAs: "text"
  readonly headers: { readonly "X-Request-Id": string }
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** One facade operation, as the resources describe it to the transport. */
export interface Call<A> {
  /** `Bookings.get`: names logs, spans and errors. */
  readonly operation: string
  readonly method: HttpMethod
  /** The path template (`/v2/bookings/{bookingUid}`): logged instead of the URL, which may hold personal data. */
  readonly path: string
  /** What a 404 means: the resource kind and id looked up. */
  readonly resource?: { readonly kind: string; readonly id: string } | undefined
  /** A POST that may be repeated safely (cancelling twice cancels once). GET, PUT, DELETE always are. */
  readonly idempotent?: boolean | undefined
  /**
   * For calls that create something: finds what an attempt that failed ambiguously may have
   * created. `Some` ends the call with it; `None` proves nothing was made, so a retry is safe.
   */
  readonly reconcile?: Effect.Effect<Option.Option<A>, CalComError> | undefined
  /** What `reconcile` looks for, in words, for `CalComOutcomeUnknownError` (the booking by event type, start and attendee). */
  readonly lookup?: string | undefined
  readonly send: (client: CalComClient, init: SendInit) => Promise<RawResult>
  /** Decodes the parsed JSON of a 2xx body. */
  readonly decode: (body: unknown) => Effect.Effect<A, ValidationIssueList>
}

/** What a decoder reports when the body does not match. */
export type ValidationIssueList = ReadonlyArray<ValidationIssue>

/** A decoder from an `effect/Schema` schema, reporting issues with their paths. */
export const decodeWith =
  <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  (body: unknown): Effect.Effect<S["Type"], ValidationIssueList> =>
    Schema.decodeUnknownEffect(schema)(body).pipe(Effect.mapError(schemaIssues))

const standardIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * Flattens a schema error into `{ path, message }` issues, with the library's own formatter
 * (the message says what was wrong, e.g. `Expected number`, without the value; the path is `data.id`).
 */
export const schemaIssues = (error: Schema.SchemaError): ValidationIssueList => {
  const issues = standardIssues(error.issue).issues.map((issue) => ({
    path: (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join("."),
    message: issue.message
  }))
  return issues.length > 0 ? issues : [{ path: "", message: String(error.message) }]
}

// --- Errors from responses --------------------------------------------------------------

interface Envelope {
  readonly code?: string
  readonly message?: string
  readonly details?: unknown
}

/** The `error` object of Cal.com's error envelope, tolerating other shapes. */
const readEnvelope = (body: unknown): Envelope => {
  if (typeof body !== "object" || body === null) return {}
  const error = (body as { error?: unknown }).error
  if (typeof error === "object" && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown }
    return {
      ...(typeof code === "string" ? { code } : {}),
      ...(typeof message === "string" ? { message } : {}),
      ...(details === undefined ? {} : { details })
    }
  }
  const message = (body as { message?: unknown }).message
  return typeof message === "string" ? { message } : {}
}

/** Field-level issues from an error envelope's `details` (class-validator output, message lists). */
export const detailIssues = (details: unknown, fallback: string): ValidationIssueList => {
  const issues: Array<ValidationIssue> = []
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") issues.push({ path, message: value })
    else if (Array.isArray(value)) for (const item of value) visit(item, path)
    else if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>
      // class-validator puts no `constraints` on a parent whose only failures are in `children`.
      if (
        typeof record["property"] === "string" &&
        (typeof record["constraints"] === "object" || Array.isArray(record["children"]))
      ) {
        const at = path ? `${path}.${record["property"]}` : record["property"]
        for (const message of Object.values(record["constraints"] ?? {})) visit(message, at)
        if (Array.isArray(record["children"])) visit(record["children"], at)
      } else if (Array.isArray(record["errors"])) visit(record["errors"], path)
      else if (Array.isArray(record["message"]) || typeof record["message"] === "string") visit(record["message"], path)
    }
  }
  visit(details, "")
  return issues.length > 0 ? issues : [{ path: "", message: fallback }]
}

interface CallContext {
  readonly operation: string
  readonly requestId: string
  readonly resource: Call<unknown>["resource"]
  /** The API's host, for messages about connections. */
  readonly host?: string | undefined
}

/** The status table: 401/403/498 auth, 404 not found, 400/422 rejected, 409 conflict, 429 rate limited, else API. */
export const errorForStatus = (
  status: number,
  body: unknown,
  headers: Headers,
  now: number,
  ctx: CallContext,
  rateLimits: CalComRateLimitError["rateLimits"]
): CalComError => {
  const envelope = readEnvelope(body)
  const said = envelope.message ?? (typeof body === "string" && body.trim() !== "" ? body : undefined)
  // Server text is copied into messages only in part: a 50 MB "message" must not become one.
  const server = said === undefined ? undefined : capText(said, 300)
  const describe = (what: string) =>
    `${ctx.operation}: ${what} (HTTP ${status}${envelope.code ? ` ${envelope.code}` : ""}${server ? `: ${server}` : ""}; request ${ctx.requestId})`
  const base = {
    operation: ctx.operation,
    status,
    requestId: ctx.requestId,
    ...(envelope.code === undefined ? {} : { code: envelope.code })
  }
  switch (status) {
    case 401:
    case 403:
    case 498:
      return new CalComAuthError({
        ...base,
        message: describe(
          status === 498
            ? "the access token has expired"
            : status === 401
              ? "the API key is missing or invalid"
              : "the API key may not access this"
        )
      })
    case 404:
      return new CalComNotFoundError({
        ...base,
        message: describe(ctx.resource ? `${ctx.resource.kind} ${ctx.resource.id} was not found` : "not found"),
        ...(ctx.resource ? { resource: ctx.resource.kind, id: ctx.resource.id } : {})
      })
    case 400:
    case 422:
      return new CalComValidationError({
        ...base,
        message: describe("the server rejected the input"),
        issues: detailIssues(envelope.details, server ?? "invalid input")
          .slice(0, 50)
          .map((issue) => ({ path: capText(issue.path, 200), message: capText(issue.message, 300) }))
      })
    case 409:
      return new CalComConflictError({ ...base, message: describe("conflict") })
    case 429: {
      const wait = waitFromHeaders(headers, now)
      return new CalComRateLimitError({
        ...base,
        message: describe(
          `rate limited${wait === undefined ? "" : `; the window resets in ${Math.ceil(wait / 1000)} s`}`
        ),
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
        rateLimits
      })
    }
    default: {
      if (status >= 300 && status < 400) {
        // Redirects are not followed: a cross-origin 307 would re-send the body (attendee data)
        // elsewhere and return another server's answer as Cal.com's.
        const location = headers.get("location")
        return new CalComApiError({
          ...base,
          message: describe(
            `the server redirected to ${location === null ? "(no Location)" : capText(location, 200)}; redirects are not followed, so nothing was read from there (check the base URL)`
          )
        })
      }
      return new CalComApiError({
        ...base,
        message: describe(status >= 500 ? "the server failed" : "unexpected status")
      })
    }
  }
}

// --- Network failures -----------------------------------------------------------------------

/** Error codes meaning the connection was never made (DNS, TCP, TLS handshake), so nothing reached the server. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  // Not a system code: fetch refuses ports on the Fetch standard's blocked list ("bad port") before connecting.
  "ERR_BAD_PORT"
])

/** What the cause chain of a thrown fetch error says: the first error code and host, and whether it is our body cap. */
export interface FetchFailure {
  readonly code?: string | undefined
  readonly host?: string | undefined
  readonly tooLarge?: BodyTooLarge | undefined
  readonly reason: string
}

/** Walks `cause` (and an `AggregateError`'s `errors`, as Node's connect-to-every-address gives) a few levels deep. */
export const readFetchFailure = (error: unknown): FetchFailure => {
  let code: string | undefined
  let host: string | undefined
  let tooLarge: BodyTooLarge | undefined
  const queue: Array<unknown> = [error]
  for (let seen = 0; queue.length > 0 && seen < 12; seen++) {
    const current = queue.shift()
    if (current === null || typeof current !== "object") continue
    if (current instanceof BodyTooLarge) tooLarge ??= current
    const record = current as { code?: unknown; hostname?: unknown; host?: unknown; address?: unknown; port?: unknown }
    if (code === undefined && typeof record.code === "string") code = record.code
    if (code === undefined && current instanceof Error && current.message === "bad port") code = "ERR_BAD_PORT"
    if (host === undefined) {
      const name = [record.hostname, record.host, record.address].find((v) => typeof v === "string")
      if (typeof name === "string") host = typeof record.port === "number" ? `${name}:${record.port}` : name
    }
    queue.push((current as { cause?: unknown }).cause)
    const errors = (current as { errors?: unknown }).errors
    if (Array.isArray(errors)) queue.push(...errors)
  }
  return { code, host, tooLarge, reason: error instanceof Error ? error.message : String(error) }
}

const isDecompressionFailure = (code: string | undefined) =>
  code !== undefined && (code.startsWith("Z_") || code.startsWith("ERR_ZLIB") || code === "ERR_BROTLI")
const isMalformedUrl = (failure: FetchFailure) =>
  failure.code === "ERR_INVALID_URL" || /invalid url|failed to parse url/i.test(failure.reason)

/**
 * A thrown fetch error as a typed error. A connection never made is a `CalComTransportError`
 * with `mayHaveReachedServer: false` (retried freely, never reconciled); a body past the cap or
 * one that does not decompress is a `CalComDecodeError` (not retried: the answer came, unreadable);
 * a URL that cannot be built is a `CalComValidationError` (nothing was sent). The message names
 * the host and code; the error keeps the cause.
 */
export const transportError = (error: unknown, ctx: CallContext): CalComError => {
  const failure = readFetchFailure(error)
  const { code, tooLarge } = failure
  const host = failure.host ?? ctx.host
  if (tooLarge !== undefined || isDecompressionFailure(code)) {
    const what =
      tooLarge !== undefined
        ? `the response body exceeds ${tooLarge.limit} bytes (maxResponseBytes), so reading stopped`
        : `the response body could not be decompressed (${code})`
    return new CalComDecodeError({
      operation: ctx.operation,
      requestId: ctx.requestId,
      ...(tooLarge !== undefined ? { status: tooLarge.status } : {}),
      issues: [{ path: "", message: what }],
      message: `${ctx.operation}: ${what} (request ${ctx.requestId})`
    })
  }
  if (isMalformedUrl(failure)) {
    return new CalComValidationError({
      operation: ctx.operation,
      requestId: ctx.requestId,
      issues: [{ path: "", message: "the request URL is not valid" }],
      message: `${ctx.operation}: the request URL is not valid (${capText(failure.reason, 200)}); nothing was sent (request ${ctx.requestId})`
    })
  }
  const mayHaveReachedServer = code === undefined || !NOT_SENT.has(code)
  const what = mayHaveReachedServer
    ? `network failure talking to ${host ?? "the server"} (${code ?? capText(failure.reason, 200)})`
    : `could not connect to ${host ?? "the server"} (${code}); nothing was sent`
  return new CalComTransportError({
    operation: ctx.operation,
    requestId: ctx.requestId,
    mayHaveReachedServer,
    ...(code === undefined ? {} : { code }),
    ...(host === undefined ? {} : { host }),
    cause: error,
    message: `${ctx.operation}: ${what} (request ${ctx.requestId})`
  })
}

/** `error` with the configured key scrubbed from every string it carries (server and network words included). */
export const scrubError = (error: CalComError, secret: string): CalComError => {
  const fields = error as unknown as Record<string, unknown>
  const dirty = Object.keys(fields).some((key) => {
    const value = fields[key]
    return typeof value === "string"
      ? value.includes(secret)
      : Array.isArray(value) && JSON.stringify(value).includes(secret)
  })
  if (!dirty) return error
  const clean: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) {
    if (key === "_tag") continue
    clean[key] = key === "cause" ? fields[key] : scrubValue(fields[key], secret)
  }
  const Class = error.constructor as new (props: Record<string, unknown>) => CalComError
  return new Class(clean)
}

// --- Retry policy ------------------------------------------------------------------------------

/**
 * Whether the request may still be running on the server: the client gave up (timeout), a
 * gateway answered for an origin that may still be working (502, 503, 504), or the connection was
 * lost after sending. A 500 is the origin's own final answer.
 */
export const mayStillBeInFlight = (error: CalComError): boolean =>
  error._tag === "CalComTimeoutError" ||
  (error._tag === "CalComTransportError" && error.mayHaveReachedServer) ||
  (error._tag === "CalComApiError" && (error.status === 502 || error.status === 503 || error.status === 504))

/** First and longest pause between lookups after a failure that may still be in flight. */
const LOOKUP_FIRST_DELAY_MS = 250
const LOOKUP_MAX_DELAY_MS = 4_000

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

// --- The transport -----------------------------------------------------------------------------

export interface Transport {
  readonly call: <A>(call: Call<A>) => Effect.Effect<A, CalComError>
  /** State of the circuit guarding this client's base URL. */
  readonly circuit: Effect.Effect<CircuitState>
  readonly rateLimits: RateLimiter["snapshot"]
}

const newRequestId = () => `ecc_${globalThis.crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`

const NOT_JSON: unique symbol = Symbol("effect-calcom/NotJson")

/** The JSON in a body read as text (`null` when empty), or `NOT_JSON`. */
const parseBody = (text: unknown): unknown => {
  if (typeof text !== "string") return text
  if (text.trim() === "") return null
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}

/** What one logical call tells the breaker: only 5xx, timeouts and network failures count. */
const classify = (error: CalComError | undefined): Outcome => {
  if (error === undefined) return "success"
  if (error._tag === "CalComRateLimitError") return "ignored"
  if (error._tag === "CalComOutcomeUnknownError") return "failure"
  return isAmbiguous(error) || (error._tag === "CalComTransportError" && !error.mayHaveReachedServer)
    ? "failure"
    : "success"
}

/** @internal */
export const makeTransport = (options: {
  readonly client: CalComClient
  readonly settings: ResolvedOptions
  readonly limiter: RateLimiter
  readonly breaker: Breaker
}): Transport => {
  const { client, settings, limiter, breaker } = options
  const breakerKey = `effect-calcom:${settings.baseUrl}`
  const apiHost = new URL(settings.baseUrl).host
  // Unwrapped only to recognise it: any server or network text containing it is scrubbed.
  const secret = Redacted.value(settings.apiKey)
  const backoff = retrySchedule(settings)

  const call = <A>(spec: Call<A>): Effect.Effect<A, CalComError> =>
    Effect.gen(function* () {
      const overrides = yield* Effect.service(CurrentRequestOptions)
      const timeoutMs = Duration.toMillis(Duration.fromInputUnsafe(overrides.timeout ?? settings.timeout))
      const deadlineMs = Duration.toMillis(Duration.fromInputUnsafe(overrides.deadline ?? settings.deadline))
      const maxRetries = overrides.maxRetries ?? settings.maxRetries
      const waitOnRateLimit = overrides.waitOnRateLimit ?? settings.waitOnRateLimit
      const idempotent = spec.idempotent === true || (spec.method !== "POST" && spec.method !== "PATCH")
      const requestId = newRequestId()
      const ctx: CallContext = { operation: spec.operation, requestId, resource: spec.resource, host: apiHost }
      const deadlineAt = (yield* Clock.currentTimeMillis) + deadlineMs
      const proven = new Set<CalComError>()
      let ambiguousBefore = false
      let attempt = 0

      yield* Effect.annotateCurrentSpan({
        "http.request.method": spec.method,
        "http.route": spec.path,
        "calcom.request_id": requestId
      })

      const deadlineError = () =>
        new CalComTimeoutError({
          operation: spec.operation,
          requestId,
          scope: "deadline",
          timeoutMs: deadlineMs,
          message: `${spec.operation}: not done within the ${deadlineMs} ms deadline after ${attempt} attempt(s) (request ${requestId})`
        })

      const gate = Effect.gen(function* () {
        if (!waitOnRateLimit) return
        const wait = yield* limiter.reserve
        if (wait <= 0) return
        const now = yield* Clock.currentTimeMillis
        if (now + wait > deadlineAt) {
          return yield* new CalComRateLimitError({
            operation: spec.operation,
            requestId,
            retryAfterMs: wait,
            rateLimits: yield* limiter.snapshot,
            message: `${spec.operation}: the rate limit is used up and resets in ${Math.ceil(wait / 1000)} s, after this call's deadline (request ${requestId})`
          })
        }
        yield* Effect.logDebug(`${spec.operation}: waiting ${wait} ms for the rate-limit window`)
        yield* Effect.sleep(Duration.millis(wait))
      })

      const send = Effect.gen(function* () {
        yield* gate
        const started = yield* Clock.currentTimeMillis
        // One timer per attempt: the attempt's timeout, or what is left of the deadline if less.
        const remaining = deadlineAt - started
        if (remaining <= 0) return yield* deadlineError()
        attempt++
        const byDeadline = remaining < timeoutMs
        const result = yield* Effect.tryPromise({
          try: (signal) => spec.send(client, { signal, parseAs: "text", headers: { "X-Request-Id": requestId } }),
          catch: (error) => transportError(error, ctx)
        }).pipe(
          Effect.timeoutOrElse({
            duration: Duration.millis(byDeadline ? remaining : timeoutMs),
            orElse: () =>
              Effect.fail(
                byDeadline
                  ? deadlineError()
                  : new CalComTimeoutError({
                      operation: spec.operation,
                      requestId,
                      scope: "attempt",
                      timeoutMs,
                      message: `${spec.operation}: no response within ${timeoutMs} ms (attempt ${attempt}; request ${requestId})`
                    })
              )
          }),
          // No answer (network failure, timeout, interruption): callers held for the first answer may go.
          Effect.onError(() => limiter.settle),
          Effect.tapError((error) =>
            Effect.logDebug(`${spec.operation} attempt ${attempt} failed`).pipe(
              Effect.annotateLogs({ method: spec.method, path: spec.path, attempt, requestId, error: error._tag })
            )
          )
        )
        const { response } = result
        const now = yield* Clock.currentTimeMillis
        yield* limiter.observe(response.headers)
        if (yield* debugEnabled) {
          yield* Effect.logDebug(`${spec.operation} ${response.status}`).pipe(
            Effect.annotateLogs({
              method: spec.method,
              path: spec.path,
              status: response.status,
              durationMs: now - started,
              attempt,
              requestId
            })
          )
        }
        // Whatever the server wrote may echo the key (a proxy repeating `Authorization`): scrubbed before use.
        const text = scrubValue(response.ok ? result.data : result.error, secret)
        let parsed = parseBody(text)
        if (parsed === NOT_JSON) {
          if (response.ok) {
            return yield* new CalComDecodeError({
              operation: spec.operation,
              requestId,
              status: response.status,
              issues: [{ path: "", message: "the body is not JSON" }],
              message: `${spec.operation}: HTTP ${response.status} with a body that is not JSON (request ${requestId})`
            })
          }
          // An error page that is not JSON (a proxy's HTML): the status says enough.
          parsed = text
        }
        if (!response.ok) {
          return yield* Effect.fail(
            errorForStatus(response.status, parsed, response.headers, now, ctx, yield* limiter.snapshot)
          )
        }
        return yield* spec.decode(parsed).pipe(
          Effect.mapError(
            (issues) =>
              new CalComDecodeError({
                operation: spec.operation,
                requestId,
                status: response.status,
                issues,
                message: `${spec.operation}: the response does not match the expected shape (${issues
                  .slice(0, 3)
                  .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
                  .join("; ")}) (request ${requestId})`
              })
          )
        )
      })

      /**
       * The failure was the server's final word (a 500, an unreadable 2xx, a refusal after an
       * ambiguous attempt): one lookup settles it. `None` proves nothing was made, so a retry is safe.
       */
      const lookOnce = (reconcile: Effect.Effect<Option.Option<A>, CalComError>, error: CalComError) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          reconcile.pipe(
            // The lookup is part of the call: it ends with the call's deadline.
            Effect.timeoutOrElse({
              duration: Duration.millis(Math.max(0, deadlineAt - now)),
              orElse: () => Effect.fail(deadlineError())
            }),
            Effect.flatMap(
              Option.match({
                onSome: (found) =>
                  Effect.as(
                    Effect.logInfo(
                      `${spec.operation}: attempt ${attempt} failed (${error._tag}) but the server had done the work; using it`
                    ),
                    found
                  ),
                onNone: () =>
                  Effect.sync(() => {
                    proven.add(error)
                  }).pipe(Effect.andThen(Effect.fail(error)))
              })
            ),
            // A lookup that fails proves nothing: report the original failure, not the lookup's,
            // saying plainly when the server accepted the request.
            Effect.catch(() =>
              Effect.fail(
                error._tag === "CalComDecodeError"
                  ? new CalComDecodeError({
                      ...error,
                      message: `${error.message}; the server accepted the request (HTTP ${error.status ?? "2xx"}), so it was probably done, but the lookup to confirm it failed: check before trying again`
                    })
                  : error
              )
            )
          )
        )

      /**
       * The original request may still be running on the server (a timeout, a gateway 502/503/504,
       * a connection lost after sending): it can complete after a lookup that finds nothing, so a
       * resend could make a second booking (on a round-robin event type, with another host). Never
       * resend: look again over a bounded window (the attempt timeout, within the deadline), and
       * if it is still not there, fail with `CalComOutcomeUnknownError` saying what to look up.
       */
      const lookAgain = (reconcile: Effect.Effect<Option.Option<A>, CalComError>, error: CalComError) =>
        Effect.gen(function* () {
          const started = yield* Clock.currentTimeMillis
          const windowEnd = Math.min(started + timeoutMs, deadlineAt)
          let delay = LOOKUP_FIRST_DELAY_MS
          let lookups = 0
          for (;;) {
            const now = yield* Clock.currentTimeMillis
            // A lookup that fails or outlasts the deadline proves nothing: look again, or give up below.
            const found = yield* reconcile.pipe(
              Effect.timeoutOrElse({
                duration: Duration.millis(Math.max(0, deadlineAt - now)),
                orElse: () => Effect.succeed(Option.none<A>())
              }),
              Effect.orElseSucceed(() => Option.none<A>())
            )
            lookups++
            if (Option.isSome(found)) {
              yield* Effect.logInfo(
                `${spec.operation}: attempt ${attempt} failed (${error._tag}) but the server had done the work (lookup ${lookups}); using it`
              )
              return found.value
            }
            const after = yield* Clock.currentTimeMillis
            if (after + delay > windowEnd) break
            yield* Effect.sleep(Duration.millis(delay))
            delay = Math.min(delay * 2, LOOKUP_MAX_DELAY_MS)
          }
          const elapsed = (yield* Clock.currentTimeMillis) - started
          const lookup = spec.lookup ?? "what this call would have changed"
          return yield* new CalComOutcomeUnknownError({
            operation: spec.operation,
            requestId,
            lookup,
            after: `${error._tag}: ${error.message}`,
            message: `${spec.operation}: the outcome is unknown after ${error._tag} (${error.message}); ${lookups} lookup(s) over ${elapsed} ms did not find it, and it was not sent again because the first request may still complete. Look up ${lookup} before trying again (request ${requestId})`
          })
        })

      /** An attempt, with reconciliation for calls that may create something. */
      const guarded: Effect.Effect<A, CalComError> = send.pipe(
        Effect.catch((error: CalComError) => {
          const reconcile = spec.reconcile
          // After an ambiguous attempt, a refusal from the server (409 "slot taken", 400 "already
          // cancelled") may be our own earlier attempt's work: look before reporting it.
          const conflictAfterAmbiguous =
            ambiguousBefore &&
            (error._tag === "CalComConflictError" ||
              (error._tag === "CalComValidationError" && error.status !== undefined))
          // A 2xx we cannot read means the server did the work: find it rather than report failure.
          const doneButUnreadable = error._tag === "CalComDecodeError"
          if (
            idempotent ||
            reconcile === undefined ||
            !(isAmbiguous(error) || conflictAfterAmbiguous || doneButUnreadable)
          ) {
            return Effect.fail(error)
          }
          ambiguousBefore = true
          return mayStillBeInFlight(error) ? lookAgain(reconcile, error) : lookOnce(reconcile, error)
        })
      )

      // The decision logs, not the schedule: a schedule step also runs for failures that are not
      // retried. No wait outlasts the deadline: the next attempt then fails with it at once.
      const retried = guarded.pipe(
        Effect.retry({
          schedule: Schedule.modifyDelay(backoff, ({ duration }) =>
            Effect.map(Clock.currentTimeMillis, (now) =>
              Duration.min(duration, Duration.millis(Math.max(0, deadlineAt - now)))
            )
          ),
          while: (error: CalComError) =>
            Effect.flatMap(Clock.currentTimeMillis, (now) => {
              // A 429 whose window resets after the deadline: say so now rather than wait it out.
              const resetTooLate =
                error._tag === "CalComRateLimitError" &&
                error.retryAfterMs !== undefined &&
                now + error.retryAfterMs > deadlineAt
              const pastDeadline = error._tag === "CalComTimeoutError" && error.scope === "deadline"
              const retry =
                !resetTooLate && !pastDeadline && attempt <= maxRetries && shouldRetry(error, idempotent, proven)
              return retry
                ? Effect.as(
                    Effect.logInfo(`${spec.operation}: retry ${attempt} of ${maxRetries} after ${error._tag}`).pipe(
                      Effect.annotateLogs({ requestId, status: "status" in error ? error.status : undefined })
                    ),
                    true
                  )
                : Effect.succeed(false)
            })
        })
      )

      return yield* Effect.mapError(
        breaker.execute(
          retried,
          classify,
          ({ retryAfterMs }) =>
            new CalComCircuitOpenError({
              operation: spec.operation,
              requestId,
              key: breakerKey,
              retryAfterMs,
              message: `${spec.operation}: ${settings.baseUrl} failed repeatedly, so calls fail fast for ${Math.ceil(retryAfterMs / 1000)} s (request ${requestId})`
            })
        ),
        (error) => scrubError(error, secret)
      )
    })

  return { call, circuit: breaker.state, rateLimits: limiter.snapshot }
}

/** Whether Debug lines would be logged: the per-response line is built only then. */
const debugEnabled = Effect.map(Effect.service(References.MinimumLogLevel), (level) =>
  LogLevel.isLessThanOrEqualTo(level, "Debug")
)

/**
 * Builds a transport for resolved settings: the openapi-fetch client, a rate limiter and a
 * circuit breaker, all owned by the layer that builds them.
 *
 * @internal
 */
export const buildTransport = (settings: ResolvedOptions) =>
  Effect.gen(function* () {
    const breaker = makeBreaker({
      failures: settings.breakerFailures,
      openDuration: settings.breakerOpen,
      maxOpenDuration: settings.breakerMaxOpen
    })
    const limiter = yield* makeRateLimiter
    const client = makeOpenApiClient({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      fetch: boundedFetch(settings.fetch, settings.maxResponseBytes)
    })
    return makeTransport({ client, settings, limiter, breaker })
  })
