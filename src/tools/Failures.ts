/**
 * How a tool fails: one JSON object a model can act on.
 *
 * `error` names what happened (a facade error tag such as `CalComNotFoundError`, or a tool tag
 * such as `SlotUnavailable`), `retryable` says whether the same call can succeed later (from the
 * facade's `isRetryable`), and `hint` says what to do next. Nothing else crosses: no stack, no
 * cause, no request headers, so neither a trace nor the API key can reach a model.
 *
 * Failures are plain objects, not `Error`s: `McpServer` sends an `Error` failure as its message
 * text only, and a plain object as its JSON, which is what a model needs.
 */
import * as Schema from "effect/Schema"
import { type CalComError, isRetryable } from "../index.js"
import { type Issue, SlotView, type TimeView, timeView } from "./Time.js"

/** Tags of failures the tools raise themselves (the others are facade error tags). */
export const ToolFailureTag = Schema.Literals(["InvalidArguments", "SlotUnavailable", "NotAvailable"])
export type ToolFailureTag = typeof ToolFailureTag.Type

/** Every value of `error`. */
export const FailureTag = Schema.Literals([
  "InvalidArguments",
  "SlotUnavailable",
  "NotAvailable",
  "CalComConfigError",
  "CalComAuthError",
  "CalComNotFoundError",
  "CalComValidationError",
  "CalComConflictError",
  "CalComRateLimitError",
  "CalComApiError",
  "CalComTransportError",
  "CalComTimeoutError",
  "CalComDecodeError",
  "CalComCircuitOpenError",
  "CalComOutcomeUnknownError"
])
export type FailureTag = typeof FailureTag.Type

/** The failure every tool declares. */
export const ToolFailure = Schema.Struct({
  error: FailureTag.annotate({
    description:
      "What went wrong: InvalidArguments, SlotUnavailable or NotAvailable (raised by the tool), or the Cal.com client's error tag"
  }),
  message: Schema.String.annotate({ description: "What happened, in one sentence" }),
  retryable: Schema.Boolean.annotate({
    description: "Whether the same call can succeed if tried again later (rate limit, timeout, server error)"
  }),
  hint: Schema.String.annotate({ description: "What to do next" }),
  issues: Schema.optionalKey(
    Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })).annotate({
      description: "Each invalid argument and why"
    })
  ),
  nearest_slots: Schema.optionalKey(
    Schema.Array(SlotView).annotate({
      description: "SlotUnavailable or CalComConflictError: the offered slots closest to the requested time"
    })
  ),
  status: Schema.optionalKey(Schema.Int.annotate({ description: "HTTP status Cal.com answered with" })),
  retry_after_ms: Schema.optionalKey(
    Schema.Int.annotate({ description: "How long to wait before retrying, milliseconds" })
  )
}).annotate({ description: "Why the tool call failed and what to do next" })
export type ToolFailure = typeof ToolFailure.Type

/** The arguments break a rule the schema's types cannot express. */
export const invalidArguments = (issues: ReadonlyArray<Issue>): ToolFailure => ({
  error: "InvalidArguments",
  message: `Invalid arguments: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}. Nothing was sent to Cal.com.`,
  retryable: false,
  hint: "Fix the arguments listed in issues and call the tool again.",
  issues: issues.map((i) => ({ path: i.path, message: i.message }))
})

/** What the tool reads does not exist for this key (e.g. organization tools for a user in no organization). */
export const notAvailable = (message: string, hint: string): ToolFailure => ({
  error: "NotAvailable",
  message,
  retryable: false,
  hint
})

/** The requested start is not an offered slot. */
export const slotUnavailable = (
  requested: TimeView,
  /** The event type, when the tool knows it (a reschedule keeps the booking's own). */
  eventTypeId: number | undefined,
  nearest: ReadonlyArray<SlotView>
): ToolFailure => ({
  error: "SlotUnavailable",
  message:
    `${requested.local} (${requested.utc}) is not an available slot of ${eventTypeId === undefined ? "the booking's event type" : `event type ${eventTypeId}`}. Nothing was booked.` +
    (nearest.length === 0 ? " No slots are offered within 3 days of it." : ""),
  retryable: false,
  hint:
    nearest.length === 0
      ? "Call list_availability for a wider date range, then call again with one of its slots' start.utc."
      : "Call again with start.utc of one of nearest_slots (or call list_availability for other days).",
  nearest_slots: nearest
})

/** Where to find valid ids for a resource kind the facade names in a not-found error. */
const listToolFor = (resource: string | undefined): string => {
  switch (resource) {
    case "booking":
      return "list_bookings"
    case "event type":
      return "list_event_types"
    case "team":
      return "list_teams"
    default:
      return "the list_* tools"
  }
}

/** What to fix for a configuration error, by the variable it names. */
const configHint = (variable: string): string => {
  const restart = "in the MCP server's environment or .env file and restart the server. No tool works until then."
  switch (variable) {
    case "CAL_COM_API_KEY":
      return `The server has no usable Cal.com API key: set CAL_COM_API_KEY (cal_… or cal_live_…) ${restart}`
    case "CAL_COM_BASE_URL":
      return `The Cal.com API address is invalid: fix CAL_COM_BASE_URL (an https origin such as https://api.cal.com or https://api.cal.eu) ${restart} The API key is not the problem.`
    default:
      return `The server setting ${variable} is invalid: fix it ${restart}`
  }
}

const hintFor = (error: CalComError): string => {
  switch (error._tag) {
    case "CalComConfigError":
      return configHint(error.variable)
    case "CalComAuthError":
      return "Cal.com refused the API key (missing, wrong, expired or without access). Tell the user to check CAL_COM_API_KEY; retrying will not help."
    case "CalComNotFoundError":
      return `Nothing with that id is visible to this API key. Use ${listToolFor(error.resource)} to find a valid id.`
    case "CalComValidationError":
      return "Cal.com refused the input: fix what issues and message describe, then call again."
    case "CalComConflictError":
      return "It conflicts with existing data (for a booking: the slot was just taken). Call list_availability and pick another slot."
    case "CalComRateLimitError":
      return "Cal.com's rate limit is reached: wait retry_after_ms (or a minute), then retry the same call."
    case "CalComApiError":
      return error.status >= 500
        ? "Cal.com had a server error: retry the same call in a little while."
        : "Cal.com gave an unexpected answer: retrying will probably not help; tell the user."
    case "CalComTransportError":
    case "CalComTimeoutError":
      return "Cal.com could not be reached in time: retry in a moment (if it never works, CAL_COM_BASE_URL may be wrong). After create_booking, reschedule_booking or cancel_booking, check with list_bookings or get_booking first whether it already happened."
    case "CalComDecodeError":
      return "Cal.com answered in an unexpected shape: retrying will not help; tell the user."
    case "CalComCircuitOpenError":
      return "Cal.com has been failing repeatedly, so calls are paused: wait retry_after_ms, then retry."
    case "CalComOutcomeUnknownError":
      return `It is not known whether this happened; it was not tried again so that nothing happens twice. Look up ${error.lookup} (list_bookings or get_booking) before calling again.`
  }
}

/** A facade error as a tool failure: its tag, message, retryability and a next step. */
export const fromCalComError = (error: CalComError): ToolFailure => {
  const status = "status" in error && typeof error.status === "number" ? error.status : undefined
  const retryAfter =
    error._tag === "CalComRateLimitError" || error._tag === "CalComCircuitOpenError" ? error.retryAfterMs : undefined
  const issues = error._tag === "CalComValidationError" || error._tag === "CalComDecodeError" ? error.issues : undefined
  // A taken or unoffered slot: the offered ones nearest to it (in UTC here; the booking tools
  // answer SlotUnavailable with them in the caller's zone instead).
  const nearest = error._tag === "CalComConflictError" ? error.nearestSlots : undefined
  return {
    error: error._tag,
    message: error.message,
    retryable: isRetryable(error),
    hint: hintFor(error),
    ...(issues === undefined || issues.length === 0
      ? {}
      : { issues: issues.map((i) => ({ path: i.path, message: i.message })) }),
    ...(nearest === undefined
      ? {}
      : { nearest_slots: nearest.map((s) => ({ start: timeView(s.start, "UTC"), end: timeView(s.end, "UTC") })) }),
    ...(status === undefined ? {} : { status }),
    ...(retryAfter === undefined ? {} : { retry_after_ms: Math.max(0, Math.ceil(retryAfter)) })
  }
}
