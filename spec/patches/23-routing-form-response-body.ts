import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "23-routing-form-response-body"

/**
 * `POST /v2/routing-forms/{routingFormId}/calculate-slots` declares no request body, but the form
 * response to route is the body: the service reads it as `new URLSearchParams(request.body)` and
 * routes on its fields (calcom/cal.com `apps/api/v2/src/modules/routing-forms/services/routing-forms.service.ts`,
 * `getRoutingUrl`), and Cal.com's e2e spec posts `{ sport: "football" }` to route to one event type
 * and `{ sport: "basketball" }` to another (`controllers/routing-forms.e2e-spec.ts`). Without a
 * body no routing rule can match, and the generated types forbid sending one. The patch declares a
 * JSON object of field values: text, a number, or several options.
 */
export const patch: SpecPatch = {
  id,
  reason: "calculate-slots routes the form response sent as its JSON body, which the document does not declare",
  apply: (doc) => {
    const operation = doc.paths["/v2/routing-forms/{routingFormId}/calculate-slots"]?.["post"] as Json | undefined
    if (operation === undefined || operation["requestBody"] !== undefined) return expectPatched(id, 0)
    operation["requestBody"] = {
      required: true,
      description: "The form response: each field's label (or id) with its value",
      content: {
        "application/json": {
          schema: {
            type: "object",
            additionalProperties: {
              oneOf: [{ type: "string" }, { type: "number" }, { type: "array", items: { type: "string" } }]
            },
            example: { sport: "football" }
          }
        }
      }
    }
    return expectPatched(id, 1)
  }
}
