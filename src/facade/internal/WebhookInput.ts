/**
 * What every kind of webhook (the user's, an event type's) takes as input: the fields and their
 * checks, the signing secret (given, or generated), and the request body built from them.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { WebhookId } from "../Models.js"
import { generateWebhookSecret } from "../WebhookVerify.js"
import { changesSomething, given } from "./Input.js"

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}

/** The fields of a webhook, each checked as Cal.com would (and the secret never empty). */
export const webhookFields = {
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

/** The fields a partial update may change (at least one of them). */
export const updateFields = {
  subscriberUrl: Schema.optional(webhookFields.subscriberUrl),
  triggers: Schema.optional(webhookFields.triggers),
  active: webhookFields.active,
  payloadTemplate: webhookFields.payloadTemplate,
  secret: webhookFields.secret
}

export const changesAWebhook = changesSomething(["subscriberUrl", "triggers", "active", "payloadTemplate", "secret"])

/** The webhook's id as a path segment. */
export const Id = Schema.Struct({ id: WebhookId })

const UpdateFields = Schema.Struct(updateFields)
type Fields = typeof UpdateFields.Type

/** The secret to create a webhook with: the one given, as `Redacted`, or a new strong one. */
export const secretFor = (secret: Fields["secret"]): Effect.Effect<Redacted.Redacted<string>> =>
  secret === undefined
    ? generateWebhookSecret
    : Effect.succeed(typeof secret === "string" ? Redacted.make(secret) : secret)

/** The request body; the secret leaves its Redacted wrapper only to go into it. */
export const toBody = (input: Fields) => ({
  ...given({ subscriberUrl: input.subscriberUrl, active: input.active, payloadTemplate: input.payloadTemplate }),
  ...(input.triggers === undefined ? {} : { triggers: [...input.triggers] as Array<"BOOKING_CREATED"> }),
  ...(input.secret === undefined
    ? {}
    : { secret: typeof input.secret === "string" ? input.secret : Redacted.value(input.secret) })
})

/** The body of a create: every field, `active` true unless said otherwise, and the secret. */
export const createBody = (
  input: Fields & { readonly subscriberUrl: string; readonly triggers: ReadonlyArray<string> },
  secret: Redacted.Redacted<string>
) => ({
  ...toBody({ ...input, secret }),
  subscriberUrl: input.subscriberUrl,
  active: input.active ?? true,
  triggers: [...input.triggers] as Array<"BOOKING_CREATED">
})
