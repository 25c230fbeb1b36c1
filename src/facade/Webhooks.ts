/**
 * The user's webhooks: list, create, update, delete. A webhook's signing secret is `Redacted`
 * both ways: given as `Redacted` (or a string) and returned as `Redacted`. `create` without a
 * secret generates a strong one, so no webhook is created unsigned.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { dataOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { type Check, isPositiveInt, require, validate } from "./internal/Resource.js"
import { Webhook } from "./Models.js"
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
  readonly update: (id: number, input: UpdateWebhookInput) => Effect.Effect<Webhook, CalComError>
  readonly delete: (id: number) => Effect.Effect<void, CalComError>
}

const decodeList = dataOf(Schema.Array(Webhook))
const decodeOne = dataOf(Webhook)

const isHttpUrl = (value: unknown) => {
  if (typeof value !== "string") return false
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}

/** The secret's text: where it is checked and where it goes into the request body, nowhere else. */
const plain = (secret: Redacted.Redacted<string> | string) =>
  typeof secret === "string" ? secret : Redacted.value(secret)

const checks = (input: UpdateWebhookInput): Array<Check> => [
  input.subscriberUrl === undefined
    ? undefined
    : require(isHttpUrl(input.subscriberUrl), "subscriberUrl", "must be an http(s) URL"),
  input.triggers === undefined
    ? undefined
    : require(input.triggers.length > 0, "triggers", "must name at least one trigger"),
  input.secret === undefined
    ? undefined
    : require(plain(input.secret).length > 0, "secret", "must not be empty (omit it and create generates one)"),
  ...(input.triggers ?? []).map((t, i) =>
    require(/^[A-Z][A-Z_]*$/.test(t), `triggers.${i}`, "must be a trigger such as BOOKING_CREATED")
  )
]

const toBody = (input: UpdateWebhookInput) => ({
  ...(input.subscriberUrl === undefined ? {} : { subscriberUrl: input.subscriberUrl }),
  ...(input.triggers === undefined ? {} : { triggers: [...input.triggers] as Array<"BOOKING_CREATED"> }),
  ...(input.active === undefined ? {} : { active: input.active }),
  ...(input.payloadTemplate === undefined ? {} : { payloadTemplate: input.payloadTemplate }),
  ...(input.secret === undefined ? {} : { secret: plain(input.secret) })
})

const idCheck = (id: unknown) => require(isPositiveInt(id), "id", "must be a positive whole number")

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

  const create = Effect.fn("Webhooks.create")(function* (input: CreateWebhookInput) {
    yield* validate("Webhooks.create", [
      require(input.subscriberUrl !== undefined, "subscriberUrl", "is required"),
      require(input.triggers !== undefined, "triggers", "is required"),
      ...checks(input)
    ])
    const secret =
      input.secret === undefined
        ? yield* generateWebhookSecret
        : typeof input.secret === "string"
          ? Redacted.make(input.secret)
          : input.secret
    const fields = toBody({ ...input, secret })
    const body = {
      ...fields,
      subscriberUrl: input.subscriberUrl,
      active: input.active ?? true,
      triggers: fields.triggers ?? []
    }
    const created = yield* transport.call({
      operation: "Webhooks.create",
      method: "POST",
      path: "/v2/webhooks",
      body,
      decode: decodeOne
    })
    // The secret sent is the one that signs deliveries, whether or not the server echoes it.
    return { ...created, secret } satisfies CreatedWebhook
  })

  const update = Effect.fn("Webhooks.update")(function* (id: number, input: UpdateWebhookInput) {
    const body = toBody(input)
    yield* validate("Webhooks.update", [
      idCheck(id),
      require(Object.keys(body).length > 0, "", "nothing to update"),
      ...checks(input)
    ])
    return yield* transport.call({
      operation: "Webhooks.update",
      method: "PATCH",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: String(id) },
      idempotent: true,
      params: { path: { webhookId: String(id) } },
      body,
      decode: decodeOne
    })
  })

  const remove = Effect.fn("Webhooks.delete")(function* (id: number) {
    yield* validate("Webhooks.delete", [idCheck(id)])
    yield* transport.call({
      operation: "Webhooks.delete",
      method: "DELETE",
      path: "/v2/webhooks/{webhookId}",
      resource: { kind: "webhook", id: String(id) },
      params: { path: { webhookId: String(id) } },
      decode: () => Effect.void
    })
  })

  return { list, create, update, delete: remove }
}
