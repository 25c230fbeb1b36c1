/**
 * Shared fixtures for the facade's unit tests: Cal.com-shaped payloads (as the wire carries them),
 * a router that answers a fake `fetch` by `METHOD /path`, a client built from `CalCom.layer` in
 * the test's own scope, and assertions on the requests the fake saw and on validation errors.
 */
import { assert } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { TestClock } from "effect/testing"
import { CalCom, type CalComApi } from "../../../src/facade/CalCom.js"
import type { CalComOptions } from "../../../src/facade/Config.js"
import type { CalComError, CalComValidationError } from "../../../src/facade/Errors.js"
import { type FakeFetch, type Handler, json, makeFakeFetch, type RecordedRequest } from "./FakeFetch.js"

export const API_KEY = "cal_test_unit_key_0123456789"
export const BASE_URL = "https://api.cal.com"

/** The `cal-api-version` each route family requires (`generated/operations.ts`); none for the others. */
export const VERSIONS = {
  bookings: "2024-08-13",
  eventTypes: "2024-06-14",
  slots: "2024-09-04",
  schedules: "2024-06-11"
} as const

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** `200 { status: "success", data }`, plus extra top-level fields (`pagination`). */
export const success = (data: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json(200, { status: "success", data, ...extra }, headers)

/** `201 { status: "success", data }`. */
export const created = (data: unknown) => json(201, { status: "success", data })

/** Answers a request; `call` counts the requests this route has answered before (0-based). */
export type Route = (request: RecordedRequest, call: number) => Response | Promise<Response>

/**
 * A handler answering by `METHOD /path` (the path without its query). A request no route
 * matches gets a 418, so a test that sends something unexpected fails loudly.
 */
export const router = (table: Readonly<Record<string, Route>>): Handler => {
  const calls = new Map<string, number>()
  return (request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`
    const route = table[key]
    if (route === undefined) return json(418, { status: "error", error: { code: "NoRoute", message: `no ${key}` } })
    const call = calls.get(key) ?? 0
    calls.set(key, call + 1)
    return route(request, call)
  }
}

// ---------------------------------------------------------------------------------------------
// The client under test
// ---------------------------------------------------------------------------------------------

/** The options every unit test starts from: the fake's `fetch`, Cal.com's origin, no retries. */
export const options = (fake: FakeFetch, more: Partial<CalComOptions> = {}): CalComOptions => ({
  apiKey: API_KEY,
  baseUrl: BASE_URL,
  fetch: fake.fetch,
  retry: { maxRetries: 0 },
  ...more
})

/** A fake fetch answering from `handler`, and a client over it built in the test's scope. */
export const setup = (handler: Handler, more: Partial<CalComOptions> = {}) =>
  Effect.gen(function* () {
    const fake = makeFakeFetch(handler)
    const context = yield* Layer.build(CalCom.layer(options(fake, more)))
    const cal: CalComApi = Context.get(context, CalCom)
    return { fake, cal }
  })

/** Lets forked fibers and the fake's promises run until they block on the clock. */
export const settle = Effect.forEach(Array.from({ length: 25 }), () => Effect.yieldNow, { discard: true })

/** Moves the TestClock in 10 ms steps until `fake` has seen `count` requests (for retries' backoff). */
export const untilRequests = (fake: FakeFetch, count: number, limitMs = 60_000) =>
  Effect.gen(function* () {
    yield* settle
    while (fake.requests.length < count) {
      if ((yield* Clock.currentTimeMillis) > limitMs) assert.fail(`request ${count} never came`)
      yield* TestClock.adjust("10 millis")
      yield* settle
    }
  })

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

/** The single request the fake saw. */
export const onlyRequest = (fake: FakeFetch): RecordedRequest => {
  assert.strictEqual(
    fake.requests.length,
    1,
    `expected one request, saw ${fake.requests.map(describeRequest).join(", ")}`
  )
  return fake.requests[0] as RecordedRequest
}

/** The `n`-th request (0-based) the fake saw. */
export const requestAt = (fake: FakeFetch, n: number): RecordedRequest => {
  const request = fake.requests[n]
  if (request === undefined)
    return assert.fail(`no request #${n}; saw ${fake.requests.map(describeRequest).join(", ")}`)
  return request
}

/** `GET /v2/me`, for messages. */
export const describeRequest = (request: RecordedRequest): string => `${request.method} ${request.path}`

/** `METHOD /path` of every request, in order. */
export const routesOf = (fake: FakeFetch): Array<string> =>
  fake.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)

/** The query of a request as a record (decoded values). */
export const queryOf = (request: RecordedRequest): Record<string, string> =>
  Object.fromEntries(new URL(request.url).searchParams)

/** The JSON body of a request. */
export const bodyOf = (request: RecordedRequest): unknown => {
  if (request.body === undefined) return assert.fail(`${describeRequest(request)} has no body`)
  return JSON.parse(request.body)
}

export interface ExpectedRequest {
  readonly method: string
  /** The path without the query. */
  readonly path: string
  /** The exact query (decoded); absent: not checked. */
  readonly query?: Record<string, string> | undefined
  /** The exact JSON body; absent: not checked. */
  readonly body?: unknown
  /** The `cal-api-version` header; `null`: the header must be absent. */
  readonly version: string | null
}

/** Asserts method, path, query, body, `cal-api-version` and the `Authorization` header. */
export const assertRequest = (request: RecordedRequest, expected: ExpectedRequest): void => {
  const url = new URL(request.url)
  assert.strictEqual(request.method, expected.method, describeRequest(request))
  assert.strictEqual(url.origin, BASE_URL)
  assert.strictEqual(url.pathname, expected.path)
  if (expected.query !== undefined) assert.deepStrictEqual(queryOf(request), expected.query, describeRequest(request))
  if ("body" in expected) assert.deepStrictEqual(bodyOf(request), expected.body, describeRequest(request))
  assert.strictEqual(
    request.headers["cal-api-version"],
    expected.version ?? undefined,
    `version of ${describeRequest(request)}`
  )
  assert.strictEqual(request.headers["authorization"], `Bearer ${API_KEY}`)
}

/**
 * Asserts `error` is a client-side `CalComValidationError` of `operation` (no status: nothing was
 * sent) whose issues name exactly `paths`, in any order.
 */
export const assertInvalid = (error: CalComError, operation: string, paths: ReadonlyArray<string>) => {
  assert.strictEqual(error._tag, "CalComValidationError", error.message)
  const invalid = error as CalComValidationError
  assert.strictEqual(invalid.operation, operation)
  assert.isUndefined(invalid.status)
  assert.deepStrictEqual(invalid.issues.map((i) => i.path).sort(), [...paths].sort(), invalid.message)
  for (const issue of invalid.issues) assert.isNotEmpty(issue.message)
  assert.include(invalid.message, "nothing was sent")
}

/** Asserts the error's tag and narrows it. */
export const assertTag = <T extends CalComError["_tag"]>(
  error: CalComError,
  tag: T
): Extract<CalComError, { readonly _tag: T }> => {
  assert.strictEqual(error._tag, tag, error.message)
  return error as Extract<CalComError, { readonly _tag: T }>
}

// ---------------------------------------------------------------------------------------------
// Payloads, as the API sends them
// ---------------------------------------------------------------------------------------------

export const userJson = (overrides: Record<string, unknown> = {}) => ({
  id: 7,
  username: "ada",
  email: "ada@example.com",
  name: "Ada Lovelace",
  timeZone: "Europe/London",
  weekStart: "Monday",
  defaultScheduleId: 11,
  timeFormat: 24,
  avatarUrl: null,
  locale: "en",
  ...overrides
})

export const eventTypeJson = (overrides: Record<string, unknown> = {}) => ({
  id: 42,
  title: "Intro call",
  slug: "intro-call",
  lengthInMinutes: 30,
  description: "A first chat",
  hidden: false,
  ownerId: 7,
  bookingUrl: "https://cal.com/ada/intro-call",
  ...overrides
})

export const teamEventTypeJson = (overrides: Record<string, unknown> = {}) => ({
  id: 77,
  title: "Team sync",
  slug: "team-sync",
  lengthInMinutes: 45,
  description: null,
  ownerId: null,
  teamId: 5,
  schedulingType: "collective",
  ...overrides
})

export const attendeeJson = (overrides: Record<string, unknown> = {}) => ({
  name: "Grace Hopper",
  email: "grace@example.com",
  timeZone: "America/New_York",
  language: "en",
  absent: false,
  ...overrides
})

export const bookingJson = (overrides: Record<string, unknown> = {}) => ({
  id: 1001,
  uid: "bk_grace_1",
  title: "Intro call between Ada Lovelace and Grace Hopper",
  description: null,
  status: "accepted",
  start: "2026-12-01T10:00:00.000Z",
  end: "2026-12-01T10:30:00.000Z",
  duration: 30,
  eventTypeId: 42,
  eventType: { id: 42, slug: "intro-call" },
  location: "https://cal.com/video/abc123",
  meetingUrl: "https://cal.com/video/abc123",
  hosts: [{ id: 7, name: "Ada Lovelace", email: "ada@example.com", username: "ada", timeZone: "Europe/London" }],
  attendees: [attendeeJson()],
  createdAt: "2026-11-20T09:00:00.000Z",
  updatedAt: null,
  rescheduledToUid: null,
  metadata: {},
  ...overrides
})

/** A `pagination` object for a page of `returned` items out of `total`, `take` per page. */
export const paginationJson = (options: {
  readonly total: number
  readonly returned: number
  readonly take: number
  readonly skip: number
}) => {
  const remaining = Math.max(0, options.total - options.skip - options.returned)
  return {
    totalItems: options.total,
    remainingItems: remaining,
    returnedItems: options.returned,
    itemsPerPage: options.take,
    currentPage: Math.floor(options.skip / options.take) + 1,
    totalPages: Math.ceil(options.total / options.take),
    hasNextPage: remaining > 0,
    hasPreviousPage: options.skip > 0
  }
}

/** `GET /v2/bookings` answering `bookings` as one complete page. */
export const bookingPage = (bookings: ReadonlyArray<unknown>) =>
  success(bookings, {
    pagination: paginationJson({ total: bookings.length, returned: bookings.length, take: 100, skip: 0 })
  })

export const teamJson = (overrides: Record<string, unknown> = {}) => ({
  id: 5,
  name: "Analytical Engines",
  isOrganization: false,
  slug: "engines",
  parentId: null,
  bio: null,
  timeZone: "Europe/London",
  ...overrides
})

export const memberJson = (n: number) => ({
  id: 1000 + n,
  userId: 2000 + n,
  teamId: 5,
  accepted: true,
  role: n === 0 ? "OWNER" : "MEMBER",
  user: { email: `member${n}@example.com`, username: `member${n}`, name: `Member ${n}` }
})

export const scheduleJson = (overrides: Record<string, unknown> = {}) => ({
  id: 11,
  ownerId: 7,
  name: "Working hours",
  timeZone: "Europe/London",
  availability: [{ days: ["Monday", "Tuesday"], startTime: "09:00", endTime: "17:00" }],
  isDefault: true,
  overrides: [{ date: "2026-12-24", startTime: "10:00", endTime: "12:00" }],
  ...overrides
})

export const WEBHOOK_SECRET = "whsec_unit_9f8e7d6c5b4a"

export const webhookJson = (overrides: Record<string, unknown> = {}) => ({
  id: "2mdfnn2",
  subscriberUrl: "https://hooks.example.com/cal",
  triggers: ["BOOKING_CREATED", "BOOKING_CANCELLED"],
  active: true,
  payloadTemplate: null,
  userId: 7,
  secret: WEBHOOK_SECRET,
  ...overrides
})
