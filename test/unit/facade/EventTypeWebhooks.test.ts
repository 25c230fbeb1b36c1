/**
 * `cal.webhooks.eventType` (no cal-api-version): an event type's webhooks, personal or a team's
 * (`{ teamId }`). Creation keeps `webhooks.create`'s secret rules (given or generated, `Redacted`,
 * never empty) and, after an ambiguous failure, returns the webhook it made instead of a second one.
 */
import { inspect } from "node:util"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import {
  assertInvalid,
  assertRequest,
  bodyOf,
  created,
  onlyRequest,
  queryOf,
  router,
  routesOf,
  setup,
  success,
  untilRequests,
  WEBHOOK_SECRET,
  webhookJson
} from "../support/CalComFixtures.js"
import { errorEnvelope, type RecordedRequest } from "../support/FakeFetch.js"

const hookJson = (overrides: Record<string, unknown> = {}) =>
  webhookJson({ userId: undefined, eventTypeId: 42, ...overrides })
const unavailable = () => errorEnvelope(503, "ServiceUnavailableException", "try later")
const input = { subscriberUrl: "https://hooks.example.com/cal", triggers: ["BOOKING_CREATED"] }

/** The secret a create sent. */
const sentSecret = (request: RecordedRequest) => (bodyOf(request) as { secret: string }).secret

describe("webhooks.eventType.list", () => {
  it.effect("reads every page of the event type's webhooks", () =>
    Effect.gen(function* () {
      const hooks = Array.from({ length: 251 }, (_, n) => hookJson({ id: `wh${n}` }))
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/event-types/42/webhooks": (request) => {
            const skip = Number(queryOf(request)["skip"])
            return success(hooks.slice(skip, skip + Number(queryOf(request)["take"])))
          }
        })
      )
      const list = yield* cal.webhooks.eventType.list(42)
      assert.strictEqual(list.length, 251)
      assert.deepStrictEqual([list[0]?.eventTypeId, list[250]?.id], [42, "wh250"])
      assert.deepStrictEqual(
        fake.requests.map((r) => queryOf(r)),
        [
          { take: "250", skip: "0" },
          { take: "250", skip: "250" }
        ]
      )
      assertRequest(fake.requests[0]!, { method: "GET", path: "/v2/event-types/42/webhooks", version: null })
    })
  )

  it.effect("with teamId, reads the team event type's webhooks", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/teams/5/event-types/42/webhooks": () => success([]) }))
      assert.deepStrictEqual(yield* cal.webhooks.eventType.list(42, { teamId: 5 }), [])
      assert.strictEqual(onlyRequest(fake).pathname, "/v2/teams/5/event-types/42/webhooks")
    })
  )
})

describe("webhooks.eventType.create", () => {
  it.effect("sends the fields, active by default and a generated secret, and returns that secret Redacted", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/event-types/42/webhooks": () => created(hookJson({ secret: null })) })
      )
      const hook = yield* cal.webhooks.eventType.create(42, input)
      const request = onlyRequest(fake)
      const secret = sentSecret(request)
      assert.match(secret, /^[0-9a-f]{64}$/)
      assertRequest(request, {
        method: "POST",
        path: "/v2/event-types/42/webhooks",
        body: { ...input, active: true, secret },
        version: null
      })
      assert.strictEqual(Redacted.value(hook.secret), secret)
      assert.notInclude(JSON.stringify(hook), secret)
      assert.notInclude(inspect(hook, { depth: 5 }), secret)
      assert.strictEqual(hook.eventTypeId, 42)
    })
  )

  it.effect("with teamId and a given secret, posts to the team event type", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/teams/5/event-types/42/webhooks": () => created(hookJson()) })
      )
      const hook = yield* cal.webhooks.eventType.create(42, { ...input, secret: WEBHOOK_SECRET }, { teamId: 5 })
      assert.strictEqual(sentSecret(onlyRequest(fake)), WEBHOOK_SECRET)
      assert.strictEqual(Redacted.value(hook.secret), WEBHOOK_SECRET)
    })
  )

  it.effect("after an ambiguous failure, returns the webhook at that URL carrying the secret it sent", () =>
    Effect.gen(function* () {
      let sent = ""
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/event-types/42/webhooks": (request) => {
            sent = sentSecret(request)
            return unavailable()
          },
          "GET /v2/event-types/42/webhooks": () =>
            success([hookJson({ id: "other", subscriberUrl: "https://x.example.com" }), hookJson({ secret: sent })])
        }),
        { retry: { maxRetries: 3 } }
      )
      const hook = yield* cal.webhooks.eventType.create(42, input)
      assert.strictEqual(hook.id, "2mdfnn2")
      assert.strictEqual(Redacted.value(hook.secret), sent)
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/event-types/42/webhooks", "GET /v2/event-types/42/webhooks"])
    })
  )

  it.effect("after a 500 with no webhook at that URL, sends again (Cal.com refuses a second one anyway)", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/event-types/42/webhooks": (_, n) =>
            n === 0 ? errorEnvelope(500, "InternalServerErrorException", "failed") : created(hookJson()),
          "GET /v2/event-types/42/webhooks": () => success([])
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.webhooks.eventType.create(42, input))
      yield* untilRequests(fake, 3)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(routesOf(fake), [
        "POST /v2/event-types/42/webhooks",
        "GET /v2/event-types/42/webhooks",
        "POST /v2/event-types/42/webhooks"
      ])
      // The same secret both times: the webhook made signs with the secret returned.
      assert.strictEqual(sentSecret(fake.requests[0]!), sentSecret(fake.requests[2]!))
    })
  )

  it.effect("after a 500, a webhook at that URL whose secret is not shown is not taken for ours, nor resent", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/event-types/42/webhooks": () => errorEnvelope(500, "InternalServerErrorException", "failed"),
          "GET /v2/event-types/42/webhooks": () => success([hookJson({ secret: null })])
        }),
        { retry: { maxRetries: 3 } }
      )
      const error = yield* Effect.flip(cal.webhooks.eventType.create(42, input))
      assert.strictEqual(error._tag, "CalComApiError")
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/event-types/42/webhooks", "GET /v2/event-types/42/webhooks"])
    })
  )

  it.effect("refuses a bad event type, URL, triggers and an empty secret before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(
          cal.webhooks.eventType.create(0, { subscriberUrl: "nope", triggers: [], secret: "" }, { teamId: -2 })
        ),
        "Webhooks.eventType.create",
        ["eventTypeId", "teamId", "subscriberUrl", "triggers", "secret"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("webhooks.eventType.update", () => {
  it.effect("patches only the given fields", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/event-types/42/webhooks/2mdfnn2": () => success(hookJson({ active: false })) })
      )
      const hook = yield* cal.webhooks.eventType.update(42, "2mdfnn2", { active: false })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/event-types/42/webhooks/2mdfnn2",
        body: { active: false },
        version: null
      })
      assert.strictEqual(hook.active, false)
    })
  )

  it.effect("with teamId, patches the team event type's webhook", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/teams/5/event-types/42/webhooks/2mdfnn2": () => success(hookJson()) })
      )
      yield* cal.webhooks.eventType.update(42, "2mdfnn2", { triggers: ["MEETING_ENDED"] }, { teamId: 5 })
      assert.deepStrictEqual(bodyOf(onlyRequest(fake)), { triggers: ["MEETING_ENDED"] })
    })
  )

  it.effect("refuses an empty update and an id that is not a path segment, before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.webhooks.eventType.update(42, "2mdfnn2", {})), "Webhooks.eventType.update", [
        ""
      ])
      assertInvalid(
        yield* Effect.flip(cal.webhooks.eventType.update(42, "..", { active: true })),
        "Webhooks.eventType.update",
        ["id"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("webhooks.eventType.delete", () => {
  it.effect("deletes the webhook of the event type", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "DELETE /v2/event-types/42/webhooks/2mdfnn2": () => success(hookJson()) })
      )
      assert.isUndefined(yield* cal.webhooks.eventType.delete(42, "2mdfnn2"))
      assertRequest(onlyRequest(fake), {
        method: "DELETE",
        path: "/v2/event-types/42/webhooks/2mdfnn2",
        version: null
      })
    })
  )

  it.effect("a 404 names the webhook", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "DELETE /v2/teams/5/event-types/42/webhooks/gone": () => errorEnvelope(404, "NotFoundException", "not found")
        })
      )
      const error = yield* Effect.flip(cal.webhooks.eventType.delete(42, "gone", { teamId: 5 }))
      assert.strictEqual(error._tag, "CalComNotFoundError")
      assert.include(error.message, "webhook gone")
    })
  )
})
