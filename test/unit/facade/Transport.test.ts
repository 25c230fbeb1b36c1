/**
 * The transport, end to end against an injected fake `fetch` and the TestClock: the status
 * table and its errors, the headers every request carries, when a call is retried and how long
 * it waits, reconciliation of calls that may have created something, rate-limit waits, timeouts,
 * interruption, decoding, the circuit breaker, and that the API key never leaks into a log line
 * or an error.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as References from "effect/References"
import * as Schema from "effect/Schema"
import { TestClock } from "effect/testing"
import { type CalComOptions, resolveOptions } from "../../../src/facade/Config.js"
import { decodeWith } from "../../../src/facade/Decode.js"
import { type CalComError, CalComTransportError } from "../../../src/facade/Errors.js"
import { withRequestOptions } from "../../../src/facade/RequestOptions.js"
import { buildTransport, type Transport } from "../../../src/facade/Transport.js"
import {
  errorEnvelope,
  type FakeFetch,
  type Handler,
  hang,
  json,
  makeFakeFetch,
  networkError,
  sequence
} from "../support/FakeFetch.js"

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const API_KEY = "cal_live_5f3a9c1e7b2d4a6f8e0c"

const Me = Schema.Struct({
  status: Schema.Literal("success"),
  data: Schema.Struct({ id: Schema.Number, email: Schema.String })
})

const me = { status: "success", data: { id: 7, email: "ada@example.com" } }
const ok = () => json(200, me)

const getMe = {
  operation: "Me.get",
  method: "GET",
  path: "/v2/me",
  decode: decodeWith(Me)
} as const

const listBookings = {
  operation: "Bookings.list",
  method: "GET",
  path: "/v2/bookings",
  decode: decodeWith(Schema.Unknown)
} as const

const getBooking = (uid: string) =>
  ({
    operation: "Bookings.get",
    method: "GET",
    path: "/v2/bookings/{bookingUid}",
    resource: { kind: "booking", id: uid },
    params: { path: { bookingUid: uid } },
    decode: decodeWith(Schema.Unknown)
  }) as const

const Created = Schema.Struct({ status: Schema.Literal("success"), data: Schema.Struct({ uid: Schema.String }) })
type Created = typeof Created.Type
const created = (uid: string): Created => ({ status: "success", data: { uid } })

const bookingInput = {
  start: "2026-12-01T10:00:00Z",
  eventTypeId: 123,
  attendee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" }
}

const createBooking = (reconcile?: Effect.Effect<Option.Option<Created>, CalComError>) =>
  ({
    operation: "Bookings.create",
    method: "POST",
    path: "/v2/bookings",
    reconcile,
    body: bookingInput,
    decode: decodeWith(Created)
  }) as const

type TestOptions = Omit<CalComOptions, "apiKey" | "fetch"> & { readonly apiKey?: string }

/** A fake fetch and a transport using it; the transport lives as long as the test's scope. */
const setup = (handler: Handler, options: TestOptions = {}) =>
  Effect.gen(function* () {
    const fake = makeFakeFetch(handler)
    const settings = yield* Effect.orDie(resolveOptions({ apiKey: API_KEY, ...options, fetch: fake.fetch }))
    const transport = yield* buildTransport(settings)
    return { fake, transport }
  })

/** Lets forked fibers and the fake's promises run until they block on the clock or a hang. */
const settle = Effect.forEach(Array.from({ length: 25 }), () => Effect.yieldNow, { discard: true })

/** Advances the clock and lets what it woke run. */
const advance = (millis: number) => Effect.andThen(TestClock.adjust(`${millis} millis`), settle)

/**
 * Advances the clock in 10 ms steps until `fake` has seen `count` requests; returns the clock
 * time (ms) at which it had, i.e. the arrival time rounded up to the step.
 */
const timeOfRequest = (fake: FakeFetch, count: number, limitMs = 60_000) =>
  Effect.gen(function* () {
    yield* settle
    while (fake.requests.length < count) {
      if ((yield* Clock.currentTimeMillis) > limitMs) assert.fail(`request ${count} never came`)
      yield* advance(10)
    }
    return yield* Clock.currentTimeMillis
  })

const header = (fake: FakeFetch, index: number, name: string) => fake.requests[index]?.headers[name]

type Tag = CalComError["_tag"]
type ErrorOf<T extends Tag> = Extract<CalComError, { readonly _tag: T }>

/** Narrows `error` to the tag, failing the test if it is another. */
const expectError = <T extends Tag>(error: CalComError, tag: T): ErrorOf<T> => {
  assert.strictEqual(error._tag, tag, error.message)
  return error as ErrorOf<T>
}

// ---------------------------------------------------------------------------------------------
// The status table
// ---------------------------------------------------------------------------------------------

describe("status → typed error", () => {
  const cases: ReadonlyArray<{ status: number; code: string; tag: Tag; says: string }> = [
    { status: 401, code: "UnauthorizedException", tag: "CalComAuthError", says: "missing or invalid" },
    { status: 403, code: "ForbiddenException", tag: "CalComAuthError", says: "may not access" },
    { status: 498, code: "TokenExpiredException", tag: "CalComAuthError", says: "expired" },
    { status: 409, code: "ConflictException", tag: "CalComConflictError", says: "conflict" },
    { status: 500, code: "InternalServerErrorException", tag: "CalComApiError", says: "the server failed" },
    { status: 418, code: "ImATeapotException", tag: "CalComApiError", says: "unexpected status" }
  ]
  for (const { status, code, tag, says } of cases) {
    it.effect(`${status} is a ${tag} carrying operation, status, server code and request id`, () =>
      Effect.gen(function* () {
        const { fake, transport } = yield* setup(() => errorEnvelope(status, code, "Server says no"), {
          retry: { maxRetries: 0 }
        })
        const error = expectError(yield* Effect.flip(transport.call(getMe)), tag) as ErrorOf<
          "CalComAuthError" | "CalComConflictError" | "CalComApiError"
        >
        assert.strictEqual(fake.requests.length, 1)
        assert.strictEqual(error.operation, "Me.get")
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.code, code)
        assert.strictEqual(error.requestId, header(fake, 0, "x-request-id"))
        assert.include(error.message, "Me.get")
        assert.include(error.message, says)
        assert.include(error.message, `HTTP ${status} ${code}`)
        assert.include(error.message, "Server says no")
        assert.notInclude(error.message, "[object Object]")
        assert.notInclude(error.message, "undefined")
      })
    )
  }

  it.effect("404 is a CalComNotFoundError naming the resource and id", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => errorEnvelope(404, "NotFoundException", "Booking not found"))
      const error = expectError(yield* Effect.flip(transport.call(getBooking("bk_123"))), "CalComNotFoundError")
      assert.strictEqual(fake.requests.length, 1, "a 404 is not retried")
      assert.strictEqual(fake.requests[0]?.path, "/v2/bookings/bk_123")
      assert.strictEqual(error.resource, "booking")
      assert.strictEqual(error.id, "bk_123")
      assert.strictEqual(error.status, 404)
      assert.strictEqual(error.code, "NotFoundException")
      assert.strictEqual(error.operation, "Bookings.get")
      assert.strictEqual(error.requestId, header(fake, 0, "x-request-id"))
      assert.include(error.message, "booking bk_123 was not found")
    })
  )

  for (const status of [400, 422]) {
    it.effect(`${status} is a CalComValidationError with the field issues from class-validator details`, () =>
      Effect.gen(function* () {
        const details = [
          { property: "email", constraints: { isEmail: "email must be an email" } },
          { property: "start", constraints: { isISO8601: "start must be a valid ISO 8601 date string" } }
        ]
        const { fake, transport } = yield* setup(() =>
          errorEnvelope(status, "BadRequestException", "Invalid request", details)
        )
        const error = expectError(yield* Effect.flip(transport.call(createBooking())), "CalComValidationError")
        assert.strictEqual(fake.requests.length, 1)
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.code, "BadRequestException")
        assert.strictEqual(error.operation, "Bookings.create")
        assert.strictEqual(error.requestId, header(fake, 0, "x-request-id"))
        assert.deepStrictEqual(error.issues, [
          { path: "email", message: "email must be an email" },
          { path: "start", message: "start must be a valid ISO 8601 date string" }
        ])
        assert.include(error.message, "rejected the input")
        assert.include(error.message, "Invalid request")
      })
    )
  }

  it.effect("nested class-validator details keep the path of the parent field", () =>
    Effect.gen(function* () {
      // class-validator puts no `constraints` on a parent whose children failed.
      const details = [
        {
          property: "attendee",
          children: [{ property: "timeZone", constraints: { isTimeZone: "timeZone must be a valid IANA time zone" } }]
        }
      ]
      const { transport } = yield* setup(() => errorEnvelope(400, "BadRequestException", "Invalid request", details))
      const error = expectError(yield* Effect.flip(transport.call(createBooking())), "CalComValidationError")
      assert.deepStrictEqual(error.issues, [
        { path: "attendee.timeZone", message: "timeZone must be a valid IANA time zone" }
      ])
    })
  )

  it.effect("429 is a CalComRateLimitError with the wait and the limits the server reported", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        () =>
          errorEnvelope(429, "ThrottlerException", "Too many requests", undefined, {
            "X-RateLimit-Limit-Default": "120",
            "X-RateLimit-Remaining-Default": "0",
            "X-RateLimit-Reset-Default": "10"
          }),
        { retry: { maxRetries: 0 } }
      )
      const error = expectError(yield* Effect.flip(transport.call(getMe)), "CalComRateLimitError")
      assert.strictEqual(fake.requests.length, 1)
      assert.strictEqual(error.status, 429)
      assert.strictEqual(error.code, "ThrottlerException")
      assert.strictEqual(error.retryAfterMs, 10_000)
      assert.strictEqual(error.requestId, header(fake, 0, "x-request-id"))
      assert.deepStrictEqual(error.rateLimits, [{ name: "Default", limit: 120, remaining: 0, resetAt: 10_000 }])
      assert.include(error.message, "rate limited; the window resets in 10 s")
    })
  )
})

// ---------------------------------------------------------------------------------------------
// What every request carries
// ---------------------------------------------------------------------------------------------

describe("request shape", () => {
  it.effect("sends Authorization: Bearer <key>", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(ok)
      const result = yield* transport.call(getMe)
      assert.deepStrictEqual(result, me)
      assert.strictEqual(fake.requests[0]?.method, "GET")
      assert.strictEqual(fake.requests[0]?.url, "https://api.cal.com/v2/me")
      assert.strictEqual(header(fake, 0, "authorization"), `Bearer ${API_KEY}`)
    })
  )

  it.effect("normalizes a key given as `Bearer cal_…`", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(ok, { apiKey: `Bearer ${API_KEY}` })
      yield* transport.call(getMe)
      assert.strictEqual(header(fake, 0, "authorization"), `Bearer ${API_KEY}`)
    })
  )

  it.effect("sets cal-api-version from the table for a versioned operation", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => json(200, { status: "success", data: [] }))
      yield* transport.call(listBookings)
      assert.strictEqual(header(fake, 0, "cal-api-version"), "2024-08-13")
    })
  )

  it.effect("sends no cal-api-version for an unversioned operation (/v2/me)", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(ok)
      yield* transport.call(getMe)
      assert.strictEqual(fake.requests.length, 1)
      assert.isUndefined(header(fake, 0, "cal-api-version"))
    })
  )

  it.effect("sends the body of a POST as JSON", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => json(201, created("bk_1")))
      yield* transport.call(createBooking())
      assert.strictEqual(fake.requests[0]?.method, "POST")
      assert.strictEqual(header(fake, 0, "content-type"), "application/json")
      assert.deepStrictEqual(JSON.parse(fake.requests[0]?.body ?? "null"), bookingInput)
    })
  )

  it.effect("X-Request-Id is the same on every attempt of one call and differs between calls", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => json(503, {}),
          () => json(503, {}),
          ok
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      yield* timeOfRequest(fake, 3)
      yield* Fiber.join(fiber)
      yield* transport.call(getMe)
      const ids = fake.requests.map((r) => r.headers["x-request-id"])
      assert.strictEqual(ids.length, 4)
      assert.match(ids[0] ?? "", /^ecc_[0-9a-f]{20}$/)
      assert.strictEqual(ids[1], ids[0])
      assert.strictEqual(ids[2], ids[0])
      assert.notStrictEqual(ids[3], ids[0])
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

describe("retries", () => {
  it.effect("a GET answered 503, 503, 200 succeeds after 3 requests", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => errorEnvelope(503, "ServiceUnavailableException", "busy"),
          () => errorEnvelope(503, "ServiceUnavailableException", "busy"),
          ok
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      yield* timeOfRequest(fake, 3)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
      assert.strictEqual(fake.requests.length, 3)
    })
  )

  it.effect("backs off exponentially with ±20% jitter: ~1 s, then ~2 s", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => json(503, {}),
          () => json(503, {}),
          ok
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      yield* settle
      assert.strictEqual(fake.requests.length, 1)
      const second = yield* timeOfRequest(fake, 2)
      assert.isAtLeast(second, 800)
      assert.isAtMost(second, 1_200)
      const third = yield* timeOfRequest(fake, 3)
      // Each arrival is rounded up to the 10 ms step, so the gap is known to within 10 ms.
      assert.isAtLeast(third - second, 1_600 - 10)
      assert.isAtMost(third - second, 2_400 + 10)
      yield* Fiber.join(fiber)
    })
  )

  for (const [draw, first, second] of [
    [0, 800, 1_600],
    [1, 1_200, 2_400]
  ] as const) {
    it.effect(`the jitter is applied: a random draw of ${draw} waits ${first} ms, then ${second} ms`, () =>
      Effect.gen(function* () {
        const { fake, transport } = yield* setup(
          sequence(
            () => json(503, {}),
            () => json(503, {}),
            ok
          )
        )
        const fixed: Random.Random = { nextIntUnsafe: () => 0, nextDoubleUnsafe: () => draw }
        const fiber = yield* Effect.forkChild(transport.call(getMe).pipe(Effect.provideService(Random.Random, fixed)))
        yield* settle
        yield* advance(first - 1)
        assert.strictEqual(fake.requests.length, 1)
        yield* advance(1)
        assert.strictEqual(fake.requests.length, 2)
        yield* advance(second - 1)
        assert.strictEqual(fake.requests.length, 2)
        yield* advance(1)
        assert.strictEqual(fake.requests.length, 3)
        assert.deepStrictEqual(yield* Fiber.join(fiber), me)
      })
    )
  }

  it.effect("retries at most 3 times, then fails with the typed error (4 requests)", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => errorEnvelope(503, "ServiceUnavailableException", "busy"))
      const fiber = yield* Effect.forkChild(Effect.flip(transport.call(getMe)))
      yield* timeOfRequest(fake, 4)
      const error = expectError(yield* Fiber.join(fiber), "CalComApiError")
      assert.strictEqual(error.status, 503)
      yield* advance(120_000)
      assert.strictEqual(fake.requests.length, 4)
    })
  )

  it.effect("maxRetries: 0 sends one request", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => json(503, {}), { retry: { maxRetries: 0 } })
      const error = expectError(yield* Effect.flip(transport.call(getMe)), "CalComApiError")
      assert.strictEqual(error.status, 503)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("withRequestOptions({ maxRetries: 0 }) turns retries off for one call", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => json(503, {}))
      const error = yield* Effect.flip(transport.call(getMe).pipe(withRequestOptions({ maxRetries: 0 })))
      expectError(error, "CalComApiError")
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("a GET is retried after a connection reset", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(() => {
          throw networkError("ECONNRESET")
        }, ok)
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      yield* timeOfRequest(fake, 2)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
    })
  )

  it.effect("4xx other than 429 are never retried", () =>
    Effect.gen(function* () {
      for (const status of [400, 401, 403, 404, 409, 422]) {
        const { fake, transport } = yield* setup(() => errorEnvelope(status, "Nope", "no"))
        yield* Effect.flip(transport.call(getMe))
        yield* advance(60_000)
        assert.strictEqual(fake.requests.length, 1, `HTTP ${status}`)
      }
    })
  )
})

describe("calls that may create something (POST)", () => {
  it.effect("a 5xx is not retried blindly: exactly 1 request", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => json(500, {}),
          () => json(201, created("bk_dup"))
        )
      )
      const error = expectError(yield* Effect.flip(transport.call(createBooking())), "CalComApiError")
      assert.strictEqual(error.status, 500)
      yield* advance(60_000)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("a connection reset is not retried: exactly 1 request", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => {
            throw networkError("ECONNRESET")
          },
          () => json(201, created("bk_dup"))
        )
      )
      const error = expectError(yield* Effect.flip(transport.call(createBooking())), "CalComTransportError")
      assert.isTrue(error.mayHaveReachedServer)
      assert.include(error.message, "ECONNRESET")
      yield* advance(60_000)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("a timeout is not retried: exactly 1 request", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(sequence(hang, () => json(201, created("bk_dup"))))
      const fiber = yield* Effect.forkChild(Effect.flip(transport.call(createBooking())))
      yield* advance(30_000)
      const error = expectError(yield* Fiber.join(fiber), "CalComTimeoutError")
      assert.strictEqual(error.scope, "attempt")
      yield* advance(60_000)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("is retried when the connection was refused (nothing was sent)", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => {
            throw networkError("ECONNREFUSED")
          },
          () => json(201, created("bk_1"))
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(createBooking()))
      yield* timeOfRequest(fake, 2)
      assert.deepStrictEqual(yield* Fiber.join(fiber), created("bk_1"))
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("is retried after a 429 (the server did nothing)", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => errorEnvelope(429, "ThrottlerException", "Too many requests", undefined, { "Retry-After": "2" }),
          () => json(201, created("bk_1"))
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(createBooking()))
      yield* timeOfRequest(fake, 2)
      assert.deepStrictEqual(yield* Fiber.join(fiber), created("bk_1"))
      assert.strictEqual(fake.requests.length, 2)
    })
  )
})

describe("reconcile", () => {
  it.effect("a 500 whose lookup finds the booking succeeds with it after 1 request", () =>
    Effect.gen(function* () {
      let lookups = 0
      const reconcile = Effect.sync(() => {
        lookups++
        return Option.some(created("bk_made"))
      })
      const { fake, transport } = yield* setup(() => json(500, {}))
      const result = yield* transport.call(createBooking(reconcile))
      assert.deepStrictEqual(result, created("bk_made"))
      assert.strictEqual(lookups, 1)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("a 500 whose lookup proves nothing was made is retried and succeeds on the 2nd request", () =>
    Effect.gen(function* () {
      let lookups = 0
      const reconcile = Effect.sync(() => {
        lookups++
        return Option.none<Created>()
      })
      const { fake, transport } = yield* setup(
        sequence(
          () => json(500, {}),
          () => json(201, created("bk_2"))
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(createBooking(reconcile)))
      yield* timeOfRequest(fake, 2)
      assert.deepStrictEqual(yield* Fiber.join(fiber), created("bk_2"))
      assert.strictEqual(lookups, 1)
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("a lookup that fails proves nothing: the original failure, no retry", () =>
    Effect.gen(function* () {
      let lookups = 0
      const reconcile = Effect.suspend(() => {
        lookups++
        return Effect.fail(
          new CalComTransportError({ operation: "Bookings.list", message: "lookup failed", mayHaveReachedServer: true })
        )
      })
      const { fake, transport } = yield* setup(() => json(500, {}))
      const error = expectError(yield* Effect.flip(transport.call(createBooking(reconcile))), "CalComApiError")
      assert.strictEqual(error.status, 500)
      assert.strictEqual(lookups, 1)
      yield* advance(60_000)
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("a 409 after an ambiguous first attempt consults reconcile", () =>
    Effect.gen(function* () {
      // 1st attempt: 500, the lookup finds nothing yet, so it is retried; 2nd attempt: 409
      // (the first had made the booking after all), and the lookup now finds it.
      const answers = [Option.none<Created>(), Option.some(created("bk_late"))]
      let lookups = 0
      const reconcile = Effect.sync(() => answers[lookups++] ?? Option.none<Created>())
      const { fake, transport } = yield* setup(
        sequence(
          () => json(500, {}),
          () => errorEnvelope(409, "ConflictException", "slot already booked")
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(createBooking(reconcile)))
      yield* timeOfRequest(fake, 2)
      assert.deepStrictEqual(yield* Fiber.join(fiber), created("bk_late"))
      assert.strictEqual(lookups, 2)
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("a 409 on a first attempt is a conflict, reconcile not consulted", () =>
    Effect.gen(function* () {
      let lookups = 0
      const reconcile = Effect.sync(() => {
        lookups++
        return Option.some(created("bk_other"))
      })
      const { transport } = yield* setup(() => errorEnvelope(409, "ConflictException", "slot already booked"))
      expectError(yield* Effect.flip(transport.call(createBooking(reconcile))), "CalComConflictError")
      assert.strictEqual(lookups, 0)
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Rate limits
// ---------------------------------------------------------------------------------------------

describe("rate limits", () => {
  it.effect("a 429 without Retry-After waits for X-RateLimit-Reset-Default (10 s), not the 1 s backoff", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () =>
            errorEnvelope(429, "ThrottlerException", "Too many requests", undefined, {
              "X-RateLimit-Limit-Default": "120",
              "X-RateLimit-Remaining-Default": "0",
              "X-RateLimit-Reset-Default": "10"
            }),
          ok
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      const second = yield* timeOfRequest(fake, 2)
      assert.isAtLeast(second, 10_000)
      assert.isAtMost(second, 12_000)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
    })
  )

  it.effect("the backoff itself waits for the reset, even with the pre-emptive wait off", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () =>
            errorEnvelope(429, "ThrottlerException", "Too many requests", undefined, {
              "X-RateLimit-Remaining-Default": "0",
              "X-RateLimit-Reset-Default": "10"
            }),
          ok
        ),
        { waitOnRateLimit: false }
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      const second = yield* timeOfRequest(fake, 2)
      assert.isAtLeast(second, 10_000)
      assert.isAtMost(second, 12_000)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
    })
  )

  it.effect("Retry-After: 3 is honoured", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => errorEnvelope(429, "ThrottlerException", "Too many requests", undefined, { "Retry-After": "3" }),
          ok
        )
      )
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      const second = yield* timeOfRequest(fake, 2)
      assert.isAtLeast(second, 3_000)
      assert.isAtMost(second, 3_600)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
    })
  )

  it.effect("a 429 whose reset comes after the deadline fails at once with CalComRateLimitError", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        () => errorEnvelope(429, "ThrottlerException", "Too many requests", undefined, { "Retry-After": "300" }),
        { deadline: "1 minute" }
      )
      const error = yield* Effect.flip(transport.call(getMe))
      assert.strictEqual(error._tag, "CalComRateLimitError")
      assert.strictEqual(fake.requests.length, 1)
      if (error._tag === "CalComRateLimitError") assert.strictEqual(error.retryAfterMs, 300_000)
    })
  )

  const exhausted = () =>
    json(200, me, {
      "X-RateLimit-Limit-Default": "120",
      "X-RateLimit-Remaining-Default": "0",
      "X-RateLimit-Reset-Default": "5"
    })

  it.effect("after a response with Remaining 0 and Reset 5, the next call waits 5 s before sending", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(sequence(exhausted, ok))
      yield* transport.call(getMe)
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      yield* settle
      assert.strictEqual(fake.requests.length, 1)
      yield* advance(4_999)
      assert.strictEqual(fake.requests.length, 1, "sent before the window reset")
      yield* advance(1)
      assert.strictEqual(fake.requests.length, 2)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
    })
  )

  it.effect("waitOnRateLimit: false sends at once", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(sequence(exhausted, ok), { waitOnRateLimit: false })
      yield* transport.call(getMe)
      assert.deepStrictEqual(yield* transport.call(getMe), me)
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("withRequestOptions({ waitOnRateLimit: false }) sends at once", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(sequence(exhausted, ok))
      yield* transport.call(getMe)
      yield* transport.call(getMe).pipe(withRequestOptions({ waitOnRateLimit: false }))
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("a deadline shorter than the wait fails at once with CalComRateLimitError and sends nothing", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(sequence(exhausted, ok))
      yield* transport.call(getMe)
      const fiber = yield* Effect.forkChild(
        Effect.flip(transport.call(getMe).pipe(withRequestOptions({ deadline: "2 seconds" })))
      )
      yield* settle
      assert.isDefined(fiber.pollUnsafe(), "the call waited instead of failing at once")
      const error = expectError(yield* Fiber.join(fiber), "CalComRateLimitError")
      assert.strictEqual(error.retryAfterMs, 5_000)
      assert.isUndefined(error.status)
      assert.include(error.message, "after this call's deadline")
      assert.strictEqual(fake.requests.length, 1)
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Timeouts and interruption
// ---------------------------------------------------------------------------------------------

describe("timeouts", () => {
  it.effect("an attempt with no answer fails with CalComTimeoutError (attempt) after 30 s and aborts the fetch", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(hang, { retry: { maxRetries: 0 } })
      const fiber = yield* Effect.forkChild(Effect.flip(transport.call(getMe)))
      yield* settle
      assert.strictEqual(fake.requests.length, 1)
      yield* advance(29_999)
      assert.isUndefined(fiber.pollUnsafe(), "timed out early")
      assert.strictEqual(fake.aborts, 0)
      yield* advance(1)
      const error = expectError(yield* Fiber.join(fiber), "CalComTimeoutError")
      assert.strictEqual(error.scope, "attempt")
      assert.strictEqual(error.timeoutMs, 30_000)
      assert.strictEqual(error.requestId, header(fake, 0, "x-request-id"))
      yield* settle
      assert.strictEqual(fake.aborts, 1)
      assert.isTrue(fake.requests[0]?.signal.aborted)
    })
  )

  it.effect("a GET is retried after a timeout", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(sequence(hang, ok))
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      const second = yield* timeOfRequest(fake, 2)
      assert.isAtLeast(second, 30_800)
      assert.isAtMost(second, 31_200)
      assert.deepStrictEqual(yield* Fiber.join(fiber), me)
      assert.strictEqual(fake.aborts, 1)
    })
  )

  it.effect("the overall deadline ends the call with scope deadline", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(hang, { timeout: "30 seconds", deadline: "45 seconds" })
      const fiber = yield* Effect.forkChild(Effect.flip(transport.call(getMe)))
      yield* settle
      yield* advance(44_999)
      assert.isUndefined(fiber.pollUnsafe())
      yield* advance(1)
      const error = expectError(yield* Fiber.join(fiber), "CalComTimeoutError")
      assert.strictEqual(error.scope, "deadline")
      assert.strictEqual(error.timeoutMs, 45_000)
      assert.strictEqual(fake.requests.length, 2)
      yield* settle
      assert.strictEqual(fake.aborts, 2, "both attempts were aborted")
    })
  )

  it.effect("no backoff outlasts the deadline: the call ends at the deadline, without another request", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(hang, { timeout: "10 seconds", deadline: "10500 millis" })
      const fiber = yield* Effect.forkChild(Effect.flip(transport.call(getMe)))
      yield* settle
      yield* advance(10_499)
      assert.isUndefined(fiber.pollUnsafe())
      yield* advance(1)
      const error = expectError(yield* Fiber.join(fiber), "CalComTimeoutError")
      assert.strictEqual(error.scope, "deadline")
      assert.include(error.message, "after 1 attempt(s)")
      assert.strictEqual(fake.requests.length, 1, "the second attempt found no time left and sent nothing")
    })
  )

  it.effect("a reconcile lookup ends with the call's deadline", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(hang, { timeout: "10 seconds", deadline: "15 seconds" })
      const fiber = yield* Effect.forkChild(Effect.flip(transport.call(createBooking(Effect.never))))
      yield* settle
      yield* advance(14_999)
      assert.isUndefined(fiber.pollUnsafe())
      yield* advance(1)
      // The lookup proved nothing, so the attempt's own failure is what the caller learns.
      const error = expectError(yield* Fiber.join(fiber), "CalComTimeoutError")
      assert.strictEqual(error.scope, "attempt")
      assert.strictEqual(fake.requests.length, 1, "a create is not repeated without proof")
    })
  )

  it.effect("interrupting the fiber of a call in flight aborts the fetch", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(hang)
      const fiber = yield* Effect.forkChild(transport.call(getMe))
      yield* settle
      assert.strictEqual(fake.requests.length, 1)
      assert.strictEqual(fake.aborts, 0)
      yield* Fiber.interrupt(fiber)
      yield* settle
      assert.strictEqual(fake.aborts, 1)
      assert.isTrue(fake.requests[0]?.signal.aborted)
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

describe("decoding", () => {
  it.effect("a 200 whose body is not JSON is a CalComDecodeError", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        () => new Response("<html>gateway</html>", { status: 200, headers: { "content-type": "text/html" } })
      )
      const error = expectError(yield* Effect.flip(transport.call(getMe)), "CalComDecodeError")
      assert.strictEqual(error.status, 200)
      assert.strictEqual(error.operation, "Me.get")
      assert.include(error.message, "not JSON")
      assert.strictEqual(fake.requests.length, 1, "a decode error is not retried")
    })
  )

  it.effect("a 200 JSON body that does not match the schema is a CalComDecodeError with issues", () =>
    Effect.gen(function* () {
      const { transport } = yield* setup(() => json(200, { status: "success", data: { id: "seven" } }))
      const error = expectError(yield* Effect.flip(transport.call(getMe)), "CalComDecodeError")
      assert.strictEqual(error.status, 200)
      assert.deepStrictEqual(error.issues, [{ path: "data.id", message: "Expected number" }])
      assert.include(error.message, "does not match the expected shape (data.id: Expected number)")
      assert.notInclude(error.message, "seven", "the body's values (personal data) stay out of the message")
    })
  )

  it.effect("an error status with a body that is not JSON still maps by status", () =>
    Effect.gen(function* () {
      const { transport } = yield* setup(() => new Response("Bad Gateway", { status: 502 }), {
        retry: { maxRetries: 0 }
      })
      const error = expectError(yield* Effect.flip(transport.call(getMe)), "CalComApiError")
      assert.strictEqual(error.status, 502)
      assert.include(error.message, "Bad Gateway")
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Circuit breaker
// ---------------------------------------------------------------------------------------------

describe("circuit breaker", () => {
  const breaker = { retry: { maxRetries: 0 }, circuitBreaker: { failures: 3, openDuration: "5 seconds" } } as const

  const trip = (transport: Transport) =>
    Effect.forEach(Array.from({ length: 3 }), () => Effect.flip(transport.call(getMe)), { discard: true })

  it.effect("3 consecutive 500s open it: the next call fails fast without a request", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => json(500, {}), breaker)
      assert.strictEqual((yield* transport.circuit)._tag, "Closed")
      yield* trip(transport)
      assert.strictEqual(fake.requests.length, 3)
      const error = expectError(yield* Effect.flip(transport.call(getMe)), "CalComCircuitOpenError")
      assert.strictEqual(fake.requests.length, 3, "no request while open")
      assert.isAbove(error.retryAfterMs, 0)
      assert.isAtMost(error.retryAfterMs, 5_000)
      assert.strictEqual(error.operation, "Me.get")
      assert.include(error.message, "fail fast")
      assert.strictEqual((yield* transport.circuit)._tag, "Open")
    })
  )

  it.effect("after the open period a successful probe closes it", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup((_, index) => (index < 3 ? json(500, {}) : ok()), breaker)
      yield* trip(transport)
      assert.strictEqual((yield* transport.circuit)._tag, "Open")
      yield* advance(5_000)
      assert.deepStrictEqual(yield* transport.call(getMe), me)
      assert.strictEqual(fake.requests.length, 4)
      assert.strictEqual((yield* transport.circuit)._tag, "Closed")
    })
  )

  it.effect("the probe runs half-open", () =>
    Effect.gen(function* () {
      const { transport } = yield* setup(
        sequence(
          () => json(500, {}),
          () => json(500, {}),
          () => json(500, {}),
          hang
        ),
        breaker
      )
      yield* trip(transport)
      yield* advance(5_000)
      const probe = yield* Effect.forkChild(transport.call(getMe))
      yield* settle
      assert.strictEqual((yield* transport.circuit)._tag, "HalfOpen")
      yield* Fiber.interrupt(probe)
    })
  )

  it.effect("a failed probe reopens it", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(() => json(500, {}), breaker)
      yield* trip(transport)
      yield* advance(5_000)
      expectError(yield* Effect.flip(transport.call(getMe)), "CalComApiError")
      assert.strictEqual(fake.requests.length, 4)
      const state = yield* transport.circuit
      assert.strictEqual(state._tag, "Open")
      expectError(yield* Effect.flip(transport.call(getMe)), "CalComCircuitOpenError")
      assert.strictEqual(fake.requests.length, 4)
    })
  )

  it.effect("404s, 400s and 429s never trip it", () =>
    Effect.gen(function* () {
      for (const [status, code] of [
        [404, "NotFoundException"],
        [400, "BadRequestException"],
        [429, "ThrottlerException"]
      ] as const) {
        const { fake, transport } = yield* setup(() => errorEnvelope(status, code, "no"), breaker)
        for (let i = 0; i < 10; i++) yield* Effect.flip(transport.call(getMe))
        assert.strictEqual(fake.requests.length, 10, `HTTP ${status}`)
        assert.strictEqual((yield* transport.circuit)._tag, "Closed", `HTTP ${status}`)
      }
    })
  )

  it.effect("a 429 between failures neither counts nor resets the count", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => json(500, {}),
          () => json(500, {}),
          () => errorEnvelope(429, "ThrottlerException", "Too many requests"),
          () => json(500, {})
        ),
        breaker
      )
      for (let i = 0; i < 3; i++) yield* Effect.flip(transport.call(getMe))
      assert.strictEqual((yield* transport.circuit)._tag, "Closed")
      yield* Effect.flip(transport.call(getMe))
      assert.strictEqual(fake.requests.length, 4)
      assert.strictEqual((yield* transport.circuit)._tag, "Open")
    })
  )

  it.effect("timeouts and network failures count against it", () =>
    Effect.gen(function* () {
      const { fake, transport } = yield* setup(
        sequence(
          () => {
            throw networkError("ECONNRESET")
          },
          () => {
            throw networkError("ECONNREFUSED")
          },
          hang
        ),
        breaker
      )
      yield* Effect.flip(transport.call(getMe))
      yield* Effect.flip(transport.call(getMe))
      const third = yield* Effect.forkChild(Effect.flip(transport.call(getMe)))
      yield* advance(30_000)
      expectError(yield* Fiber.join(third), "CalComTimeoutError")
      assert.strictEqual((yield* transport.circuit)._tag, "Open")
      expectError(yield* Effect.flip(transport.call(getMe)), "CalComCircuitOpenError")
      assert.strictEqual(fake.requests.length, 3)
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Logs
// ---------------------------------------------------------------------------------------------

describe("logs", () => {
  const captured = (level: "Debug" | "Info") =>
    Effect.gen(function* () {
      const lines: Array<{ message: unknown; annotations: Record<string, unknown> }> = []
      const capture = Logger.make((options) => {
        lines.push({
          message: options.message,
          annotations: { ...options.fiber.getRef(References.CurrentLogAnnotations) }
        })
      })
      const { transport } = yield* setup(ok)
      yield* transport
        .call(getMe)
        .pipe(
          Effect.provideService(Logger.CurrentLoggers, new Set([capture])),
          Effect.provideService(References.MinimumLogLevel, level)
        )
      return lines
    })

  it.effect("at Debug, each response is one line: operation, status, route, attempt, request id", () =>
    Effect.gen(function* () {
      const lines = yield* captured("Debug")
      assert.strictEqual(lines.length, 1)
      assert.deepStrictEqual(lines[0]?.message, ["Me.get 200"])
      assert.include(lines[0]?.annotations, { method: "GET", path: "/v2/me", status: 200, attempt: 1 })
      assert.match(String(lines[0]?.annotations["requestId"]), /^ecc_[0-9a-f]{20}$/)
    })
  )

  it.effect("at Info, a successful call logs nothing", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* captured("Info"), [])
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

describe("secrets", () => {
  it.effect("the API key appears in no log line and no error across a failing run", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const capture = Logger.make((options) => {
        lines.push(Logger.formatJson.log(options), Logger.formatLogFmt.log(options))
      })
      const errors: Array<CalComError> = []
      const { fake, transport } = yield* setup(
        sequence(
          () => errorEnvelope(401, "UnauthorizedException", "Invalid API key"),
          () => json(500, { error: { code: "InternalServerErrorException", message: "boom" } }),
          () => json(500, {}),
          () => json(500, {}),
          () => json(500, {}),
          hang,
          () => {
            throw networkError("ECONNRESET")
          },
          () => {
            throw networkError("ECONNREFUSED")
          }
        ),
        { apiKey: `Bearer ${API_KEY}` }
      )
      const run = Effect.gen(function* () {
        errors.push(yield* Effect.flip(transport.call(getMe)))
        const retried = yield* Effect.forkChild(Effect.flip(transport.call(getMe)))
        yield* timeOfRequest(fake, 5)
        errors.push(yield* Fiber.join(retried))
        const timedOut = yield* Effect.forkChild(
          Effect.flip(transport.call(getMe).pipe(withRequestOptions({ maxRetries: 0 })))
        )
        yield* advance(30_000)
        errors.push(yield* Fiber.join(timedOut))
        errors.push(yield* Effect.flip(transport.call(createBooking())))
        errors.push(yield* Effect.flip(transport.call(createBooking()).pipe(withRequestOptions({ maxRetries: 0 }))))
      })
      yield* run.pipe(
        Effect.provideService(Logger.CurrentLoggers, new Set([capture])),
        Effect.provideService(References.MinimumLogLevel, "Debug")
      )

      // The run did exercise the key and the failure paths.
      assert.strictEqual(header(fake, 0, "authorization"), `Bearer ${API_KEY}`)
      assert.deepStrictEqual(
        errors.map((e) => e._tag),
        ["CalComAuthError", "CalComApiError", "CalComTimeoutError", "CalComTransportError", "CalComTransportError"]
      )
      assert.isAbove(lines.length, 10)
      assert.isTrue(
        lines.some((l) => /retr/i.test(l) && l.includes(header(fake, 1, "x-request-id") ?? "?")),
        "the retries of the second call were logged"
      )

      const texts = [...lines, ...errors.flatMap((e) => [e.message, String(e), JSON.stringify(e), e.stack ?? ""])]
      const secret = API_KEY.slice("cal_live_".length)
      for (const text of texts) {
        assert.notInclude(text, API_KEY)
        assert.notInclude(text, secret)
      }
    })
  )
})
