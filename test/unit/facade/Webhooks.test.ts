/**
 * `cal.webhooks` (no cal-api-version): list, create, update, delete. The signing secret goes to
 * the server in the body, comes back `Redacted`, and never shows when a result is printed or
 * serialised; URLs and triggers are checked before anything is sent.
 */
import { inspect } from "node:util"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { Webhook } from "../../../src/facade/Models.js"
import {
  assertInvalid,
  assertRequest,
  bodyOf,
  created,
  onlyRequest,
  router,
  setup,
  success,
  WEBHOOK_SECRET,
  webhookJson
} from "../support/CalComFixtures.js"

const webhook = webhookJson()

/** Asserts the secret is `Redacted` with the right value and shows in no printed form of `hook`. */
const assertSecretHidden = (hook: Webhook) => {
  const secret = hook.secret
  if (secret === undefined || secret === null) return assert.fail("no secret")
  assert.isTrue(Redacted.isRedacted(secret))
  assert.strictEqual(Redacted.value(secret), WEBHOOK_SECRET)
  assert.notInclude(JSON.stringify(hook), WEBHOOK_SECRET)
  assert.notInclude(String(secret), WEBHOOK_SECRET)
  assert.notInclude(`${secret}`, WEBHOOK_SECRET)
  assert.notInclude(inspect(hook, { depth: 5 }), WEBHOOK_SECRET)
}

describe("webhooks.list", () => {
  it.effect("lists the webhooks with their secrets redacted", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/webhooks": () =>
            success([webhook, webhookJson({ id: "f7a3c3c4-5f0e-4b8e-9a49-0c2d8e1b6a11", secret: null, active: false })])
        })
      )
      const hooks = yield* cal.webhooks.list()
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/webhooks", query: {}, version: null })
      assert.deepStrictEqual(
        hooks.map((h) => [h.id, h.subscriberUrl, h.active]),
        [
          ["2mdfnn2", "https://hooks.example.com/cal", true],
          ["f7a3c3c4-5f0e-4b8e-9a49-0c2d8e1b6a11", "https://hooks.example.com/cal", false]
        ]
      )
      assert.deepStrictEqual(hooks[0]?.triggers, ["BOOKING_CREATED", "BOOKING_CANCELLED"])
      assertSecretHidden(hooks[0] as Webhook)
      assert.isNull(hooks[1]?.secret)
      assert.notInclude(JSON.stringify(hooks), WEBHOOK_SECRET)
    })
  )
})

describe("webhooks.get", () => {
  it.effect("reads one webhook by its string id, secret redacted", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/webhooks/2mdfnn2": () => success(webhook) }))
      const hook = yield* cal.webhooks.get("2mdfnn2")
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/webhooks/2mdfnn2", version: null })
      assert.strictEqual(hook.subscriberUrl, "https://hooks.example.com/cal")
      assertSecretHidden(hook)
    })
  )

  it.effect("refuses an id that is not one plain path segment, before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      for (const id of ["", "..", "a/b", "2mdfnn2 "]) {
        assertInvalid(yield* Effect.flip(cal.webhooks.get(id)), "Webhooks.get", ["id"])
      }
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("webhooks.create", () => {
  it.effect("sends a Redacted secret in the body, active by default, and returns it redacted", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/webhooks": () => created(webhook) }))
      const hook = yield* cal.webhooks.create({
        subscriberUrl: "https://hooks.example.com/cal",
        triggers: ["BOOKING_CREATED", "BOOKING_CANCELLED"],
        secret: Redacted.make(WEBHOOK_SECRET)
      })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/webhooks",
        body: {
          subscriberUrl: "https://hooks.example.com/cal",
          triggers: ["BOOKING_CREATED", "BOOKING_CANCELLED"],
          active: true,
          secret: WEBHOOK_SECRET
        },
        version: null
      })
      assert.strictEqual(hook.id, "2mdfnn2")
      assertSecretHidden(hook)
    })
  )

  it.effect("accepts a plain string secret, a payload template and active: false", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/webhooks": () => created(webhook) }))
      yield* cal.webhooks.create({
        subscriberUrl: "http://localhost:8080/hook",
        triggers: ["MEETING_ENDED"],
        active: false,
        payloadTemplate: '{"type":"{{type}}"}',
        secret: WEBHOOK_SECRET
      })
      assert.deepStrictEqual(bodyOf(onlyRequest(fake)), {
        subscriberUrl: "http://localhost:8080/hook",
        triggers: ["MEETING_ENDED"],
        active: false,
        payloadTemplate: '{"type":"{{type}}"}',
        secret: WEBHOOK_SECRET
      })
    })
  )

  it.effect("without a secret, generates a strong one, sends it and returns it once, Redacted", () =>
    Effect.gen(function* () {
      // The server does not echo the secret: the result still carries the one that signs deliveries.
      const { fake, cal } = yield* setup(router({ "POST /v2/webhooks": () => created(webhookJson({ secret: null })) }))
      const first = yield* cal.webhooks.create({
        subscriberUrl: "https://hooks.example.com/cal",
        triggers: ["BOOKING_CREATED"]
      })
      const second = yield* cal.webhooks.create({
        subscriberUrl: "https://hooks.example.com/cal",
        triggers: ["BOOKING_CREATED"]
      })
      const [sentFirst, sentSecond] = fake.requests.map((r) => (bodyOf(r) as { secret?: unknown }).secret)
      assert.isTrue(Redacted.isRedacted(first.secret))
      assert.match(Redacted.value(first.secret), /^[0-9a-f]{64}$/)
      assert.strictEqual(sentFirst, Redacted.value(first.secret))
      assert.strictEqual(sentSecond, Redacted.value(second.secret))
      assert.notStrictEqual(sentFirst, sentSecond)
      assert.notInclude(JSON.stringify(first), Redacted.value(first.secret))
      assert.notInclude(inspect(first, { depth: 5 }), Redacted.value(first.secret))
    })
  )

  it.effect("refuses an empty secret (which Cal.com would treat as none) before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(
          cal.webhooks.create({
            subscriberUrl: "https://hooks.example.com/cal",
            triggers: ["BOOKING_CREATED"],
            secret: ""
          })
        ),
        "Webhooks.create",
        ["secret"]
      )
      assertInvalid(
        yield* Effect.flip(cal.webhooks.update("2mdfnn2", { secret: Redacted.make("") })),
        "Webhooks.update",
        ["secret"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("refuses a bad URL and bad triggers before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(cal.webhooks.create({ subscriberUrl: "not a url", triggers: [] })),
        "Webhooks.create",
        ["subscriberUrl", "triggers"]
      )
      assertInvalid(
        yield* Effect.flip(
          cal.webhooks.create({
            subscriberUrl: "ftp://hooks.example.com",
            triggers: ["BOOKING_CREATED", "booking_paid"]
          })
        ),
        "Webhooks.create",
        ["subscriberUrl", "triggers.1"]
      )
      assertInvalid(
        yield* Effect.flip(cal.webhooks.create({} as unknown as Parameters<typeof cal.webhooks.create>[0])),
        "Webhooks.create",
        ["subscriberUrl", "triggers"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("webhooks.update", () => {
  it.effect("patches only the given fields, a new secret included", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "PATCH /v2/webhooks/2mdfnn2": () => success(webhookJson({ active: false })) })
      )
      const hook = yield* cal.webhooks.update("2mdfnn2", { active: false, secret: Redacted.make(WEBHOOK_SECRET) })
      assertRequest(onlyRequest(fake), {
        method: "PATCH",
        path: "/v2/webhooks/2mdfnn2",
        body: { active: false, secret: WEBHOOK_SECRET },
        version: null
      })
      assert.strictEqual(hook.active, false)
      assertSecretHidden(hook)
    })
  )

  it.effect("refuses an empty update, a bad id and a bad URL before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.webhooks.update("2mdfnn2", {})), "Webhooks.update", [""])
      assertInvalid(
        yield* Effect.flip(cal.webhooks.update("", { subscriberUrl: "hooks.example.com" })),
        "Webhooks.update",
        ["id", "subscriberUrl"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("webhooks.delete", () => {
  it.effect("deletes a webhook", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "DELETE /v2/webhooks/2mdfnn2": () => success(webhook) }))
      assert.isUndefined(yield* cal.webhooks.delete("2mdfnn2"))
      assertRequest(onlyRequest(fake), { method: "DELETE", path: "/v2/webhooks/2mdfnn2", version: null })
    })
  )

  it.effect("refuses a bad id before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.webhooks.delete(" 2mdfnn2")), "Webhooks.delete", ["id"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
