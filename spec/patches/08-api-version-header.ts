import { expectPatched, operations, type SpecPatch } from "./Patch.js"

const id = "08-api-version-header"

/** The version a controller serves, from Cal.com's operationId convention `Controller_2024_08_13_method`. */
const versionFromOperationId = (operationId: string | undefined): string | undefined => {
  const match = operationId?.match(/_(\d{4})_(\d{2})_(\d{2})_/)
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined
}

/**
 * `cal-api-version` is a required header on 37 operations, typed as a free string; 32 carry the
 * right value as `default`, 5 (booking location, attendees, guests) carry none. A wrong value
 * makes the live API answer 404. The patch pins the parameter to its one valid value (`enum`),
 * taking it from the default or else from the operationId's controller version, so Prism
 * rejects a missing or wrong version, and the generator derives the operation → version table
 * from it (the transport sets the header; callers never pass it).
 */
export const patch: SpecPatch = {
  id,
  reason:
    "cal-api-version is a free string (some without a value); constrain it to the one version each operation serves",
  apply: (doc) => {
    let changed = 0
    for (const { method, path, operation } of operations(doc)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter["in"] !== "header" || parameter["name"] !== "cal-api-version") continue
        const schema = (parameter["schema"] ?? {}) as { default?: unknown }
        const version =
          typeof schema.default === "string" ? schema.default : versionFromOperationId(operation.operationId)
        if (version === undefined) {
          throw new Error(`patch ${id}: no version known for ${method.toUpperCase()} ${path}`)
        }
        parameter["required"] = true
        parameter["schema"] = { type: "string", enum: [version], default: version }
        changed++
      }
    }
    return expectPatched(id, changed)
  }
}
