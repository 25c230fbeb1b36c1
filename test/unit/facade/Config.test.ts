/**
 * Client settings: the key and base URL are normalized or refused with a message that names the
 * variable and never shows the value; `fromConfig` reads the current `ConfigProvider`; and
 * `loadOptions` puts the values of a `.env` source (given as data) under it. Reading the file is
 * the Node entry's job: see DotEnv.test.ts.
 */
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import {
  DEFAULT_BASE_URL,
  fromConfig,
  loadOptions,
  normalizeApiKey,
  normalizeBaseUrl,
  resolveOptions
} from "../../../src/facade/Config.js"
import type { CalComConfigError } from "../../../src/facade/Errors.js"
import { withEnv } from "../support/Environment.js"

const KEY = "cal_live_0a1b2c3d4e5f6a7b8c9d"
const OTHER_KEY = "cal_live_ffffeeeeddddccccbbbb"

const keyOf = (key: Redacted.Redacted<string> | string) => (typeof key === "string" ? key : Redacted.value(key))

/** Asserts a config error names `variable` (in its field and its message) and does not show `secret`. */
const assertNames = (error: CalComConfigError, variable: string, secret?: string) => {
  assert.strictEqual(error._tag, "CalComConfigError")
  assert.strictEqual(error.variable, variable)
  assert.include(error.message, variable)
  if (secret !== undefined) {
    assert.notInclude(error.message, secret)
    assert.notInclude(String(error), secret)
    assert.notInclude(JSON.stringify(error), secret)
  }
}

describe("normalizeApiKey", () => {
  it.effect("accepts a raw cal_… key", () =>
    Effect.gen(function* () {
      const key = yield* normalizeApiKey(KEY)
      assert.strictEqual(Redacted.value(key), KEY)
      assert.notInclude(String(key), KEY)
    })
  )

  it.effect("accepts `Bearer cal_…` and drops the scheme, and surrounding whitespace", () =>
    Effect.gen(function* () {
      assert.strictEqual(Redacted.value(yield* normalizeApiKey(`Bearer ${KEY}`)), KEY)
      assert.strictEqual(Redacted.value(yield* normalizeApiKey(`  bearer   ${KEY}\n`)), KEY)
      assert.strictEqual(Redacted.value(yield* normalizeApiKey(Redacted.make(`Bearer ${KEY}`))), KEY)
    })
  )

  it.effect("refuses an empty key, naming the variable", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(normalizeApiKey(""))
      assertNames(error, "CAL_COM_API_KEY")
      assert.include(error.message, "empty")
    })
  )

  it.effect("refuses a whitespace-only key", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(normalizeApiKey("   \t "))
      assertNames(error, "CAL_COM_API_KEY")
      assert.include(error.message, "empty")
    })
  )

  it.effect("refuses a key too short to be one, without showing it", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(normalizeApiKey("cal_abc12", "apiKey"))
      assertNames(error, "apiKey", "cal_abc12")
      assert.include(error.message, "too short")
    })
  )

  it.effect("refuses a key containing spaces, without showing it", () =>
    Effect.gen(function* () {
      const value = "cal_live_0a1b2c 3d4e5f6a7b"
      const error = yield* Effect.flip(normalizeApiKey(value))
      assertNames(error, "CAL_COM_API_KEY", "0a1b2c")
      assertNames(error, "CAL_COM_API_KEY", "3d4e5f6a7b")
      assert.include(error.message, "whitespace")
    })
  )
})

describe("normalizeApiKey: characters a header cannot carry", () => {
  it.effect("refuses control characters (NUL, DEL, ESC) without showing the key", () =>
    Effect.gen(function* () {
      for (const bad of ["\u0000", "\u007f", "\u001b", "\u0085"]) {
        const value = `cal_live_0a1b2c${bad}3d4e5f6a7b`
        const error = yield* Effect.flip(normalizeApiKey(value))
        assertNames(error, "CAL_COM_API_KEY", "0a1b2c")
        assertNames(error, "CAL_COM_API_KEY", "3d4e5f6a7b")
        assert.include(error.message, "control")
      }
    })
  )

  it.effect("refuses characters outside printable ASCII, which no Cal.com key or token contains", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(normalizeApiKey("cal_live_0a1b2c\u00e93d4e5f6a7b", "apiKey"))
      assertNames(error, "apiKey", "0a1b2c")
    })
  )
})

describe("resolveOptions: no key in clear text", () => {
  it.effect("refuses an http:// base URL to a host that is not loopback, naming the option", () =>
    Effect.gen(function* () {
      for (const baseUrl of ["http://cal.example.com", "http://10.0.0.7:3000", "http://localhost.example.com"]) {
        const error = yield* Effect.flip(resolveOptions({ apiKey: KEY, baseUrl }))
        assertNames(error, "baseUrl", KEY)
        assert.include(error.message, "clear text")
        assert.include(error.message, "allowInsecureHttp")
      }
    })
  )

  it.effect("accepts http:// to loopback (127.0.0.0/8, ::1, localhost)", () =>
    Effect.gen(function* () {
      for (const baseUrl of [
        "http://127.0.0.1:4010",
        "http://127.1.2.3",
        "http://[::1]:8080",
        "http://localhost:3000",
        "http://cal.localhost"
      ]) {
        const resolved = yield* resolveOptions({ apiKey: KEY, baseUrl })
        assert.strictEqual(resolved.baseUrl, baseUrl.replace(/\/$/, ""))
      }
    })
  )

  it.effect("accepts http:// elsewhere only when allowInsecureHttp says so", () =>
    Effect.gen(function* () {
      const resolved = yield* resolveOptions({
        apiKey: KEY,
        baseUrl: "http://cal.internal:3000",
        allowInsecureHttp: true
      })
      assert.strictEqual(resolved.baseUrl, "http://cal.internal:3000")
    })
  )

  it.effect("CAL_COM_BASE_URL over http:// is refused unless CAL_COM_ALLOW_INSECURE_HTTP is true", () =>
    Effect.gen(function* () {
      const env = { CAL_COM_API_KEY: KEY, CAL_COM_BASE_URL: "http://cal.internal:3000" }
      const refused = yield* Effect.flip(fromConfig().pipe(Effect.flatMap(resolveOptions), withEnv(env)))
      assert.include(refused.message, "CAL_COM_ALLOW_INSECURE_HTTP")
      const allowed = yield* fromConfig().pipe(
        Effect.flatMap(resolveOptions),
        withEnv({ ...env, CAL_COM_ALLOW_INSECURE_HTTP: "true" })
      )
      assert.strictEqual(allowed.baseUrl, "http://cal.internal:3000")
    })
  )
})

describe("normalizeBaseUrl", () => {
  it.effect("drops a trailing /v2/ from the origin", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* normalizeBaseUrl("https://api.cal.com/v2/"), "https://api.cal.com")
      assert.strictEqual(yield* normalizeBaseUrl("https://api.cal.com/v2"), "https://api.cal.com")
      assert.strictEqual(yield* normalizeBaseUrl("https://api.cal.com/"), "https://api.cal.com")
    })
  )

  it.effect("accepts the EU origin", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* normalizeBaseUrl("https://api.cal.eu"), "https://api.cal.eu")
    })
  )

  it.effect("accepts a self-hosted instance under a path", () =>
    Effect.gen(function* () {
      assert.strictEqual(yield* normalizeBaseUrl("https://cal.example.com/api"), "https://cal.example.com/api")
      assert.strictEqual(yield* normalizeBaseUrl("https://cal.example.com/api/v2/"), "https://cal.example.com/api")
    })
  )

  it.effect("refuses /v1 with a message saying to use the v2 origin", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(normalizeBaseUrl("https://api.cal.com/v1"))
      assertNames(error, "CAL_COM_BASE_URL")
      assert.include(error.message, "v1")
      assert.include(error.message, DEFAULT_BASE_URL)
      const trailing = yield* Effect.flip(normalizeBaseUrl("https://api.cal.com/v1/", "baseUrl"))
      assertNames(trailing, "baseUrl")
    })
  )

  it.effect("refuses what is not a URL", () =>
    Effect.gen(function* () {
      for (const value of ["api.cal.com", "not a url", ""]) {
        const error = yield* Effect.flip(normalizeBaseUrl(value))
        assertNames(error, "CAL_COM_BASE_URL")
        assert.include(error.message, "not a URL", value)
      }
    })
  )

  it.effect("refuses a non-http scheme and a query", () =>
    Effect.gen(function* () {
      assertNames(yield* Effect.flip(normalizeBaseUrl("ftp://api.cal.com")), "CAL_COM_BASE_URL")
      assertNames(yield* Effect.flip(normalizeBaseUrl("https://api.cal.com?x=1")), "CAL_COM_BASE_URL")
    })
  )
})

describe("resolveOptions", () => {
  it.effect("applies the documented defaults", () =>
    Effect.gen(function* () {
      const resolved = yield* resolveOptions({ apiKey: KEY })
      assert.strictEqual(resolved.baseUrl, DEFAULT_BASE_URL)
      assert.strictEqual(Duration.toMillis(resolved.timeout), 30_000)
      assert.strictEqual(Duration.toMillis(resolved.deadline), 120_000)
      assert.strictEqual(resolved.maxRetries, 3)
      assert.strictEqual(Duration.toMillis(resolved.baseDelay), 1_000)
      assert.isTrue(resolved.waitOnRateLimit)
      assert.strictEqual(resolved.breakerFailures, 5)
    })
  )

  it.effect("names the option that is out of range", () =>
    Effect.gen(function* () {
      assertNames(yield* Effect.flip(resolveOptions({ apiKey: KEY, retry: { maxRetries: -1 } })), "retry.maxRetries")
      assertNames(yield* Effect.flip(resolveOptions({ apiKey: KEY, timeout: 0 })), "timeout")
      assertNames(yield* Effect.flip(resolveOptions({ apiKey: "cal_9z7y" })), "apiKey", "cal_9z7y")
    })
  )
})

describe("fromConfig", () => {
  it.effect("reads every variable from the provided ConfigProvider", () =>
    Effect.gen(function* () {
      const options = yield* fromConfig().pipe(
        withEnv({
          CAL_COM_API_KEY: `Bearer ${KEY}`,
          CAL_COM_BASE_URL: "https://api.cal.eu/v2",
          CAL_COM_USER_ID: "42",
          CAL_COM_TIMEOUT: "10 seconds",
          CAL_COM_DEADLINE: "90000",
          CAL_COM_MAX_RETRIES: "5",
          CAL_COM_WAIT_ON_RATE_LIMIT: "false",
          CAL_COM_VERIFY_ON_START: "yes"
        })
      )
      assert.strictEqual(keyOf(options.apiKey), KEY)
      assert.strictEqual(options.baseUrl, "https://api.cal.eu")
      assert.strictEqual(options.userId, 42)
      assert.isUndefined(options.orgId)
      const resolved = yield* resolveOptions(options)
      assert.strictEqual(Duration.toMillis(resolved.timeout), 10_000)
      assert.strictEqual(Duration.toMillis(resolved.deadline), 90_000)
      assert.strictEqual(resolved.maxRetries, 5)
      assert.isFalse(resolved.waitOnRateLimit)
      assert.isTrue(resolved.verifyOnStart)
    })
  )

  it.effect("works with ConfigProvider.fromUnknown", () =>
    Effect.gen(function* () {
      const options = yield* fromConfig().pipe(
        Effect.provideService(
          ConfigProvider.ConfigProvider,
          ConfigProvider.fromUnknown({ CAL_COM_API_KEY: KEY, CAL_COM_MAX_RETRIES: "0" })
        )
      )
      assert.strictEqual(keyOf(options.apiKey), KEY)
      assert.strictEqual(options.retry?.maxRetries, 0)
    })
  )

  it.effect("a missing key is an error naming CAL_COM_API_KEY and saying where it looked", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fromConfig("set it in the test").pipe(withEnv({})))
      assertNames(error, "CAL_COM_API_KEY")
      assert.include(error.message, "not set")
      assert.include(error.message, "set it in the test")
    })
  )

  it.effect("an invalid key is an error naming CAL_COM_API_KEY, without the value", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fromConfig().pipe(withEnv({ CAL_COM_API_KEY: "cal_x y" })))
      assertNames(error, "CAL_COM_API_KEY", "cal_x y")
    })
  )

  it.effect("a bad CAL_COM_TIMEOUT is an error naming it", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fromConfig().pipe(withEnv({ CAL_COM_API_KEY: KEY, CAL_COM_TIMEOUT: "soon" })))
      assertNames(error, "CAL_COM_TIMEOUT", "soon")
    })
  )

  it.effect("a bad CAL_COM_MAX_RETRIES is an error naming it", () =>
    Effect.gen(function* () {
      for (const value of ["three", "-1", "1.5"]) {
        const error = yield* Effect.flip(
          fromConfig().pipe(withEnv({ CAL_COM_API_KEY: KEY, CAL_COM_MAX_RETRIES: value }))
        )
        assertNames(error, "CAL_COM_MAX_RETRIES")
      }
    })
  )

  it.effect("out-of-range values are errors naming the variable the user set", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["CAL_COM_TIMEOUT", "0"],
        ["CAL_COM_DEADLINE", "0 seconds"],
        ["CAL_COM_MAX_RETRIES", "500"],
        ["CAL_COM_USER_ID", "0"]
      ]
      for (const [variable, value] of cases) {
        const error = yield* Effect.flip(fromConfig().pipe(withEnv({ CAL_COM_API_KEY: KEY, [variable]: value })))
        assertNames(error, variable)
      }
    })
  )

  it.effect("bad CAL_COM_BASE_URL and CAL_COM_WAIT_ON_RATE_LIMIT are errors naming them", () =>
    Effect.gen(function* () {
      const url = yield* Effect.flip(
        fromConfig().pipe(withEnv({ CAL_COM_API_KEY: KEY, CAL_COM_BASE_URL: "https://api.cal.com/v1" }))
      )
      assertNames(url, "CAL_COM_BASE_URL")
      const wait = yield* Effect.flip(
        fromConfig().pipe(withEnv({ CAL_COM_API_KEY: KEY, CAL_COM_WAIT_ON_RATE_LIMIT: "maybe" }))
      )
      assertNames(wait, "CAL_COM_WAIT_ON_RATE_LIMIT")
    })
  )
})

describe("loadOptions", () => {
  it.effect("without a .env source, reads only the current ConfigProvider", () =>
    Effect.gen(function* () {
      const options = yield* loadOptions().pipe(withEnv({ CAL_COM_API_KEY: KEY, CAL_COM_ORG_ID: "9" }))
      assert.strictEqual(keyOf(options.apiKey), KEY)
      assert.strictEqual(options.orgId, 9)
    })
  )

  it.effect("without a .env source, a missing key says it was looked for in the configuration", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(loadOptions().pipe(withEnv({})))
      assertNames(error, "CAL_COM_API_KEY")
      assert.include(error.message, "not set")
      assert.include(error.message, "the configuration (environment)")
      assert.notInclude(error.message, ".env")
    })
  )

  it.effect("the environment wins over the .env values, variable by variable", () =>
    Effect.gen(function* () {
      const source = {
        path: "/app/.env",
        found: true,
        values: { CAL_COM_API_KEY: OTHER_KEY, CAL_COM_MAX_RETRIES: "7" }
      }
      const options = yield* loadOptions(source).pipe(withEnv({ CAL_COM_API_KEY: KEY }))
      assert.strictEqual(keyOf(options.apiKey), KEY)
      assert.strictEqual(options.retry?.maxRetries, 7, "what the environment does not set still comes from .env")
    })
  )

  it.effect("a missing key names the .env file it looked in, or says there was none", () =>
    Effect.gen(function* () {
      const found = yield* Effect.flip(
        loadOptions({ path: "/app/.env", found: true, values: { CAL_COM_BASE_URL: DEFAULT_BASE_URL } }).pipe(
          withEnv({})
        )
      )
      assertNames(found, "CAL_COM_API_KEY")
      assert.include(found.message, "the environment or /app/.env")
      const missing = yield* Effect.flip(loadOptions({ path: "/app/.env", found: false, values: {} }).pipe(withEnv({})))
      assertNames(missing, "CAL_COM_API_KEY")
      assert.include(missing.message, "no .env at /app/.env")
    })
  )

  it.effect("a bad value from .env is an error naming the variable, without the value", () =>
    Effect.gen(function* () {
      const source = { path: "/app/.env", found: true, values: { CAL_COM_API_KEY: KEY, CAL_COM_TIMEOUT: "whenever" } }
      const error = yield* Effect.flip(loadOptions(source).pipe(withEnv({})))
      assertNames(error, "CAL_COM_TIMEOUT", "whenever")
    })
  )
})
