/**
 * `cal.eventTypes`: personal routes under `/v2/event-types` (cal-api-version 2024-06-14), team
 * routes under `/v2/teams/{teamId}/event-types` (no version in the document's table), client-side
 * checks before anything is sent, a taken slug as `CalComConflictError`, and a 404 naming the id.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  created,
  eventTypeJson,
  onlyRequest,
  router,
  setup,
  success,
  teamEventTypeJson,
  VERSIONS
} from "../support/CalComFixtures.js"
import { errorEnvelope, json } from "../support/FakeFetch.js"

const ada = eventTypeJson()
const other = eventTypeJson({ id: 43, slug: "deep-dive", title: "Deep dive", lengthInMinutes: 60, ownerId: 8 })
const team = teamEventTypeJson()

const list = () =>
  router({
    "GET /v2/event-types": () => success([ada, other]),
    "GET /v2/teams/5/event-types": () => success([team])
  })

describe("eventTypes.list", () => {
  it.effect("lists the key's event types with cal-api-version 2024-06-14 and decodes them", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      const all = yield* cal.eventTypes.list()
      assertRequest(onlyRequest(fake), {
        method: "GET",
        path: "/v2/event-types",
        query: {},
        version: VERSIONS.eventTypes
      })
      assert.deepStrictEqual(
        all.map((e) => [e.id, e.slug, e.lengthInMinutes, e.ownerId]),
        [
          [42, "intro-call", 30, 7],
          [43, "deep-dive", 60, 8]
        ]
      )
      assert.strictEqual(all[0]?.title, "Intro call")
      assert.strictEqual(all[0]?.bookingUrl, "https://cal.com/ada/intro-call")
    })
  )

  it.effect("asks for a user's event types by username", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      yield* cal.eventTypes.list({ username: "ada" })
      assertRequest(onlyRequest(fake), {
        method: "GET",
        path: "/v2/event-types",
        query: { username: "ada" },
        version: VERSIONS.eventTypes
      })
    })
  )

  it.effect("keeps only the owner's event types with ownerId (filtered here, not sent)", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      const mine = yield* cal.eventTypes.list({ ownerId: 8 })
      assert.deepStrictEqual(
        mine.map((e) => e.id),
        [43]
      )
      assertRequest(onlyRequest(fake), {
        method: "GET",
        path: "/v2/event-types",
        query: {},
        version: VERSIONS.eventTypes
      })
    })
  )

  it.effect("routes a teamId to the team's event types", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      const teamTypes = yield* cal.eventTypes.list({ teamId: 5 })
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/teams/5/event-types", query: {}, version: null })
      assert.strictEqual(teamTypes[0]?.teamId, 5)
      assert.strictEqual(teamTypes[0]?.schedulingType, "collective")
      assert.isNull(teamTypes[0]?.ownerId)
    })
  )

  it.effect("refuses a bad teamId, ownerId and username before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      const error = yield* Effect.flip(cal.eventTypes.list({ teamId: 0, ownerId: -1, username: " " }))
      assertInvalid(error, "EventTypes.list", ["teamId", "ownerId", "username"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("eventTypes.get", () => {
  it.effect("gets one event type by id", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/event-types/42": () => success(ada) }))
      const one = yield* cal.eventTypes.get(42)
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/event-types/42", version: VERSIONS.eventTypes })
      assert.strictEqual(one.id, 42)
      assert.strictEqual(one.slug, "intro-call")
      assert.strictEqual(one.description, "A first chat")
    })
  )

  it.effect("gets a team's event type under the team", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/teams/5/event-types/77": () => success(team) }))
      const one = yield* cal.eventTypes.get(77, { teamId: 5 })
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/teams/5/event-types/77", version: null })
      assert.strictEqual(one.lengthInMinutes, 45)
    })
  )

  it.effect("turns a 404 into CalComNotFoundError naming the event type and id", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "GET /v2/event-types/404": () => errorEnvelope(404, "NotFoundException", "Event type not found") })
      )
      const error = assertTag(yield* Effect.flip(cal.eventTypes.get(404)), "CalComNotFoundError")
      assert.strictEqual(error.status, 404)
      assert.strictEqual(error.resource, "event type")
      assert.strictEqual(error.id, "404")
      assert.strictEqual(error.operation, "EventTypes.get")
      assert.include(error.message, "event type 404 was not found")
    })
  )

  it.effect("refuses an id that is not a positive whole number, and a bad teamId", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      assertInvalid(yield* Effect.flip(cal.eventTypes.get(0)), "EventTypes.get", ["id"])
      assertInvalid(yield* Effect.flip(cal.eventTypes.get(4.2)), "EventTypes.get", ["id"])
      assertInvalid(yield* Effect.flip(cal.eventTypes.get(2 ** 53)), "EventTypes.get", ["id"])
      assertInvalid(yield* Effect.flip(cal.eventTypes.get(42, { teamId: -5 })), "EventTypes.get", ["teamId"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("eventTypes.create", () => {
  it.effect("posts a personal event type with only the given fields", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/event-types": () => created(ada) }))
      const made = yield* cal.eventTypes.create({
        title: "Intro call",
        slug: "intro-call",
        lengthInMinutes: 30,
        description: "A first chat",
        hidden: false
      })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/event-types",
        body: {
          title: "Intro call",
          slug: "intro-call",
          lengthInMinutes: 30,
          description: "A first chat",
          hidden: false
        },
        version: VERSIONS.eventTypes
      })
      assert.strictEqual(made.id, 42)
    })
  )

  it.effect("posts a team event type with its scheduling type, taking the first of a managed list", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/teams/5/event-types": () => created([team, { ...team, id: 78 }]) })
      )
      const made = yield* cal.eventTypes.create({
        title: "Team sync",
        slug: "team-sync",
        lengthInMinutes: 45,
        teamId: 5,
        schedulingType: "managed"
      })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/teams/5/event-types",
        body: { title: "Team sync", slug: "team-sync", lengthInMinutes: 45, schedulingType: "managed" },
        version: null
      })
      assert.strictEqual(made.id, 77)
    })
  )

  it.effect("decodes a team endpoint answering a single event type", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "POST /v2/teams/5/event-types": () => created(team) }))
      const made = yield* cal.eventTypes.create({
        title: "Team sync",
        slug: "team-sync",
        lengthInMinutes: 45,
        teamId: 5,
        schedulingType: "collective"
      })
      assert.strictEqual(made.teamId, 5)
    })
  )

  it.effect("turns a 409 on a taken slug into CalComConflictError naming the slug", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/event-types": () => errorEnvelope(409, "ConflictException", "Slug taken") })
      )
      const error = assertTag(
        yield* Effect.flip(cal.eventTypes.create({ title: "Intro", slug: "intro-call", lengthInMinutes: 30 })),
        "CalComConflictError"
      )
      assert.strictEqual(error.status, 409)
      assert.strictEqual(error.code, "ConflictException")
      assert.isString(error.requestId)
      assert.include(error.message, '"intro-call" is already used')
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("turns a 400 saying the slug already exists into CalComConflictError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "POST /v2/event-types": () =>
            errorEnvelope(400, "BadRequestException", "User already has an event type with this slug.")
        })
      )
      const error = assertTag(
        yield* Effect.flip(cal.eventTypes.create({ title: "Intro", slug: "intro-call", lengthInMinutes: 30 })),
        "CalComConflictError"
      )
      assert.strictEqual(error.status, 400)
      assert.strictEqual(error.code, "BadRequestException")
    })
  )

  it.effect("leaves a 400 about something else a CalComValidationError with the server's issues", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "POST /v2/event-types": () =>
            errorEnvelope(400, "BadRequestException", "Invalid input", [
              { property: "description", constraints: { maxLength: "description is too long" } }
            ])
        })
      )
      const error = assertTag(
        yield* Effect.flip(cal.eventTypes.create({ title: "Intro", slug: "intro-call", lengthInMinutes: 30 })),
        "CalComValidationError"
      )
      assert.strictEqual(error.status, 400)
      assert.deepStrictEqual(error.issues, [{ path: "description", message: "description is too long" }])
    })
  )

  it.effect("refuses an empty title, a bad slug and a bad length before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      assertInvalid(
        yield* Effect.flip(cal.eventTypes.create({ title: "", slug: "My Slug", lengthInMinutes: 0 })),
        "EventTypes.create",
        ["title", "slug", "lengthInMinutes"]
      )
      assertInvalid(
        yield* Effect.flip(cal.eventTypes.create({ title: "Day", slug: "day", lengthInMinutes: 1441 })),
        "EventTypes.create",
        ["lengthInMinutes"]
      )
      assertInvalid(
        yield* Effect.flip(cal.eventTypes.create({ title: "Day", slug: "double--hyphen", lengthInMinutes: 30 })),
        "EventTypes.create",
        ["slug"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("requires a scheduling type for a team event type and refuses one for a personal one", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      assertInvalid(
        yield* Effect.flip(cal.eventTypes.create({ title: "Sync", slug: "sync", lengthInMinutes: 30, teamId: 5 })),
        "EventTypes.create",
        ["schedulingType"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.eventTypes.create({ title: "Sync", slug: "sync", lengthInMinutes: 30, schedulingType: "collective" })
        ),
        "EventTypes.create",
        ["schedulingType"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.eventTypes.create({
            title: "Sync",
            slug: "sync",
            lengthInMinutes: 30,
            teamId: 0,
            schedulingType: "collective"
          })
        ),
        "EventTypes.create",
        ["teamId"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("eventTypes.update", () => {
  it.effect("patches only the given fields of a personal event type", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/event-types/42": () => success({ ...ada, title: "Intro call (30 min)" }) })
      )
      const updated = yield* cal.eventTypes.update(42, { title: "Intro call (30 min)", description: undefined })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/event-types/42",
        body: { title: "Intro call (30 min)" },
        version: VERSIONS.eventTypes
      })
      assert.strictEqual(updated.title, "Intro call (30 min)")
    })
  )

  it.effect("patches a team's event type under the team, accepting a list answer", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/teams/5/event-types/77": () => success([{ ...team, hidden: true }]) })
      )
      const updated = yield* cal.eventTypes.update(77, { hidden: true, lengthInMinutes: 60 }, { teamId: 5 })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/teams/5/event-types/77",
        body: { hidden: true, lengthInMinutes: 60 },
        version: null
      })
      assert.strictEqual(updated.hidden, true)
    })
  )

  it.effect("decodes a team update answering a single event type", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "PATCH /v2/teams/5/event-types/77": () => success(team) }))
      const updated = yield* cal.eventTypes.update(77, { title: "Sync" }, { teamId: 5 })
      assert.strictEqual(updated.id, 77)
    })
  )

  it.effect("fails with CalComDecodeError when a team update answers an empty list", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "PATCH /v2/teams/5/event-types/77": () => success([]) }))
      const error = assertTag(
        yield* Effect.flip(cal.eventTypes.update(77, { title: "Sync" }, { teamId: 5 })),
        "CalComDecodeError"
      )
      assert.deepStrictEqual(error.issues, [{ path: "data", message: "expected an event type, got an empty list" }])
    })
  )

  it.effect("turns a 409 on a new slug into CalComConflictError, even without an error code", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "PATCH /v2/event-types/42": () => json(409, { status: "error", message: "Slug taken" }) })
      )
      const error = assertTag(
        yield* Effect.flip(cal.eventTypes.update(42, { slug: "deep-dive" })),
        "CalComConflictError"
      )
      assert.strictEqual(error.operation, "EventTypes.update")
      assert.strictEqual(error.status, 409)
      assert.notProperty(error, "code")
      assert.include(error.message, '"deep-dive"')
    })
  )

  it.effect("refuses an empty update, a bad id, slug, title and length before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      assertInvalid(yield* Effect.flip(cal.eventTypes.update(42, {})), "EventTypes.update", [""])
      assertInvalid(
        yield* Effect.flip(cal.eventTypes.update(0, { slug: "My Slug", title: " ", lengthInMinutes: -5 })),
        "EventTypes.update",
        ["id", "slug", "title", "lengthInMinutes"]
      )
      assertInvalid(
        yield* Effect.flip(cal.eventTypes.update(42, { hidden: true }, { teamId: 1.5 })),
        "EventTypes.update",
        ["teamId"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("eventTypes.delete", () => {
  it.effect("deletes a personal event type", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "DELETE /v2/event-types/42": () => success(ada) }))
      const result = yield* cal.eventTypes.delete(42)
      assert.isUndefined(result)
      assertRequest(onlyRequest(fake), { method: "DELETE", path: "/v2/event-types/42", version: VERSIONS.eventTypes })
    })
  )

  it.effect("deletes a team's event type under the team", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "DELETE /v2/teams/5/event-types/77": () => success(team) }))
      yield* cal.eventTypes.delete(77, { teamId: 5 })
      assertRequest(onlyRequest(fake), { method: "DELETE", path: "/v2/teams/5/event-types/77", version: null })
    })
  )

  it.effect("turns a 404 into CalComNotFoundError naming the id", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "DELETE /v2/event-types/9": () => errorEnvelope(404, "NotFoundException", "Not found") })
      )
      const error = assertTag(yield* Effect.flip(cal.eventTypes.delete(9)), "CalComNotFoundError")
      assert.strictEqual(error.id, "9")
    })
  )

  it.effect("refuses a bad id or teamId before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(list())
      assertInvalid(yield* Effect.flip(cal.eventTypes.delete(-1)), "EventTypes.delete", ["id"])
      assertInvalid(yield* Effect.flip(cal.eventTypes.delete(42, { teamId: 0 })), "EventTypes.delete", ["teamId"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
