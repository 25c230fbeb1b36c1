import { expectPatched, type Json, type SpecPatch, walk } from "./Patch.js"

const id = "09-untagged-variants"

/** Cal.com's generator writes a variant's tag as prose: "only allowed value for type is `email`". */
const PROSE_TAG = /only allowed value for type is `([^`]+)`/

/** Booking-window variants share one three-value `type` enum; each variant means one of them. */
const WINDOW_TAGS: Record<string, string> = {
  BusinessDaysWindow_2024_06_14: "businessDays",
  CalendarDaysWindow_2024_06_14: "calendarDays",
  RangeWindow_2024_06_14: "range"
}

/** Fields typed as property-less objects with no example to tell their type (see patch 02). */
const UNTYPED: ReadonlyArray<readonly [schema: string, property: string, type: Json]> = [
  ["EmailDefaultFieldInput_2024_06_14", "required", { type: "boolean" }],
  ["EmailDefaultFieldOutput_2024_06_14", "required", { type: "boolean" }],
  ["TeamEventTypeOutput_2024_06_14", "ownerId", { type: "number", nullable: true }],
  ["TeamEventTypeOutput_2024_06_14", "parentEventTypeId", { type: "number", nullable: true }]
]

/**
 * Event types' `locations`, `bookingFields` and `bookingWindow` are `oneOf`s of variants told
 * apart by a `type` field, but the tag is only in prose (or, for windows, every variant allows
 * every tag), so a location `{type: "address", …}` matches several variants or none and every
 * event type response fails validation (Prism answers 500 to `GET /v2/event-types`). The patch
 * states each tag as a one-value `enum`, and types four fields that patch 02 cannot infer.
 * Even tagged, object variants overlap (none forbids extra properties, so a team event type is
 * also a valid personal one), so within response (`*Output*`) schemas `oneOf` becomes `anyOf`:
 * the server sends one variant, and a validator must accept it.
 */
export const patch: SpecPatch = {
  id,
  reason:
    "event type variants (locations, booking fields, windows) carry their tag only in prose and overlap; tag them, anyOf in outputs",
  apply: (doc) => {
    let changed = 0
    walk(doc.components.schemas, (node) => {
      const properties = node["properties"] as Record<string, Json> | undefined
      const tag = properties?.["type"]
      const match = typeof tag?.["description"] === "string" ? tag["description"].match(PROSE_TAG) : null
      if (tag && match?.[1] && tag["enum"] === undefined) {
        tag["enum"] = [match[1]]
        changed++
      }
    })
    for (const [name, value] of Object.entries(WINDOW_TAGS)) {
      const tag = (doc.components.schemas[name]?.["properties"] as Record<string, Json> | undefined)?.["type"]
      if (tag) {
        tag["enum"] = [value]
        changed++
      }
    }
    for (const [name, property, type] of UNTYPED) {
      const properties = doc.components.schemas[name]?.["properties"] as Record<string, Json> | undefined
      const field = properties?.[property]
      if (properties && field?.["type"] === "object") {
        properties[property] = { ...field, ...type }
        changed++
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      if (!name.includes("Output")) continue
      walk(schema, (node) => {
        if (Array.isArray(node["oneOf"])) {
          node["anyOf"] = node["oneOf"]
          delete node["oneOf"]
          changed++
        }
      })
    }
    return expectPatched(id, changed)
  }
}
