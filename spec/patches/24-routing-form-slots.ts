import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "24-routing-form-slots"

/**
 * `ResponseSlotsOutputData.slots` (the answer of `POST /v2/routing-forms/{id}/calculate-slots`)
 * is `anyOf` two schemas without properties, but it is what `GET /v2/slots` answers for the routed
 * event type (the service returns `slotsService.getAvailableSlots(...)` as `slots`; calcom/cal.com
 * `apps/api/v2/src/modules/routing-forms/services/routing-forms.service.ts`), and Cal.com's e2e
 * spec asserts `slots` equal to `{ "2060-01-12": [{ start: "2060-01-12T09:00:00.000Z" }, …] }`
 * (`controllers/routing-forms.e2e-spec.ts`). The patch declares the same date → slots map as
 * `GET /v2/slots`'s `data` (after patch 05), so Prism serves slots and the types can read them.
 */
export const patch: SpecPatch = {
  id,
  reason: "calculate-slots' slots are GET /v2/slots' date -> slots map, declared as two empty objects",
  apply: (doc) => {
    const properties = doc.components.schemas["ResponseSlotsOutputData"]?.["properties"] as
      | Record<string, Json>
      | undefined
    const slotsGet = doc.paths["/v2/slots"]?.["get"] as Json | undefined
    const responses = slotsGet?.["responses"] as Record<string, Json> | undefined
    const media = (responses?.["200"]?.["content"] as Json | undefined)?.["application/json"] as Json | undefined
    const data = ((media?.["schema"] as Json | undefined)?.["properties"] as Record<string, Json> | undefined)?.["data"]
    if (properties?.["slots"]?.["anyOf"] === undefined || data?.["additionalProperties"] === undefined)
      return expectPatched(id, 0)
    properties["slots"] = {
      ...structuredClone(data),
      // The e2e spec's answer (format=time); Prism serves it.
      example: { "2060-01-12": [{ start: "2060-01-12T09:00:00.000Z" }, { start: "2060-01-12T10:00:00.000Z" }] }
    }
    return expectPatched(id, 1)
  }
}
