/**
 * `cal.conferencing` and `cal.routingForms` against Prism (`--errors`): Prism refuses a request the
 * patched document does not allow (calculate-slots without its form response body, an app slug it
 * does not list), and each answer must decode.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { withCal } from "./mock.js"

describe("conferencing against Prism", () => {
  it.live("conferencing.list", () =>
    withCal((cal) =>
      Effect.map(cal.conferencing.list(), (apps) => {
        for (const app of apps) assert.isString(app.type)
      })
    )
  )

  it.live("conferencing.getDefault", () =>
    withCal((cal) => Effect.map(cal.conferencing.getDefault(), (app) => assert.isObject(app)))
  )

  it.live("conferencing.setDefault", () =>
    withCal((cal) => Effect.map(cal.conferencing.setDefault("google-meet"), (result) => assert.isUndefined(result)))
  )
})

describe("routing forms against Prism", () => {
  it.live("routingForms.calculateSlots", () =>
    withCal((cal) =>
      Effect.map(
        cal.routingForms.calculateSlots({
          routingFormId: "a8ba1b9d-6b37-4d0a-8b4c-3e5ad1e4a2f1",
          response: { sport: "football" },
          start: "2026-12-07",
          end: "2026-12-08",
          timeZone: "Europe/Rome",
          duration: 30
        }),
        (routed) => {
          assert.isNumber(routed.eventTypeId)
          for (const slot of routed.slots) assert.strictEqual(slot.timeZone, "Europe/Rome")
        }
      )
    )
  )
})
