/**
 * `cal.me`: the profile from `GET /v2/me`, served from a cache for `profileTtl` (TestClock),
 * refreshed on demand and by `update`; `PATCH /v2/me` sends only the given settings, after
 * checking them, and nothing when they are invalid.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { TestClock } from "effect/testing"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  onlyRequest,
  requestAt,
  router,
  setup,
  success,
  userJson
} from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"

/** `GET /v2/me` answering the user with `timeZone` of the n-th call. */
const meRoutes = (zones: ReadonlyArray<string> = ["Europe/London", "Europe/Paris", "Asia/Tokyo"]) =>
  router({
    "GET /v2/me": (_request, call) => success(userJson({ timeZone: zones[Math.min(call, zones.length - 1)] })),
    "PATCH /v2/me": (request) => success(userJson({ ...(JSON.parse(request.body ?? "{}") as Record<string, unknown>) }))
  })

describe("me.get", () => {
  it.effect("sends GET /v2/me with the key and no cal-api-version, and decodes the user", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      const me = yield* cal.me.get()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/me", query: {}, version: null })
      assert.strictEqual(me.id, 7)
      assert.strictEqual(me.username, "ada")
      assert.strictEqual(me.email, "ada@example.com")
      assert.strictEqual(me.name, "Ada Lovelace")
      assert.strictEqual(me.timeZone, "Europe/London")
      assert.strictEqual(me.weekStart, "Monday")
      assert.strictEqual(me.defaultScheduleId, 11)
      assert.strictEqual(me.timeFormat, 24)
      assert.strictEqual(me.locale, "en")
    })
  )

  it.effect("serves the cached profile within the TTL and fetches again once it has passed", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes(), { profileTtl: "5 minutes" })
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/London")
      yield* TestClock.adjust("4 minutes")
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/London")
      yield* TestClock.adjust("59999 millis")
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/London")
      assert.strictEqual(fake.requests.length, 1)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/Paris")
      assert.strictEqual(fake.requests.length, 2)
      // The new profile is cached from when it was fetched.
      yield* TestClock.adjust("1 minute")
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/Paris")
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("fetches again with { refresh: true } even within the TTL", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      yield* cal.me.get()
      const fresh = yield* cal.me.get({ refresh: true })
      assert.strictEqual(fresh.timeZone, "Europe/Paris")
      assert.strictEqual(fake.requests.length, 2)
      assertRequest(requestAt(fake, 1), { method: "GET", path: "/v2/me", version: null })
      // and the refreshed profile is what the cache serves next
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/Paris")
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("does not cache a failure: a 401 is a CalComAuthError and the next call asks again", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/me": (_request, call) =>
            call === 0 ? errorEnvelope(401, "UnauthorizedException", "Invalid API key") : success(userJson())
        })
      )
      const error = yield* Effect.flip(cal.me.get())
      assert.strictEqual(assertTag(error, "CalComAuthError").status, 401)
      assert.strictEqual((yield* cal.me.get()).id, 7)
      assert.strictEqual(fake.requests.length, 2)
    })
  )
})

describe("me.update", () => {
  it.effect("sends PATCH /v2/me with only the given settings and decodes the user", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      const updated = yield* cal.me.update({
        timeZone: "Europe/Rome",
        locale: "pt-BR",
        name: "Ada King",
        weekStart: "Sunday",
        timeFormat: 12,
        defaultScheduleId: 12
      })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/me",
        body: {
          timeZone: "Europe/Rome",
          locale: "pt-BR",
          name: "Ada King",
          weekStart: "Sunday",
          timeFormat: 12,
          defaultScheduleId: 12
        },
        version: null
      })
      assert.strictEqual(updated.timeZone, "Europe/Rome")
      assert.strictEqual(updated.name, "Ada King")
      assert.strictEqual(updated.timeFormat, 12)
    })
  )

  it.effect("refreshes the cache: the next get serves the updated profile without a request", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      assert.strictEqual((yield* cal.me.get()).timeZone, "Europe/London")
      yield* cal.me.update({ timeZone: "America/Chicago", name: undefined })
      assertRequest(requestAt(fake, 1), {
        method: "PATCH",
        path: "/v2/me",
        body: { timeZone: "America/Chicago" },
        version: null
      })
      const me = yield* cal.me.get()
      assert.strictEqual(me.timeZone, "America/Chicago")
      assert.deepStrictEqual(
        fake.requests.map((r) => r.method),
        ["GET", "PATCH"]
      )
    })
  )

  it.effect("refuses an empty update before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      const error = yield* Effect.flip(cal.me.update({ timeZone: undefined }))
      assertInvalid(error, "Me.update", [""])
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("refuses a bad time zone, week start, time format, name and locale, naming each field", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      const error = yield* Effect.flip(
        cal.me.update({
          timeZone: "Mars/Olympus_Mons",
          weekStart: "Someday" as "Monday",
          timeFormat: 13 as 12,
          name: "   ",
          locale: "english"
        })
      )
      assertInvalid(error, "Me.update", ["timeZone", "weekStart", "timeFormat", "name", "locale"])
      assert.include(error.message, "Mars/Olympus_Mons")
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("refuses an offset as a time zone", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(meRoutes())
      assertInvalid(yield* Effect.flip(cal.me.update({ timeZone: "+02:00" })), "Me.update", ["timeZone"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
