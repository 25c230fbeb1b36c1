/**
 * `cal.webhooks.get` and the event type webhooks (`cal.webhooks.eventType`, personal and team)
 * against Prism (`--errors`): Prism refuses a request the patched document does not allow, and
 * each answer must decode.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { withCal } from "./mock.js"

const input = { subscriberUrl: "https://hooks.example.com/cal", triggers: ["BOOKING_CREATED"] }

describe("webhooks against Prism", () => {
  it.live("webhooks.get", () =>
    withCal((cal) => Effect.map(cal.webhooks.get("2mdfnn2"), (hook) => assert.isString(hook.id)))
  )

  it.live("webhooks.eventType.list", () =>
    withCal((cal) =>
      Effect.map(
        Effect.all([cal.webhooks.eventType.list(42), cal.webhooks.eventType.list(42, { teamId: 5 })]),
        (lists) => {
          for (const hook of lists.flat()) assert.isString(hook.id)
        }
      )
    )
  )

  it.live("webhooks.eventType.create", () =>
    withCal((cal) =>
      Effect.map(
        Effect.all([
          cal.webhooks.eventType.create(42, input),
          cal.webhooks.eventType.create(42, { ...input, secret: "s3cret" }, { teamId: 5 })
        ]),
        ([generated, given]) => {
          assert.match(Redacted.value(generated.secret), /^[0-9a-f]{64}$/)
          assert.strictEqual(Redacted.value(given.secret), "s3cret")
        }
      )
    )
  )

  it.live("webhooks.eventType.update", () =>
    withCal((cal) =>
      Effect.map(cal.webhooks.eventType.update(42, "2mdfnn2", { active: false }, { teamId: 5 }), (hook) =>
        assert.isString(hook.id)
      )
    )
  )

  it.live("webhooks.eventType.delete", () =>
    withCal((cal) => Effect.map(cal.webhooks.eventType.delete(42, "2mdfnn2"), (result) => assert.isUndefined(result)))
  )
})
