/**
 * The typed transport against a Prism mock of the patched document (started by
 * scripts/contract.ts): the middleware's headers are what the document demands.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import createClient from "openapi-fetch"
import type { paths } from "../../generated/openapi.js"
import { makeOpenApiClient } from "../../src/facade/internal/OpenApiClient.js"
import { mockUrl } from "./mock.js"

const apiKey = Redacted.make("cal_test_contract_key_123456")
const client = () => makeOpenApiClient({ baseUrl: mockUrl(), apiKey })

const booking = {
  start: "2026-12-01T10:00:00Z",
  eventTypeId: 123,
  attendee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" }
}

describe("typed transport against Prism", () => {
  it("GET /v2/me succeeds with the key from the middleware", async () => {
    const { data, response } = await client().GET("/v2/me")
    assert.strictEqual(response.status, 200)
    assert.strictEqual(data?.status, "success")
    assert.isString(data?.data.email)
  })

  it("POST /v2/bookings with a valid body is created (the version header comes from the table)", async () => {
    const { data, response } = await client().POST("/v2/bookings", { body: booking })
    assert.strictEqual(response.status, 201)
    assert.strictEqual(data?.status, "success")
  })

  it("POST /v2/bookings with an invalid body is a 422 with the error envelope", async () => {
    const invalid = { ...booking, attendee: { name: "Ada" } } as unknown as typeof booking
    const { error, response } = await client().POST("/v2/bookings", { body: invalid })
    assert.strictEqual(response.status, 422)
    assert.strictEqual(error?.status, "error")
  })

  it("a wrong cal-api-version is rejected", async () => {
    const raw = createClient<paths>({ baseUrl: mockUrl() })
    const { response } = await raw.GET("/v2/bookings", {
      headers: { Authorization: `Bearer ${Redacted.value(apiKey)}`, "cal-api-version": "2024-06-14" }
    })
    assert.strictEqual(response.status, 422)
  })

  it("a missing cal-api-version is rejected", async () => {
    const raw = createClient<paths>({ baseUrl: mockUrl() })
    const { response } = await raw.GET("/v2/bookings", {
      headers: { Authorization: `Bearer ${Redacted.value(apiKey)}` }
    })
    assert.strictEqual(response.status, 422)
  })

  it("a request without credentials to an operation that needs them is a 401", async () => {
    const anonymous = makeOpenApiClient({ baseUrl: mockUrl() })
    const { response } = await anonymous.GET("/v2/me")
    assert.strictEqual(response.status, 401)
  })

  it("a public operation works without credentials", async () => {
    const anonymous = makeOpenApiClient({ baseUrl: mockUrl() })
    const { response } = await anonymous.GET("/v2/slots", {
      params: { query: { eventTypeId: 1, start: "2026-12-01", end: "2026-12-02", timeZone: "Europe/Rome" } }
    })
    assert.strictEqual(response.status, 200)
  })
})
