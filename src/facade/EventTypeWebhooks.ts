/**
 * The webhooks of one event type: list (every page), create, update, delete. A personal event
 * type's live under `/v2/event-types/{id}/webhooks`; `{ teamId }` routes to a team event type's.
 *
 * As with the user's webhooks, the secret is `Redacted` both ways and `create` without one
 * generates a strong one. Cal.com refuses a second webhook with the same URL on one event type, so
 * after an ambiguous failure `create` looks for the webhook at that URL: the one carrying the
 * secret it sent is the one it made, and is returned; any other means nothing of ours was made.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { dataOf, ignoreBody, listOf } from "./Decode.js"
import { CalComDecodeError, type CalComError } from "./Errors.js"
import { decodeInput } from "./internal/Input.js"
import {
  changesAWebhook,
  createBody,
  Id,
  secretFor,
  toBody,
  updateFields,
  webhookFields
} from "./internal/WebhookInput.js"
import { PositiveId, Webhook } from "./Models.js"
import type { Transport } from "./Transport.js"
import type { CreatedWebhook, CreateWebhookInput, UpdateWebhookInput } from "./Webhooks.js"

/** Which event type: a personal one by default, a team's when `teamId` is given. */
export interface EventTypeWebhookOptions {
  readonly teamId?: number | undefined
}

export interface EventTypeWebhooksApi {
  /** Every webhook of the event type (all pages of 250). */
  readonly list: (
    eventTypeId: number,
    options?: EventTypeWebhookOptions
  ) => Effect.Effect<ReadonlyArray<Webhook>, CalComError>
  /** Adds a webhook to the event type; without `secret`, one is generated and returned (once). */
  readonly create: (
    eventTypeId: number,
    input: CreateWebhookInput,
    options?: EventTypeWebhookOptions
  ) => Effect.Effect<CreatedWebhook, CalComError>
  /** `id` is the webhook's string id. */
  readonly update: (
    eventTypeId: number,
    id: string,
    input: UpdateWebhookInput,
    options?: EventTypeWebhookOptions
  ) => Effect.Effect<Webhook, CalComError>
  readonly delete: (
    eventTypeId: number,
    id: string,
    options?: EventTypeWebhookOptions
  ) => Effect.Effect<void, CalComError>
}

const PAGE = 250

const Target = { eventTypeId: PositiveId, teamId: Schema.optional(PositiveId) }
const ListInput = Schema.Struct(Target)
const CreateInput = Schema.Struct({ ...Target, ...webhookFields })
const UpdateInput = Schema.Struct({ ...Target, ...Id.fields, ...updateFields }).check(changesAWebhook)
const DeleteInput = Schema.Struct({ ...Target, ...Id.fields })

const decodeList = decodeInput("Webhooks.eventType.list", ListInput)
const decodeCreate = decodeInput("Webhooks.eventType.create", CreateInput)
const decodeUpdate = decodeInput("Webhooks.eventType.update", UpdateInput)
const decodeDelete = decodeInput("Webhooks.eventType.delete", DeleteInput)
const decodeHooks = listOf(Webhook, "webhook")
const decodeHook = dataOf(Webhook)

/** The event type's webhooks: its own route, or its team's. */
const collection = (eventTypeId: number, teamId: number | undefined) => {
  const resource = { kind: "event type", id: String(eventTypeId) }
  return teamId === undefined
    ? ({ path: "/v2/event-types/{eventTypeId}/webhooks", params: { path: { eventTypeId } }, resource } as const)
    : ({
        path: "/v2/teams/{teamId}/event-types/{eventTypeId}/webhooks",
        params: { path: { teamId, eventTypeId } },
        resource
      } as const)
}

/** One webhook of the event type. */
const item = (eventTypeId: number, webhookId: string, teamId: number | undefined) => {
  const resource = { kind: "webhook", id: webhookId }
  return teamId === undefined
    ? ({
        path: "/v2/event-types/{eventTypeId}/webhooks/{webhookId}",
        params: { path: { eventTypeId, webhookId } },
        resource
      } as const)
    : ({
        path: "/v2/teams/{teamId}/event-types/{eventTypeId}/webhooks/{webhookId}",
        params: { path: { teamId, eventTypeId, webhookId } },
        resource
      } as const)
}

/** Every webhook of the event type, page after page of 250 until a short page. */
const allHooks = (transport: Transport, operation: string, eventTypeId: number, teamId: number | undefined) =>
  Stream.paginate(0, (skip: number) => {
    const route = collection(eventTypeId, teamId)
    return Effect.map(
      transport.call({
        operation,
        method: "GET",
        ...route,
        params: { ...route.params, query: { take: PAGE, skip } },
        decode: decodeHooks
      }),
      (page) => [page, page.length === PAGE ? Option.some(skip + PAGE) : Option.none()] as const
    )
  }).pipe(Stream.runCollect)

/**
 * What an ambiguous create made: the webhook at `url` carrying `secret` (ours), `None` when the
 * URL has no webhook or one with another secret (not ours; Cal.com would refuse a second one), and
 * a failure (proving nothing) when the server does not show the secret.
 */
const findCreated = (
  transport: Transport,
  eventTypeId: number,
  teamId: number | undefined,
  url: string,
  secret: Redacted.Redacted<string>
): Effect.Effect<Option.Option<Webhook>, CalComError> =>
  Effect.flatMap(allHooks(transport, "Webhooks.eventType.create", eventTypeId, teamId), (hooks) => {
    const atUrl = hooks.find((hook) => hook.subscriberUrl === url)
    if (atUrl === undefined) return Effect.succeed(Option.none())
    if (atUrl.secret == null)
      return Effect.fail(
        new CalComDecodeError({
          operation: "Webhooks.eventType.create",
          issues: [{ path: "secret", message: "not shown, so the webhook at this URL cannot be told apart" }],
          message: `Webhooks.eventType.create: a webhook at ${url} exists but its secret is not shown`
        })
      )
    return Effect.succeed(Redacted.value(atUrl.secret) === Redacted.value(secret) ? Option.some(atUrl) : Option.none())
  })

/** @internal */
export const makeEventTypeWebhooks = (transport: Transport): EventTypeWebhooksApi => {
  const list = Effect.fn("Webhooks.eventType.list")(function* (
    eventTypeId: number,
    options: EventTypeWebhookOptions = {}
  ) {
    const input = yield* decodeList({ ...options, eventTypeId })
    return yield* allHooks(transport, "Webhooks.eventType.list", input.eventTypeId, input.teamId)
  })

  const create = Effect.fn("Webhooks.eventType.create")(function* (
    eventTypeId: number,
    raw: CreateWebhookInput,
    options: EventTypeWebhookOptions = {}
  ) {
    const { eventTypeId: target, teamId, ...input } = yield* decodeCreate({ ...raw, ...options, eventTypeId })
    const secret = yield* secretFor(input.secret)
    const created = yield* transport.call({
      operation: "Webhooks.eventType.create",
      method: "POST",
      ...collection(target, teamId),
      body: createBody(input, secret),
      reconcile: findCreated(transport, target, teamId, input.subscriberUrl, secret),
      lookup: `the webhook at ${input.subscriberUrl} of event type ${target} (webhooks.eventType.list)`,
      decode: decodeHook
    })
    // The secret sent is the one that signs deliveries, whether or not the server echoes it.
    return { ...created, secret } satisfies CreatedWebhook
  })

  const update = Effect.fn("Webhooks.eventType.update")(function* (
    eventTypeId: number,
    id: string,
    raw: UpdateWebhookInput,
    options: EventTypeWebhookOptions = {}
  ) {
    const {
      eventTypeId: target,
      teamId,
      id: webhookId,
      ...input
    } = yield* decodeUpdate({
      ...raw,
      ...options,
      eventTypeId,
      id
    })
    return yield* transport.call({
      operation: "Webhooks.eventType.update",
      method: "PATCH",
      ...item(target, webhookId, teamId),
      // Setting the same fields twice leaves them set: safe to send again.
      idempotent: true,
      body: toBody(input),
      decode: decodeHook
    })
  })

  const remove = Effect.fn("Webhooks.eventType.delete")(function* (
    eventTypeId: number,
    id: string,
    options: EventTypeWebhookOptions = {}
  ) {
    const input = yield* decodeDelete({ ...options, eventTypeId, id })
    yield* transport.call({
      operation: "Webhooks.eventType.delete",
      method: "DELETE",
      ...item(input.eventTypeId, input.id, input.teamId),
      decode: ignoreBody
    })
  })

  return { list, create, update, delete: remove }
}
