import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "13-webhook-ids-are-strings"

const OUTPUTS = [
  "UserWebhookOutputDto",
  "EventTypeWebhookOutputDto",
  "TeamWebhookOutputDto",
  "OAuthClientWebhookOutputDto"
]

/**
 * The webhook outputs declare `id: number` (the DTO's `@IsInt() id!: number`), but Cal.com's
 * `Webhook.id` column is a `String` and the API returns it as stored: its own e2e specs create
 * webhooks with ids such as `"2mdfnn2"` and assert `id: expect.any(String)` on every webhook
 * response (calcom/cal.com `apps/api/v2/src/modules/webhooks/controllers/webhooks.controller.e2e-spec.ts`
 * and `event-types-webhooks.controller.e2e-spec.ts`; bodies in `test/fidelity/corpus/webhooks`).
 * With a number, `webhooks.list` never decodes against the live API and generated types cannot
 * address a real webhook. The patch declares the id a string.
 */
export const patch: SpecPatch = {
  id,
  reason: "webhook outputs declare a numeric id; the API sends Webhook.id, a string",
  apply: (doc) => {
    let changed = 0
    for (const name of OUTPUTS) {
      const properties = doc.components.schemas[name]?.["properties"] as Record<string, Json> | undefined
      if (properties?.["id"]?.["type"] !== "number") continue
      properties["id"] = { type: "string", example: "2mdfnn2" }
      changed++
    }
    return expectPatched(id, changed)
  }
}
