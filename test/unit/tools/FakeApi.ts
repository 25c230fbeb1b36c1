/**
 * A fake Cal.com API v2 for the tool tests: an injectable `fetch` (nothing global is patched)
 * answering Cal.com-shaped JSON from fixtures, with per-test overrides by route, and a record of
 * every request. Plus `runTool`, which calls one tool through the toolkit's handlers on a real
 * `CalCom` client built with that `fetch`.
 *
 * Test infrastructure only.
 */

import type { Tool } from "effect/ai"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { CalCom } from "../../../src/index.js"
import { CalComToolkit, layer } from "../../../src/tools/index.js"

export const API_KEY = "cal_test_secret_key_0123456789"
export const BASE_URL = "https://api.cal.com"

export interface FakeRequest {
  readonly method: string
  /** Path without the query (`/v2/bookings/abc`). */
  readonly path: string
  readonly query: URLSearchParams
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>>
}

export interface FakeAnswer {
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** Answers a request, or `undefined` to fall through to the fixtures. */
export type Route = (request: FakeRequest) => FakeAnswer | undefined

export const ok = (data: unknown, extra: Record<string, unknown> = {}): FakeAnswer => ({
  status: 200,
  body: { status: "success", data, ...extra }
})

export const apiError = (status: number, code: string, message: string, headers?: Record<string, string>) => ({
  status,
  body: { status: "error", timestamp: "2026-01-01T00:00:00.000Z", path: "/v2", error: { code, message } },
  ...(headers === undefined ? {} : { headers })
})

// ---------------------------------------------------------------------------------------------
// Fixtures (Cal.com's field names and types)
// ---------------------------------------------------------------------------------------------

export const user = {
  id: 7,
  username: "ada",
  email: "ada@example.com",
  name: "Ada Lovelace",
  timeZone: "Europe/Rome",
  weekStart: "Monday",
  defaultScheduleId: 3,
  timeFormat: 24,
  organizationId: null
}

export const eventType = {
  id: 42,
  title: "Intro call",
  slug: "intro",
  lengthInMinutes: 30,
  description: "A first chat",
  hidden: false,
  ownerId: 7,
  bookingUrl: "https://cal.com/ada/intro",
  locations: [],
  bookingFields: []
}

/** Offered slots of event type 42 (Europe/Rome is UTC+1 in December). */
export const slotStarts = [
  "2026-12-01T09:00:00.000+01:00",
  "2026-12-01T09:30:00.000+01:00",
  "2026-12-01T10:00:00.000+01:00",
  "2026-12-02T09:00:00.000+01:00",
  "2026-12-03T15:00:00.000+01:00",
  "2026-12-04T09:00:00.000+01:00"
]

const plus30 = (start: string) => new Date(new Date(start).getTime() + 30 * 60_000).toISOString()

/** `GET /v2/slots` data: by day, each slot with `start` and `end` (format=range). */
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

export const booking = (overrides: Record<string, unknown> = {}) => ({
  id: 1001,
  uid: "bk_123",
  title: "Intro call between Ada Lovelace and Grace Hopper",
  description: "",
  status: "accepted",
  start: "2026-12-01T08:00:00.000Z",
  end: "2026-12-01T08:30:00.000Z",
  duration: 30,
  eventTypeId: 42,
  eventType: { id: 42, slug: "intro" },
  location: "https://cal.com/video/abc",
  meetingUrl: "https://cal.com/video/abc",
  hosts: [{ id: 7, name: "Ada Lovelace", email: "ada@example.com", username: "ada", timeZone: "Europe/Rome" }],
  attendees: [{ name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York", language: "en" }],
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: null,
  ...overrides
})

export const team = {
  id: 5,
  name: "Analytical Engines",
  slug: "engines",
  isOrganization: false,
  parentId: null,
  bio: "We build engines",
  timeZone: "Europe/London",
  isPrivate: false
}

export const membership = {
  id: 900,
  userId: 7,
  teamId: 5,
  accepted: true,
  role: "OWNER",
  user: { email: "ada@example.com", username: "ada", name: "Ada Lovelace" }
}

/** Answers the operations the tools use, from the fixtures. */
const fixtures: Route = ({ method, path, query, body }) => {
  if (method === "GET" && path === "/v2/me") return ok(user)
  if (method === "PATCH" && path === "/v2/me") return ok({ ...user, ...(body as object) })
  if (method === "GET" && path === "/v2/event-types") return ok([eventType])
  if (method === "GET" && path === "/v2/event-types/42") return ok(eventType)
  if (method === "GET" && path.startsWith("/v2/event-types/")) {
    return apiError(404, "NotFoundException", "Event type not found")
  }
  if (method === "GET" && path === "/v2/slots") {
    return ok(slotsData(query.get("start") ?? "", query.get("end") ?? ""))
  }
  if (method === "GET" && path === "/v2/bookings") {
    return ok([booking()], {
      pagination: {
        totalItems: 3,
        remainingItems: 2,
        returnedItems: 1,
        itemsPerPage: 1,
        currentPage: 1,
        totalPages: 3,
        hasNextPage: true,
        hasPreviousPage: false
      }
    })
  }
  if (method === "POST" && path === "/v2/bookings") {
    const input = body as { start: string; attendee: { name: string; email: string; timeZone: string } }
    return {
      status: 201,
      body: {
        status: "success",
        data: booking({
          uid: "bk_new",
          start: input.start,
          end: plus30(input.start),
          attendees: [{ ...input.attendee, language: "en" }]
        })
      }
    }
  }
  if (method === "GET" && path === "/v2/bookings/bk_123") return ok(booking())
  if (method === "POST" && path === "/v2/bookings/bk_123/reschedule") {
    const input = body as { start: string }
    return {
      status: 201,
      body: {
        status: "success",
        data: booking({ uid: "bk_moved", start: input.start, end: plus30(input.start), rescheduledFromUid: "bk_123" })
      }
    }
  }
  if (method === "POST" && path === "/v2/bookings/bk_123/cancel") {
    const input = body as { cancellationReason?: string }
    return ok(booking({ status: "cancelled", cancellationReason: input.cancellationReason ?? null }))
  }
  if (method === "GET" && path.startsWith("/v2/bookings/"))
    return apiError(404, "NotFoundException", "Booking not found")
  if (method === "GET" && path === "/v2/teams") return ok([team])
  if (method === "GET" && path === "/v2/teams/5") return ok(team)
  if (method === "GET" && path === "/v2/teams/5/memberships") return ok([membership])
  return undefined
}

export interface FakeApi {
  readonly fetch: typeof globalThis.fetch
  readonly requests: ReadonlyArray<FakeRequest>
}

/** A fake API: `routes` first (in order), then the fixtures; anything else is a 404. */
export const makeFakeApi = (...routes: ReadonlyArray<Route>): FakeApi => {
  const requests: Array<FakeRequest> = []
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init)
    const url = new URL(request.url)
    const text = request.body === null ? "" : await request.text()
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    const recorded: FakeRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: text === "" ? undefined : JSON.parse(text),
      headers
    }
    requests.push(recorded)
    const answer =
      [...routes, fixtures].reduce<FakeAnswer | undefined>((found, route) => found ?? route(recorded), undefined) ??
      apiError(404, "NotFoundException", `no fake route for ${request.method} ${url.pathname}`)
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "content-type": "application/json", ...answer.headers }
    })
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

type Tools = (typeof CalComToolkit)["tools"]

/** The handler's final result for one call: the typed result, its JSON, and whether it failed. */
export interface ToolOutcome<Name extends keyof Tools> {
  readonly result: Tool.Result<Tools[Name]>
  readonly encoded: unknown
  readonly isFailure: boolean
  readonly failureOrigin: Tool.FailureOrigin | undefined
}

/**
 * Calls tool `name` with `params` (as a model would send them) through the toolkit handlers, on
 * a `CalCom` client whose `fetch` is `api.fetch` (no retries, so no waiting).
 */
export const runTool = <Name extends keyof Tools & string>(api: FakeApi, name: Name, params: unknown) =>
  Effect.gen(function* () {
    const toolkit = yield* CalComToolkit
    const stream = yield* toolkit.handle(name, params as Tool.ParametersEncoded<Tools[Name]>)
    const results = yield* Stream.runCollect(stream)
    const last = results[results.length - 1]
    if (last === undefined) return yield* Effect.die(`${name} produced no result`)
    const outcome: ToolOutcome<Name> = {
      result: last.result,
      encoded: last.encodedResult,
      isFailure: last.isFailure,
      failureOrigin: last.failureOrigin
    }
    return outcome
  }).pipe(
    Effect.provide(
      layer.pipe(
        Layer.provide(CalCom.layer({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: api.fetch, retry: { maxRetries: 0 } }))
      )
    )
  )
