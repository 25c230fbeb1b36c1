/**
 * The Node entry (`effect-calcom/node`): `readDotEnv` parses a `.env` file without touching
 * `process.env`; `loadOptions` and `layerConfig` put it under the current `ConfigProvider` (the
 * environment wins) and say where they looked when the key is missing.
 */
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { CalCom } from "../../../src/index.js"
import { layerConfig, loadOptions, readDotEnv } from "../../../src/node.js"
import { API_KEY, assertTag, onlyRequest, router, success, userJson } from "../support/CalComFixtures.js"
import { dotEnvFile, inDirectory, tempDir, withEnv } from "../support/Environment.js"
import { makeFakeFetch } from "../support/FakeFetch.js"

const KEY = "cal_live_0a1b2c3d4e5f6a7b8c9d"
const OTHER_KEY = "cal_live_ffffeeeeddddccccbbbb"

const keyOf = (key: Redacted.Redacted<string> | string) => (typeof key === "string" ? key : Redacted.value(key))

const me = () => router({ "GET /v2/me": () => success(userJson()) })

describe("readDotEnv", () => {
  it.effect("parses the file at an explicit path", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`# a comment\nCAL_COM_API_KEY="${KEY}"\nCAL_COM_ORG_ID=9\n`)
      const source = yield* readDotEnv(path)
      assert.deepStrictEqual(source, { path, found: true, values: { CAL_COM_API_KEY: KEY, CAL_COM_ORG_ID: "9" } })
    })
  )

  it.effect("a missing default .env is reported as not found, with its absolute path", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      yield* inDirectory(dir)
      const source = yield* readDotEnv()
      assert.isFalse(source.found)
      assert.deepStrictEqual(source.values, {})
      assert.strictEqual(source.path, join(process.cwd(), ".env"))
    })
  )

  it.effect("a path that cannot be read (a directory) is a CalComConfigError naming CAL_COM_DOTENV", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const error = yield* Effect.flip(readDotEnv(dir))
      assert.strictEqual(error._tag, "CalComConfigError")
      assert.strictEqual(error.variable, "CAL_COM_DOTENV")
      assert.include(error.message, "could not be read")
    })
  )
})

describe("loadOptions", () => {
  it.effect("reads the key from a .env file", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${KEY}\nCAL_COM_BASE_URL=https://api.cal.eu\n`)
      const options = yield* loadOptions(path).pipe(withEnv({}))
      assert.strictEqual(keyOf(options.apiKey), KEY)
      assert.strictEqual(options.baseUrl, "https://api.cal.eu")
    })
  )

  it.effect("the environment wins over .env, variable by variable", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${OTHER_KEY}\nCAL_COM_MAX_RETRIES=7\n`)
      const options = yield* loadOptions(path).pipe(withEnv({ CAL_COM_API_KEY: KEY }))
      assert.strictEqual(keyOf(options.apiKey), KEY)
      assert.strictEqual(options.retry?.maxRetries, 7, "what the environment does not set still comes from .env")
    })
  )

  it.effect("a missing default .env is fine when the key is set", () =>
    Effect.gen(function* () {
      yield* inDirectory(yield* tempDir)
      const options = yield* loadOptions().pipe(withEnv({ CAL_COM_API_KEY: KEY }))
      assert.strictEqual(keyOf(options.apiKey), KEY)
    })
  )

  it.effect("the default .env is the one in the working directory", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${KEY}\n`)
      yield* inDirectory(join(path, ".."))
      const options = yield* loadOptions().pipe(withEnv({}))
      assert.strictEqual(keyOf(options.apiKey), KEY)
    })
  )

  it.effect("an explicit path that does not exist is a CalComConfigError", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const missing = join(dir, "nope.env")
      const error = yield* Effect.flip(loadOptions(missing).pipe(withEnv({ CAL_COM_API_KEY: KEY })))
      assert.strictEqual(error._tag, "CalComConfigError")
      assert.strictEqual(error.variable, "CAL_COM_DOTENV")
      assert.include(error.message, missing)
      assert.include(error.message, "does not exist")
    })
  )

  it.effect("does not modify process.env", () =>
    Effect.gen(function* () {
      const before = { ...process.env }
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${KEY}\nCAL_COM_ORG_ID=9\nEFFECT_CALCOM_TEST_ONLY=1\n`)
      const options = yield* loadOptions(path).pipe(withEnv({}))
      assert.strictEqual(options.orgId, 9)
      assert.deepStrictEqual(process.env, before)
      assert.isUndefined(process.env["EFFECT_CALCOM_TEST_ONLY"])
    })
  )

  it.effect("when nothing provides the key, the error says where it looked", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile("CAL_COM_BASE_URL=https://api.cal.eu\n")
      const error = yield* Effect.flip(loadOptions(path).pipe(withEnv({})))
      assert.strictEqual(error.variable, "CAL_COM_API_KEY")
      assert.include(error.message, "not set")
      assert.include(error.message, path)
    })
  )

  it.effect("when there is no .env either, the error says so", () =>
    Effect.gen(function* () {
      yield* inDirectory(yield* tempDir)
      const error = yield* Effect.flip(loadOptions().pipe(withEnv({})))
      assert.strictEqual(error.variable, "CAL_COM_API_KEY")
      assert.include(error.message, "no .env")
    })
  )

  it.effect("a bad value in .env is an error naming the variable, without the value", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${KEY}\nCAL_COM_TIMEOUT=whenever\n`)
      const error = yield* Effect.flip(loadOptions(path).pipe(withEnv({})))
      assert.strictEqual(error.variable, "CAL_COM_TIMEOUT")
      assert.notInclude(error.message, "whenever")
    })
  )
})

describe("layerConfig (node)", () => {
  const DOTENV_KEY = "cal_test_dotenv_key_abcdef0123"

  it.effect("reads the key and base URL from the .env file at dotEnvPath", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${DOTENV_KEY}\nCAL_COM_BASE_URL=https://api.cal.eu\n`)
      const fake = makeFakeFetch(me())
      const context = yield* Layer.build(
        layerConfig({ dotEnvPath: path, overrides: { fetch: fake.fetch, retry: { maxRetries: 0 } } })
      ).pipe(withEnv({}))
      const cal = Context.get(context, CalCom)
      assert.strictEqual(cal.settings.baseUrl, "https://api.cal.eu")
      assert.strictEqual(cal.settings.maxRetries, 0)
      yield* cal.me.get()
      const request = onlyRequest(fake)
      assert.strictEqual(request.url, "https://api.cal.eu/v2/me")
      assert.strictEqual(request.headers["authorization"], `Bearer ${DOTENV_KEY}`)
      assert.notInclude(JSON.stringify(cal.settings), DOTENV_KEY)
    })
  )

  it.effect("reads the .env file in the working directory by default", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${DOTENV_KEY}\n`)
      yield* inDirectory(join(path, ".."))
      const fake = makeFakeFetch(me())
      const context = yield* Layer.build(layerConfig({ overrides: { fetch: fake.fetch } })).pipe(withEnv({}))
      yield* Context.get(context, CalCom).me.get()
      assert.strictEqual(onlyRequest(fake).headers["authorization"], `Bearer ${DOTENV_KEY}`)
    })
  )

  it.effect("prefers the environment over the .env file", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile(`CAL_COM_API_KEY=${DOTENV_KEY}\n`)
      const fake = makeFakeFetch(me())
      const context = yield* Layer.build(layerConfig({ dotEnvPath: path, overrides: { fetch: fake.fetch } })).pipe(
        withEnv({ CAL_COM_API_KEY: API_KEY })
      )
      yield* Context.get(context, CalCom).me.get()
      assert.strictEqual(onlyRequest(fake).headers["authorization"], `Bearer ${API_KEY}`)
    })
  )

  it.effect("fails to build with CalComConfigError naming CAL_COM_API_KEY when no source has it", () =>
    Effect.gen(function* () {
      const path = yield* dotEnvFile("CAL_COM_BASE_URL=https://api.cal.com\n")
      const fake = makeFakeFetch(me())
      const error = yield* Effect.flip(
        Layer.build(layerConfig({ dotEnvPath: path, overrides: { fetch: fake.fetch } })).pipe(withEnv({}))
      )
      const config = assertTag(error, "CalComConfigError")
      assert.strictEqual(config.variable, "CAL_COM_API_KEY")
      assert.include(config.message, path)
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
