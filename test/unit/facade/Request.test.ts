/**
 * `request` (effect-calcom/request): any route of the document through the facade's transport.
 * The wire request is the route's (method, path, query, body, `cal-api-version`, key); the
 * answer is the document's body or what a given schema decodes; a write that may create
 * something is not sent again after an ambiguous failure unless a lookup proves nothing was made.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { CalCom } from "../../../src/facade/CalCom.js"
import { type RouteKey, request, requestWith } from "../../../src/facade/Request.js"
import {
  API_KEY,
  assertRequest,
  assertTag,
  bookingJson,
  onlyRequest,
  router,
  routesOf,
  setup,
  success,
  untilRequests,
  VERSIONS
} from "../support/CalComFixtures.js"
import { errorEnvelope } from "../support/FakeFetch.js"

const booking = bookingJson()

/** A client whose `POST /v2/bookings/bk_1/confirm` answers 503 once, then the booking; three retries allowed. */
const failsOnceThenConfirms = () =>
  setup(
    router({
      "POST /v2/bookings/bk_1/confirm": (_, n) =>
        n === 0 ? errorEnvelope(503, "ServiceUnavailableException", "busy") : success(booking)
    }),
    { retry: { maxRetries: 3 } }
  )

describe("request", () => {
  it.effect("sends the route with its path, query, version header and key, and returns the body", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/bookings/bk_1": () => success(booking) }))
      const call = requestWith(cal)
      const body = yield* call("GET /v2/bookings/{bookingUid}", { params: { path: { bookingUid: "bk_1" } } })
      const sent = onlyRequest(fake)
      assertRequest(sent, { method: "GET", path: "/v2/bookings/bk_1", version: VERSIONS.bookings })
      assert.strictEqual(sent.headers["authorization"], `Bearer ${API_KEY}`)
      assert.deepStrictEqual(body as unknown, { status: "success", data: booking })
    })
  )

  it.effect("sends a body and query as the document names them", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/bookings/bk_1/decline": () => success(booking), "GET /v2/slots": () => success({}) })
      )
      const call = requestWith(cal)
      yield* call("POST /v2/bookings/{bookingUid}/decline", {
        params: { path: { bookingUid: "bk_1" } },
        body: { reason: "Double-booked" }
      })
      yield* call("GET /v2/slots", {
        params: { query: { eventTypeId: 42, start: "2026-12-01", end: "2026-12-02" } }
      })
      assertRequest(fake.requests[0]!, {
        method: "POST",
        path: "/v2/bookings/bk_1/decline",
        version: VERSIONS.bookings,
        body: { reason: "Double-booked" }
      })
      assertRequest(fake.requests[1]!, {
        method: "GET",
        path: "/v2/slots",
        query: { eventTypeId: "42", start: "2026-12-01", end: "2026-12-02" },
        version: VERSIONS.slots
      })
    })
  )

  it.effect("decodes with a caller's schema and reports a mismatch as CalComDecodeError", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/me": () => success({ id: 7, email: "ada@example.com" }) }))
      const call = requestWith(cal)
      const Me = Schema.Struct({ data: Schema.Struct({ id: Schema.Number, email: Schema.String }) })
      const me = yield* call("GET /v2/me", { schema: Me })
      assert.strictEqual(me.data.id, 7)
      const Wrong = Schema.Struct({ data: Schema.Struct({ id: Schema.String }) })
      const error = yield* Effect.flip(call("GET /v2/me", { schema: Wrong, operation: "Me.raw" }))
      const decode = assertTag(error, "CalComDecodeError")
      assert.strictEqual(decode.operation, "Me.raw")
      assert.deepStrictEqual(
        decode.issues.map((i) => i.path),
        ["data.id"]
      )
    })
  )

  it.effect("maps statuses to the typed errors, naming the route", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "GET /v2/bookings/missing": () => errorEnvelope(404, "NotFoundException", "Booking not found") })
      )
      const error = yield* Effect.flip(
        requestWith(cal)("GET /v2/bookings/{bookingUid}", { params: { path: { bookingUid: "missing" } } })
      )
      assert.strictEqual(assertTag(error, "CalComNotFoundError").operation, "GET /v2/bookings/{bookingUid}")
    })
  )

  it.effect("does not send a POST again after an ambiguous failure", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "POST /v2/bookings/bk_1/confirm": () => errorEnvelope(503, "ServiceUnavailableException", "busy") }),
        { retry: { maxRetries: 3 } }
      )
      const error = yield* Effect.flip(
        requestWith(cal)("POST /v2/bookings/{bookingUid}/confirm", { params: { path: { bookingUid: "bk_1" } } })
      )
      assertTag(error, "CalComApiError")
      yield* untilRequests(fake, 1)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("retries a POST once the caller's lookup proves nothing was made", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* failsOnceThenConfirms()
      const lookups: Array<string> = []
      const reconcile = Effect.sync(() => {
        lookups.push("looked")
        return Option.none()
      })
      const fiber = yield* Effect.forkChild(
        requestWith(cal)("POST /v2/bookings/{bookingUid}/confirm", {
          params: { path: { bookingUid: "bk_1" } },
          reconcile
        })
      )
      yield* untilRequests(fake, 2)
      const exit = yield* Fiber.await(fiber)
      assert.deepStrictEqual(lookups, ["looked"])
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/bookings/bk_1/confirm", "POST /v2/bookings/bk_1/confirm"])
      assert.isTrue(exit._tag === "Success")
    })
  )

  it.effect("after an ambiguous failure, returns what the caller's lookup finds instead of sending again", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* failsOnceThenConfirms()
      const found = { status: "success", data: booking } as const
      const body = yield* requestWith(cal)("POST /v2/bookings/{bookingUid}/confirm", {
        params: { path: { bookingUid: "bk_1" } },
        schema: Schema.Struct({ status: Schema.String, data: Schema.Struct({ uid: Schema.String }) }),
        reconcile: Effect.succeed(Option.some(found))
      })
      assert.strictEqual(body.data.uid, booking.uid)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("an idempotent: true write is retried after an ambiguous failure", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* failsOnceThenConfirms()
      const fiber = yield* Effect.forkChild(
        requestWith(cal)("POST /v2/bookings/{bookingUid}/confirm", {
          params: { path: { bookingUid: "bk_1" } },
          idempotent: true
        })
      )
      yield* untilRequests(fake, 2)
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(exit._tag === "Success")
    })
  )

  it.effect("sends the caller's headers, a Redacted one unwrapped only on the wire", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/oauth-clients/cl_1/users": () => success([]) }))
      yield* requestWith(cal)("GET /v2/oauth-clients/{clientId}/users", {
        params: { path: { clientId: "cl_1" } },
        headers: { "x-cal-secret-key": Redacted.make("platform-secret"), "x-cal-client-id": "cl_1" }
      })
      const sent = onlyRequest(fake)
      assert.strictEqual(sent.headers["x-cal-secret-key"], "platform-secret")
      assert.strictEqual(sent.headers["x-cal-client-id"], "cl_1")
      assert.strictEqual(sent.headers["authorization"], `Bearer ${API_KEY}`)
    })
  )

  it.effect("a key that is not METHOD /path is refused before sending", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      const error = yield* Effect.flip(requestWith(cal)("FETCH /v2/me" as RouteKey as "GET /v2/me"))
      assertTag(error, "CalComValidationError")
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("request reads the client from context", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/me": () => success({ id: 7 }) }))
      const body = yield* request("GET /v2/me").pipe(Effect.provideService(CalCom, cal))
      assert.deepStrictEqual(body as unknown, { status: "success", data: { id: 7 } })
      assert.strictEqual(onlyRequest(fake).path, "/v2/me")
    })
  )
})
