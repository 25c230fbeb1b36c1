/**
 * `cal.teams.memberships` and `cal.teams.invite` (no cal-api-version): every page of a team's
 * memberships, one membership, adding a user (found again, not added twice, after an ambiguous
 * failure), changing a role, removing a member, and the team's invite link.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  memberJson,
  onlyRequest,
  queryOf,
  router,
  routesOf,
  setup,
  success,
  untilRequests
} from "../support/CalComFixtures.js"
import { errorEnvelope, type RecordedRequest } from "../support/FakeFetch.js"

const members = Array.from({ length: 260 }, (_, n) => memberJson(n))
const paged = (list: ReadonlyArray<unknown>) => (request: RecordedRequest) => {
  const query = queryOf(request)
  const skip = Number(query["skip"])
  return success(list.slice(skip, skip + Number(query["take"])))
}
const unavailable = () => errorEnvelope(503, "ServiceUnavailableException", "try later")

describe("teams.memberships.list", () => {
  it.effect("reads every page of 250 and decodes each membership", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/teams/5/memberships": paged(members) }))
      const list = yield* cal.teams.memberships.list(5)
      assert.strictEqual(list.length, 260)
      assert.deepStrictEqual(
        fake.requests.map((r) => queryOf(r)),
        [
          { take: "250", skip: "0" },
          { take: "250", skip: "250" }
        ]
      )
      assertRequest(fake.requests[0]!, { method: "GET", path: "/v2/teams/5/memberships", version: null })
      assert.deepStrictEqual(
        [list[0]?.role, list[0]?.user?.email, list[259]?.userId],
        ["OWNER", "member0@example.com", 2259]
      )
    })
  )

  it.effect("filters by emails, sent as one comma-separated value", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/teams/5/memberships": () => success([memberJson(1)]) }))
      const list = yield* cal.teams.memberships.list(5, { emails: ["member1@example.com", "x@example.com"] })
      assert.strictEqual(list.length, 1)
      assert.deepStrictEqual(queryOf(onlyRequest(fake)), {
        take: "250",
        skip: "0",
        emails: "member1@example.com,x@example.com"
      })
    })
  )

  it.effect("refuses a bad team id, a bad email and more than 20 emails before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(cal.teams.memberships.list(0, { emails: ["not-an-email"] })),
        "Teams.memberships.list",
        ["teamId", "emails.0"]
      )
      const many = Array.from({ length: 21 }, (_, n) => `u${n}@example.com`)
      assertInvalid(yield* Effect.flip(cal.teams.memberships.list(5, { emails: many })), "Teams.memberships.list", [
        "emails"
      ])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("teams.memberships.get", () => {
  it.effect("reads one membership by its id", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/teams/5/memberships/1003": () => success(memberJson(3)) }))
      const member = yield* cal.teams.memberships.get(5, 1003)
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/teams/5/memberships/1003", version: null })
      assert.deepStrictEqual([member.id, member.userId, member.role], [1003, 2003, "MEMBER"])
    })
  )

  it.effect("a 404 names the membership", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "GET /v2/teams/5/memberships/77": () =>
            errorEnvelope(404, "NotFoundException", "Organization's Team membership not found")
        })
      )
      const error = assertTag(yield* Effect.flip(cal.teams.memberships.get(5, 77)), "CalComNotFoundError")
      assert.deepStrictEqual([error.resource, error.id], ["membership", "77"])
    })
  )
})

describe("teams.memberships.create", () => {
  it.effect("adds the user with the role and flags given", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/teams/5/memberships": () => success({ ...memberJson(9), role: "ADMIN", accepted: false }) })
      )
      const member = yield* cal.teams.memberships.create(5, { userId: 2009, role: "ADMIN", accepted: false })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/teams/5/memberships",
        body: { userId: 2009, role: "ADMIN", accepted: false },
        version: null
      })
      assert.deepStrictEqual([member.userId, member.role, member.accepted], [2009, "ADMIN", false])
    })
  )

  it.effect("after an ambiguous failure, returns the membership the earlier attempt made (not added twice)", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/teams/5/memberships": unavailable,
          "GET /v2/teams/5/memberships": () => success([memberJson(0), memberJson(9)])
        }),
        { retry: { maxRetries: 3 } }
      )
      const member = yield* cal.teams.memberships.create(5, { userId: 2009 })
      assert.strictEqual(member.id, 1009)
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/teams/5/memberships", "GET /v2/teams/5/memberships"])
    })
  )

  it.effect("after a 500, sends again only when the lookup shows the user is not a member", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/teams/5/memberships": (_, n) =>
            n === 0 ? errorEnvelope(500, "InternalServerErrorException", "failed") : success(memberJson(9)),
          "GET /v2/teams/5/memberships": () => success([memberJson(0)])
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.teams.memberships.create(5, { userId: 2009 }))
      yield* untilRequests(fake, 3)
      const member = yield* Fiber.join(fiber)
      assert.strictEqual(member.userId, 2009)
      assert.deepStrictEqual(routesOf(fake), [
        "POST /v2/teams/5/memberships",
        "GET /v2/teams/5/memberships",
        "POST /v2/teams/5/memberships"
      ])
    })
  )

  it.effect("refuses a bad user id and an unknown role before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(cal.teams.memberships.create(5, { userId: -1, role: "BOSS" as "ADMIN" })),
        "Teams.memberships.create",
        ["userId", "role"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("teams.memberships.update", () => {
  it.effect("sends only the fields given", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/teams/5/memberships/1003": () => success({ ...memberJson(3), role: "ADMIN" }) })
      )
      const member = yield* cal.teams.memberships.update(5, 1003, { role: "ADMIN" })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/teams/5/memberships/1003",
        body: { role: "ADMIN" },
        version: null
      })
      assert.strictEqual(member.role, "ADMIN")
    })
  )

  it.effect("is sent again after an ambiguous failure (it only sets fields)", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "PATCH /v2/teams/5/memberships/1003": (_, n) =>
            n === 0 ? unavailable() : success({ ...memberJson(3), accepted: true })
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.teams.memberships.update(5, 1003, { accepted: true }))
      yield* untilRequests(fake, 2)
      assert.strictEqual((yield* Fiber.join(fiber)).accepted, true)
    })
  )

  it.effect("refuses an update that changes nothing, before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.teams.memberships.update(5, 1003, {})), "Teams.memberships.update", [""])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("teams.memberships.delete", () => {
  it.effect("removes the member and returns the membership removed", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "DELETE /v2/teams/5/memberships/1003": () => success(memberJson(3)) })
      )
      const removed = yield* cal.teams.memberships.delete(5, 1003)
      assertRequest(onlyRequest(fake), { method: "DELETE", path: "/v2/teams/5/memberships/1003", version: null })
      assert.strictEqual(removed.userId, 2003)
    })
  )

  it.effect("refuses ids that are not positive integers before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.teams.memberships.delete(5.5, Number.NaN)), "Teams.memberships.delete", [
        "teamId",
        "membershipId"
      ])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("teams.invite", () => {
  it.effect("returns the team's new invite link", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/teams/5/invite": () =>
            success({ token: "f7a9c3", inviteLink: "https://app.cal.com/teams?token=f7a9c3&autoJoin=true" })
        })
      )
      const invite = yield* cal.teams.invite(5)
      assertRequest(onlyRequest(fake), { method: "POST", path: "/v2/teams/5/invite", version: null })
      assert.deepStrictEqual(invite, {
        token: "f7a9c3",
        inviteLink: "https://app.cal.com/teams?token=f7a9c3&autoJoin=true"
      })
    })
  )

  it.effect("is not sent again after an ambiguous failure: another link would be made", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/teams/5/invite": unavailable }), {
        retry: { maxRetries: 3 }
      })
      assertTag(yield* Effect.flip(cal.teams.invite(5)), "CalComApiError")
      assert.strictEqual(fake.requests.length, 1)
    })
  )
})
