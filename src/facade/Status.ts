/**
 * What a failed exchange means: the status table (an HTTP status and Cal.com's error envelope
 * as a typed error, redirects included), the classification of a thrown `fetch` error (did
 * anything reach the server? was it the body cap, a bad URL, a body that does not decompress?),
 * and the scrubbing of the key from whatever an error ends up carrying.
 *
 * @internal
 */

import type { ValidationIssueList } from "./Decode.js"
import {
  CalComApiError,
  CalComAuthError,
  CalComConflictError,
  CalComDecodeError,
  type CalComError,
  CalComNotFoundError,
  CalComRateLimitError,
  CalComTransportError,
  CalComValidationError,
  type ValidationIssue
} from "./Errors.js"
import { BodyTooLarge, capText, scrubValue } from "./internal/Body.js"
import { waitFromHeaders } from "./RateLimit.js"

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

/** Which call an error is about. */
export interface CallContext {
  readonly operation: string
  readonly requestId: string
  /** What a 404 means: the resource kind and id looked up. */
  readonly resource?: Resource | undefined
  /** The API's host, for messages about connections. */
  readonly host?: string | undefined
}

/** The resource kind and id an operation looks up (`booking`, `bk_123`). */
export interface Resource {
  readonly kind: string
  readonly id: string
}

/** What a 401, 403 or 498 means. */
const authProblem = (status: number): string =>
  status === 498
    ? "the access token has expired"
    : status === 401
      ? "the API key is missing or invalid"
      : "the API key may not access this"

/** What a 3xx means: redirects are not followed. */
const redirected = (headers: Headers): string => {
  const location = headers.get("location")
  return `the server redirected to ${location === null ? "(no Location)" : capText(location, 200)}; redirects are not followed, so nothing was read from there (check the base URL)`
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
      return new CalComAuthError({ ...base, message: describe(authProblem(status)) })
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
      // Redirects are not followed: a cross-origin 307 would re-send the body (attendee data)
      // elsewhere and return another server's answer as Cal.com's.
      const what =
        status >= 300 && status < 400 ? redirected(headers) : status >= 500 ? "the server failed" : "unexpected status"
      return new CalComApiError({ ...base, message: describe(what) })
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
  // `message` and `cause` are an Error's own but not enumerable: named explicitly.
  const keys = [...new Set([...Object.keys(fields), "message"])].filter((key) => key !== "_tag")
  const dirty = keys.some((key) => {
    const value = fields[key]
    return typeof value === "string"
      ? value.includes(secret)
      : Array.isArray(value) && JSON.stringify(value).includes(secret)
  })
  if (!dirty) return error
  const clean: Record<string, unknown> = {}
  for (const key of keys) clean[key] = scrubValue(fields[key], secret)
  if ("cause" in error && error.cause !== undefined) clean["cause"] = error.cause
  const Class = error.constructor as new (props: Record<string, unknown>) => CalComError
  return new Class(clean)
}
