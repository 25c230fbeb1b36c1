import { expectPatched, isObject, operations, type SpecPatch } from "./Patch.js"

const id = "03-booking-body-variants-overlap"

/**
 * Defect 2: `POST /v2/bookings` takes a `oneOf` of three body variants (regular, instant,
 * recurring) whose properties overlap: a regular booking also matches the instant and recurring
 * variants (their extra fields are optional or absent), so under strict `oneOf` no valid body
 * matches exactly one and Prism answers 422 to every booking. The server itself picks the
 * variant by the fields present, which is what `anyOf` says.
 */
export const patch: SpecPatch = {
  id,
  reason: "POST /v2/bookings body variants overlap, so strict oneOf rejects every valid booking; use anyOf",
  apply: (doc) => {
    let changed = 0
    for (const { path, method, operation } of operations(doc)) {
      if (path !== "/v2/bookings" || method !== "post") continue
      const content = operation.requestBody?.["content"]
      const json = isObject(content) ? content["application/json"] : undefined
      const schema = isObject(json) ? json["schema"] : undefined
      if (isObject(schema) && Array.isArray(schema["oneOf"])) {
        schema["anyOf"] = schema["oneOf"]
        delete schema["oneOf"]
        changed++
      }
    }
    return expectPatched(id, changed)
  }
}
