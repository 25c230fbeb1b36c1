/**
 * The user's webhooks: list, get, create, update, delete; and an event type's (`eventType`). A webhook's signing secret is `Redacted`
 * both ways: given as `Redacted` (or a string) and returned as `Redacted`. `create` without a
 * secret generates a strong one, so no webhook is created unsigned.
 */
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { dataOf, ignoreBody, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { type EventTypeWebhooksApi, makeEventTypeWebhooks } from "./EventTypeWebhooks.js"
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
import { Webhook } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface CreateWebhookInput {
  /** Where Cal.com POSTs events (https in production). */
  readonly subscriberUrl: string
  /** `BOOKING_CREATED`, `BOOKING_CANCELLED`, `BOOKING_RESCHEDULED`, … */
  readonly triggers: ReadonlyArray<string>
  /** Default true. */
  readonly active?: boolean | undefined
  readonly payloadTemplate?: string | undefined
  /**
   * Signing secret for the `X-Cal-Signature-256` header. When absent, `create` generates one
   * (32 random bytes, hex) and returns it in the result's `secret`: keep it, it is shown once.
   */
  readonly secret?: Redacted.Redacted<string> | string | undefined
}

/** A webhook just created: its signing secret is always there (`Redacted`). */
export type CreatedWebhook = Omit<Webhook, "secret"> & { readonly secret: Redacted.Redacted<string> }

export type UpdateWebhookInput = Partial<CreateWebhookInput>

export interface WebhooksApi {
  readonly list: () => Effect.Effect<ReadonlyArray<Webhook>, CalComError>
  /** One of the user's webhooks by its string id. */
  readonly get: (id: string) => Effect.Effect<Webhook, CalComError>
  readonly create: (input: CreateWebhookInput) => Effect.Effect<CreatedWebhook, CalComError>
  /** `id` is the webhook's string id, as `list` and `create` return it. */
  readonly update: (id: string, input: UpdateWebhookInput) => Effect.Effect<Webhook, CalComError>
  readonly delete: (id: string) => Effect.Effect<void, CalComError>
  /** The webhooks of one event type (personal, or a team's with `teamId`). */
  readonly eventType: EventTypeWebhooksApi
}

const decodeList = listOf(Webhook, "webhook")
const decodeOne = dataOf(Webhook)

const CreateInput = Schema.Struct(webhookFields)
const UpdateInput = Schema.Struct({ ...Id.fields, ...updateFields }).check(changesAWebhook)

const decodeGet = decodeInput("Webhooks.get", Id)
const decodeCreate = decodeInput("Webhooks.create", CreateInput)
const decodeUpdate = decodeInput("Webhooks.update", UpdateInput)
const decodeDelete = decodeInput("Webhooks.delete", Id)

/** @internal */
export const makeWebhooks = (transport: Transport): WebhooksApi => {
  const list = Effect.fn("Webhooks.list")(function* () {
    return yield* transport.call({
      operation: "Webhooks.list",
      method: "GET",
      path: "/v2/webhooks",
      decode: decodeList
    })
  })

  const get = Effect.fn("Webhooks.get")(function* (id: string) {
    const input = yield* decodeGet({ id })
    return yield* transport.call({
      operation: "Webhooks.get",
      method: "GET",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: input.id },
      params: { path: { webhookId: input.id } },
      decode: decodeOne
    })
  })

  const create = Effect.fn("Webhooks.create")(function* (raw: CreateWebhookInput) {
    const input = yield* decodeCreate(raw)
    const secret = yield* secretFor(input.secret)
    const created = yield* transport.call({
      operation: "Webhooks.create",
      method: "POST",
      path: "/v2/webhooks",
      body: createBody(input, secret),
      decode: decodeOne
    })
    // The secret sent is the one that signs deliveries, whether or not the server echoes it.
    return { ...created, secret } satisfies CreatedWebhook
  })

  const update = Effect.fn("Webhooks.update")(function* (id: string, raw: UpdateWebhookInput) {
    const { id: webhookId, ...input } = yield* decodeUpdate({ ...raw, id })
    return yield* transport.call({
      operation: "Webhooks.update",
      method: "PATCH",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: webhookId },
      idempotent: true,
      params: { path: { webhookId: webhookId } },
      body: toBody(input),
      decode: decodeOne
    })
  })

  const remove = Effect.fn("Webhooks.delete")(function* (id: string) {
    const input = yield* decodeDelete({ id })
    yield* transport.call({
      operation: "Webhooks.delete",
      method: "DELETE",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: input.id },
      params: { path: { webhookId: input.id } },
      decode: ignoreBody
    })
  })

  return { list, get, create, update, delete: remove, eventType: makeEventTypeWebhooks(transport) }
}
