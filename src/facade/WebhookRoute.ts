/**
 * The webhook receiver of `WebhookHandler.ts` as an `effect/http` route, for Effect servers:
 * `onEvent` may need services (`R`), which the server's layers provide. Exported from
 * `effect-calcom/http`, apart from the core entry: loading `effect/http` takes ~40 ms at start-up,
 * which a program that never serves HTTP should not pay.
 */
import * as ByteSize from "effect/ByteSize"
import * as Effect from "effect/Effect"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as HttpRouter from "effect/http/HttpRouter"
import type * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import {
  declaredTooLarge,
  limitOf,
  makeProcessor,
  type Outcome,
  tooLarge,
  type WebhookHandlerOptions
} from "./WebhookHandler.js"
import { SIGNATURE_HEADER } from "./WebhookVerify.js"

/** Whether an `effect/http` body read failed because of the size limit. */
const isBodyTooLarge = (error: { readonly reason?: unknown }) =>
  typeof error.reason === "object" &&
  error.reason !== null &&
  (error.reason as { readonly reason?: unknown }).reason === "BodyTooLarge"

/**
 * The webhook receiver as an `effect/http` route: the same checks and answers as
 * `webhookHandler` (see `WebhookHandler.ts`).
 *
 * ```ts
 * import { webhookRoute } from "effect-calcom/http"
 * const Routes = HttpRouter.addAll([webhookRoute("/cal/webhooks", { secret, onEvent })])
 * ```
 */
export const webhookRoute = <E, R>(
  path: HttpRouter.PathInput,
  options: WebhookHandlerOptions<E, R>
): HttpRouter.Route<never, Exclude<R, HttpRouter.Provided>> => {
  const { process, reject } = makeProcessor(options)
  const limit = limitOf(options)
  const respond = (outcome: Outcome) => HttpServerResponse.jsonUnsafe(outcome.body, { status: outcome.status })
  return HttpRouter.route("POST", path, (request: HttpServerRequest.HttpServerRequest) => {
    const signature = request.headers[SIGNATURE_HEADER]
    const read: Effect.Effect<Outcome, never, R> = declaredTooLarge(request.headers["content-length"], limit)
      ? reject(tooLarge(limit))
      : request.arrayBuffer.pipe(
          Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(limit)),
          Effect.matchEffect({
            onFailure: (error) =>
              isBodyTooLarge(error)
                ? reject(tooLarge(limit))
                : Effect.succeed<Outcome>({ status: 400, body: { ok: false, error: "body-unreadable" } }),
            onSuccess: (buffer) => process(new Uint8Array(buffer), signature)
          })
        )
    return Effect.map(read, respond)
  })
}
