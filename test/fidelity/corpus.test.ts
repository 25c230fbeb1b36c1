/**
 * Fidelity: every response body in `corpus/` (what Cal.com really sends, each with its source and
 * the `cal-api-version` it was produced under) goes through the public facade operation that
 * calls that endpoint, with a `fetch` injected through the layer, and the result must carry the
 * values the body holds: ids, uids, instants, statuses and counts, not merely decode.
 *
 * A case file: `{ title, sources, call: { op, args }, responses: [{ route, status, calApiVersion,
 * body } | { route, network }], expect, defects? }`. A route is `METHOD /path` with optional
 * `?name=value` pairs that the request's query must contain. Each request must carry the
 * `cal-api-version` its response was recorded under (none when `null`). `expect` is matched
 * against the result with instants as UTC ISO strings: objects by the keys given, arrays by
 * length and element, `{ $count, $first, $last }` for long lists.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import {
  type BusyTimesInput,
  CalCom,
  type CalComApi,
  type CalComError,
  type CalculateSlotsInput,
  type CreateBookingInput,
  type CreateEventTypeInput,
  type CreateMembershipInput,
  type CreateScheduleInput,
  type CreateWebhookInput,
  type EarliestInput,
  type ListBookingsInput,
  type ListEventTypesInput,
  type RescheduleBookingInput,
  type SlotsInput,
  type UpdateEventTypeInput,
  type UpdateMeInput,
  type UpdateMembershipInput,
  type UpdateScheduleInput,
  type UpdateWebhookInput
} from "../../src/index.js"

interface Source {
  readonly repo?: string
  readonly path?: string
  readonly commit?: string
  readonly url?: string
  readonly note?: string
}

interface Exchange {
  readonly route: string
  readonly calApiVersion: string | null
  readonly status?: number
  readonly body?: unknown
  /** Instead of an answer: the connection fails after the request was sent. */
  readonly network?: string
}

interface Case {
  readonly file: string
  readonly title: string
  readonly sources: ReadonlyArray<Source>
  readonly call: { readonly op: string; readonly args: ReadonlyArray<unknown> }
  readonly responses: ReadonlyArray<Exchange>
  readonly expect: unknown
  readonly defects?: ReadonlyArray<string>
}

const root = join(import.meta.dirname, "corpus")
const cases: ReadonlyArray<Case> = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(root, file), "utf8")) as Omit<Case, "file">) }))

type Run = (cal: CalComApi, args: ReadonlyArray<unknown>) => Effect.Effect<unknown, CalComError>

/** Every facade operation that sends a request, and how a case's `args` call it. */
const operations: Record<string, Run> = {
  "me.get": (cal) => cal.me.get(),
  "me.update": (cal, [input]) => cal.me.update(input as UpdateMeInput),
  "eventTypes.list": (cal, [input]) => cal.eventTypes.list(input as ListEventTypesInput),
  "eventTypes.get": (cal, [id, options]) => cal.eventTypes.get(id as number, options as { teamId?: number }),
  "eventTypes.create": (cal, [input]) => cal.eventTypes.create(input as CreateEventTypeInput),
  "eventTypes.update": (cal, [id, patch, options]) =>
    cal.eventTypes.update(id as number, patch as UpdateEventTypeInput, options as { teamId?: number }),
  "eventTypes.delete": (cal, [id, options]) => cal.eventTypes.delete(id as number, options as { teamId?: number }),
  "availability.slots": (cal, [input]) => cal.availability.slots(input as SlotsInput),
  "availability.earliest": (cal, [input]) => cal.availability.earliest(input as EarliestInput),
  "bookings.list": (cal, [input]) => cal.bookings.list(input as ListBookingsInput),
  "bookings.stream": (cal, [input]) =>
    Effect.map(Stream.runCollect(cal.bookings.stream(input as ListBookingsInput)), (all) => Array.from(all)),
  "bookings.get": (cal, [uid]) => cal.bookings.get(uid as string),
  "bookings.create": (cal, [input]) => cal.bookings.create(input as CreateBookingInput),
  "bookings.reschedule": (cal, [uid, input]) => cal.bookings.reschedule(uid as string, input as RescheduleBookingInput),
  "bookings.cancel": (cal, [uid, input]) => cal.bookings.cancel(uid as string, input as { reason?: string }),
  "teams.list": (cal) => cal.teams.list(),
  "teams.get": (cal, [id]) => cal.teams.get(id as number),
  "teams.eventTypes": (cal, [id]) => cal.teams.eventTypes(id as number),
  "teams.memberships.create": (cal, [teamId, input]) =>
    cal.teams.memberships.create(teamId as number, input as CreateMembershipInput),
  "teams.memberships.update": (cal, [teamId, id, patch]) =>
    cal.teams.memberships.update(teamId as number, id as number, patch as UpdateMembershipInput),
  "teams.memberships.delete": (cal, [teamId, id]) => cal.teams.memberships.delete(teamId as number, id as number),
  "schedules.list": (cal) => cal.schedules.list(),
  "schedules.getDefault": (cal) => cal.schedules.getDefault(),
  "schedules.get": (cal, [id]) => cal.schedules.get(id as number),
  "schedules.create": (cal, [input]) => cal.schedules.create(input as CreateScheduleInput),
  "schedules.update": (cal, [id, patch]) => cal.schedules.update(id as number, patch as UpdateScheduleInput),
  "schedules.delete": (cal, [id]) => cal.schedules.delete(id as number),
  "webhooks.list": (cal) => cal.webhooks.list(),
  "webhooks.create": (cal, [input]) => cal.webhooks.create(input as CreateWebhookInput),
  "webhooks.update": (cal, [id, patch]) => cal.webhooks.update(id as string, patch as UpdateWebhookInput),
  "webhooks.delete": (cal, [id]) => cal.webhooks.delete(id as string),
  "calendars.busyTimes": (cal, [input]) => cal.calendars.busyTimes(input as BusyTimesInput),
  "routingForms.calculateSlots": (cal, [input]) => cal.routingForms.calculateSlots(input as CalculateSlotsInput)
}

/** Operations whose success body the facade ignores: a corpus body would test nothing. */
const bodiless = new Set(["eventTypes.delete", "schedules.delete"])

/** The defects found against the live API; each must have a body that shows it. */
const defects = [
  "webhook-id-string",
  "host-unknown",
  "host-name-null",
  "recurring-create-array",
  "recurring-get-array",
  "recurring-reconcile",
  "status-awaiting-host",
  "seated-slots",
  "seated-create-seatuid",
  "pagination-optional",
  "older-release",
  "managed-create-array",
  "busy-times-calendars-to-load",
  "routing-form-body",
  "routing-form-slots"
]

// --- The fake server -------------------------------------------------------------------------

const routeOf = (route: string) => {
  const [method = "", target = ""] = route.split(" ")
  const url = new URL(target, "https://api.cal.com")
  return { method, path: url.pathname, query: [...url.searchParams] }
}

/** A `fetch` answering from the case's exchanges, recording what does not match. */
const serve = (exchanges: ReadonlyArray<Exchange>) => {
  const problems: Array<string> = []
  const served = new Set<number>()
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const index = exchanges.findIndex((exchange, i) => {
      const route = routeOf(exchange.route)
      return (
        !served.has(i) &&
        route.method === request.method &&
        route.path === url.pathname &&
        route.query.every(([name, value]) => url.searchParams.get(name) === value)
      )
    })
    const exchange = exchanges[index]
    if (exchange === undefined) {
      problems.push(`unexpected ${request.method} ${url.pathname}${url.search}`)
      return new Response(JSON.stringify({ status: "error", error: { code: "NotFoundException" } }), { status: 404 })
    }
    served.add(index)
    const version = request.headers.get("cal-api-version")
    if (version !== exchange.calApiVersion) {
      problems.push(`${exchange.route}: sent cal-api-version ${version}, recorded under ${exchange.calApiVersion}`)
    }
    if (exchange.network !== undefined) {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error(exchange.network), { code: "ECONNRESET" }) })
    }
    return new Response(JSON.stringify(exchange.body), {
      status: exchange.status ?? 200,
      headers: { "content-type": "application/json" }
    })
  }
  const unserved = () => exchanges.filter((_, i) => !served.has(i)).map((e) => `never requested: ${e.route}`)
  return { fetch, problems, unserved }
}

// --- Matching ----------------------------------------------------------------------------------

/** The result as plain data: instants as UTC ISO strings, secrets as a marker. */
const project = (value: unknown): unknown => {
  if (DateTime.isDateTime(value)) return DateTime.formatIso(DateTime.toUtc(value))
  if (Redacted.isRedacted(value)) return "<redacted>"
  if (Array.isArray(value)) return value.map(project)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, project(v)]))
  }
  return value
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Where `actual` differs from `expected` (empty when it matches). */
const differences = (actual: unknown, expected: unknown, at = "result"): Array<string> => {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${JSON.stringify(actual)}`]
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} items, got ${actual.length}`]
    return expected.flatMap((item, i) => differences(actual[i], item, `${at}[${i}]`))
  }
  if (isRecord(expected) && "$count" in expected) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${JSON.stringify(actual)}`]
    return [
      ...(actual.length === expected["$count"]
        ? []
        : [`${at}: expected ${expected["$count"]} items, got ${actual.length}`]),
      ...("$first" in expected ? differences(actual[0], expected["$first"], `${at}[0]`) : []),
      ...("$last" in expected ? differences(actual[actual.length - 1], expected["$last"], `${at}[last]`) : [])
    ]
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`]
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual ? differences(actual[key], value, `${at}.${key}`) : [`${at}.${key}: missing`]
    )
  }
  return Object.is(actual, expected)
    ? []
    : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
}

const runCase = (c: Case) =>
  Effect.gen(function* () {
    const run = operations[c.call.op]
    if (run === undefined) return assert.fail(`${c.file}: unknown operation ${c.call.op}`)
    const server = serve(c.responses)
    const context = yield* Layer.build(
      CalCom.layer({
        apiKey: "cal_test_fidelity_0123456789abcdef",
        baseUrl: "https://api.cal.com",
        fetch: server.fetch,
        retry: { maxRetries: 0 }
      })
    )
    const cal = Context.get(context, CalCom)
    const result = yield* Effect.result(run(cal, c.call.args))
    if (result._tag === "Failure") {
      return assert.fail(`${c.file}: ${c.call.op} failed: ${result.failure._tag}: ${result.failure.message}`)
    }
    assert.deepStrictEqual([...server.problems, ...server.unserved()], [], c.file)
    if (c.expect === null) assert.isUndefined(result.success, c.file)
    else assert.deepStrictEqual(differences(project(result.success), c.expect), [], c.file)
  })

// --- The corpus ------------------------------------------------------------------------------

describe("corpus", () => {
  it("holds at least 60 bodies, each with its source and cal-api-version", () => {
    const bodies = cases.flatMap((c) => c.responses.filter((r) => r.body !== undefined))
    assert.isAtLeast(bodies.length, 60)
    for (const c of cases) {
      assert.isAbove(c.sources.length, 0, c.file)
      for (const s of c.sources) {
        assert.isTrue(
          (typeof s.repo === "string" && typeof s.path === "string" && /^[0-9a-f]{40}$/.test(s.commit ?? "")) ||
            (typeof s.url === "string" && s.url.startsWith("https://")),
          `${c.file}: a source needs repo, path and commit, or a URL`
        )
      }
      for (const r of c.responses) assert.isTrue("calApiVersion" in r, `${c.file}: ${r.route} has no calApiVersion`)
    }
  })

  it("covers every operation of the facade that reads a response body", () => {
    const covered = new Set(cases.map((c) => c.call.op))
    assert.deepStrictEqual(
      Object.keys(operations).filter((op) => !covered.has(op) && !bodiless.has(op)),
      []
    )
  })

  it("has a body for every defect found against the live API", () => {
    const shown = new Set(cases.flatMap((c) => c.defects ?? []))
    assert.deepStrictEqual(
      defects.filter((d) => !shown.has(d)),
      []
    )
  })
})

describe("every body decodes through its facade operation, with its values", () => {
  for (const c of cases) {
    it.effect(`${relative(".", c.file)}: ${c.title}`, () => runCase(c))
  }
})
