/**
 * The team membership tools and the event type webhook tools: requests, views within their
 * output schemas, refusals named by the tool's arguments before anything is sent, and never a
 * webhook secret in a result.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import { memberJson, success, WEBHOOK_SECRET, webhookJson } from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"
import { assertConforms, makeFakeApi, runTool } from "./support.js"

const issuesOf = (encoded: unknown) => (encoded as ToolFailure).issues?.map((i) => i.path) ?? []

describe("team membership tools", () => {
  it.effect("list, add, update, remove and invite", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/teams/5/memberships": () => success([memberJson(0), memberJson(1)]),
        "POST /v2/teams/5/memberships": () => success({ ...memberJson(9), role: "ADMIN", accepted: false }),
        "PATCH /v2/teams/5/memberships/1001": () => success({ ...memberJson(1), role: "ADMIN" }),
        "DELETE /v2/teams/5/memberships/1001": () => success(memberJson(1)),
        "POST /v2/teams/5/invite": () =>
          success({ token: "tok_1", inviteLink: "https://app.cal.com/teams?token=tok_1" })
      })
      const list = yield* runTool(api, "list_team_memberships", { team_id: 5 })
      assertConforms("list_team_memberships", list)
      assert.deepStrictEqual(
        (list.encoded as { memberships: ReadonlyArray<{ membership_id: number; role: string }> }).memberships.map(
          (m) => [m.membership_id, m.role]
        ),
        [
          [1000, "OWNER"],
          [1001, "MEMBER"]
        ]
      )
      const added = yield* runTool(api, "add_team_member", { team_id: 5, user_id: 2009, role: "ADMIN" })
      assertConforms("add_team_member", added)
      assert.deepStrictEqual(api.requests.at(-1)?.json, { userId: 2009, role: "ADMIN" })
      const updated = yield* runTool(api, "update_team_member", { team_id: 5, membership_id: 1001, role: "ADMIN" })
      assertConforms("update_team_member", updated)
      assert.strictEqual((updated.encoded as { membership: { role: string } }).membership.role, "ADMIN")
      const removed = yield* runTool(api, "remove_team_member", { team_id: 5, membership_id: 1001 })
      assertConforms("remove_team_member", removed)
      const invite = yield* runTool(api, "create_team_invite", { team_id: 5 })
      assertConforms("create_team_invite", invite)
      assert.deepStrictEqual(invite.encoded, { team_id: 5, invite_link: "https://app.cal.com/teams?token=tok_1" })
    })
  )

  it.effect("bad ids, a bad email filter and nothing to change are refused before sending", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const list = yield* runTool(api, "list_team_memberships", { team_id: 0, emails: ["nope"] })
      assert.sameMembers(issuesOf(list.encoded), ["team_id", "emails.0"])
      const nothing = yield* runTool(api, "update_team_member", { team_id: 5, membership_id: 1001 })
      assert.deepStrictEqual(issuesOf(nothing.encoded), ["arguments"])
      const add = yield* runTool(api, "add_team_member", { team_id: 5, user_id: -1 })
      assert.deepStrictEqual(issuesOf(add.encoded), ["user_id"])
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("a key without admin rights gets CalComAuthError", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "DELETE /v2/teams/5/memberships/1001": () => errorEnvelope(403, "ForbiddenException", "Not a team admin")
      })
      const outcome = yield* runTool(api, "remove_team_member", { team_id: 5, membership_id: 1001 })
      assertConforms("remove_team_member", outcome)
      assert.strictEqual((outcome.encoded as ToolFailure).error, "CalComAuthError")
    })
  )
})

describe("webhook reads and event type webhooks", () => {
  it.effect("get_webhook and list_event_type_webhooks never show the secret", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/webhooks/2mdfnn2": () => success(webhookJson()),
        "GET /v2/teams/5/event-types/42/webhooks": () => success([webhookJson({ eventTypeId: 42 })])
      })
      const one = yield* runTool(api, "get_webhook", { webhook_id: "2mdfnn2" })
      assertConforms("get_webhook", one)
      assert.strictEqual((one.encoded as { has_secret: boolean }).has_secret, true)
      const list = yield* runTool(api, "list_event_type_webhooks", { event_type_id: 42, team_id: 5 })
      assertConforms("list_event_type_webhooks", list)
      assert.strictEqual((list.encoded as { count: number }).count, 1)
      assert.notInclude(JSON.stringify([one.encoded, list.encoded]), WEBHOOK_SECRET)
    })
  )

  it.effect("create, update and delete an event type's webhook; a non-URL is refused, named subscriber_url", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "POST /v2/event-types/42/webhooks": () => success(webhookJson({ eventTypeId: 42 })),
        "PATCH /v2/event-types/42/webhooks/2mdfnn2": () => success(webhookJson({ eventTypeId: 42, active: false })),
        "DELETE /v2/event-types/42/webhooks/2mdfnn2": () => success(webhookJson({ eventTypeId: 42 }))
      })
      const created = yield* runTool(api, "create_event_type_webhook", {
        event_type_id: 42,
        subscriber_url: "https://hooks.example.com/cal",
        triggers: ["BOOKING_CREATED"]
      })
      assert.isFalse(created.isFailure, JSON.stringify(created.encoded))
      assertConforms("create_event_type_webhook", created)
      assert.notInclude(JSON.stringify(created.encoded), WEBHOOK_SECRET)
      const updated = yield* runTool(api, "update_event_type_webhook", {
        event_type_id: 42,
        webhook_id: "2mdfnn2",
        active: false
      })
      assertConforms("update_event_type_webhook", updated)
      assert.deepStrictEqual(api.requests.at(-1)?.json, { active: false })
      const deleted = yield* runTool(api, "delete_event_type_webhook", { event_type_id: 42, webhook_id: "2mdfnn2" })
      assert.deepStrictEqual(deleted.encoded, { deleted: true, id: "2mdfnn2" })
      const bad = makeFakeApi()
      const refused = yield* runTool(bad, "create_event_type_webhook", {
        event_type_id: 42,
        subscriber_url: "ftp://x",
        triggers: ["BOOKING_CREATED"]
      })
      assert.deepStrictEqual(issuesOf(refused.encoded), ["subscriber_url"])
      assert.lengthOf(bad.requests, 0)
    })
  )
})
