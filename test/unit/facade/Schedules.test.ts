/**
 * `cal.schedules` (cal-api-version 2024-06-11): list, the default one (`data: null` is a
 * `CalComNotFoundError`), get, create, update and delete, with weekly hours and overrides
 * checked (`HH:MM`, days, dates, zone) before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  created,
  onlyRequest,
  router,
  scheduleJson,
  setup,
  success,
  VERSIONS
} from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"

const schedule = scheduleJson()

describe("schedules.list", () => {
  it.effect("lists the schedules and decodes them", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "GET /v2/schedules": () => success([schedule, scheduleJson({ id: 12, isDefault: false })]) })
      )
      const all = yield* cal.schedules.list()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/schedules", query: {}, version: VERSIONS.schedules })
      assert.deepStrictEqual(
        all.map((s) => [s.id, s.isDefault]),
        [
          [11, true],
          [12, false]
        ]
      )
      assert.deepStrictEqual(all[0]?.availability, [
        { days: ["Monday", "Tuesday"], startTime: "09:00", endTime: "17:00" }
      ])
      assert.deepStrictEqual(all[0]?.overrides, [{ date: "2026-12-24", startTime: "10:00", endTime: "12:00" }])
    })
  )
})

describe("schedules.getDefault", () => {
  it.effect("gets the default schedule", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/schedules/default": () => success(schedule) }))
      const found = yield* cal.schedules.getDefault()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/schedules/default", version: VERSIONS.schedules })
      assert.strictEqual(found.id, 11)
      assert.strictEqual(found.timeZone, "Europe/London")
    })
  )

  it.effect("turns data: null into CalComNotFoundError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/schedules/default": () => success(null) }))
      const error = assertTag(yield* Effect.flip(cal.schedules.getDefault()), "CalComNotFoundError")
      assert.strictEqual(error.operation, "Schedules.getDefault")
      assert.strictEqual(error.resource, "schedule")
      assert.strictEqual(error.id, "default")
      assert.include(error.message, "no default schedule")
    })
  )
})

describe("schedules.get", () => {
  it.effect("gets a schedule by id", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/schedules/11": () => success(schedule) }))
      const found = yield* cal.schedules.get(11)
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/schedules/11", version: VERSIONS.schedules })
      assert.strictEqual(found.name, "Working hours")
    })
  )

  it.effect("turns a 404 into CalComNotFoundError naming the id", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "GET /v2/schedules/99": () => errorEnvelope(404, "NotFoundException", "Schedule not found") })
      )
      const error = assertTag(yield* Effect.flip(cal.schedules.get(99)), "CalComNotFoundError")
      assert.strictEqual(error.resource, "schedule")
      assert.strictEqual(error.id, "99")
    })
  )

  it.effect("refuses a bad id before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.schedules.get(0)), "Schedules.get", ["id"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("schedules.create", () => {
  it.effect("posts the schedule with its hours and overrides", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/schedules": () => created(schedule) }))
      const made = yield* cal.schedules.create({
        name: "Working hours",
        timeZone: "Europe/London",
        isDefault: true,
        availability: [{ days: ["Monday", "Tuesday"], startTime: "09:00", endTime: "17:00" }],
        overrides: [{ date: "2026-12-24", startTime: "10:00", endTime: "12:00" }]
      })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/schedules",
        body: {
          name: "Working hours",
          timeZone: "Europe/London",
          isDefault: true,
          availability: [{ days: ["Monday", "Tuesday"], startTime: "09:00", endTime: "17:00" }],
          overrides: [{ date: "2026-12-24", startTime: "10:00", endTime: "12:00" }]
        },
        version: VERSIONS.schedules
      })
      assert.strictEqual(made.id, 11)
    })
  )

  it.effect("sends only the required fields when hours are left to Cal.com's default", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/schedules": () => created(schedule) }))
      yield* cal.schedules.create({ name: "Weekends", timeZone: "Europe/Rome", isDefault: false })
      assert.deepStrictEqual(JSON.parse(onlyRequest(fake).body ?? ""), {
        name: "Weekends",
        timeZone: "Europe/Rome",
        isDefault: false
      })
    })
  )

  it.effect("refuses bad HH:MM times, days, dates, name and zone before sending anything, naming each", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(
          cal.schedules.create({
            name: "",
            timeZone: "Europe/Nowhere",
            isDefault: true,
            availability: [
              { days: [], startTime: "9:00", endTime: "17:00" },
              { days: ["Monday", "Funday" as "Monday"], startTime: "18:00", endTime: "08:00" },
              { days: ["Tuesday"], startTime: "18:00", endTime: "08:00" }
            ],
            overrides: [{ date: "2026-02-30", startTime: "10:00", endTime: "24:00" }]
          })
        ),
        "Schedules.create",
        [
          "name",
          "timeZone",
          "availability.0.days",
          "availability.0.startTime",
          "availability.1.days.1",
          // The order of a window's times is checked once its fields are valid.
          "availability.2.endTime",
          "overrides.0.date",
          "overrides.0.endTime"
        ]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.schedules.create({ name: "X", timeZone: "UTC", isDefault: "yes" as unknown as boolean })
        ),
        "Schedules.create",
        ["isDefault"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("schedules.update", () => {
  it.effect("patches only the given fields", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/schedules/11": () => success(scheduleJson({ name: "Mornings" })) })
      )
      const updated = yield* cal.schedules.update(11, {
        name: "Mornings",
        availability: [{ days: ["Friday"], startTime: "08:00", endTime: "12:30" }]
      })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/schedules/11",
        body: { name: "Mornings", availability: [{ days: ["Friday"], startTime: "08:00", endTime: "12:30" }] },
        version: VERSIONS.schedules
      })
      assert.strictEqual(updated.name, "Mornings")
    })
  )

  it.effect("refuses an empty update, a bad id and a bad window before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.schedules.update(11, {})), "Schedules.update", [""])
      assertInvalid(
        yield* Effect.flip(
          cal.schedules.update(0, { overrides: [{ date: "2026-12-24", startTime: "12:00", endTime: "12:00" }] })
        ),
        "Schedules.update",
        ["id", "overrides.0.endTime"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("schedules.delete", () => {
  it.effect("deletes a schedule", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "DELETE /v2/schedules/11": () => success(true) }))
      assert.isUndefined(yield* cal.schedules.delete(11))
      assertRequest(onlyRequest(fake), { method: "DELETE", path: "/v2/schedules/11", version: VERSIONS.schedules })
    })
  )

  it.effect("refuses a bad id before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.schedules.delete(2.5)), "Schedules.delete", ["id"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
