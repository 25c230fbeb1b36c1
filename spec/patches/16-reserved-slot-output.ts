import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "16-reserved-slot-output"

const WRAPPER = "GetReservedSlotOutput_2024_09_04"
const DATA = "ReservedSlot_2024_09_04"

/**
 * `GET /v2/slots/reservations/{uid}` answers `GetReservedSlotOutput_2024_09_04`, whose `data`
 * refers to `GetReservedSlotOutput_2024_09_04` itself: the API's wrapper class and the
 * platform-types data class share that name (calcom/cal.com
 * `apps/api/v2/src/modules/slots/slots-2024-09-04/outputs/get-reserved-slot.output.ts` imports
 * the data class under the wrapper's name), so the document describes an endlessly nested
 * envelope. What the API sends is the reservation, built by `getReservationSlot` in
 * `apps/api/v2/src/modules/slots/slots-2024-09-04/services/slots-output.service.ts`
 * (`eventTypeId`, `slotStart`, `slotEnd`, `slotDuration`, `reservationUid`, `reservationUntil`),
 * or `null` when no reservation has that uid (`SlotsService_2024_09_04.getReservedSlot`). The
 * patch adds that shape as `ReservedSlot_2024_09_04` and points `data` at it.
 */
export const patch: SpecPatch = {
  id,
  reason: "the reserved-slot response's data refers to its own envelope (a name clash); the API sends the reservation",
  apply: (doc) => {
    const schemas = doc.components.schemas
    const wrapper = schemas[WRAPPER]
    const data = (wrapper?.["properties"] as Record<string, Json> | undefined)?.["data"]
    const refs = JSON.stringify(data ?? {}).includes(`#/components/schemas/${WRAPPER}`)
    if (wrapper === undefined || data === undefined || !refs || schemas[DATA] !== undefined) return expectPatched(id, 0)
    const properties = wrapper["properties"] as Record<string, Json>
    schemas[DATA] = {
      type: "object",
      properties: {
        eventTypeId: { type: "number", example: 1 },
        slotStart: { type: "string", example: "2050-09-05T09:00:00.000Z" },
        slotEnd: { type: "string", example: "2050-09-05T10:00:00.000Z" },
        slotDuration: { type: "number", example: 60 },
        reservationUid: { type: "string", example: "e84be5a3-4696-49e3-acc7-b2f3999c3b94" },
        reservationUntil: { type: "string", example: "2050-09-05T08:05:00.000Z" }
      },
      required: ["eventTypeId", "slotStart", "slotEnd", "slotDuration", "reservationUid", "reservationUntil"]
    }
    properties["data"] = { nullable: true, allOf: [{ $ref: `#/components/schemas/${DATA}` }] }
    return expectPatched(id, 1)
  }
}
