import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "17-reassign-output"

const WRAPPER = "ReassignBookingOutput_2024_08_13"
const DATA = "ReassignBookingData_2024_08_13"

/**
 * `POST /v2/bookings/{bookingUid}/reassign` and `.../reassign/{userId}` answer
 * `ReassignBookingOutput_2024_08_13`, whose `data` refers to `ReassignBookingOutput_2024_08_13`
 * itself: the API's wrapper class imports the platform-types data class of the same name
 * (calcom/cal.com `apps/api/v2/src/ee/bookings/2024-08-13/outputs/reassign-booking.output.ts`),
 * so the document describes an endlessly nested envelope. The data class
 * (`packages/platform/types/bookings/2024-08-13/outputs/booking.output.ts`) is
 * `{ bookingUid, reassignedTo: ReassignedToDto }`, and the e2e spec
 * (`apps/api/v2/src/ee/bookings/2024-08-13/controllers/e2e/reassign-bookings.e2e-spec.ts`)
 * asserts `data.bookingUid` (the same booking) and `data.reassignedTo` `{ id, name, email }`.
 * The patch adds that shape as `ReassignBookingData_2024_08_13` and points `data` at it.
 */
export const patch: SpecPatch = {
  id,
  reason:
    "the reassign response's data refers to its own envelope (a name clash); the API sends { bookingUid, reassignedTo }",
  apply: (doc) => {
    const schemas = doc.components.schemas
    const wrapper = schemas[WRAPPER]
    const data = (wrapper?.["properties"] as Record<string, Json> | undefined)?.["data"]
    const refs = JSON.stringify(data ?? {}).includes(`#/components/schemas/${WRAPPER}`)
    if (wrapper === undefined || !refs || schemas["ReassignedToDto"] === undefined || schemas[DATA] !== undefined) {
      return expectPatched(id, 0)
    }
    const properties = wrapper["properties"] as Record<string, Json>
    schemas[DATA] = {
      type: "object",
      properties: {
        bookingUid: { type: "string", example: "booking_uid_123" },
        reassignedTo: { $ref: "#/components/schemas/ReassignedToDto" }
      },
      required: ["bookingUid", "reassignedTo"]
    }
    properties["data"] = { $ref: `#/components/schemas/${DATA}` }
    return expectPatched(id, 1)
  }
}
