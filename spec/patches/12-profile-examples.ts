import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "12-profile-examples"

/** Values shaped like a real profile (what `GET /v2/me` returns for a user). */
const EXAMPLES: Record<string, unknown> = {
  id: 42,
  username: "jane-doe",
  email: "jane.doe@example.com",
  name: "Jane Doe",
  timeFormat: 24,
  defaultScheduleId: 7,
  weekStart: "Monday",
  timeZone: "Europe/London"
}

/**
 * `MeOutput` has no examples, so Prism answers `GET /v2/me` with placeholders: an email
 * `"string"` and a time zone `"string"`, which are not an email or an IANA zone. Mock-based tests
 * and the demo then exercise the client on values the API never sends. Documentation only: the
 * patch adds examples and changes no type.
 */
export const patch: SpecPatch = {
  id,
  reason: "MeOutput has no examples, so the mock serves placeholder strings as email and time zone",
  apply: (doc) => {
    const properties = doc.components.schemas["MeOutput"]?.["properties"] as Record<string, Json> | undefined
    let changed = 0
    for (const [name, example] of Object.entries(EXAMPLES)) {
      const property = properties?.[name]
      if (property && property["example"] === undefined) {
        property["example"] = example
        changed++
      }
    }
    return expectPatched(id, changed)
  }
}
