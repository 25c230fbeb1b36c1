/** The webhook tools: where Cal.com sends which booking events, the user's and one event type's. Secrets are never shown. */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { given, named } from "../internal/Calls.js"
import {
  accountDelete,
  type Bodies,
  flag,
  id,
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

export const GetWebhook = tool("get_webhook", {
  title: "Get webhook",
  description: "One of the user's webhooks. Its secret is never shown.",
  parameters: Schema.Struct({ webhook_id: webhookId }),
  success: WebhookView,
  hints: readOnly
})

const eventTypeScope = {
  event_type_id: id("See list_event_types."),
  team_id: optional(id("For a team event type."))
}

export const ListEventTypeWebhooks = tool("list_event_type_webhooks", {
  title: "List event type webhooks",
  description: "The webhooks of one event type. Secrets are never shown.",
  parameters: Schema.Struct(eventTypeScope),
  success: WebhookList,
  hints: readOnly
})

export const CreateEventTypeWebhook = tool("create_event_type_webhook", {
  title: "Create event type webhook",
  description:
    "Makes Cal.com send one event type's booking events to an https URL (attendees' names and emails go there): only for an address the user names.",
  parameters: Schema.Struct({
    ...eventTypeScope,
    subscriber_url: text("The https URL that receives the events."),
    triggers,
    active: optional(flag("Default true."))
  }),
  success: WebhookView,
  hints: webhookCreate
})

export const UpdateEventTypeWebhook = tool("update_event_type_webhook", {
  title: "Update event type webhook",
  description: "Changes an event type webhook's URL, events or active flag; only given fields change.",
  parameters: Schema.Struct({
    ...eventTypeScope,
    webhook_id: text("See list_event_type_webhooks."),
    subscriber_url: optional(text("New https URL.")),
    triggers: optional(triggers),
    active: optional(flag("false pauses it."))
  }),
  success: WebhookView,
  hints: webhookUpdate
})

export const DeleteEventTypeWebhook = tool("delete_event_type_webhook", {
  title: "Delete event type webhook",
  description: "Deletes an event type webhook for good. Confirm with the user first.",
  parameters: Schema.Struct({ ...eventTypeScope, webhook_id: text("See list_event_type_webhooks.") }),
  success: Deleted,
  hints: accountDelete
})

export const tools = [
  ListWebhooks,
  CreateWebhook,
  UpdateWebhook,
  DeleteWebhook,
  GetWebhook,
  ListEventTypeWebhooks,
  CreateEventTypeWebhook,
  UpdateEventTypeWebhook,
  DeleteEventTypeWebhook
] as const

const scope = (teamId: number | undefined) => (teamId === undefined ? {} : { teamId })

const NAMES = { id: "webhook_id" }

/** The fields of a webhook change, in the facade's shape (only those given). */
const changes = (params: {
  readonly subscriber_url?: string
  readonly triggers?: ReadonlyArray<string>
  readonly active?: boolean
}) => given({ subscriberUrl: params.subscriber_url, triggers: params.triggers, active: params.active })

export const bodies: Bodies<typeof tools> = {
  get_webhook: (cal, params) => Effect.map(named(NAMES)(cal.webhooks.get(params.webhook_id)), webhookView),
  list_event_type_webhooks: (cal, params) =>
    Effect.map(named(NAMES)(cal.webhooks.eventType.list(params.event_type_id, scope(params.team_id))), (list) => ({
      webhooks: list.map(webhookView),
      count: list.length
    })),
  create_event_type_webhook: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.webhooks.eventType.create(
          params.event_type_id,
          { subscriberUrl: params.subscriber_url, triggers: params.triggers, ...given({ active: params.active }) },
          scope(params.team_id)
        )
      ),
      webhookView
    ),
  update_event_type_webhook: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.webhooks.eventType.update(params.event_type_id, params.webhook_id, changes(params), scope(params.team_id))
      ),
      webhookView
    ),
  delete_event_type_webhook: (cal, params) =>
    Effect.as(
      named(NAMES)(cal.webhooks.eventType.delete(params.event_type_id, params.webhook_id, scope(params.team_id))),
      { deleted: true as const, id: params.webhook_id }
    ),
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
    Effect.map(named(NAMES)(cal.webhooks.update(params.webhook_id, changes(params))), webhookView),
  delete_webhook: (cal, params) =>
    Effect.as(named(NAMES)(cal.webhooks.delete(params.webhook_id)), { deleted: true as const, id: params.webhook_id })
}
