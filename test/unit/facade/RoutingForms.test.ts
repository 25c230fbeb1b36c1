/**
 * `cal.routingForms.calculateSlots` (no cal-api-version): the form response goes as the JSON body,
 * the range, zone and `format=range` in the query; the answer is the routed event type and its
 * slots flattened and sorted like `availability.slots`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  onlyRequest,
  router,
  setup,
  success,
  untilRequests
} from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"

const FORM = "a8ba1b9d-6b37-4d0a-8b4c-3e5ad1e4a2f1"
const route = `POST /v2/routing-forms/${FORM}/calculate-slots`
const input = {
  routingFormId: FORM,
  response: { sport: "football" },
  start: "2026-12-07",
  end: "2026-12-08",
  timeZone: "Europe/Rome"
}

describe("routingForms.calculateSlots", () => {
  it.effect("sends the response as the body and the range in the query; returns the routed event type's slots", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [route]: () =>
            success({
              eventTypeId: 81,
              slots: {
                "2026-12-08": [{ start: "2026-12-08T10:00:00.000+01:00", end: "2026-12-08T11:00:00.000+01:00" }],
                "2026-12-07": [{ start: "2026-12-07T09:00:00.000+01:00", end: "2026-12-07T10:00:00.000+01:00" }]
              }
            })
        })
      )
      const result = yield* cal.routingForms.calculateSlots({
        ...input,
        response: { sport: "football", skills: ["dribbling", "passing"], age: 31 }
      })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: `/v2/routing-forms/${FORM}/calculate-slots`,
        query: { start: "2026-12-07", end: "2026-12-08", timeZone: "Europe/Rome", format: "range" },
        body: { sport: "football", skills: ["dribbling", "passing"], age: 31 },
        version: null
      })
      assert.strictEqual(result.eventTypeId, 81)
      assert.deepStrictEqual(
        result.slots.map((s) => [DateTime.formatIso(s.start), DateTime.formatIso(s.end), s.timeZone]),
        [
          ["2026-12-07T08:00:00.000Z", "2026-12-07T09:00:00.000Z", "Europe/Rome"],
          ["2026-12-08T09:00:00.000Z", "2026-12-08T10:00:00.000Z", "Europe/Rome"]
        ]
      )
    })
  )

  it.effect("instants go in UTC; duration and the booking being rescheduled go in the query; ends from duration", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [route]: () => success({ eventTypeId: 81, slots: { "2026-12-07": [{ start: "2026-12-07T09:00:00Z" }] } })
        })
      )
      const result = yield* cal.routingForms.calculateSlots({
        ...input,
        start: "2026-12-07T08:00:00+01:00",
        end: "2026-12-07T18:00:00+01:00",
        duration: 45,
        bookingUidToReschedule: "bk_123"
      })
      assert.deepStrictEqual(onlyRequest(fake).query.get("start"), "2026-12-07T07:00:00.000Z")
      assert.deepStrictEqual(onlyRequest(fake).query.get("end"), "2026-12-07T17:00:00.000Z")
      assert.deepStrictEqual(
        [onlyRequest(fake).query.get("duration"), onlyRequest(fake).query.get("bookingUidToReschedule")],
        ["45", "bk_123"]
      )
      assert.strictEqual(DateTime.formatIso(result.slots[0]!.end), "2026-12-07T09:45:00.000Z")
    })
  )

  it.effect("no slots: an empty list with the routed event type", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ [route]: () => success({ eventTypeId: 81, slots: {} }) }))
      assert.deepStrictEqual(yield* cal.routingForms.calculateSlots(input), { eventTypeId: 81, slots: [] })
    })
  )

  it.effect("a response routed nowhere bookable is the server's CalComNotFoundError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          [route]: () =>
            errorEnvelope(404, "NotFoundException", "Route to which the form response should be redirected not found.")
        })
      )
      const error = assertTag(yield* Effect.flip(cal.routingForms.calculateSlots(input)), "CalComNotFoundError")
      assert.strictEqual(error.resource, "routing form")
    })
  )

  it.effect("is sent again after an ambiguous failure: nothing is saved", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          [route]: (_, n) =>
            n === 0
              ? errorEnvelope(503, "ServiceUnavailableException", "later")
              : success({ eventTypeId: 81, slots: {} })
        }),
        { retry: { maxRetries: 3 } }
      )
      const fiber = yield* Effect.forkChild(cal.routingForms.calculateSlots(input))
      yield* untilRequests(fake, 2)
      assert.strictEqual((yield* Fiber.join(fiber)).eventTypeId, 81)
    })
  )

  it.effect("slots without an end and no duration are a CalComDecodeError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          [route]: () => success({ eventTypeId: 81, slots: { "2026-12-07": [{ start: "2026-12-07T09:00:00Z" }] } })
        })
      )
      assertTag(yield* Effect.flip(cal.routingForms.calculateSlots(input)), "CalComDecodeError")
    })
  )

  it.effect("refuses bad input before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(
          cal.routingForms.calculateSlots({
            routingFormId: "../bookings",
            response: { sport: { nested: true } as unknown as string },
            start: "2026-02-30",
            end: "2026-12-08T10:00:00",
            timeZone: "Rome",
            duration: 0,
            bookingUidToReschedule: ".."
          })
        ),
        "RoutingForms.calculateSlots",
        // A boundary may be a date or an instant: each is reported with what both forms expect.
        [
          "routingFormId",
          "response.sport",
          "start",
          "start",
          "end",
          "end",
          "timeZone",
          "duration",
          "bookingUidToReschedule"
        ]
      )
      assertInvalid(
        yield* Effect.flip(cal.routingForms.calculateSlots({ ...input, start: "2026-12-09" })),
        "RoutingForms.calculateSlots",
        ["end"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})
