import { expectPatched, operations, type SpecPatch } from "./Patch.js"

const id = "11-comma-separated-arrays"

/**
 * Array query parameters (bookings' `status`, …) are declared with OpenAPI's default
 * serialisation (`style: form, explode: true`: `status=upcoming&status=past`), but the API reads
 * one comma-separated value (`status=upcoming,past`), which is `explode: false`. Without the
 * patch Prism rejects what the API expects, and what it accepts the API misreads.
 */
export const patch: SpecPatch = {
  id,
  reason: "array query parameters are comma-separated on the API (explode: false), not repeated",
  apply: (doc) => {
    let changed = 0
    for (const { operation } of operations(doc)) {
      for (const parameter of operation.parameters ?? []) {
        const schema = parameter["schema"] as { type?: unknown } | undefined
        if (parameter["in"] !== "query" || schema?.type !== "array" || parameter["explode"] === false) continue
        parameter["style"] = "form"
        parameter["explode"] = false
        changed++
      }
    }
    return expectPatched(id, changed)
  }
}
