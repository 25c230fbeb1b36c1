import { expectPatched, type SpecPatch, walk } from "./Patch.js"

const id = "04-schedule-and-phone-formats"

/** 24-hour `HH:MM`, what the API's `TIME_FORMAT_HH_MM` constant stands for. */
const HH_MM = "^([01]\\d|2[0-3]):[0-5]\\d$"

/**
 * Defect 3: four schedule time fields carry the literal text `TIME_FORMAT_HH_MM` as their
 * regex (the name of a constant in Cal.com's code, not its value), `days` puts its enum on the
 * array rather than on the items, and the E.164 phone pattern is written with JavaScript regex
 * slashes (`/^\+[1-9]\d{1,14}$/`), so it can never match. Validators (Prism) reject every valid
 * `POST /v2/schedules` body. The patch writes the patterns the server means and drops the
 * misplaced array enum (the items already carry it).
 */
export const patch: SpecPatch = {
  id,
  reason: "schedule time patterns are a constant's name, days' enum sits on the array, phone pattern has regex slashes",
  apply: (doc) => {
    let changed = 0
    walk(doc, (node) => {
      const pattern = node["pattern"]
      if (pattern === "TIME_FORMAT_HH_MM") {
        node["pattern"] = HH_MM
        changed++
      } else if (
        typeof pattern === "string" &&
        pattern.length > 2 &&
        pattern.startsWith("/") &&
        pattern.endsWith("/")
      ) {
        node["pattern"] = pattern.slice(1, -1)
        changed++
      }
      if (node["type"] === "array" && Array.isArray(node["enum"])) {
        delete node["enum"]
        changed++
      }
    })
    return expectPatched(id, changed)
  }
}
