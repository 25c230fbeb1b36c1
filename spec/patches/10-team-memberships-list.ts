import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "10-team-memberships-list"

/**
 * `GET /v2/teams/{teamId}/memberships` answers a list of memberships (it is paged with
 * `take`/`skip`), but `GetTeamMembershipsOutput.data` declares a single `TeamMembershipOutput`.
 * Generated types then promise one object and Prism serves one. The patch declares the array.
 */
export const patch: SpecPatch = {
  id,
  reason: "GET /v2/teams/{teamId}/memberships returns an array, but its output declares one membership",
  apply: (doc) => {
    const properties = doc.components.schemas["GetTeamMembershipsOutput"]?.["properties"] as
      | Record<string, Json>
      | undefined
    const data = properties?.["data"]
    if (!properties || data?.["$ref"] !== "#/components/schemas/TeamMembershipOutput") return expectPatched(id, 0)
    properties["data"] = { type: "array", items: data }
    return expectPatched(id, 1)
  }
}
