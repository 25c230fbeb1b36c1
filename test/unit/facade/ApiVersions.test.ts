/**
 * The `cal-api-version` table: one version per operation family, and for every operation the
 * pinned document marks as versioned, the family's version is the one the document requires. A
 * document that moves an operation to another version fails here until the table is changed on
 * purpose (with corpus bodies recorded under the new version).
 */
import { assert, describe, it } from "@effect/vitest"
import { apiVersions } from "../../../generated/versions.js"
import { API_VERSIONS, familyOf } from "../../../src/facade/ApiVersions.js"
import { apiVersion } from "../../../src/facade/internal/OpenApiClient.js"

describe("API_VERSIONS", () => {
  it("gives every versioned operation of the document the version the document requires", () => {
    const rows = Object.entries(apiVersions)
    assert.isAbove(rows.length, 0)
    const disagreements = rows.flatMap(([key, required]) => {
      const [method = "", path = ""] = key.split(" ")
      const sent = apiVersion(method, path)
      return sent === required ? [] : [`${key}: document ${required}, table ${String(sent)}`]
    })
    assert.deepStrictEqual(disagreements, [])
  })

  it("maps path templates to their family, and only whole path segments", () => {
    assert.strictEqual(familyOf("/v2/bookings"), "bookings")
    assert.strictEqual(familyOf("/v2/bookings/{bookingUid}/cancel"), "bookings")
    assert.strictEqual(familyOf("/v2/event-types/{eventTypeId}"), "eventTypes")
    assert.strictEqual(familyOf("/v2/slots/reservations"), "slots")
    assert.strictEqual(familyOf("/v2/schedules/default"), "schedules")
    assert.isUndefined(familyOf("/v2/bookingsx"))
    assert.isUndefined(familyOf("/v2/me"))
    assert.isUndefined(familyOf("/v2/teams/{teamId}/event-types"))
  })

  it("sends no version to operations the document does not version, even inside a family", () => {
    const unversioned = ["GET /v2/me", "GET /v2/webhooks", "GET /v2/teams/{teamId}/event-types"]
    for (const key of unversioned) {
      const [method = "", path = ""] = key.split(" ")
      assert.isUndefined(apiVersion(method, path), key)
    }
    assert.deepStrictEqual(Object.keys(API_VERSIONS).sort(), ["bookings", "eventTypes", "schedules", "slots"])
  })
})
