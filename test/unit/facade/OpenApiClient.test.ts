/**
 * The openapi-fetch client's header middleware and the small version table it reads
 * (`generated/versions.ts`, whose values `test/unit/spec/patches.test.ts` checks against the pinned
 * document): each request gets `cal-api-version` only when its operation has one.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { apiVersions } from "../../../generated/versions.js"
import { apiVersion, makeOpenApiClient } from "../../../src/facade/internal/OpenApiClient.js"
import { json, makeFakeFetch } from "../support/FakeFetch.js"

const API_KEY = "cal_live_5f3a9c1e7b2d4a6f8e0c"

const setup = (apiKey: string | undefined) => {
  const fake = makeFakeFetch(() => json(200, { status: "success", data: [] }))
  const client = makeOpenApiClient({
    baseUrl: "https://api.cal.test",
    apiKey: apiKey === undefined ? undefined : Redacted.make(apiKey),
    fetch: fake.fetch
  })
  return { fake, client }
}

describe("generated/versions.ts", () => {
  it("is sorted by key, so regeneration is stable", () => {
    const keys = Object.keys(apiVersions)
    assert.deepStrictEqual(keys, [...keys].sort())
  })

  it("is the only generated table the runtime imports", () => {
    const src = fileURLToPath(new URL("../../../src", import.meta.url))
    const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))
    assert.isAbove(files.length, 0)
    for (const file of files) {
      const text = readFileSync(join(src, file), "utf8")
      assert.notMatch(text, /generated\/operations(\.js)?["']/, `src/${file} imports generated/operations`)
    }
  })
})

describe("apiVersion", () => {
  it("looks up METHOD /path/{template}, whatever the method's case", () => {
    assert.strictEqual(apiVersion("GET", "/v2/bookings"), "2024-08-13")
    assert.strictEqual(apiVersion("get", "/v2/bookings"), "2024-08-13")
    assert.strictEqual(apiVersion("GET", "/v2/bookings/{bookingUid}"), "2024-08-13")
  })

  it("is undefined for an unversioned or unknown operation", () => {
    assert.isUndefined(apiVersion("GET", "/v2/me"))
    assert.isUndefined(apiVersion("GET", "/v2/no-such-route"))
    // A concrete path is not a template: the lookup is by schema path only.
    assert.isUndefined(apiVersion("GET", "/v2/bookings/bk_1"))
  })
})

describe("headersMiddleware (through makeOpenApiClient)", () => {
  it("sets cal-api-version and Authorization on GET /v2/bookings", async () => {
    const { fake, client } = setup(API_KEY)
    await client.GET("/v2/bookings")
    assert.strictEqual(fake.requests.length, 1)
    assert.strictEqual(fake.requests[0]?.headers["cal-api-version"], "2024-08-13")
    assert.strictEqual(fake.requests[0]?.headers["authorization"], `Bearer ${API_KEY}`)
  })

  it("sets the template's version on a path with parameters", async () => {
    const { fake, client } = setup(API_KEY)
    await client.GET("/v2/bookings/{bookingUid}", { params: { path: { bookingUid: "bk_1" } } })
    assert.strictEqual(fake.requests[0]?.path, "/v2/bookings/bk_1")
    assert.strictEqual(fake.requests[0]?.headers["cal-api-version"], "2024-08-13")
  })

  it("sends no cal-api-version on GET /v2/me, but still the key", async () => {
    const { fake, client } = setup(API_KEY)
    await client.GET("/v2/me")
    assert.strictEqual(fake.requests.length, 1)
    assert.isUndefined(fake.requests[0]?.headers["cal-api-version"])
    assert.strictEqual(fake.requests[0]?.headers["authorization"], `Bearer ${API_KEY}`)
  })

  it("sends no Authorization without a key, and still the version", async () => {
    const { fake, client } = setup(undefined)
    await client.GET("/v2/bookings")
    assert.isUndefined(fake.requests[0]?.headers["authorization"])
    assert.strictEqual(fake.requests[0]?.headers["cal-api-version"], "2024-08-13")
  })
})
