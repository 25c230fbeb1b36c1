/**
 * The closed set of errors every facade operation can fail with.
 *
 * Each is a `Schema.TaggedError` whose tag is its class name, prefixed `CalCom` so that a user's
 * `catchTags` never collides with their own errors. Each carries the operation, and where the
 * server answered, the HTTP status, the server's error code and message, and a request id.
 * `isRetryable` (next to them, not at call sites) says which failures a retry can help.
 */
import * as Schema from "effect/Schema"
import { Slot } from "./Models.js"

const common = {
  /** The facade operation, e.g. `Bookings.create`. */
  operation: Schema.String,
  /** A sentence for a human reading a log. Never contains the API key. */
  message: Schema.String,
  /** Id of the logical call (all its attempts), and the server's if it sent one. */
  requestId: Schema.optional(Schema.String)
}

const fromServer = {
  ...common,
  status: Schema.Number,
  /** The server's error code: open set, often an exception name (`NotFoundException`). */
  code: Schema.optional(Schema.String)
}

/** Configuration is missing or invalid. Names the variable, never its value. */
export class CalComConfigError extends Schema.TaggedError<CalComConfigError>()("CalComConfigError", {
  variable: Schema.String,
  message: Schema.String
}) {}

/** 401, 403 or 498 (expired token): the key is missing, wrong, expired or lacks access. */
export class CalComAuthError extends Schema.TaggedError<CalComAuthError>()("CalComAuthError", fromServer) {}

/** 404: the resource does not exist (or the key cannot see it). */
export class CalComNotFoundError extends Schema.TaggedError<CalComNotFoundError>()("CalComNotFoundError", {
  ...fromServer,
  /** What was looked up: `booking`, `event type`, ... */
  resource: Schema.optional(Schema.String),
  id: Schema.optional(Schema.String)
}) {}

/** One problem with the input, `path` naming the field (`attendee.email`). */
export const ValidationIssue = Schema.Struct({ path: Schema.String, message: Schema.String })
export type ValidationIssue = typeof ValidationIssue.Type

/** The input is invalid: caught before sending (status absent) or refused by the server (400, 422). */
export class CalComValidationError extends Schema.TaggedError<CalComValidationError>()("CalComValidationError", {
  ...common,
  status: Schema.optional(Schema.Number),
  code: Schema.optional(Schema.String),
  issues: Schema.Array(ValidationIssue)
}) {}

/**
 * A conflict, such as a slot already booked or a slug already taken: a 409 from the server
 * (`status` set), or a slot the check before booking found not offered (no `status`: no booking
 * was made), with the nearest offered slots.
 */
export class CalComConflictError extends Schema.TaggedError<CalComConflictError>()("CalComConflictError", {
  ...common,
  status: Schema.optional(Schema.Number),
  code: Schema.optional(Schema.String),
  /**
   * For a start the slot check found not offered: the offered slots nearest to it (at most 5,
   * earliest first; empty when none is offered within 3 days of it).
   */
  nearestSlots: Schema.optional(Schema.Array(Slot))
}) {}

/** The latest `X-RateLimit-*` figures for one named limit (Cal.com names its default one `Default`). */
export const RateLimitSnapshot = Schema.Struct({
  name: Schema.String,
  limit: Schema.optional(Schema.Number),
  remaining: Schema.optional(Schema.Number),
  /** When the window resets, epoch milliseconds. */
  resetAt: Schema.optional(Schema.Number)
})
export type RateLimitSnapshot = typeof RateLimitSnapshot.Type

/** 429 after the retries allowed, or a wait for the rate-limit reset that the deadline forbids. */
export class CalComRateLimitError extends Schema.TaggedError<CalComRateLimitError>()("CalComRateLimitError", {
  ...common,
  status: Schema.optional(Schema.Number),
  code: Schema.optional(Schema.String),
  /** How long to wait before trying again, milliseconds. */
  retryAfterMs: Schema.optional(Schema.Number),
  rateLimits: Schema.Array(RateLimitSnapshot)
}) {}

/** 5xx or any other status the table does not name. */
export class CalComApiError extends Schema.TaggedError<CalComApiError>()("CalComApiError", fromServer) {}

/**
 * The request failed on the network. `mayHaveReachedServer` is false only when nothing was sent
 * (the connection was refused, the name did not resolve, TLS failed). `code` is the system or
 * TLS error code (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`…), `host` the host tried, and
 * `cause` the error `fetch` threw (not serialised).
 */
export class CalComTransportError extends Schema.TaggedError<CalComTransportError>()("CalComTransportError", {
  ...common,
  mayHaveReachedServer: Schema.Boolean,
  code: Schema.optional(Schema.String),
  host: Schema.optional(Schema.String),
  cause: Schema.optional(Schema.Defect())
}) {}

/**
 * A call that may have created or changed something failed in a way that leaves the outcome
 * unknown (a timeout, a gateway 502/503/504, a connection lost after sending), and the lookups
 * over a bounded window afterwards found no sign of it. The original request may still complete
 * on the server, so it was not sent again: look up `lookup` before trying again.
 */
export class CalComOutcomeUnknownError extends Schema.TaggedError<CalComOutcomeUnknownError>()(
  "CalComOutcomeUnknownError",
  {
    ...common,
    /** What to look up before trying again (e.g. the booking by event type, start and attendee). */
    lookup: Schema.String,
    /** The failure that left the outcome unknown: its tag and message. */
    after: Schema.String
  }
) {}

/** An attempt exceeded its timeout (`scope: "attempt"`) or the call its overall deadline. */
export class CalComTimeoutError extends Schema.TaggedError<CalComTimeoutError>()("CalComTimeoutError", {
  ...common,
  scope: Schema.Literals(["attempt", "deadline"]),
  timeoutMs: Schema.Number
}) {}

/** A 2xx body that is not JSON or does not match the expected shape. */
export class CalComDecodeError extends Schema.TaggedError<CalComDecodeError>()("CalComDecodeError", {
  ...common,
  status: Schema.optional(Schema.Number),
  issues: Schema.Array(ValidationIssue)
}) {}

/** The circuit for this API is open after repeated failures: fails fast until `retryAfterMs` passes. */
export class CalComCircuitOpenError extends Schema.TaggedError<CalComCircuitOpenError>()("CalComCircuitOpenError", {
  ...common,
  key: Schema.String,
  retryAfterMs: Schema.Number
}) {}

/** Every error a facade operation can fail with. */
export type CalComError =
  | CalComConfigError
  | CalComAuthError
  | CalComNotFoundError
  | CalComValidationError
  | CalComConflictError
  | CalComRateLimitError
  | CalComApiError
  | CalComTransportError
  | CalComTimeoutError
  | CalComDecodeError
  | CalComCircuitOpenError
  | CalComOutcomeUnknownError

/** The schema of the union, for tool failure schemas and serialisation. */
export const CalComError = Schema.Union([
  CalComConfigError,
  CalComAuthError,
  CalComNotFoundError,
  CalComValidationError,
  CalComConflictError,
  CalComRateLimitError,
  CalComApiError,
  CalComTransportError,
  CalComTimeoutError,
  CalComDecodeError,
  CalComCircuitOpenError,
  CalComOutcomeUnknownError
])

/** Tags of the union, for exhaustive handling. */
export type CalComErrorTag = CalComError["_tag"]

/**
 * Whether trying the same call again can succeed, ignoring idempotency (the transport adds
 * that): rate limits, 5xx, timeouts, network failures and an open circuit (after its wait).
 * Not `CalComOutcomeUnknownError`: look up what happened first.
 */
export const isRetryable = (error: CalComError): boolean => {
  switch (error._tag) {
    case "CalComRateLimitError":
    case "CalComTimeoutError":
    case "CalComTransportError":
    case "CalComCircuitOpenError":
      return true
    case "CalComApiError":
      return error.status >= 500
    default:
      return false
  }
}
