import { expectPatched, type Json, type SpecPatch, walk } from "./Patch.js"

const id = "02-scalars-typed-as-object"

/** JSON Schema type of a scalar example or default, if it is one. */
const scalarType = (value: unknown): "boolean" | "number" | "string" | undefined => {
  switch (typeof value) {
    case "boolean":
      return "boolean"
    case "number":
      return "number"
    case "string":
      return "string"
    default:
      return undefined
  }
}

/**
 * Defect 4 (and its siblings): boolean fields such as `isDefault`, `includeCalendarEvent` and
 * `enabled` are declared `type: "object"` (Cal.com's generator lost the type), as are a few
 * numbers (`slotInterval`) and strings (`createdAt`, `status`, `logo`). The example and default
 * next to them show the real type. Without this, generated types say `Record<string, never>`
 * and Prism's own example responses fail validation.
 */
export const patch: SpecPatch = {
  id,
  reason:
    "scalar fields (booleans, numbers, strings) declared as property-less objects; use the type of their default/example",
  apply: (doc) => {
    let changed = 0
    walk(doc, (node: Json) => {
      if (node["type"] !== "object" || node["properties"] || node["additionalProperties"] || node["enum"]) return
      const type = scalarType(node["default"]) ?? scalarType(node["example"])
      if (type === undefined) return
      node["type"] = type
      changed++
    })
    return expectPatched(id, changed)
  }
}
