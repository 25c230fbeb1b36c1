/**
 * The fake Cal.com server that chaos tests and benchmarks run against: its API behaviour, each
 * fault kind, rate limiting and socket accounting, exercised over real HTTP with global fetch.
 */
import { afterEach, assert, describe, it } from "vitest"
import {
  API_VERSIONS,
  DEFAULT_API_KEY,
  type FakeCalCom,
  type FakeCalComOptions,
  startFakeCalCom
} from "../support/FakeCalCom.js"

// A Monday far in the future, so "upcoming" never flips while the suite runs.
const MONDAY = "2050-09-05"
const at = (time: string): string => `${MONDAY}T${time}:00.000Z`

const servers: Array<FakeCalCom> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const start = async (options?: FakeCalComOptions): Promise<FakeCalCom> => {
  const server = await startFakeCalCom(options)
  servers.push(server)
  return server
}

interface CallOptions {
  readonly body?: unknown
  /** `null` omits the header; absent sends the route family's right version. */
  readonly version?: string | null
  /** `null` omits Authorization. */
  readonly key?: string | null
  readonly signal?: AbortSignal
}

const call = (server: FakeCalCom, method: string, path: string, options: CallOptions = {}): Promise<Response> => {
  const headers: Record<string, string> = {}
  const key = options.key === undefined ? DEFAULT_API_KEY : options.key
  if (key !== null) headers["Authorization"] = `Bearer ${key}`
  const family = path.split("/")[2]?.split("?")[0] ?? ""
  const version = options.version === undefined ? API_VERSIONS[family] : options.version
  if (version !== null && version !== undefined) headers["cal-api-version"] = version
  if (options.body !== undefined) headers["Content-Type"] = "application/json"
  return fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.signal === undefined ? {} : { signal: options.signal })
  })
}

interface Envelope {
  readonly status: string
  readonly data?: unknown
  readonly pagination?: Record<string, unknown>
  readonly error?: { readonly code: string; readonly message: string; readonly details?: unknown }
  readonly path?: string
  readonly timestamp?: string
}

const json = async (response: Response): Promise<Envelope> => (await response.json()) as Envelope

const record = (value: unknown): Record<string, unknown> => {
  assert.isObject(value)
  return value as Record<string, unknown>
}

const bookingBody = (startIso: string, extra: Record<string, unknown> = {}) => ({
  start: startIso,
  eventTypeId: 1001,
  attendee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" },
  ...extra
})

const createBooking = async (server: FakeCalCom, startIso: string): Promise<Record<string, unknown>> => {
  const response = await call(server, "POST", "/v2/bookings", { body: bookingBody(startIso) })
  assert.strictEqual(response.status, 201)
  return record((await json(response)).data)
}

describe("FakeCalCom: auth and versions", () => {
  it("answers 401 without a key or with a wrong key, 498 for an expired key", async () => {
    const server = await start({ expiredKeys: ["cal_expired"] })

    const missing = await call(server, "GET", "/v2/me", { key: null })
    assert.strictEqual(missing.status, 401)
    const missingBody = await json(missing)
    assert.strictEqual(missingBody.status, "error")
    assert.strictEqual(missingBody.error?.code, "UnauthorizedException")
    assert.strictEqual(missingBody.path, "/v2/me")
    assert.isFalse(Number.isNaN(Date.parse(missingBody.timestamp ?? "")))

    const wrong = await call(server, "GET", "/v2/me", { key: "cal_wrong" })
    assert.strictEqual(wrong.status, 401)
    assert.strictEqual((await json(wrong)).error?.code, "UnauthorizedException")

    const expired = await call(server, "GET", "/v2/me", { key: "cal_expired" })
    assert.strictEqual(expired.status, 498)

    const ok = await call(server, "GET", "/v2/me")
    assert.strictEqual(ok.status, 200)
    assert.strictEqual(record((await json(ok)).data)["username"], "fake-user")
  })

  it("answers 404 on versioned routes with a missing or wrong cal-api-version; /v2/me and /v2/teams take none", async () => {
    const server = await start()
    for (const version of [null, "2024-06-14"]) {
      const response = await call(server, "GET", "/v2/bookings", { version })
      assert.strictEqual(response.status, 404)
      assert.strictEqual((await json(response)).error?.code, "NotFoundException")
    }
    assert.strictEqual(
      (await call(server, "GET", "/v2/slots?eventTypeId=1001&start=2050-09-05&end=2050-09-05", { version: null }))
        .status,
      404
    )
    assert.strictEqual((await call(server, "GET", "/v2/event-types", { version: "2024-08-13" })).status, 404)
    assert.strictEqual((await call(server, "GET", "/v2/me", { version: null })).status, 200)
    assert.strictEqual((await call(server, "GET", "/v2/teams", { version: null })).status, 200)
    const unknown = await call(server, "GET", "/v2/nothing-here")
    assert.strictEqual(unknown.status, 404)
    assert.strictEqual((await json(unknown)).error?.code, "NotFoundException")
  })
})

describe("FakeCalCom: resources", () => {
  it("serves me (and merges PATCH), event types and teams", async () => {
    const server = await start()
    const patched = await call(server, "PATCH", "/v2/me", { body: { timeZone: "Europe/Rome", timeFormat: 12 } })
    assert.strictEqual(patched.status, 200)
    const me = record((await json(patched)).data)
    assert.strictEqual(me["timeZone"], "Europe/Rome")
    assert.strictEqual(me["timeFormat"], 12)
    assert.strictEqual(record((await json(await call(server, "GET", "/v2/me"))).data)["timeZone"], "Europe/Rome")
    assert.strictEqual((await call(server, "PATCH", "/v2/me", { body: { timeFormat: 13 } })).status, 400)

    const types = (await json(await call(server, "GET", "/v2/event-types"))).data
    assert.isArray(types)
    const list = types as Array<Record<string, unknown>>
    assert.deepStrictEqual(
      list.map((t) => [t["id"], t["lengthInMinutes"]]),
      [
        [1001, 30],
        [1002, 60],
        [1003, 30]
      ]
    )
    for (const field of ["slug", "title", "locations", "bookingFields", "ownerId", "users", "bookingUrl", "hidden"]) {
      assert.property(list[0], field)
    }
    const one = await call(server, "GET", "/v2/event-types/1002")
    assert.strictEqual(record((await json(one)).data)["slug"], "60min")
    assert.strictEqual((await call(server, "GET", "/v2/event-types/9999")).status, 404)

    const teams = (await json(await call(server, "GET", "/v2/teams"))).data as Array<Record<string, unknown>>
    assert.isAtLeast(teams.length, 2)
    const team = await call(server, "GET", `/v2/teams/${String(teams[0]?.["id"])}`)
    assert.strictEqual(record((await json(team)).data)["isOrganization"], false)
    assert.strictEqual((await call(server, "GET", "/v2/teams/9999")).status, 404)
  })

  it("creates, gets and lists bookings with Cal.com's pagination numbers", async () => {
    const server = await start()
    const created = await createBooking(server, at("10:00"))
    assert.isString(created["uid"])
    assert.strictEqual(created["status"], "accepted")
    assert.strictEqual(created["start"], at("10:00"))
    assert.strictEqual(created["end"], at("10:30"))
    assert.strictEqual(created["eventTypeId"], 1001)
    assert.deepStrictEqual(created["eventType"], { id: 1001, slug: "30min" })
    const attendees = created["attendees"] as Array<Record<string, unknown>>
    assert.strictEqual(attendees[0]?.["email"], "ada@example.com")
    for (const field of ["id", "title", "hosts", "createdAt", "updatedAt", "location", "metadata", "duration"]) {
      assert.property(created, field)
    }

    const got = await call(server, "GET", `/v2/bookings/${String(created["uid"])}`)
    assert.strictEqual(got.status, 200)
    assert.deepStrictEqual((await json(got)).data, created)
    assert.strictEqual((await call(server, "GET", "/v2/bookings/no-such-uid")).status, 404)

    await createBooking(server, at("11:00"))
    await createBooking(server, at("12:00"))
    const page = await json(await call(server, "GET", "/v2/bookings?take=2&skip=2"))
    assert.strictEqual((page.data as Array<unknown>).length, 1)
    assert.deepStrictEqual(page.pagination, {
      totalItems: 3,
      remainingItems: 0,
      returnedItems: 1,
      itemsPerPage: 2,
      currentPage: 2,
      totalPages: 2,
      hasNextPage: false,
      hasPreviousPage: true
    })
    const first = await json(await call(server, "GET", "/v2/bookings?take=2"))
    assert.strictEqual(first.pagination?.["hasNextPage"], true)
    assert.strictEqual(first.pagination?.["remainingItems"], 1)
    assert.strictEqual((await call(server, "GET", "/v2/bookings?take=251")).status, 400)
    assert.strictEqual((await call(server, "GET", "/v2/bookings?status=bogus")).status, 400)

    const missing = await call(server, "POST", "/v2/bookings", { body: { eventTypeId: 1001 } })
    assert.strictEqual(missing.status, 400)
    assert.strictEqual((await json(missing)).error?.code, "BadRequestException")
  })

  it("refuses a second booking of the same event type and start with 409", async () => {
    const server = await start()
    await createBooking(server, at("09:00"))
    const again = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    assert.strictEqual(again.status, 409)
    assert.strictEqual((await json(again)).error?.code, "ConflictException")
    const otherType = await call(server, "POST", "/v2/bookings", {
      body: bookingBody(at("09:00"), { eventTypeId: 1002 })
    })
    assert.strictEqual(otherType.status, 201)
    assert.strictEqual(server.bookings().length, 2)
  })

  it("cancels a booking, frees its slot and filters by status", async () => {
    const server = await start()
    const booking = await createBooking(server, at("13:00"))
    const cancelled = await call(server, "POST", `/v2/bookings/${String(booking["uid"])}/cancel`, {
      body: { cancellationReason: "No longer needed" }
    })
    assert.strictEqual(cancelled.status, 200)
    const data = record((await json(cancelled)).data)
    assert.strictEqual(data["status"], "cancelled")
    assert.strictEqual(data["cancellationReason"], "No longer needed")
    assert.strictEqual(
      (await call(server, "POST", `/v2/bookings/${String(booking["uid"])}/cancel`, { body: {} })).status,
      400
    )
    await createBooking(server, at("13:00"))

    const byStatus = async (status: string): Promise<number> =>
      (await json(await call(server, "GET", `/v2/bookings?status=${status}`))).pagination?.["totalItems"] as number
    assert.strictEqual(await byStatus("cancelled"), 1)
    assert.strictEqual(await byStatus("upcoming"), 1)
    assert.strictEqual(await byStatus("upcoming,cancelled"), 2)
    assert.strictEqual(await byStatus("past"), 0)
  })

  it("reschedules into a new booking with a new uid and cancels the old one", async () => {
    const server = await start()
    const old = await createBooking(server, at("14:00"))
    const response = await call(server, "POST", `/v2/bookings/${String(old["uid"])}/reschedule`, {
      body: { start: at("15:00"), reschedulingReason: "Clash" }
    })
    assert.strictEqual(response.status, 201)
    const next = record((await json(response)).data)
    assert.notStrictEqual(next["uid"], old["uid"])
    assert.strictEqual(next["start"], at("15:00"))
    assert.strictEqual(next["rescheduledFromUid"], old["uid"])
    const previous = record((await json(await call(server, "GET", `/v2/bookings/${String(old["uid"])}`))).data)
    assert.strictEqual(previous["status"], "cancelled")
    assert.strictEqual(previous["rescheduledToUid"], next["uid"])
    // The old slot is free again, the new one is taken.
    assert.strictEqual((await call(server, "POST", "/v2/bookings", { body: bookingBody(at("14:00")) })).status, 201)
    assert.strictEqual((await call(server, "POST", "/v2/bookings", { body: bookingBody(at("15:00")) })).status, 409)
  })

  it("lists weekday half-hour slots 09:00–17:00 UTC minus accepted bookings", async () => {
    const server = await start()
    await createBooking(server, at("10:00"))
    // Monday to Saturday: five weekdays, Saturday contributes nothing.
    const response = await call(server, "GET", `/v2/slots?eventTypeId=1001&start=${MONDAY}&end=2050-09-10&timeZone=UTC`)
    assert.strictEqual(response.status, 200)
    const data = record((await json(response)).data)
    assert.deepStrictEqual(Object.keys(data), ["2050-09-05", "2050-09-06", "2050-09-07", "2050-09-08", "2050-09-09"])
    const monday = data[MONDAY] as Array<{ start: string }>
    assert.strictEqual(monday.length, 15)
    assert.strictEqual(monday[0]?.start, at("09:00"))
    assert.notInclude(
      monday.map((s) => s.start),
      at("10:00")
    )
    assert.strictEqual((data["2050-09-06"] as Array<unknown>).length, 16)

    const rome = record(
      (
        await json(
          await call(server, "GET", `/v2/slots?eventTypeId=1002&start=${MONDAY}&end=${MONDAY}&timeZone=Europe/Rome`)
        )
      ).data
    )
    const romeSlots = rome[MONDAY] as Array<{ start: string }>
    assert.strictEqual(romeSlots[0]?.start, "2050-09-05T11:00:00.000+02:00")
    assert.strictEqual(romeSlots.length, 15) // 60-minute slots must end by 17:00 UTC
    assert.strictEqual(
      (await call(server, "GET", "/v2/slots?eventTypeId=42&start=2050-09-05&end=2050-09-05")).status,
      404
    )
  })
})

describe("FakeCalCom: faults", () => {
  it("error-before fails without doing the work; attempt lets the retry succeed", async () => {
    const server = await start()
    server.setFaultPlan(({ method, attempt }) =>
      method === "POST" && attempt === 1 ? { kind: "error-before", status: 503 } : undefined
    )
    const failed = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    assert.strictEqual(failed.status, 503)
    assert.strictEqual((await json(failed)).error?.code, "ServiceUnavailableException")
    assert.strictEqual(server.bookings().length, 0)
    const retried = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    assert.strictEqual(retried.status, 201)
    assert.strictEqual(server.bookings().length, 1)
  })

  it("error-after does the work and then answers 500, so a blind retry meets a 409", async () => {
    const server = await start()
    server.setFaultPlan(({ attempt }) => (attempt === 1 ? { kind: "error-after" } : undefined))
    const failed = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    assert.strictEqual(failed.status, 500)
    assert.strictEqual((await json(failed)).error?.code, "InternalServerErrorException")
    assert.strictEqual(server.bookings().length, 1)
    assert.strictEqual(server.bookings()[0]?.start, at("09:00"))
    const retried = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    assert.strictEqual(retried.status, 409)
  })

  it("reset-before and reset-after make fetch reject; only reset-after leaves the booking", async () => {
    const server = await start()
    server.setFaultPlan(() => ({ kind: "reset-before" }))
    let error: unknown = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) }).catch((e) => e)
    assert.instanceOf(error, TypeError)
    assert.strictEqual(server.bookings().length, 0)

    server.setFaultPlan(() => ({ kind: "reset-after" }))
    error = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) }).catch((e) => e)
    assert.instanceOf(error, TypeError)
    assert.strictEqual(server.bookings().length, 1)

    server.setFaultPlan(undefined)
    assert.strictEqual((await call(server, "GET", "/v2/me")).status, 200)
  })

  it("slow holds the answer back long enough for a client timeout, and the server survives the abort", async () => {
    const server = await start()
    server.setFaultPlan(({ attempt }) => (attempt === 1 ? { kind: "slow", delayMs: 500 } : undefined))
    const error: unknown = await call(server, "GET", "/v2/me", { signal: AbortSignal.timeout(50) }).catch((e) => e)
    assert.instanceOf(error, DOMException)
    assert.strictEqual((error as DOMException).name, "TimeoutError")
    // Let the held-back answer hit the aborted socket; nothing may crash.
    await new Promise((resolve) => setTimeout(resolve, 550))
    const started = Date.now()
    assert.strictEqual((await call(server, "GET", "/v2/me")).status, 200)
    assert.isBelow(Date.now() - started, 400)
  })

  it("malformed-json answers 200 with a body that is not JSON", async () => {
    const server = await start()
    server.setFaultPlan(() => ({ kind: "malformed-json" }))
    const response = await call(server, "GET", "/v2/me")
    assert.strictEqual(response.status, 200)
    const text = await response.text()
    assert.throws(() => JSON.parse(text))
  })

  it("missing-fields answers a success envelope whose data lacks id, uid and start", async () => {
    const server = await start()
    server.setFaultPlan(({ method }) => (method === "POST" ? { kind: "missing-fields" } : undefined))
    const response = await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    assert.strictEqual(response.status, 201)
    const body = await json(response)
    assert.strictEqual(body.status, "success")
    const data = record(body.data)
    assert.notProperty(data, "uid")
    assert.notProperty(data, "id")
    assert.notProperty(data, "start")
    assert.property(data, "end")
    assert.strictEqual(server.bookings().length, 1)
  })

  it("rate-limit answers 429 at once, without Retry-After", async () => {
    const server = await start({ rateLimit: { limit: 10, windowMs: 60_000 } })
    server.setFaultPlan(() => ({ kind: "rate-limit" }))
    const response = await call(server, "GET", "/v2/me")
    assert.strictEqual(response.status, 429)
    assert.isNull(response.headers.get("retry-after"))
    assert.strictEqual(response.headers.get("x-ratelimit-remaining-default"), "0")
    assert.strictEqual((await json(response)).error?.code, "ThrottlerException")

    server.reset()
    assert.strictEqual((await call(server, "GET", "/v2/me")).status, 200)
    assert.strictEqual(server.requests.length, 1)
  })

  it("counts attempts per exact request and records every request", async () => {
    const server = await start()
    const seen: Array<string> = []
    server.setFaultPlan(({ method, path, attempt }) => {
      seen.push(`${method} ${path} #${attempt}`)
      return undefined
    })
    await call(server, "GET", "/v2/me")
    await call(server, "GET", "/v2/me")
    await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:00")) })
    await call(server, "POST", "/v2/bookings", { body: bookingBody(at("09:30")) })
    assert.deepStrictEqual(seen, ["GET /v2/me #1", "GET /v2/me #2", "POST /v2/bookings #1", "POST /v2/bookings #1"])
    assert.strictEqual(server.requests.length, 4)
    const post = server.requests[2]
    assert.strictEqual(post?.headers["cal-api-version"], "2024-08-13")
    assert.strictEqual(post?.headers["authorization"], `Bearer ${DEFAULT_API_KEY}`)
    assert.strictEqual(record(post?.body)["start"], at("09:00"))
  })
})

describe("FakeCalCom: rate limit", () => {
  it("answers 429 after `limit` requests, with headers and no Retry-After, until the window resets", async () => {
    let clock = 1_000_000
    const server = await start({ rateLimit: { limit: 3, windowMs: 60_000 }, now: () => clock })
    for (let i = 1; i <= 3; i++) {
      const response = await call(server, "GET", "/v2/me")
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.headers.get("x-ratelimit-limit-default"), "3")
      assert.strictEqual(response.headers.get("x-ratelimit-remaining-default"), String(3 - i))
      assert.strictEqual(response.headers.get("x-ratelimit-reset-default"), "60")
    }
    clock += 15_500
    const limited = await call(server, "GET", "/v2/me")
    assert.strictEqual(limited.status, 429)
    assert.isNull(limited.headers.get("retry-after"))
    assert.strictEqual(limited.headers.get("x-ratelimit-remaining-default"), "0")
    assert.strictEqual(limited.headers.get("x-ratelimit-reset-default"), "45")
    assert.strictEqual((await json(limited)).error?.code, "ThrottlerException")

    // Errors count too and carry the headers.
    clock += 45_000
    const notFound = await call(server, "GET", "/v2/nope")
    assert.strictEqual(notFound.status, 404)
    assert.strictEqual(notFound.headers.get("x-ratelimit-remaining-default"), "2")
    assert.strictEqual((await call(server, "GET", "/v2/me")).status, 200)
  })
})

describe("FakeCalCom: scale and sockets", () => {
  it("pages through 10,000 seeded bookings at take=100 quickly, over kept-alive connections", async () => {
    const t0 = Date.now()
    const server = await start({ seedBookings: 10_000 })
    const uids = new Set<string>()
    let skip = 0
    let pages = 0
    for (;;) {
      const page = await json(await call(server, "GET", `/v2/bookings?take=100&skip=${skip}`))
      for (const booking of page.data as Array<Record<string, unknown>>) uids.add(String(booking["uid"]))
      pages++
      assert.strictEqual(page.pagination?.["totalItems"], 10_000)
      assert.strictEqual(page.pagination?.["currentPage"], pages)
      if (page.pagination?.["hasNextPage"] !== true) break
      skip += 100
    }
    assert.strictEqual(pages, 100)
    assert.strictEqual(uids.size, 10_000)
    assert.isBelow(Date.now() - t0, 5_000)
    // Keep-alive: undici may open a second connection while the first is still being released
    // after its first answer, but never one per page.
    assert.isAtMost(server.sockets().opened, 2)

    const past = await json(await call(server, "GET", "/v2/bookings?status=past&take=1"))
    const upcoming = await json(await call(server, "GET", "/v2/bookings?status=upcoming&take=1"))
    const cancelled = await json(await call(server, "GET", "/v2/bookings?status=cancelled&take=1"))
    assert.strictEqual(past.pagination?.["totalItems"], 4_500)
    assert.strictEqual(upcoming.pagination?.["totalItems"], 4_500)
    assert.strictEqual(cancelled.pagination?.["totalItems"], 1_000)
    const byEmail = await json(await call(server, "GET", "/v2/bookings?attendeeEmail=attendee7@example.com"))
    assert.strictEqual(byEmail.pagination?.["totalItems"], 200)

    // A client that walks away mid-body must not take the server down.
    const controller = new AbortController()
    const response = await call(server, "GET", "/v2/bookings?take=250", { signal: controller.signal })
    controller.abort()
    await response.text().catch(() => undefined)
    assert.strictEqual((await call(server, "GET", "/v2/me")).status, 200)
  })

  it("counts connections and destroys every open one on close()", async () => {
    const server = await startFakeCalCom()
    await Promise.all(Array.from({ length: 4 }, () => call(server, "GET", "/v2/me").then((r) => r.text())))
    const before = server.sockets()
    assert.isAtLeast(before.opened, 1)
    assert.isAtLeast(before.open, 1)
    await server.close()
    assert.strictEqual(server.sockets().open, 0)
    assert.strictEqual(server.sockets().opened, before.opened)
    const error: unknown = await call(server, "GET", "/v2/me").catch((e) => e)
    assert.instanceOf(error, TypeError)
  })
})
