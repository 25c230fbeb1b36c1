/**
 * The user's webhooks: list, create, update, delete. A webhook's signing secret is `Redacted`
 * both ways: given as `Redacted` (or a string) and returned as `Redacted`.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { dataOf, ignoreBody } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { changesSomething, decodeInput, given } from "./internal/Input.js"
import { PositiveId, Webhook } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface CreateWebhookInput {
  /** Where Cal.com POSTs events (https in production). */
  readonly subscriberUrl: string
  /** `BOOKING_CREATED`, `BOOKING_CANCELLED`, `BOOKING_RESCHEDULED`, … */
  readonly triggers: ReadonlyArray<string>
  /** Default true. */
  readonly active?: boolean | undefined
  readonly payloadTemplate?: string | undefined
  /** Signing secret for the `X-Cal-Signature-256` header. */
  readonly secret?: Redacted.Redacted<string> | string | undefined
}

export type UpdateWebhookInput = Partial<CreateWebhookInput>

export interface WebhooksApi {
  readonly list: () => Effect.Effect<ReadonlyArray<Webhook>, CalComError>
  readonly create: (input: CreateWebhookInput) => Effect.Effect<Webhook, CalComError>
  readonly update: (id: number, input: UpdateWebhookInput) => Effect.Effect<Webhook, CalComError>
  readonly delete: (id: number) => Effect.Effect<void, CalComError>
}

const decodeList = dataOf(Schema.Array(Webhook))
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
  secret: Schema.optional(
    Schema.Union([
      Schema.String,
      Schema.declare(
        (u: unknown): u is Redacted.Redacted<string> => Redacted.isRedacted(u) && typeof Redacted.value(u) === "string",
        { expected: "a Redacted string" }
      )
    ])
  )
}

const Id = Schema.Struct({ id: PositiveId })
const CreateInput = Schema.Struct(fields)
const UpdateInput = Schema.Struct({
  id: PositiveId,
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
    return yield* transport.call({
      operation: "Webhooks.create",
      method: "POST",
      path: "/v2/webhooks",
      body: {
        ...toBody(input),
        subscriberUrl: input.subscriberUrl,
        active: input.active ?? true,
        triggers: [...input.triggers] as Array<"BOOKING_CREATED">
      },
      decode: decodeOne
    })
  })

  const update = Effect.fn("Webhooks.update")(function* (id: number, raw: UpdateWebhookInput) {
    const { id: webhookId, ...input } = yield* decodeUpdate({ ...raw, id })
    return yield* transport.call({
      operation: "Webhooks.update",
      method: "PATCH",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: String(webhookId) },
      idempotent: true,
      params: { path: { webhookId: String(webhookId) } },
      body: toBody(input),
      decode: decodeOne
    })
  })

  const remove = Effect.fn("Webhooks.delete")(function* (id: number) {
    const input = yield* decodeDelete({ id })
    yield* transport.call({
      operation: "Webhooks.delete",
      method: "DELETE",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: String(input.id) },
      params: { path: { webhookId: String(input.id) } },
      decode: ignoreBody
    })
  })

  return { list, create, update, delete: remove }
}
