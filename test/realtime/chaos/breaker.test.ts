/**
 * Chaos: the circuit breaker against the fake server. A streak of 5xx answers opens it; while it
 * is open calls fail fast with `CalComCircuitOpenError` and send nothing; after the open period
 * one probe goes through, and its outcome closes the circuit or opens it again for twice as long.
 * 4xx answers never count against it.
 *
 * Real HTTP on 127.0.0.1, the TestClock for the open periods (no retries, so no other waits).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import { TestClock } from "effect/testing"
import { CalCom, type CalComError } from "../../../src/index.js"
import { type FakeCalCom, startFakeCalCom } from "../../support/FakeCalCom.js"

const API_KEY = "cal_live_3b8e0f6a2d4c9e1a7f5b"

const startServer = Effect.acquireRelease(
  Effect.promise(() => startFakeCalCom({ apiKey: API_KEY, seedBookings: 4 })),
  (server) => Effect.promise(() => server.close())
)

/** Runs `body` with a client of `server` whose circuit opens for 1 s after `failures`; no logs. */
const withClient =
  (server: FakeCalCom, settings: { readonly maxRetries: number; readonly failures: number }) =>
  <A, E>(body: Effect.Effect<A, E, CalCom>) =>
    body.pipe(
      Effect.provide(
        CalCom.layer({
          apiKey: API_KEY,
          baseUrl: server.url,
          retry: { maxRetries: settings.maxRetries },
          circuitBreaker: { failures: settings.failures, openDuration: "1 second" }
        })
      ),
      Effect.provideService(Logger.CurrentLoggers, new Set())
    )

const expectTag = (error: CalComError, tag: CalComError["_tag"]) => assert.strictEqual(error._tag, tag, error.message)

describe("chaos: circuit breaker", () => {
  it.effect("a failure streak opens it; it fails fast; a probe after the open period closes it", () =>
    Effect.gen(function* () {
      const server = yield* startServer
      yield* Effect.gen(function* () {
        const cal = yield* CalCom
        const me = cal.me.get({ refresh: true })

        server.setFaultPlan(() => ({ kind: "error-before", status: 503 }))
        for (let i = 0; i < 3; i++) expectTag(yield* Effect.flip(me), "CalComApiError")
        assert.strictEqual((yield* cal.circuit)._tag, "Open")
        assert.strictEqual(server.requests.length, 3)

        // Open: fail fast, nothing sent, even once the server is healthy again.
        server.setFaultPlan(undefined)
        for (let i = 0; i < 5; i++) {
          const error = yield* Effect.flip(me)
          expectTag(error, "CalComCircuitOpenError")
          if (error._tag === "CalComCircuitOpenError") {
            assert.isAbove(error.retryAfterMs, 0)
            assert.isAtMost(error.retryAfterMs, 1_000)
          }
        }
        assert.strictEqual(server.requests.length, 3, "an open circuit sends nothing")

        // After the open period the next call is the probe; it succeeds and closes the circuit.
        yield* TestClock.adjust("1 second")
        const user = yield* me
        assert.strictEqual(user.id, 1)
        assert.strictEqual((yield* cal.circuit)._tag, "Closed")
        yield* me
        assert.strictEqual(server.requests.length, 5)
      }).pipe(withClient(server, { maxRetries: 0, failures: 3 }))
    })
  )

  it.effect("a failed probe opens it again for twice as long; then a good probe closes it", () =>
    Effect.gen(function* () {
      const server = yield* startServer
      yield* Effect.gen(function* () {
        const cal = yield* CalCom
        const me = cal.me.get({ refresh: true })

        server.setFaultPlan(() => ({ kind: "reset-before" }))
        for (let i = 0; i < 3; i++) expectTag(yield* Effect.flip(me), "CalComTransportError")
        assert.strictEqual((yield* cal.circuit)._tag, "Open")

        yield* TestClock.adjust("1 second")
        expectTag(yield* Effect.flip(me), "CalComTransportError") // the probe, still failing
        const reopened = yield* cal.circuit
        assert.strictEqual(reopened._tag, "Open")
        const error = yield* Effect.flip(me)
        expectTag(error, "CalComCircuitOpenError")
        if (error._tag === "CalComCircuitOpenError") assert.isAbove(error.retryAfterMs, 1_000)
        assert.strictEqual(server.requests.length, 4)

        server.setFaultPlan(undefined)
        yield* TestClock.adjust("1 second")
        expectTag(yield* Effect.flip(me), "CalComCircuitOpenError") // 2 s this time
        yield* TestClock.adjust("1 second")
        yield* me
        assert.strictEqual((yield* cal.circuit)._tag, "Closed")
      }).pipe(withClient(server, { maxRetries: 0, failures: 3 }))
    })
  )

  it.effect("4xx answers never open it, and a call that succeeds after retries counts as one success", () =>
    Effect.gen(function* () {
      const server = yield* startServer
      yield* Effect.gen(function* () {
        const cal = yield* CalCom
        for (let i = 0; i < 6; i++)
          expectTag(yield* Effect.flip(cal.bookings.get(`missing-${i}`)), "CalComNotFoundError")
        assert.strictEqual((yield* cal.circuit)._tag, "Closed")

        // Two logical calls, each failing twice then succeeding: two successes for the breaker.
        server.setFaultPlan((request) => (request.attempt <= 2 ? { kind: "error-before", status: 502 } : undefined))
        const seeded = server.bookings()[0]?.uid ?? ""
        const fiber = yield* Effect.forkChild(Effect.all([cal.bookings.get(seeded), cal.me.get({ refresh: true })]))
        // Retries wait on the TestClock: move it until both calls are done.
        for (let i = 0; i < 50 && server.requests.length < 6 + 6; i++) {
          yield* TestClock.adjust("1 second")
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
        }
        const [booking] = yield* Fiber.join(fiber)
        assert.strictEqual(booking.uid, seeded)
        assert.strictEqual(server.requests.length, 6 + 3 + 3, "each call took three attempts")
        assert.strictEqual((yield* cal.circuit)._tag, "Closed")
      }).pipe(withClient(server, { maxRetries: 3, failures: 2 }))
    })
  )
})
