/** The webhook tools: where Cal.com sends which booking events. Secrets are never shown. */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { given, named } from "../internal/Calls.js"
import {
  accountDelete,
  type Bodies,
  flag,
  optional,
  readOnly,
  text,
  tool,
  webhookCreate,
  webhookUpdate
} from "../internal/Define.js"
import { Deleted, WebhookList, WebhookView, webhookView } from "../Views.js"

const triggers = Schema.Array(Schema.String).annotate({
  description: "Events to send, e.g. BOOKING_CREATED, BOOKING_CANCELLED, BOOKING_RESCHEDULED."
})
const webhookId = text("See list_webhooks.")

export const ListWebhooks = tool("list_webhooks", {
  title: "List webhooks",
  description: "The user's webhooks: where Cal.com sends which events. Secrets are never shown.",
  success: WebhookList,
  hints: readOnly
})

export const CreateWebhook = tool("create_webhook", {
  title: "Create webhook",
  description:
    "Makes Cal.com send the given booking events to an https URL. Booking data (attendees' names and emails) " +
    "goes to that URL: create it only for an address the user names.",
  parameters: Schema.Struct({
    subscriber_url: text("The https URL that receives the events."),
    triggers,
    active: optional(flag("Default true."))
  }),
  success: WebhookView,
  hints: webhookCreate
})

export const UpdateWebhook = tool("update_webhook", {
  title: "Update webhook",
  description: "Changes a webhook's URL, events or active flag; only given fields change.",
  parameters: Schema.Struct({
    webhook_id: webhookId,
    subscriber_url: optional(text("New https URL.")),
    triggers: optional(triggers),
    active: optional(flag("false pauses it."))
  }),
  success: WebhookView,
  hints: webhookUpdate
})

export const DeleteWebhook = tool("delete_webhook", {
  title: "Delete webhook",
  description: "Deletes a webhook for good: its URL stops receiving events. Confirm with the user first.",
  parameters: Schema.Struct({ webhook_id: webhookId }),
  success: Deleted,
  hints: accountDelete
})

export const tools = [ListWebhooks, CreateWebhook, UpdateWebhook, DeleteWebhook] as const

const NAMES = { id: "webhook_id" }

export const bodies: Bodies<typeof tools> = {
  list_webhooks: (cal) =>
    Effect.map(cal.webhooks.list(), (list) => ({ webhooks: list.map(webhookView), count: list.length })),
  create_webhook: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.webhooks.create({
          subscriberUrl: params.subscriber_url,
          triggers: params.triggers,
          ...given({ active: params.active })
        })
      ),
      webhookView
    ),
  update_webhook: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.webhooks.update(
          params.webhook_id,
          given({ subscriberUrl: params.subscriber_url, triggers: params.triggers, active: params.active })
        )
      ),
      webhookView
    ),
  delete_webhook: (cal, params) =>
    Effect.as(named(NAMES)(cal.webhooks.delete(params.webhook_id)), { deleted: true as const, id: params.webhook_id })
}
