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
import { apiVersions } from "../../../generated/versions.js"
import { CalCom, type CalComApi } from "../../../src/facade/CalCom.js"
import type { CalComOptions } from "../../../src/facade/Config.js"
import type { CalComError, CalComValidationError } from "../../../src/facade/Errors.js"
import { errorEnvelope, type FakeFetch, type Handler, json, makeFakeFetch, type RecordedRequest } from "./FakeFetch.js"

/** The `cal-api-version` of `METHOD /path/{template}` in `generated/versions.ts`. */
export const versionOf = (operation: string): string => {
  const version = apiVersions[operation]
  if (version === undefined) throw new Error(`generated/versions.ts has no ${operation}`)
  return version
}

export const API_KEY = "cal_test_unit_key_0123456789"
export const BASE_URL = "https://api.cal.com"

/** The `cal-api-version` of each route family, read from the table the transport ships. */
export const VERSIONS = {
  bookings: versionOf("GET /v2/bookings"),
  eventTypes: versionOf("GET /v2/event-types"),
  slots: versionOf("GET /v2/slots"),
  schedules: versionOf("GET /v2/schedules")
} as const

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** `200 { status: "success", data }`, plus extra top-level fields (`pagination`). */
export const success = (data: unknown, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json(200, { status: "success", data, ...extra }, headers)

/** `201 { status: "success", data }`. */
export const created = (data: unknown) => json(201, { status: "success", data })

/**
 * Answers a request; `call` counts the requests this route has answered before (0-based) and
 * `params` holds the values of the key's `{template}` segments, in order. `undefined` falls
 * through to the next table given to `router`.
 */
export type Route = (
  request: RecordedRequest,
  call: number,
  params: ReadonlyArray<string>
) => Response | Promise<Response> | undefined

/** Routes keyed by `METHOD /path`, where a `{name}` segment matches any one segment. */
export type RouteTable = Readonly<Record<string, Route>>

const matchKey = (key: string, method: string, segments: ReadonlyArray<string>): Array<string> | undefined => {
  const [keyMethod, keyPath = ""] = key.split(" ")
  const pattern = keyPath.split("/")
  if (keyMethod !== method || pattern.length !== segments.length) return undefined
  const params: Array<string> = []
  for (const [i, part] of pattern.entries()) {
    const actual = segments[i] ?? ""
    if (part.startsWith("{") && part.endsWith("}") && actual !== "") params.push(decodeURIComponent(actual))
    else if (part !== actual) return undefined
  }
  return params
}

/**
 * The one router of the unit tests' fake Cal.com: answers by `METHOD /path` (the path without its
 * query) from the first table whose route matches and answers, an exact key before a template.
 * A request no route answers gets a 418, so a test that sends something unexpected fails loudly.
 */
export const router = (...tables: ReadonlyArray<RouteTable>): Handler => {
  const calls = new Map<string, number>()
  const candidates = tables.map((table) =>
    Object.keys(table).sort((a, b) => Number(a.includes("{")) - Number(b.includes("{")))
  )
  return async (request) => {
    const segments = request.pathname.split("/")
    for (const [t, table] of tables.entries()) {
      for (const key of candidates[t] ?? []) {
        const params = matchKey(key, request.method, segments)
        const route = table[key]
        if (params === undefined || route === undefined) continue
        const counter = `${t} ${key}`
        const call = calls.get(counter) ?? 0
        calls.set(counter, call + 1)
        const answer = await route(request, call, params)
        if (answer !== undefined) return answer
      }
    }
    const key = `${request.method} ${request.pathname}`
    return json(418, { status: "error", error: { code: "NoRoute", message: `no ${key}` } })
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

/** A slot reservation (`ReserveSlotOutput_2024_09_04`): a 30-minute slot of event type 42, held 10 minutes. */
export const reservationJson = (overrides: Record<string, unknown> = {}) => ({
  eventTypeId: 42,
  slotStart: "2026-12-01T10:00:00.000Z",
  slotEnd: "2026-12-01T10:30:00.000Z",
  slotDuration: 30,
  reservationUid: "e84be5a3-4696-49e3-acc7-b2f3999c3b94",
  reservationDuration: 10,
  reservationUntil: "2026-11-30T09:10:00.000Z",
  ...overrides
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

const primaryCalendarJson = {
  externalId: "ada@example.com",
  integration: "google_calendar",
  name: "ada@example.com",
  primary: true,
  readOnly: false,
  email: "ada@example.com",
  isSelected: true,
  credentialId: 135
}

/** A connected Google account with two calendars, as `GET /v2/calendars` lists it. */
export const connectedCalendarJson = (overrides: Record<string, unknown> = {}) => ({
  integration: {
    type: "google_calendar",
    slug: "google-calendar",
    name: "Google Calendar",
    title: "Google Calendar",
    logo: "/app-store/googlecalendar/logo.webp",
    category: "calendar",
    categories: ["calendar"],
    installed: true,
    locationOption: null
  },
  credentialId: 135,
  delegationCredentialId: null,
  primary: primaryCalendarJson,
  calendars: [
    primaryCalendarJson,
    {
      externalId: "en.uk#holiday@group.v.calendar.google.com",
      integration: "google_calendar",
      name: "Holidays in United Kingdom",
      primary: null,
      readOnly: true,
      email: "ada@example.com",
      isSelected: false,
      credentialId: 135
    }
  ],
  ...overrides
})

export const destinationCalendarJson = {
  id: 31,
  integration: "google_calendar",
  externalId: "ada@example.com",
  primaryEmail: "ada@example.com",
  userId: 7,
  eventTypeId: null,
  credentialId: 135,
  delegationCredentialId: null,
  name: "ada@example.com",
  primary: true,
  readOnly: false,
  email: "ada@example.com",
  integrationTitle: "Google Calendar"
}

// ---------------------------------------------------------------------------------------------
// A small account answering every operation the agent tools use
// ---------------------------------------------------------------------------------------------

/** The account's owner, in Europe/Rome (UTC+1 in December). */
export const romeUserJson = userJson({
  timeZone: "Europe/Rome",
  defaultScheduleId: 3,
  organizationId: null,
  locale: undefined
})

export const introJson = eventTypeJson({
  slug: "intro",
  bookingUrl: "https://cal.com/ada/intro",
  locations: [],
  bookingFields: []
})

/** Offered slots of event type 42, as Cal.com writes them in the account's zone. */
export const slotStarts = [
  "2026-12-01T09:00:00.000+01:00",
  "2026-12-01T09:30:00.000+01:00",
  "2026-12-01T10:00:00.000+01:00",
  "2026-12-02T09:00:00.000+01:00",
  "2026-12-03T15:00:00.000+01:00",
  "2026-12-04T09:00:00.000+01:00"
]

const plus30 = (start: string) => new Date(new Date(start).getTime() + 30 * 60_000).toISOString()

/** `GET /v2/slots` data (`format=range`): the offered slots in `[from, to)`, by day. */
export const slotsData = (from: string, to: string) => {
  const byDay: Record<string, Array<{ start: string; end: string }>> = {}
  for (const start of slotStarts) {
    const at = new Date(start).getTime()
    if (at < new Date(from).getTime() || at >= new Date(to).getTime()) continue
    const day = start.slice(0, 10)
    byDay[day] = [...(byDay[day] ?? []), { start, end: plus30(start) }]
  }
  return byDay
}

/** Booking `bk_123` of event type 42 with Grace Hopper. */
export const introBookingJson = (overrides: Record<string, unknown> = {}) =>
  bookingJson({
    uid: "bk_123",
    description: "",
    start: "2026-12-01T08:00:00.000Z",
    end: "2026-12-01T08:30:00.000Z",
    eventType: { id: 42, slug: "intro" },
    location: "https://cal.com/video/abc",
    meetingUrl: "https://cal.com/video/abc",
    hosts: [{ id: 7, name: "Ada Lovelace", email: "ada@example.com", username: "ada", timeZone: "Europe/Rome" }],
    attendees: [{ name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York", language: "en" }],
    createdAt: "2026-11-20T10:00:00.000Z",
    ...overrides
  })

export const enginesJson = teamJson({ bio: "We build engines", isPrivate: false })

export const ownerMembershipJson = {
  ...memberJson(0),
  id: 900,
  userId: 7,
  user: { email: "ada@example.com", username: "ada", name: "Ada Lovelace" }
}

const notFound = (message: string) => errorEnvelope(404, "NotFoundException", message)

/**
 * The account: profile, event type 42, its slots, booking `bk_123` (list, get, create,
 * reschedule, cancel) and team 5. Put a test's own table first in `router` to change an answer.
 */
export const accountRoutes: RouteTable = {
  "GET /v2/me": () => success(romeUserJson),
  "PATCH /v2/me": (request) => success({ ...romeUserJson, ...(request.json as object) }),
  "GET /v2/event-types": () => success([introJson]),
  "GET /v2/event-types/42": () => success(introJson),
  "GET /v2/event-types/{eventTypeId}": () => notFound("Event type not found"),
  "GET /v2/slots": (request) => success(slotsData(request.query.get("start") ?? "", request.query.get("end") ?? "")),
  "GET /v2/bookings": () =>
    success([introBookingJson()], { pagination: paginationJson({ total: 3, returned: 1, take: 1, skip: 0 }) }),
  "POST /v2/bookings": (request) => {
    const input = request.json as { start: string; attendee: { name: string; email: string; timeZone: string } }
    return created(
      introBookingJson({
        uid: "bk_new",
        start: input.start,
        end: plus30(input.start),
        attendees: [{ ...input.attendee, language: "en" }]
      })
    )
  },
  "GET /v2/bookings/bk_123": () => success(introBookingJson()),
  "GET /v2/bookings/{bookingUid}": () => notFound("Booking not found"),
  "POST /v2/bookings/bk_123/reschedule": (request) => {
    const input = request.json as { start: string }
    return created(
      introBookingJson({ uid: "bk_moved", start: input.start, end: plus30(input.start), rescheduledFromUid: "bk_123" })
    )
  },
  "POST /v2/bookings/bk_123/cancel": (request) => {
    const input = request.json as { cancellationReason?: string }
    return success(introBookingJson({ status: "cancelled", cancellationReason: input.cancellationReason ?? null }))
  },
  "GET /v2/teams": () => success([enginesJson]),
  "GET /v2/teams/5": () => success(enginesJson),
  "GET /v2/teams/5/memberships": () => success([ownerMembershipJson])
}
