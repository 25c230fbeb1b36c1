/**
 * The user's webhooks: list, create, update, delete. A webhook's signing secret is `Redacted`
 * both ways: given as `Redacted` (or a string) and returned as `Redacted`.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { dataOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { type Check, isPositiveInt, require, validate } from "./internal/Resource.js"
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

const isHttpUrl = (value: unknown) => {
  if (typeof value !== "string") return false
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}

const checks = (input: UpdateWebhookInput): Array<Check> => [
  input.subscriberUrl === undefined
    ? undefined
    : require(isHttpUrl(input.subscriberUrl), "subscriberUrl", "must be an http(s) URL"),
  input.triggers === undefined
    ? undefined
    : require(input.triggers.length > 0, "triggers", "must name at least one trigger"),
  ...(input.triggers ?? []).map((t, i) =>
    require(/^[A-Z][A-Z_]*$/.test(t), `triggers.${i}`, "must be a trigger such as BOOKING_CREATED")
  )
]

const toBody = (input: UpdateWebhookInput) => ({
  ...(input.subscriberUrl === undefined ? {} : { subscriberUrl: input.subscriberUrl }),
  ...(input.triggers === undefined ? {} : { triggers: [...input.triggers] as Array<"BOOKING_CREATED"> }),
  ...(input.active === undefined ? {} : { active: input.active }),
  ...(input.payloadTemplate === undefined ? {} : { payloadTemplate: input.payloadTemplate }),
  // The secret leaves its Redacted wrapper only to go into the request body.
  ...(input.secret === undefined
    ? {}
    : { secret: typeof input.secret === "string" ? input.secret : Redacted.value(input.secret) })
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
    const body = {
      ...toBody(input),
      subscriberUrl: input.subscriberUrl,
      active: input.active ?? true,
      triggers: toBody(input).triggers ?? []
    }
    return yield* transport.call({
      operation: "Webhooks.create",
      method: "POST",
      path: "/v2/webhooks",
      body,
      decode: decodeOne
    })
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
