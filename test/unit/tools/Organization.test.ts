/**
 * The organization tools: the organization comes from the key's profile (a user in none gets
 * `NotAvailable` and nothing else is sent), members and attributes are read through the typed
 * request pipeline and answered within their output schemas; bad arguments are refused first.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import { romeUserJson, success } from "../support/CalComFixtures.js"
import { assertConforms, makeFakeApi, runTool } from "./support.js"

const inOrg = {
  "GET /v2/me": () => success({ ...romeUserJson, organizationId: 31 }),
  "GET /v2/organizations/31/memberships": () =>
    success([
      {
        id: 500,
        userId: 7,
        teamId: 31,
        accepted: true,
        role: "OWNER",
        disableImpersonation: false,
        user: { email: "ada@example.com", username: "ada", name: "Ada Lovelace", avatarUrl: null },
        attributes: []
      },
      { id: 501, userId: 8, teamId: 31, accepted: false, role: "MEMBER", user: { email: "grace@example.com" } }
    ]),
  "GET /v2/organizations/31/attributes": () =>
    success([
      { id: "attr_1", teamId: 31, type: "SINGLE_SELECT", name: "Region", slug: "region", enabled: true },
      {
        id: "attr_2",
        teamId: 31,
        type: "TEXT",
        name: "Skills",
        slug: "skills",
        enabled: false,
        usersCanEditRelation: true
      }
    ]),
  "GET /v2/organizations/31/attributes/attr_1/options": () =>
    success([{ id: "opt_eu", attributeId: "attr_1", value: "Europe", slug: "europe" }]),
  "GET /v2/organizations/31/attributes/options/8": () =>
    success([{ id: "opt_eu", attributeId: "attr_1", value: "Europe", slug: "europe" }])
}

const issuesOf = (encoded: unknown) => (encoded as ToolFailure).issues?.map((i) => i.path) ?? []

describe("organization tools", () => {
  it.effect("list_org_memberships pages the key's organization's members with their roles", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(inOrg)
      const outcome = yield* runTool(api, "list_org_memberships", { limit: 2 })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("list_org_memberships", outcome)
      assert.deepStrictEqual(outcome.encoded, {
        organization_id: 31,
        count: 2,
        next_skip: 2,
        members: [
          {
            membership_id: 500,
            user_id: 7,
            name: "Ada Lovelace",
            username: "ada",
            email: "ada@example.com",
            role: "OWNER",
            accepted: true
          },
          { membership_id: 501, user_id: 8, email: "grace@example.com", role: "MEMBER", accepted: false }
        ]
      })
      const list = api.requests.find((r) => r.pathname === "/v2/organizations/31/memberships")
      assert.deepStrictEqual(Object.fromEntries(list?.query ?? []), { take: "2", skip: "0" })
    })
  )

  it.effect("attributes, an attribute's options and a member's options", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(inOrg)
      const attributes = yield* runTool(api, "list_org_attributes", {})
      assertConforms("list_org_attributes", attributes)
      assert.deepStrictEqual(
        (attributes.encoded as { attributes: ReadonlyArray<{ attribute_id: string }> }).attributes.map(
          (a) => a.attribute_id
        ),
        ["attr_1", "attr_2"]
      )
      const options = yield* runTool(api, "list_org_attribute_options", { attribute_id: "attr_1" })
      assertConforms("list_org_attribute_options", options)
      assert.deepStrictEqual(options.encoded, {
        attribute_id: "attr_1",
        count: 1,
        options: [{ option_id: "opt_eu", value: "Europe", slug: "europe" }]
      })
      const member = yield* runTool(api, "get_user_attributes", { user_id: 8 })
      assertConforms("get_user_attributes", member)
      assert.strictEqual((member.encoded as { count: number }).count, 1)
    })
  )

  it.effect("a user in no organization gets NotAvailable, and only the profile is read", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "list_org_attributes", {})
      assert.isTrue(outcome.isFailure)
      assertConforms("list_org_attributes", outcome)
      const failure = outcome.encoded as ToolFailure
      assert.strictEqual(failure.error, "NotAvailable")
      assert.isFalse(failure.retryable)
      assert.deepStrictEqual(
        api.requests.map((r) => r.pathname),
        ["/v2/me"]
      )
    })
  )

  it.effect("a bad page, an empty attribute id and a non-positive user id are refused before anything is sent", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(inOrg)
      const page = yield* runTool(api, "list_org_memberships", { limit: 0, skip: -1 })
      assert.deepStrictEqual(issuesOf(page.encoded), ["limit", "skip"])
      const attribute = yield* runTool(api, "list_org_attribute_options", { attribute_id: " " })
      assert.deepStrictEqual(issuesOf(attribute.encoded), ["attribute_id"])
      const user = yield* runTool(api, "get_user_attributes", { user_id: 0 })
      assert.deepStrictEqual(issuesOf(user.encoded), ["user_id"])
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("an answer in another shape is CalComDecodeError, not a guess", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/organizations/31/attributes": () => success([{ name: "no id" }]) }, inOrg)
      const outcome = yield* runTool(api, "list_org_attributes", {})
      assert.strictEqual((outcome.encoded as ToolFailure).error, "CalComDecodeError")
    })
  )
})
