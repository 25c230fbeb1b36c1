import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "18-booking-reserved-slot-uid"

const INPUTS = [
  "CreateBookingInput_2024_08_13",
  "CreateInstantBookingInput_2024_08_13",
  "CreateRecurringBookingInput_2024_08_13"
]

/**
 * `POST /v2/bookings` books a slot reserved with `POST /v2/slots/reservations` when the body
 * carries `reservedSlotUid` (or the `reservedSlotUid` cookie): Cal.com's e2e spec
 * `apps/api/v2/src/ee/bookings/2024-08-13/controllers/e2e/reserved-slot-bookings.e2e-spec.ts`
 * books with `reservedSlotUid` in the body, checks the reservation is removed afterwards, and
 * that booking with a reservation that is not the earliest for that slot fails ("Someone else
 * reserved this slot before you"). The check is `ensureReservedSlotIsEarliest`
 * (`packages/features/bookings/lib/reservations/validateReservedSlot.ts`: 410 when the
 * reservation is gone or expired, 409 `reserved_slot_not_first_in_line` with
 * `secondsUntilRelease` when another one came first). The document's booking inputs lack the
 * field, so the generated types cannot send it; the patch adds it to each input variant.
 */
export const patch: SpecPatch = {
  id,
  reason: "booking inputs lack reservedSlotUid, which the API reads to book a reserved slot",
  apply: (doc) => {
    let changed = 0
    for (const name of INPUTS) {
      const properties = doc.components.schemas[name]?.["properties"] as Record<string, Json> | undefined
      if (properties === undefined || properties["reservedSlotUid"] !== undefined) continue
      properties["reservedSlotUid"] = {
        type: "string",
        description:
          "The uid of a reservation made with POST /v2/slots/reservations for this event type and start; it is consumed by the booking.",
        example: "e84be5a3-4696-49e3-acc7-b2f3999c3b94"
      }
      changed++
    }
    return expectPatched(id, changed)
  }
}
