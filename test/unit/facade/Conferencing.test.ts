/**
 * `cal.conferencing` (no cal-api-version): the installed apps, the default one (none chosen:
 * `{}`), and choosing the default by its slug (one path segment, checked before sending).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  onlyRequest,
  router,
  setup,
  success,
  untilRequests
} from "../support/CalComFixtures.js"
import { errorEnvelope, json } from "../support/FakeFetch.js"

describe("conferencing.list", () => {
  it.effect("lists the installed apps' credentials", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/conferencing": () =>
            success([
              { id: 301, type: "google_video", userId: 7, invalid: false },
              { id: 302, type: "zoom_video", userId: 7, invalid: true }
            ])
        })
      )
      const apps = yield* cal.conferencing.list()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/conferencing", query: {}, version: null })
      assert.deepStrictEqual(
        apps.map((a) => [a.id, a.type, a.invalid]),
        [
          [301, "google_video", false],
          [302, "zoom_video", true]
        ]
      )
    })
  )

  it.effect("an app without its type is a CalComDecodeError naming it", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/conferencing": () => success([{ id: 301, userId: 7 }]) }))
      const error = assertTag(yield* Effect.flip(cal.conferencing.list()), "CalComDecodeError")
      assert.include(error.message, "data.0.type")
    })
  )
})

describe("conferencing.getDefault", () => {
  it.effect("reads the default app", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "GET /v2/conferencing/default": () => success({ appSlug: "google-meet" }) })
      )
      assert.deepStrictEqual(yield* cal.conferencing.getDefault(), { appSlug: "google-meet" })
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/conferencing/default", version: null })
    })
  )

  it.effect("none chosen: the answer has no data, the result is {}", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/conferencing/default": () => json(200, { status: "success" }) }))
      assert.deepStrictEqual(yield* cal.conferencing.getDefault(), {})
    })
  )
})

describe("conferencing.setDefault", () => {
  it.effect("posts to the app's default route", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/conferencing/zoom/default": () => json(200, { status: "success" }) })
      )
      assert.isUndefined(yield* cal.conferencing.setDefault("zoom"))
      assertRequest(onlyRequest(fake), { method: "POST", path: "/v2/conferencing/zoom/default", version: null })
    })
  )

  it.effect("is sent again after an ambiguous failure (setting it twice sets it once)", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/conferencing/daily-video/default": (_, n) =>
            n === 0 ? errorEnvelope(503, "ServiceUnavailableException", "later") : json(200, { status: "success" })
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.conferencing.setDefault("daily-video"))
      yield* untilRequests(fake, 2)
      yield* Fiber.join(fiber)
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("an app not connected is the server's CalComValidationError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "POST /v2/conferencing/msteams/default": () =>
            errorEnvelope(400, "BadRequestException", "msteams not connected.")
        })
      )
      const error = assertTag(yield* Effect.flip(cal.conferencing.setDefault("msteams")), "CalComValidationError")
      assert.strictEqual(error.status, 400)
    })
  )

  it.effect("refuses a slug that is not one path segment, before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      for (const app of ["", "../me", "Zoom", "zoom video"]) {
        assertInvalid(yield* Effect.flip(cal.conferencing.setDefault(app)), "Conferencing.setDefault", ["app"])
      }
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
