/**
 * Any operation of the pinned Cal.com document, typed by the generated types and sent through the
 * facade's transport: the same key, `cal-api-version`, rate-limit gate, retries, circuit breaker,
 * timeouts and `CalComError` union as `cal.bookings.create`.
 *
 * ```ts
 * import { request } from "effect-calcom/request"
 *
 * const confirmed = yield* request("POST /v2/bookings/{bookingUid}/confirm", {
 *   params: { path: { bookingUid: "abc" } }
 * })
 * ```
 *
 * The route key is `METHOD /path` as the document writes it; `params` and `body` are checked the
 * way openapi-fetch checks its own calls, and the result is the document's 2xx body (unchecked,
 * typed as the document says) or, with `schema`, what the schema decodes (checked; a mismatch is a
 * `CalComDecodeError`).
 *
 * A `POST` or `PATCH` may create something, so after an ambiguous failure (a timeout, a dropped
 * connection, a 5xx) it is not sent again: pass `reconcile` (a lookup that finds what the failed
 * attempt made, or proves nothing was made) or, for a call that is safe to repeat, `idempotent: true`.
 *
 * This lives in its own entry because the generated types it needs (272 operations) would
 * otherwise be on every consumer's type-check path.
 */
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import type { FetchResponse, ParamsOption, RequestBodyOption } from "openapi-fetch"
import type { paths } from "../../generated/openapi.js"
import { CalCom, type CalComApi } from "./CalCom.js"
import { decodeWith } from "./Decode.js"
import { type CalComError, CalComValidationError } from "./Errors.js"

// Declared here, not imported: the internal modules' declarations are not published, and this
// entry's are.
/** An HTTP method of the document. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** A schema that decodes without services. */
export type PureSchema = Schema.Top & { readonly DecodingServices: never }

type Verb = Lowercase<Method>

/** `"POST /v2/bookings/{bookingUid}/confirm"`: every operation of the document, as it writes it. */
export type RouteKey = {
  [P in keyof paths & string]: {
    [V in Verb]: paths[P][V] extends { readonly responses: unknown } ? `${Uppercase<V>} ${P}` : never
  }[Verb]
}[keyof paths & string]

/** The generated operation object behind a route key. */
export type OperationOf<K extends RouteKey> = K extends `${infer M extends Method} ${infer P extends keyof paths}`
  ? paths[P][Lowercase<M>]
  : never

/** `params` and `body` for a route, as openapi-fetch takes them. */
export type RouteInit<K extends RouteKey> = ParamsOption<OperationOf<K>> & RequestBodyOption<OperationOf<K>>

/** The document's 2xx JSON body for a route. */
export type RouteResponse<K extends RouteKey> = NonNullable<
  Extract<FetchResponse<OperationOf<K> & Record<string, unknown>, object, `${string}/json`>, { error?: never }>["data"]
>

/** What a caller may add to a route's `params` and `body`. */
export interface CallOptions<A> {
  /** Names logs, spans and errors; default: the route key. */
  readonly operation?: string | undefined
  /** A `POST` or `PATCH` that is safe to repeat after an ambiguous failure. */
  readonly idempotent?: boolean | undefined
  /**
   * For a write that may create something: finds what a failed attempt made (`Some` ends the call
   * with it) or proves nothing was made (`None` lets a retry happen).
   */
  readonly reconcile?: Effect.Effect<Option.Option<A>, CalComError> | undefined
  /**
   * Headers the route needs besides the key and `cal-api-version` (both set for you), such as the
   * platform routes' `x-cal-secret-key` and `x-cal-client-id`. Pass secrets as `Redacted`: they
   * are unwrapped only when the header is set.
   */
  readonly headers?: Readonly<Record<string, string | Redacted.Redacted<string>>> | undefined
}

/** A route's init with the caller's options, without a schema: the result is the document's body. */
export type Init<K extends RouteKey> = RouteInit<K> & CallOptions<RouteResponse<K>> & { readonly schema?: undefined }

/** A route's init with a schema: the body is decoded by it. */
export type InitWithSchema<K extends RouteKey, S extends PureSchema> = RouteInit<K> &
  CallOptions<S["Type"]> & { readonly schema: S }

/** The init argument: optional when the route needs no `params` or `body`. */
type InitArgs<K extends RouteKey, I> = object extends RouteInit<K> ? [init?: I] : [init: I]

/** `request` bound to one client. */
export interface RequestFn {
  <K extends RouteKey, S extends PureSchema>(
    route: K,
    init: InitWithSchema<K, S>
  ): Effect.Effect<S["Type"], CalComError>
  <K extends RouteKey>(route: K, ...init: InitArgs<K, Init<K>>): Effect.Effect<RouteResponse<K>, CalComError>
}

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/

const identity = (body: unknown) => Effect.succeed(body)

/** Sends one route with a client's transport; the route key was checked by the types of `RequestFn`. */
const send = (cal: CalComApi, route: string, init: object | undefined) => {
  const match = ROUTE.exec(route)
  const { operation, idempotent, reconcile, schema, params, body, headers } = (init ?? {}) as {
    readonly headers?: Readonly<Record<string, string | Redacted.Redacted<string>>>
    readonly operation?: string
    readonly idempotent?: boolean
    readonly reconcile?: Effect.Effect<Option.Option<unknown>, CalComError>
    readonly schema?: PureSchema
    readonly params?: unknown
    readonly body?: unknown
  }
  // A key outside `RouteKey` only reaches here through a cast or plain JavaScript.
  if (match === null) {
    return Effect.fail(
      new CalComValidationError({
        operation: operation ?? "request",
        issues: [{ path: "route", message: `"${route}" is not "METHOD /path"` }],
        message: `request: "${route}" is not "METHOD /path" (e.g. "GET /v2/me"); nothing was sent`
      })
    )
  }
  return cal.transport.dispatch({
    operation: operation ?? route,
    method: match[1] as Method,
    path: match[2] as string,
    params,
    body,
    idempotent,
    reconcile,
    extraHeaders: headers,
    decode: schema === undefined ? identity : decodeWith(schema)
  })
}

/** `request` for a client you hold: `const call = requestWith(cal); yield* call("GET /v2/me")`. */
export const requestWith = (cal: CalComApi): RequestFn =>
  // The overloads' types were checked at the call site; one implementation serves both.
  ((route: string, init?: object) => send(cal, route, init)) as RequestFn

/**
 * Calls any operation of the document with the `CalCom` client in context:
 * `request("GET /v2/bookings/{bookingUid}", { params: { path: { bookingUid } } })`.
 */
export const request: {
  <K extends RouteKey, S extends PureSchema>(
    route: K,
    init: InitWithSchema<K, S>
  ): Effect.Effect<S["Type"], CalComError, CalCom>
  <K extends RouteKey>(route: K, ...init: InitArgs<K, Init<K>>): Effect.Effect<RouteResponse<K>, CalComError, CalCom>
} = ((route: string, init?: object) => Effect.flatMap(Effect.service(CalCom), (cal) => send(cal, route, init))) as never
