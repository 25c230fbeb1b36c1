/**
 * What the caller gives must not reach the wire in a dangerous form: a booking uid that would
 * rewrite the path, a key with a control character, an `http://` origin that is not this machine.
 * Each is refused before anything reaches the (recording) server.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CalCom } from "../../src/index.js"
import { answer, hostileServer, withClient } from "./support.js"

const NUL_KEY = "cal_live_n0l\u0000secretpart42"

describe("hostile: input that would change the request", () => {
  it.live("cancel('..') and friends never reach the server (no POST /v2/cancel)", () =>
    Effect.gen(function* () {
      const server = yield* hostileServer((_req, res) => answer(res, 200, "{}"))
      const errors = yield* Effect.flatMap(CalCom, (cal) =>
        Effect.forEach(["..", ".", "a/../..", "%2e%2e", "..%2Fme"], (uid) => Effect.flip(cal.bookings.cancel(uid)))
      ).pipe(withClient(server.url))
      assert.deepStrictEqual(
        errors.map((e) => e._tag),
        Array.from({ length: 5 }, () => "CalComValidationError")
      )
      assert.deepStrictEqual(server.received, [])
    })
  )

  it.live("a key with NUL is a CalComConfigError that does not show it, and nothing is sent", () =>
    Effect.gen(function* () {
      const server = yield* hostileServer((_req, res) => answer(res, 200, "{}"))
      const error = yield* Effect.flip(
        Layer.build(CalCom.layer({ apiKey: NUL_KEY, baseUrl: server.url, verifyOnStart: true }))
      )
      assert.strictEqual(error._tag, "CalComConfigError")
      for (const text of [error.message, String(error), JSON.stringify(error)]) {
        assert.notInclude(text, "secretpart42")
      }
      assert.deepStrictEqual(server.received, [])
    })
  )

  it.live("an http:// origin that is not loopback is refused at configuration time", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Layer.build(CalCom.layer({ apiKey: "cal_live_0123456789abcdef", baseUrl: "http://api.cal.com" }))
      )
      assert.strictEqual(error._tag, "CalComConfigError")
      assert.include(error.message, "clear text")
    })
  )
})
