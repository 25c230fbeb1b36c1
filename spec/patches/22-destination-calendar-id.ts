import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "22-destination-calendar-id"

/**
 * `DestinationCalendar.id` (in `GET /v2/calendars`) is declared `type: object`: the DTO says
 * `id!: number | string` (`@IsInt()`; calcom/cal.com
 * `apps/api/v2/src/ee/calendars/outputs/connected-calendars.output.ts`), a Prisma autoincrement id,
 * or a string for calendars of a delegated credential. Swagger emits unions as `object`, so Prism
 * serves `{}` and the generated type is an object nobody can use. The patch declares a number or
 * a string.
 */
export const patch: SpecPatch = {
  id,
  reason: "DestinationCalendar.id is a number or a string, declared as an object",
  apply: (doc) => {
    const properties = doc.components.schemas["DestinationCalendar"]?.["properties"] as Record<string, Json> | undefined
    if (properties?.["id"]?.["type"] !== "object") return expectPatched(id, 0)
    properties["id"] = { oneOf: [{ type: "number" }, { type: "string" }], example: 31 }
    return expectPatched(id, 1)
  }
}
