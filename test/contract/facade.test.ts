/**
 * Every facade operation against Prism (`--errors`, started by scripts/contract.ts): Prism
 * rejects any request the patched document does not allow (credentials, cal-api-version, body,
 * query), and each response must decode into the facade's models.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { CalCom, type CalComOptions } from "../../src/index.js"
import { mockUrl } from "./mock.js"

/** Observes the real requests (and can add headers) without replacing `fetch`. */
const recording = (extraHeaders: Record<string, string> = {}) => {
  const seen: Array<{ method: string; path: string; search: string; version: string | null }> = []
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init)
    for (const [k, v] of Object.entries(extraHeaders)) request.headers.set(k, v)
    const url = new URL(request.url)
    seen.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      version: request.headers.get("cal-api-version")
    })
    return globalThis.fetch(request)
  }
  return { fetch, seen }
}

const options = (more: Partial<CalComOptions> = {}): CalComOptions => ({
  apiKey: "cal_test_contract_key_0123456789",
  baseUrl: mockUrl(),
  retry: { maxRetries: 0 },
  ...more
})

const withCal = <A, E>(f: (cal: CalCom["Service"]) => Effect.Effect<A, E>, more: Partial<CalComOptions> = {}) =>
  Effect.flatMap(Effect.service(CalCom), f).pipe(Effect.provide(CalCom.layer(options(more))))

describe("facade against Prism", () => {
  it.live("me: get and update", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const me = yield* cal.me.get()
        assert.strictEqual(me.email, "jane.doe@example.com")
        assert.strictEqual(me.timeZone, "Europe/London")
        const updated = yield* cal.me.update({ timeZone: "Europe/Rome", locale: "it" })
        assert.isNumber(updated.id)
      })
    )
  )

  it.live("event types: list, get, create, update, delete, and a team's", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const list = yield* cal.eventTypes.list()
        assert.isAbove(list.length, 0)
        const one = yield* cal.eventTypes.get(list[0]?.id ?? 1)
        assert.isString(one.slug)
        const created = yield* cal.eventTypes.create({
          title: "Intro call",
          slug: "intro-call",
          lengthInMinutes: 30,
          description: "A first chat"
        })
        assert.isNumber(created.id)
        const updated = yield* cal.eventTypes.update(created.id, { title: "Intro call (30 min)" })
        assert.isNumber(updated.id)
        yield* cal.eventTypes.delete(created.id)
        const team = yield* cal.eventTypes.list({ teamId: 7 })
        assert.isArray(team)
        const teamCreated = yield* cal.eventTypes.create({
          title: "Team sync",
          slug: "team-sync",
          lengthInMinutes: 30,
          teamId: 7,
          schedulingType: "collective"
        })
        assert.isNumber(teamCreated.id)
      })
    )
  )

  it.live("availability: slots flattened and sorted with ends, earliest across event types", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const slots = yield* cal.availability.slots({
          eventTypeId: 1,
          start: "2050-09-05",
          end: "2050-09-06",
          timeZone: "Europe/Rome"
        })
        assert.isAbove(slots.length, 0)
        for (let i = 1; i < slots.length; i++) {
          assert.isTrue(DateTime.toEpochMillis(slots[i - 1]!.start) <= DateTime.toEpochMillis(slots[i]!.start))
        }
        for (const slot of slots) assert.isTrue(DateTime.isLessThan(slot.start, slot.end))
        const bySlug = yield* cal.availability.slots({
          username: "jane-doe",
          eventTypeSlug: "intro",
          start: "2050-09-05",
          end: "2050-09-06",
          timeZone: "UTC",
          duration: 60
        })
        assert.strictEqual(bySlug.length, slots.length)
        const earliest = yield* cal.availability.earliest({
          eventTypeIds: [1, 2],
          start: "2050-09-05",
          end: "2050-09-06",
          timeZone: "UTC",
          count: 3
        })
        assert.strictEqual(earliest.length, 3)
      })
    )
  )

  it.live("bookings: list with filters (comma-joined status), get, create, reschedule, cancel", () => {
    const { fetch, seen } = recording()
    return withCal(
      (cal) =>
        Effect.gen(function* () {
          const page = yield* cal.bookings.list({
            status: ["upcoming", "past"],
            attendeeEmail: "ada@example.com",
            eventTypeId: 1,
            afterStart: "2050-01-01T00:00:00Z",
            beforeEnd: "2051-01-01T00:00:00+01:00",
            take: 10
          })
          assert.isArray(page.bookings)
          assert.isNumber(page.pagination.totalItems)
          assert.include(seen.at(-1)?.search ?? "", "status=upcoming,past")
          const booking = yield* cal.bookings.get("booking_uid_123")
          assert.isString(booking.uid)
          const slots = yield* cal.availability.slots({
            eventTypeId: 1,
            start: "2050-09-05",
            end: "2050-09-05",
            timeZone: "Europe/Rome"
          })
          const created = yield* cal.bookings.create({
            eventTypeId: 1,
            start: slots[0]!.start,
            attendee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London", language: "en" },
            notes: "Agenda: engines",
            guests: ["charles@example.com"],
            metadata: { source: "contract" }
          })
          assert.isString(created.confirmation.uid)
          assert.strictEqual(seen.filter((r) => r.method === "POST" && r.path === "/v2/bookings").length, 1)
          const moved = yield* cal.bookings.reschedule(created.booking.uid, {
            start: slots[1]!.start,
            reason: "clash",
            checkAvailability: false
          })
          assert.strictEqual(moved.previousUid, created.booking.uid)
          const cancelled = yield* cal.bookings.cancel(moved.booking.uid, { reason: "no longer needed" })
          assert.isString(cancelled.confirmation.status)
          assert.isTrue(seen.filter((r) => r.path.startsWith("/v2/bookings")).every((r) => r.version === "2024-08-13"))
          assert.isTrue(seen.filter((r) => r.path === "/v2/slots").every((r) => r.version === "2024-09-04"))
        }),
      { fetch }
    )
  })

  it.live("bookings: a stream walks several pages with growing skip", () => {
    const { fetch, seen } = recording()
    return withCal(
      (cal) =>
        Effect.gen(function* () {
          const bookings = yield* cal.bookings.stream({ take: 1 }).pipe(Stream.take(3), Stream.runCollect)
          assert.strictEqual(bookings.length, 3)
          const skips = seen
            .filter((r) => r.path === "/v2/bookings")
            .map((r) => new URLSearchParams(r.search).get("skip"))
          assert.deepStrictEqual(skips, ["0", "1", "2"])
        }),
      { fetch }
    )
  })

  it.live("teams: list, get with members, event types", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        const teams = yield* cal.teams.list()
        assert.isArray(teams)
        const team = yield* cal.teams.get(7)
        assert.isArray(team.members)
        assert.isString(team.name)
        const eventTypes = yield* cal.teams.eventTypes(7)
        assert.isArray(eventTypes)
      })
    )
  )

  it.live("schedules: list, default, get, create, update, delete", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        assert.isArray(yield* cal.schedules.list())
        const fallback = yield* cal.schedules.getDefault()
        assert.isString(fallback.timeZone)
        assert.isNumber((yield* cal.schedules.get(1)).id)
        const created = yield* cal.schedules.create({
          name: "Office hours",
          timeZone: "Europe/Rome",
          isDefault: false,
          availability: [{ days: ["Monday", "Wednesday"], startTime: "09:00", endTime: "13:00" }],
          overrides: [{ date: "2026-12-24", startTime: "10:00", endTime: "12:00" }]
        })
        assert.isNumber(created.id)
        assert.isNumber((yield* cal.schedules.update(created.id, { name: "Office hours (winter)" })).id)
        yield* cal.schedules.delete(created.id)
      })
    )
  )

  it.live("webhooks: list, create (secret stays redacted), update, delete", () =>
    withCal((cal) =>
      Effect.gen(function* () {
        assert.isArray(yield* cal.webhooks.list())
        const created = yield* cal.webhooks.create({
          subscriberUrl: "https://example.com/cal-webhook",
          triggers: ["BOOKING_CREATED", "BOOKING_CANCELLED"],
          secret: "whsec_contract"
        })
        assert.isString(created.id)
        assert.notInclude(JSON.stringify(created), "whsec_contract")
        assert.isString((yield* cal.webhooks.update(created.id, { active: false })).id)
        yield* cal.webhooks.delete(created.id)
      })
    )
  )
})

describe("error mapping over real HTTP (Prefer: code=…)", () => {
  const failWith = (code: number) => {
    const { fetch } = recording({ Prefer: `code=${code}` })
    return Effect.flip(withCal((cal) => cal.bookings.get("booking_uid_123"), { fetch }))
  }

  it.live("401 → CalComAuthError", () =>
    Effect.map(failWith(401), (error) => {
      assert.strictEqual(error._tag, "CalComAuthError")
      assert.strictEqual((error as { status?: number }).status, 401)
    })
  )
  it.live("404 → CalComNotFoundError naming the booking", () =>
    Effect.map(failWith(404), (error) => {
      assert.strictEqual(error._tag, "CalComNotFoundError")
      assert.include(error.message, "booking_uid_123")
      assert.strictEqual((error as { code?: string }).code, "NotFoundException")
    })
  )
  it.live("422 → CalComValidationError", () =>
    Effect.map(failWith(422), (error) => assert.strictEqual(error._tag, "CalComValidationError"))
  )
  it.live("429 → CalComRateLimitError with the reset from X-RateLimit-Reset-Default", () =>
    Effect.map(failWith(429), (error) => {
      assert.strictEqual(error._tag, "CalComRateLimitError")
    })
  )
  it.live("500 → CalComApiError", () =>
    Effect.map(failWith(500), (error) => {
      assert.strictEqual(error._tag, "CalComApiError")
      assert.strictEqual((error as { status?: number }).status, 500)
    })
  )
  it.live("a wrong key shape is refused before any request", () =>
    Effect.map(
      Effect.flip(
        Effect.flatMap(Effect.service(CalCom), (cal) => cal.me.get()).pipe(
          Effect.provide(CalCom.layer(options({ apiKey: "cal_x9" })))
        )
      ),
      (error) => {
        assert.strictEqual(error._tag, "CalComConfigError")
        assert.notInclude(error.message, "cal_x9")
      }
    )
  )
})
