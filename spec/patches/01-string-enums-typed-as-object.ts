import { expectPatched, type SpecPatch, walk } from "./Patch.js"

const id = "01-string-enums-typed-as-object"

/**
 * Defect 1: `WorkflowTriggerOffsetDto.unit`, `EventTypeWorkflowTriggerDto.type` and
 * `RoutingFormWorkflowTriggerDto.type` declare `type: "object"` with an enum of strings.
 * openapi-typescript stops on them and validators reject every real value.
 */
export const patch: SpecPatch = {
  id,
  reason: "string enums declared as type object crash openapi-typescript; declare them as type string",
  apply: (doc) => {
    let changed = 0
    walk(doc, (node) => {
      const values = node["enum"]
      if (node["type"] === "object" && Array.isArray(values) && values.every((v) => typeof v === "string")) {
        node["type"] = "string"
        changed++
      }
    })
    return expectPatched(id, changed)
  }
}
