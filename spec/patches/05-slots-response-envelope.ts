import { expectPatched, type Json, operations, type SpecPatch } from "./Patch.js"

const id = "05-slots-response-envelope"

/** One slot as the live API returns it, in either `format=time` or `format=range`. */
const slot: Json = {
  type: "object",
  required: ["start"],
  properties: {
    start: { type: "string", description: "Slot start, ISO 8601 with the offset of the requested timeZone" },
    end: { type: "string", description: "Slot end; present with format=range" },
    seatsBooked: { type: "number", description: "Seated event types: seats already taken" },
    seatsRemaining: { type: "number", description: "Seated event types: seats still free" },
    seatsTotal: { type: "number", description: "Seated event types: seats per slot" },
    bookingUid: { type: "string", description: "Seated event types: the booking that holds the seats, once one does" }
  }
}

/**
 * Seated slots carry `seatsBooked`, `seatsRemaining`, `seatsTotal` and, once booked, `bookingUid`
 * (calcom/cal.com `apps/api/v2/src/modules/slots/slots-2024-09-04/services/slots-output.service.ts`,
 * `getAvailableTimeSlotSeated` and `getAvailableRangeSlotSeated`); the document's prose speaks of an
 * `attendeesCount` that is never sent.
 *
 * Defect 5: the `GET /v2/slots` 200 schema is the bare date → slots map, while its own example
 * and the live API wrap it as `{ status, data }`, and it types default-format slots as strings
 * where the API sends `{ start }` objects. Generated types were wrong and Prism's example
 * response failed validation. The patch declares the envelope and the slot object.
 */
export const patch: SpecPatch = {
  id,
  reason:
    "GET /v2/slots response lacks the {status, data} envelope and types slots as strings; declare what the API sends",
  apply: (doc) => {
    let changed = 0
    for (const { path, method, operation } of operations(doc)) {
      if (path !== "/v2/slots" || method !== "get") continue
      const media = (operation.responses["200"]?.["content"] as Json | undefined)?.["application/json"] as
        | Json
        | undefined
      if (!media) continue
      const original = media["schema"] as Json | undefined
      const firstVariant = (original?.["oneOf"] as Array<Json> | undefined)?.[0]
      media["schema"] = {
        type: "object",
        required: ["status", "data"],
        properties: {
          status: { type: "string", enum: ["success"] },
          data: {
            type: "object",
            description: "Available slots by date (YYYY-MM-DD in the requested timeZone); {} when none",
            additionalProperties: { type: "array", items: slot }
          }
        },
        ...(firstVariant?.["example"] === undefined ? {} : { example: firstVariant["example"] })
      }
      changed++
    }
    return expectPatched(id, changed)
  }
}
