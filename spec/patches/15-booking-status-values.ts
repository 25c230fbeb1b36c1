import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "15-booking-status-values"

/**
 * The booking outputs declare `status` as one of `cancelled`, `accepted`, `rejected`, `pending`.
 * Cal.com builds it as `databaseBooking.status.toLowerCase()` (calcom/cal.com
 * `apps/api/v2/src/ee/bookings/2024-08-13/services/output.service.ts`) from the Prisma enum
 * `BookingStatus` (`packages/prisma/schema.prisma`), which also has `AWAITING_HOST`
 * (`@map("awaiting_host")`, added in 2023 for instant meetings). A booking waiting for its host
 * is therefore sent as `"awaiting_host"`, outside the document's enum. The patch adds it.
 */
export const patch: SpecPatch = {
  id,
  reason: "booking status enums lack awaiting_host (Prisma BookingStatus.AWAITING_HOST, lower-cased by the API)",
  apply: (doc) => {
    let changed = 0
    for (const schema of Object.values(doc.components.schemas)) {
      const status = (schema["properties"] as Record<string, Json> | undefined)?.["status"]
      const values = status?.["enum"]
      if (!Array.isArray(values) || !values.includes("rejected") || values.includes("awaiting_host")) continue
      values.push("awaiting_host")
      changed++
    }
    return expectPatched(id, changed)
  }
}
