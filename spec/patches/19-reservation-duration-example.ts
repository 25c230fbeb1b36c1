import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "19-reservation-duration-example"

const SCHEMAS = ["ReserveSlotInput_2024_09_04", "ReserveSlotOutput_2024_09_04"]

/**
 * `slotDuration` of the reservation input and output is `type: number` with the example `"30"`,
 * a string. Cal.com computes it as a number of minutes (`slotDuration: ... .diff(..., "minutes").minutes`
 * in calcom/cal.com `apps/api/v2/src/modules/slots/slots-2024-09-04/services/slots-output.service.ts`).
 * Prism serves the example and then refuses its own answer under `--errors` (500: "data.slotDuration
 * must be number"), so no reservation can be made against the mock. The patch makes the example the
 * number 30; no type changes.
 */
export const patch: SpecPatch = {
  id,
  reason: 'the reservation\'s slotDuration example is the string "30" for a number, so Prism refuses its own answer',
  apply: (doc) => {
    let changed = 0
    for (const name of SCHEMAS) {
      const property = (doc.components.schemas[name]?.["properties"] as Record<string, Json> | undefined)?.[
        "slotDuration"
      ]
      if (property?.["type"] !== "number" || typeof property["example"] !== "string") continue
      property["example"] = Number(property["example"])
      changed++
    }
    return expectPatched(id, changed)
  }
}
