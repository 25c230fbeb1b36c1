/**
 * What a failed exchange means: the status table (an HTTP status and Cal.com's error envelope
 * as a typed error) and the classification of a thrown `fetch` error (did anything reach the
 * server?).
 *
 * @internal
 */

import type { ValidationIssueList } from "./Decode.js"
import {
  CalComApiError,
  CalComAuthError,
  CalComConflictError,
  type CalComError,
  CalComNotFoundError,
  CalComRateLimitError,
  CalComTransportError,
  CalComValidationError,
  type ValidationIssue
} from "./Errors.js"
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
}

/** The resource kind and id an operation looks up (`booking`, `bk_123`). */
export interface Resource {
  readonly kind: string
  readonly id: string
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
  const server = envelope.message ?? (typeof body === "string" && body.length < 200 ? body : undefined)
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
    default:
      return new CalComApiError({
        ...base,
        message: describe(status >= 500 ? "the server failed" : "unexpected status")
      })
  }
}

// --- Network failures -----------------------------------------------------------------------

/** Error codes meaning the connection was never made, so nothing reached the server. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "ERR_TLS_CERT_ALTNAME_INVALID"
])

const errorCode = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string") return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** A thrown fetch error as a transport error; says whether the request may have reached the server. */
export const transportError = (error: unknown, ctx: CallContext): CalComTransportError => {
  const code = errorCode(error)
  const mayHaveReachedServer = code === undefined || !NOT_SENT.has(code)
  const reason = error instanceof Error ? error.message : String(error)
  return new CalComTransportError({
    operation: ctx.operation,
    requestId: ctx.requestId,
    mayHaveReachedServer,
    message: `${ctx.operation}: network failure (${code ?? reason})${mayHaveReachedServer ? "" : "; nothing was sent"} (request ${ctx.requestId})`
  })
}
