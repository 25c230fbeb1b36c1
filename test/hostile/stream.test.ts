/**
 * Hostile: pagination that never ends. `bookings.stream` must end against a server that always
 * says `hasNextPage: true` (the project's own Prism mock does), and fail typed, after a bounded
 * number of pages, against one that keeps inventing new ones.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { CalCom } from "../../src/index.js"
import { bookingJson, paginationJson } from "../unit/support/CalComFixtures.js"
import { answer, hostileServer, withClient } from "./support.js"

const page = (bookings: ReadonlyArray<unknown>, total: number) =>
  JSON.stringify({
    status: "success",
    data: bookings,
    pagination: { ...paginationJson({ total, returned: bookings.length, take: 2, skip: 0 }), hasNextPage: true }
  })

describe("hostile: endless pagination", () => {
  it.live("the same page forever with hasNextPage: true: the stream ends after it", () =>
    Effect.gen(function* () {
      const server = yield* hostileServer((_req, res) =>
        answer(res, 200, page([bookingJson({ uid: "bk_a" }), bookingJson({ id: 2, uid: "bk_b" })], 100))
      )
      const all = yield* Effect.flatMap(CalCom, (cal) => Stream.runCollect(cal.bookings.stream({ take: 2 }))).pipe(
        withClient(server.url)
      )
      assert.deepStrictEqual(
        all.map((b) => b.uid),
        ["bk_a", "bk_b"]
      )
      assert.strictEqual(server.received.length, 2)
    })
  )

  it.live("new pages forever, totalItems growing: a typed CalComDecodeError after maxPages pages", () =>
    Effect.gen(function* () {
      const server = yield* hostileServer((_req, res, index) =>
        answer(res, 200, page([bookingJson({ id: index + 1, uid: `bk_${index}` })], 1_000_000 + index))
      )
      const error = yield* Effect.flatMap(CalCom, (cal) =>
        Effect.flip(Stream.runDrain(cal.bookings.stream({ take: 2, maxPages: 50 })))
      ).pipe(withClient(server.url))
      assert.strictEqual(error._tag, "CalComDecodeError")
      assert.include(error.message, "after 50 pages")
      assert.strictEqual(server.received.length, 50)
    })
  )
})
