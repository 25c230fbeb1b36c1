/**
 * The `CalCom` service and its layers: `layer` from options (optionally verifying the key with
 * `GET /v2/me` while it is built), `layerConfig` from `Config` (and no `.env` file), the non-secret
 * `settings` it exposes, and the circuit and rate-limit figures it lets a caller observe.
 */
import { dirname } from "node:path"
import { inspect } from "node:util"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CalCom } from "../../../src/facade/CalCom.js"
import * as Index from "../../../src/index.js"
import {
  API_KEY,
  assertRequest,
  assertTag,
  onlyRequest,
  options,
  router,
  setup,
  success,
  userJson
} from "../support/CalComFixtures.js"
import { dotEnvFile, inDirectory, withEnv } from "../support/Environment.js"
import { errorEnvelope, json, makeFakeFetch } from "../support/FakeFetch.js"

const me = () => router({ "GET /v2/me": () => success(userJson()) })

describe("CalCom.layer", () => {
  it.effect("sends nothing while it is built by default", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(me())
      assert.strictEqual(fake.requests.length, 0)
      assert.strictEqual((yield* cal.me.get()).id, 7)
    })
  )

  it.effect("with verifyOnStart, checks the key with GET /v2/me while it is built and caches the profile", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(me(), { verifyOnStart: true })
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/me", version: null })
      assert.strictEqual((yield* cal.me.get()).username, "ada")
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("with verifyOnStart, fails to build with CalComAuthError on a 401", () =>
    Effect.gen(function* () {
      const fake = makeFakeFetch(
        router({ "GET /v2/me": () => errorEnvelope(401, "UnauthorizedException", "Invalid API key") })
      )
      const error = yield* Effect.flip(Layer.build(CalCom.layer(options(fake, { verifyOnStart: true }))))
      const auth = assertTag(error, "CalComAuthError")
      assert.strictEqual(auth.status, 401)
      assert.strictEqual(auth.operation, "Me.get")
      assert.notInclude(auth.message, API_KEY)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("fails to build with CalComConfigError for a malformed key or base URL, sending nothing", () =>
    Effect.gen(function* () {
      const fake = makeFakeFetch(me())
      const short = assertTag(
        yield* Effect.flip(Layer.build(CalCom.layer(options(fake, { apiKey: "cal_short" })))),
        "CalComConfigError"
      )
      assert.strictEqual(short.variable, "apiKey")
      const v1 = assertTag(
        yield* Effect.flip(Layer.build(CalCom.layer(options(fake, { baseUrl: "https://api.cal.com/v1" })))),
        "CalComConfigError"
      )
      assert.strictEqual(v1.variable, "baseUrl")
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("exposes settings without the key or the fetch function", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(me(), {
        apiKey: `Bearer ${API_KEY}`,
        baseUrl: "https://api.cal.eu/v2/",
        timeout: "10 seconds",
        userId: 7
      })
      const { settings } = cal
      assert.notProperty(settings, "apiKey")
      assert.notProperty(settings, "fetch")
      assert.strictEqual(settings.baseUrl, "https://api.cal.eu")
      assert.strictEqual(settings.maxRetries, 0)
      assert.strictEqual(settings.userId, 7)
      assert.strictEqual(Duration.toMillis(settings.timeout), 10_000)
      assert.strictEqual(Duration.toMillis(settings.profileTtl), 300_000)
      assert.isFalse(settings.verifyOnStart)
      assert.notInclude(JSON.stringify(settings), API_KEY)
      assert.notInclude(inspect(settings, { depth: 5 }), API_KEY)
      assert.notInclude(String(Object.values(settings)), API_KEY)
    })
  )

  it.effect("lets the caller observe the circuit: Closed, then Open after repeated 5xx, then failing fast", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "GET /v2/me": () => errorEnvelope(503, "ServiceUnavailable", "Down for maintenance") }),
        { circuitBreaker: { failures: 2, openDuration: "30 seconds" } }
      )
      assert.strictEqual((yield* cal.circuit)._tag, "Closed")
      assertTag(yield* Effect.flip(cal.me.get()), "CalComApiError")
      assert.strictEqual((yield* cal.circuit)._tag, "Closed")
      assertTag(yield* Effect.flip(cal.me.get()), "CalComApiError")
      const open = yield* cal.circuit
      assert.strictEqual(open._tag, "Open")
      const failFast = assertTag(yield* Effect.flip(cal.me.get()), "CalComCircuitOpenError")
      assert.isAbove(failFast.retryAfterMs, 0)
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("lets the caller observe the latest rate-limit figures", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "GET /v2/me": () =>
            json(
              200,
              { status: "success", data: userJson() },
              {
                "X-RateLimit-Limit-Default": "120",
                "X-RateLimit-Remaining-Default": "119",
                "X-RateLimit-Reset-Default": "60"
              }
            )
        })
      )
      assert.deepStrictEqual(yield* cal.rateLimits, [])
      yield* cal.me.get()
      const [limit, ...others] = yield* cal.rateLimits
      assert.deepStrictEqual(others, [])
      assert.strictEqual(limit?.name, "Default")
      assert.strictEqual(limit?.limit, 120)
      assert.strictEqual(limit?.remaining, 119)
      assert.isNumber(limit?.resetAt)
    })
  )

  it.effect("defaults to the base URL the package exports, Cal.com's", () =>
    Effect.gen(function* () {
      const context = yield* Layer.build(CalCom.layer({ apiKey: API_KEY }))
      assert.strictEqual(Context.get(context, CalCom).settings.baseUrl, Index.DEFAULT_BASE_URL)
      assert.strictEqual(Index.DEFAULT_BASE_URL, "https://api.cal.com")
    })
  )
})

describe("CalCom.layerConfig", () => {
  const DOTENV_KEY = "cal_test_dotenv_key_abcdef0123"

  it.effect("reads the key and base URL from the current ConfigProvider", () =>
    Effect.gen(function* () {
      const fake = makeFakeFetch(me())
      const context = yield* Layer.build(
        CalCom.layerConfig({ overrides: { fetch: fake.fetch, retry: { maxRetries: 0 } } })
      ).pipe(withEnv({ CAL_COM_API_KEY: API_KEY, CAL_COM_BASE_URL: "https://api.cal.eu" }))
      const cal = Context.get(context, CalCom)
      assert.strictEqual(cal.settings.baseUrl, "https://api.cal.eu")
      assert.strictEqual(cal.settings.maxRetries, 0)
      yield* cal.me.get()
      const request = onlyRequest(fake)
      assert.strictEqual(request.url, "https://api.cal.eu/v2/me")
      assert.strictEqual(request.headers["authorization"], `Bearer ${API_KEY}`)
      assert.notInclude(JSON.stringify(cal.settings), API_KEY)
    })
  )

  it.effect("does not read the .env file in the working directory", () =>
    Effect.gen(function* () {
      yield* inDirectory(
        dirname(
          yield* dotEnvFile(`CAL_COM_API_KEY=${DOTENV_KEY}
CAL_COM_BASE_URL=https://api.cal.eu
`)
        )
      )
      const fake = makeFakeFetch(me())
      const context = yield* Layer.build(CalCom.layerConfig({ overrides: { fetch: fake.fetch } })).pipe(
        withEnv({ CAL_COM_API_KEY: API_KEY })
      )
      const cal = Context.get(context, CalCom)
      assert.strictEqual(cal.settings.baseUrl, "https://api.cal.com", "CAL_COM_BASE_URL of .env is ignored")
      yield* cal.me.get()
      assert.strictEqual(onlyRequest(fake).headers["authorization"], `Bearer ${API_KEY}`)
    })
  )

  it.effect("fails to build with CalComConfigError naming CAL_COM_API_KEY even when .env has it", () =>
    Effect.gen(function* () {
      yield* inDirectory(
        dirname(
          yield* dotEnvFile(`CAL_COM_API_KEY=${DOTENV_KEY}
`)
        )
      )
      const fake = makeFakeFetch(me())
      const error = yield* Effect.flip(
        Layer.build(CalCom.layerConfig({ overrides: { fetch: fake.fetch } })).pipe(withEnv({}))
      )
      const config = assertTag(error, "CalComConfigError")
      assert.strictEqual(config.variable, "CAL_COM_API_KEY")
      assert.include(config.message, "not set: set it in the configuration (environment)")
      assert.notInclude(config.message, DOTENV_KEY)
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("overrides win over what configuration says", () =>
    Effect.gen(function* () {
      const fake = makeFakeFetch(me())
      const context = yield* Layer.build(
        CalCom.layerConfig({ overrides: { fetch: fake.fetch, baseUrl: "https://cal.example.com/api" } })
      ).pipe(withEnv({ CAL_COM_API_KEY: API_KEY, CAL_COM_BASE_URL: "https://api.cal.eu" }))
      assert.strictEqual(Context.get(context, CalCom).settings.baseUrl, "https://cal.example.com/api")
    })
  )
})
