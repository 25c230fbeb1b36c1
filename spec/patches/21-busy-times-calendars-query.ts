import { expectPatched, type Json, type Operation, type SpecPatch } from "./Patch.js"

const id = "21-busy-times-calendars-query"

/** The list the API reads, in the bracket notation its query parser (`qs`) builds it from. */
const calendarsToLoad: Json = {
  name: "calendarsToLoad",
  in: "query",
  required: true,
  style: "deepObject",
  explode: true,
  description:
    "The calendars to read: calendarsToLoad[0][credentialId]=135&calendarsToLoad[0][externalId]=ada%40example.com",
  schema: {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      properties: {
        credentialId: { type: "number", description: "The connected account (`connectedCalendars[].credentialId`)" },
        externalId: { type: "string", description: "The calendar in it (`calendars[].externalId`)" }
      }
      // Both are required by the API, but not declared so: Prism 5.14 lower-cases query keys
      // before it reads a deepObject's properties (prism-http `validators/params.js`), so it never
      // finds `credentialId` and would refuse every request. `calendars.busyTimes` requires both.
    }
  }
}

/**
 * `GET /v2/calendars/busy-times` declares two flat query parameters, `credentialId` and
 * `externalId`, but the API reads the calendars as a list: `CalendarBusyTimesInput` has
 * `calendarsToLoad!: Calendar[]` (`@IsArray() @ValidateNested({ each: true })`, each `Calendar` a
 * `credentialId` and an `externalId`), parsed from `calendarsToLoad[0][credentialId]=…&
 * calendarsToLoad[0][externalId]=…` (calcom/cal.com `packages/platform/types/calendars.ts`, and
 * `apps/api/v2/src/ee/calendars/controllers/calendars.controller.e2e-spec.ts`, whose requests use
 * exactly that query). The operation's own description shows the same URL. With the flat names
 * the API finds no calendar and answers 400 (`calendarsToLoad must be an array`). The patch
 * replaces the two parameters with `calendarsToLoad`, a `deepObject` list of
 * `{ credentialId, externalId }`, which Prism validates and the client sends in that notation.
 */
export const patch: SpecPatch = {
  id,
  reason: "busy-times reads calendarsToLoad[i][credentialId|externalId], not flat credentialId/externalId",
  apply: (doc) => {
    const operation = doc.paths["/v2/calendars/busy-times"]?.["get"] as Operation | undefined
    const parameters = operation?.parameters
    if (operation === undefined || parameters === undefined) return expectPatched(id, 0)
    const flat = (p: Json) => p["in"] === "query" && (p["name"] === "credentialId" || p["name"] === "externalId")
    const kept = parameters.filter((p) => !flat(p))
    if (kept.length !== parameters.length - 2) return expectPatched(id, 0)
    operation.parameters = [...kept, calendarsToLoad]
    return expectPatched(id, 1)
  }
}
