/**
 * `cal.teams` (no cal-api-version): the key's teams, one team with every member across
 * membership pages of 250, and a team's event types.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
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
  teamEventTypeJson,
  teamJson
} from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"

/** A team of `count` members, served in pages as the API does (`take` at most 250). */
const teamOf = (count: number) => {
  const members = Array.from({ length: count }, (_, n) => memberJson(n))
  return router({
    "GET /v2/teams/5": () => success(teamJson()),
    "GET /v2/teams/5/memberships": (request) => {
      const take = Number(queryOf(request)["take"])
      const skip = Number(queryOf(request)["skip"])
      return success(members.slice(skip, skip + Math.min(take, 250)))
    }
  })
}

const membershipPages = (requests: ReadonlyArray<{ readonly url: string; readonly method: string }>) =>
  requests
    .filter((r) => new URL(r.url).pathname === "/v2/teams/5/memberships")
    .map((r) => Object.fromEntries(new URL(r.url).searchParams))

describe("teams.list", () => {
  it.effect("lists the key's teams without cal-api-version", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "GET /v2/teams": () => success([teamJson(), teamJson({ id: 6, name: "Looms", slug: null })]) })
      )
      const teams = yield* cal.teams.list()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/teams", query: {}, version: null })
      assert.deepStrictEqual(
        teams.map((t) => [t.id, t.name, t.slug]),
        [
          [5, "Analytical Engines", "engines"],
          [6, "Looms", null]
        ]
      )
      assert.strictEqual(teams[0]?.isOrganization, false)
    })
  )
})

describe("teams.get", () => {
  it.effect("merges the team with its members", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(teamOf(3))
      const team = yield* cal.teams.get(5)
      assert.strictEqual(team.name, "Analytical Engines")
      assert.deepStrictEqual(
        team.members.map((m) => [m.userId, m.role, m.user?.email]),
        [
          [2000, "OWNER", "member0@example.com"],
          [2001, "MEMBER", "member1@example.com"],
          [2002, "MEMBER", "member2@example.com"]
        ]
      )
      assert.deepStrictEqual(routesOf(fake).sort(), ["GET /v2/teams/5", "GET /v2/teams/5/memberships"])
      for (const request of fake.requests)
        assertRequest(request, { method: "GET", path: new URL(request.url).pathname, version: null })
      assert.deepStrictEqual(membershipPages(fake.requests), [{ take: "250", skip: "0" }])
    })
  )

  it.effect("walks membership pages of 250: 251 members take two requests", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(teamOf(251))
      const team = yield* cal.teams.get(5)
      assert.strictEqual(team.members.length, 251)
      assert.strictEqual(team.members[250]?.userId, 2250)
      assert.strictEqual(new Set(team.members.map((m) => m.id)).size, 251)
      assert.deepStrictEqual(membershipPages(fake.requests), [
        { take: "250", skip: "0" },
        { take: "250", skip: "250" }
      ])
    })
  )

  it.effect("asks once more after a full last page and stops at the empty one", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(teamOf(250))
      const team = yield* cal.teams.get(5)
      assert.strictEqual(team.members.length, 250)
      assert.strictEqual(membershipPages(fake.requests).length, 2)
    })
  )

  it.effect("turns a 404 into CalComNotFoundError naming the team", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "GET /v2/teams/9": () => errorEnvelope(404, "NotFoundException", "Team not found"),
          "GET /v2/teams/9/memberships": () => errorEnvelope(404, "NotFoundException", "Team not found")
        })
      )
      const error = assertTag(yield* Effect.flip(cal.teams.get(9)), "CalComNotFoundError")
      assert.strictEqual(error.resource, "team")
      assert.strictEqual(error.id, "9")
    })
  )

  it.effect("refuses a bad team id before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(teamOf(1))
      assertInvalid(yield* Effect.flip(cal.teams.get(0)), "Teams.get", ["teamId"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("teams.eventTypes", () => {
  it.effect("lists the team's event types", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "GET /v2/teams/5/event-types": () => success([teamEventTypeJson()]) })
      )
      const types = yield* cal.teams.eventTypes(5)
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/teams/5/event-types", version: null })
      assert.deepStrictEqual(
        types.map((e) => [e.id, e.teamId, e.schedulingType]),
        [[77, 5, "collective"]]
      )
    })
  )

  it.effect("refuses a bad team id before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.teams.eventTypes(-3)), "Teams.eventTypes", ["teamId"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
