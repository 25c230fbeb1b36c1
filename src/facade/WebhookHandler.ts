/**
 * Receiving Cal.com webhooks in any server: a web-standard `(request: Request) => Promise<Response>`
 * handler (Bun, Deno, Cloudflare Workers, Next.js route handlers, and Node through
 * `effect-calcom/node`'s `nodeWebhookListener`); the same receiver as an `effect/http` route for
 * Effect servers is `webhookRoute` in `effect-calcom/http` (`WebhookRoute.ts`), apart because
 * loading `effect/http` costs every importer of the core entry ~40 ms of start-up.
 *
 * Both verify the signature before reading the body as JSON, hand the typed event to `onEvent`
 * (an Effect), and answer so that Cal.com does the right thing:
 *
 * | outcome | status |
 * | --- | --- |
 * | `onEvent` succeeded (or the delivery was a duplicate) | 200 |
 * | verified, but not JSON or not a known shape | 400 |
 * | missing, malformed or wrong signature; unsigned webhook | 401 |
 * | not a POST | 405 |
 * | body over `maxBodyBytes` | 413 |
 * | `onEvent` failed or died | 500, so Cal.com retries |
 *
 * Gotcha: a signature has no timestamp, so a captured delivery can be replayed at any time. Pass
 * `dedupe` (e.g. {@link inMemoryWebhookDedupe}, or one backed by your database) to act on each
 * delivery once; its key is {@link webhookDeliveryKey} (trigger, uid, `createdAt`).
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { readAtMost } from "./internal/Body.js"
import { type WebhookEvent, webhookDeliveryKey } from "./WebhookEvents.js"
import {
  CalComWebhookError,
  decodeVerifiedBody,
  isAuthenticationFailure,
  makeSignatureVerifier,
  SIGNATURE_HEADER,
  type WebhookSecret
} from "./WebhookVerify.js"

/** The default body limit: 1 MiB, far above any delivery Cal.com builds. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * What a {@link WebhookDedupe} knows of a delivery key: `claimed` (new: recorded as in progress for
 * this caller), `handled` (done before), or `in-progress` (another handling has not finished).
 */
export type WebhookClaim = "claimed" | "handled" | "in-progress"

/**
 * Remembers which deliveries were handled, so a repeat is acknowledged without running `onEvent`
 * again. `claim` records a new key as in progress (atomically where the store allows); `complete`
 * marks it handled; `release` forgets a key whose handling failed, so the sender's retry is handled.
 * A repeat that arrives while the first is still in progress is not acknowledged (409): if the
 * first then fails, the retry must still come.
 */
export interface WebhookDedupe {
  readonly claim: (key: string) => Effect.Effect<WebhookClaim>
  readonly complete: (key: string) => Effect.Effect<void>
  readonly release: (key: string) => Effect.Effect<void>
}

/**
 * A {@link WebhookDedupe} in this process's memory, keeping the newest `capacity` keys (default
 * 10,000). For one instance; several instances need a shared store (a unique index on the key).
 */
export const inMemoryWebhookDedupe = (options: { readonly capacity?: number } = {}): WebhookDedupe => {
  const capacity = Math.max(1, options.capacity ?? 10_000)
  const seen = new Map<string, "in-progress" | "handled">()
  return {
    claim: (key) =>
      Effect.sync((): WebhookClaim => {
        const known = seen.get(key)
        if (known !== undefined) return known
        seen.set(key, "in-progress")
        if (seen.size > capacity) seen.delete(seen.keys().next().value as string)
        return "claimed"
      }),
    complete: (key) =>
      Effect.sync(() => {
        if (seen.has(key)) seen.set(key, "handled")
      }),
    release: (key) =>
      Effect.sync(() => {
        seen.delete(key)
      })
  }
}

export interface WebhookHandlerOptions<E = never, R = never> {
  /** The webhook's signing secret (what `webhooks.create` returned, or what you set). */
  readonly secret: WebhookSecret
  /** Handles one verified event; a failure answers 500 so that Cal.com retries the delivery. */
  readonly onEvent: (event: WebhookEvent) => Effect.Effect<void, E, R>
  /** Larger bodies are refused with 413 without being read to the end. Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /** De-duplicates retried and replayed deliveries; without it every delivery runs `onEvent`. */
  readonly dedupe?: WebhookDedupe | undefined
  /** Told about every refused delivery (for logs or metrics); the response is the same. */
  readonly onRejected?: ((error: CalComWebhookError) => Effect.Effect<void>) | undefined
}

/**
 * What the receiver answers: a status and a small JSON body (never the secret or the payload).
 *
 * @internal
 */
export interface Outcome {
  readonly status: number
  readonly body: { readonly ok: boolean; readonly duplicate?: boolean; readonly error?: string }
}

const statusOf = (error: CalComWebhookError): number =>
  isAuthenticationFailure(error)
    ? 401
    : error.reason === "body-too-large"
      ? 413
      : error.reason === "crypto-unavailable"
        ? 500
        : 400

/** @internal */
export const tooLarge = (limit: number) =>
  new CalComWebhookError({ reason: "body-too-large", message: `the body is larger than ${limit} bytes` })

/** Runs `onEvent` once per delivery key: completes the key when it succeeds, releases it when it fails. */
const handleOnce = <E, R>(options: WebhookHandlerOptions<E, R>, event: WebhookEvent) =>
  Effect.gen(function* () {
    const key = webhookDeliveryKey(event)
    const claim = options.dedupe === undefined ? "claimed" : yield* options.dedupe.claim(key)
    if (claim === "handled") return { status: 200, body: { ok: true, duplicate: true } } satisfies Outcome
    if (claim === "in-progress") return { status: 409, body: { ok: false, error: "in-progress" } } satisfies Outcome
    // Interrupted (the sender hung up): the key is released, or every retry would meet a 409.
    const release = options.dedupe === undefined ? Effect.void : options.dedupe.release(key)
    const exit = yield* Effect.exit(options.onEvent(event)).pipe(Effect.onInterrupt(() => release))
    if (Exit.isSuccess(exit)) {
      if (options.dedupe !== undefined) yield* options.dedupe.complete(key)
      return { status: 200, body: { ok: true } } satisfies Outcome
    }
    yield* release
    yield* Effect.logWarning(`Cal.com webhook ${event.triggerEvent}: onEvent failed; answering 500`, exit.cause)
    return { status: 500, body: { ok: false, error: "handler-failed" } } satisfies Outcome
  })

/**
 * The pipeline every receiver shares: verify, decode, de-duplicate, handle; every outcome is a response.
 *
 * @internal
 */
export const makeProcessor = <E, R>(options: WebhookHandlerOptions<E, R>) => {
  const verify = makeSignatureVerifier(options.secret)
  const reject = (error: CalComWebhookError): Effect.Effect<Outcome> =>
    (options.onRejected?.(error) ?? Effect.void).pipe(
      Effect.as({ status: statusOf(error), body: { ok: false, error: error.reason } })
    )
  return {
    reject,
    process: (body: Uint8Array, signature: string | null | undefined): Effect.Effect<Outcome, never, R> =>
      verify(body, signature).pipe(
        Effect.flatMap(decodeVerifiedBody),
        Effect.matchEffect({ onFailure: reject, onSuccess: (event) => handleOnce(options, event) })
      )
  }
}

/** @internal */
export const limitOf = (options: { readonly maxBodyBytes?: number | undefined }) =>
  Math.max(0, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)

/**
 * Whether a declared `Content-Length` is already over the limit.
 *
 * @internal
 */
export const declaredTooLarge = (contentLength: string | null | undefined, limit: number) =>
  contentLength !== null && contentLength !== undefined && Number(contentLength) > limit

const toResponse = (outcome: Outcome) =>
  new Response(JSON.stringify(outcome.body), {
    status: outcome.status,
    headers: { "content-type": "application/json" }
  })

/**
 * A web-standard handler for Cal.com deliveries: `(request: Request) => Promise<Response>`. It
 * never rejects; every outcome is a response (see the module's table).
 *
 * ```ts
 * const handle = webhookHandler({
 *   secret: Redacted.make(process.env.CAL_WEBHOOK_SECRET!),
 *   dedupe: inMemoryWebhookDedupe(),
 *   onEvent: (event) => Effect.log(`got ${event.triggerEvent}`)
 * })
 * export default { fetch: handle } // Bun, Deno, Workers
 * ```
 */
export const webhookHandler = <E>(options: WebhookHandlerOptions<E>): ((request: Request) => Promise<Response>) => {
  const { process, reject } = makeProcessor(options)
  const limit = limitOf(options)
  const handle = (request: Request): Effect.Effect<Outcome> => {
    if (request.method !== "POST")
      return Effect.succeed({ status: 405, body: { ok: false, error: "method-not-allowed" } })
    if (declaredTooLarge(request.headers.get("content-length"), limit)) return reject(tooLarge(limit))
    return Effect.tryPromise(() =>
      request.body === null ? Promise.resolve(new Uint8Array(0)) : readAtMost(request.body, limit)
    ).pipe(
      Effect.matchEffect({
        onFailure: () => Effect.succeed<Outcome>({ status: 400, body: { ok: false, error: "body-unreadable" } }),
        onSuccess: (body) =>
          body === undefined ? reject(tooLarge(limit)) : process(body, request.headers.get(SIGNATURE_HEADER))
      })
    )
  }
  // The handler is an entry point: the one place a delivery leaves Effect for the server's Promise.
  return (request) =>
    Effect.runPromise(
      handle(request).pipe(
        Effect.map((outcome) =>
          outcome.status === 405 ? new Response(null, { status: 405, headers: { allow: "POST" } }) : toResponse(outcome)
        )
      )
    )
}
