/**
 * effect-calcom/request: every operation of the pinned Cal.com v2 document, typed by its
 * generated types and sent through the client's transport (key, `cal-api-version`, rate limits,
 * safe retries, circuit breaker, timeouts, `CalComError`).
 *
 * ```ts
 * import { CalCom } from "effect-calcom"
 * import { request } from "effect-calcom/request"
 *
 * const program = request("POST /v2/bookings/{bookingUid}/confirm", { params: { path: { bookingUid: "abc" } } })
 * program.pipe(Effect.provide(CalCom.layerConfig()))
 * ```
 *
 * Why a separate entry: the generated types of 272 operations cost every consumer's type-check;
 * only programs that import this entry load them (`npm run bench`, type-check section).
 */
export {
  type CallOptions,
  type Init,
  type InitWithSchema,
  type Method,
  type OperationOf,
  type PureSchema,
  type RequestFn,
  type RouteInit,
  type RouteKey,
  type RouteResponse,
  request,
  requestWith
} from "./facade/Request.js"
