/**
 * The user's webhooks: list, create, update, delete. A webhook's signing secret is `Redacted`
 * both ways: given as `Redacted` (or a string) and returned as `Redacted`. `create` without a
 * secret generates a strong one, so no webhook is created unsigned.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { dataOf, ignoreBody, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { changesSomething, decodeInput, given } from "./internal/Input.js"
import { Webhook, WebhookId } from "./Models.js"
import type { Transport } from "./Transport.js"
import { generateWebhookSecret } from "./WebhookVerify.js"

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
  readonly create: (input: CreateWebhookInput) => Effect.Effect<CreatedWebhook, CalComError>
  /** `id` is the webhook's string id, as `list` and `create` return it. */
  readonly update: (id: string, input: UpdateWebhookInput) => Effect.Effect<Webhook, CalComError>
  readonly delete: (id: string) => Effect.Effect<void, CalComError>
}

const decodeList = listOf(Webhook, "webhook")
const decodeOne = dataOf(Webhook)

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}

const fields = {
  subscriberUrl: Schema.String.check(Schema.makeFilter((s: string) => isHttpUrl(s) || "must be an http(s) URL")),
  triggers: Schema.Array(
    Schema.String.check(Schema.isPattern(/^[A-Z][A-Z_]*$/, { message: "must be a trigger such as BOOKING_CREATED" }))
  ).check(Schema.makeFilter((t: ReadonlyArray<string>) => t.length > 0 || "must name at least one trigger")),
  active: Schema.optional(Schema.Boolean),
  payloadTemplate: Schema.optional(Schema.String),
  // Not empty: Cal.com treats an empty secret as none and sends deliveries unsigned.
  secret: Schema.optional(
    Schema.Union([
      Schema.String,
      Schema.declare(
        (u: unknown): u is Redacted.Redacted<string> => Redacted.isRedacted(u) && typeof Redacted.value(u) === "string",
        { expected: "a Redacted string" }
      )
    ]).check(
      Schema.makeFilter(
        (secret: string | Redacted.Redacted<string>) =>
          (typeof secret === "string" ? secret : Redacted.value(secret)).length > 0 ||
          "must not be empty (omit it and create generates one)"
      )
    )
  )
}

const Id = Schema.Struct({ id: WebhookId })
const CreateInput = Schema.Struct(fields)
const UpdateInput = Schema.Struct({
  id: WebhookId,
  subscriberUrl: Schema.optional(fields.subscriberUrl),
  triggers: Schema.optional(fields.triggers),
  active: fields.active,
  payloadTemplate: fields.payloadTemplate,
  secret: fields.secret
}).check(changesSomething(["subscriberUrl", "triggers", "active", "payloadTemplate", "secret"]))

const decodeCreate = decodeInput("Webhooks.create", CreateInput)
const decodeUpdate = decodeInput("Webhooks.update", UpdateInput)
const decodeDelete = decodeInput("Webhooks.delete", Id)

/** The request body; the secret leaves its Redacted wrapper only to go into it. */
const toBody = (input: Omit<typeof UpdateInput.Type, "id">) => ({
  ...given({ subscriberUrl: input.subscriberUrl, active: input.active, payloadTemplate: input.payloadTemplate }),
  ...(input.triggers === undefined ? {} : { triggers: [...input.triggers] as Array<"BOOKING_CREATED"> }),
  ...(input.secret === undefined
    ? {}
    : { secret: typeof input.secret === "string" ? input.secret : Redacted.value(input.secret) })
})

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

  const create = Effect.fn("Webhooks.create")(function* (raw: CreateWebhookInput) {
    const input = yield* decodeCreate(raw)
    const secret =
      input.secret === undefined
        ? yield* generateWebhookSecret
        : typeof input.secret === "string"
          ? Redacted.make(input.secret)
          : input.secret
    const created = yield* transport.call({
      operation: "Webhooks.create",
      method: "POST",
      path: "/v2/webhooks",
      body: {
        ...toBody({ ...input, secret }),
        subscriberUrl: input.subscriberUrl,
        active: input.active ?? true,
        triggers: [...input.triggers] as Array<"BOOKING_CREATED">
      },
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

  return { list, create, update, delete: remove }
}
