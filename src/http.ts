/**
 * `effect-calcom/http`: Cal.com webhooks received by an `effect/http` server.
 *
 * ```ts
 * import { webhookRoute } from "effect-calcom/http"
 * const Routes = HttpRouter.addAll([webhookRoute("/cal/webhooks", { secret, onEvent })])
 * ```
 *
 * The same receiver for any fetch runtime is `webhookHandler` in `effect-calcom`. This one is
 * apart because loading `effect/http` adds ~40 ms to the start-up of every program that imports
 * the core entry (`bench/RESULTS.md`, cold start).
 */
export type { WebhookHandlerOptions } from "./facade/WebhookHandler.js"
export { webhookRoute } from "./facade/WebhookRoute.js"
