/**
 * The tools beyond the default toolset (profile, earliest slots, schedules, event type writes,
 * webhooks): the request each sends, the view it answers, and the arguments refused before
 * anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import {
  type RouteTable,
  scheduleJson,
  slotsData,
  success,
  WEBHOOK_SECRET,
  webhookJson
} from "../support/CalComFixtures.js"
import type { FakeFetch, RecordedRequest } from "../support/FakeFetch.js"
import { assertConforms, makeFakeApi, runTool } from "./support.js"

const sentTo = (api: FakeFetch, method: string, path: string): ReadonlyArray<RecordedRequest> =>
  api.requests.filter((r) => r.method === method && r.pathname === path)

const schedule = scheduleJson({
  id: 9,
  timeZone: "Europe/Rome",
  overrides: [{ date: "2026-12-24", startTime: "09:00", endTime: "12:00" }]
})

const scheduleRoutes: RouteTable = {
  "GET /v2/schedules": () => success([schedule]),
  "GET /v2/schedules/default": () => success(schedule),
  "POST /v2/schedules": () => success({ ...schedule, id: 10 }),
  "DELETE /v2/schedules/9": () => success(null)
}

const issuesOf = (encoded: unknown) => (encoded as ToolFailure).issues?.map((i) => i.path) ?? []

describe("schedules tools", () => {
  it.effect("get_schedule without an id is the default schedule, in snake_case", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(scheduleRoutes)
      const outcome = yield* runTool(api, "get_schedule", {})
      assert.isFalse(outcome.isFailure)
      assert.deepStrictEqual(outcome.encoded, {
        schedule_id: 9,
        name: "Working hours",
        timezone: "Europe/Rome",
        is_default: true,
        availability: [{ days: ["Monday", "Tuesday"], start_time: "09:00", end_time: "17:00" }],
        overrides: [{ date: "2026-12-24", start_time: "09:00", end_time: "12:00" }]
      })
    })
  )

  it.effect("create_schedule sends the facade's shape; bad hours and zones are refused before sending", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(scheduleRoutes)
      const outcome = yield* runTool(api, "create_schedule", {
        name: " Evenings ",
        timezone: "Europe/Rome",
        availability: [{ days: ["Friday"], start_time: "18:00", end_time: "21:00" }]
      })
      assert.isFalse(outcome.isFailure)
      assert.deepStrictEqual(sentTo(api, "POST", "/v2/schedules")[0]?.json, {
        name: "Evenings",
        timeZone: "Europe/Rome",
        isDefault: false,
        availability: [{ days: ["Friday"], startTime: "18:00", endTime: "21:00" }]
      })
      const bad = makeFakeApi(scheduleRoutes)
      const refused = yield* runTool(bad, "create_schedule", {
        name: "x",
        timezone: "Mars/Base",
        availability: [{ days: [], start_time: "18:00", end_time: "9:00" }],
        overrides: [
          { date: "2026-02-30", start_time: "10:00", end_time: "11:00" },
          { date: "2026-12-30", start_time: "10:00", end_time: "09:00" }
        ]
      })
      assert.isTrue(refused.isFailure)
      assert.sameMembers(issuesOf(refused.encoded), [
        "timezone",
        "availability.0.days",
        "availability.0.end_time",
        "overrides.0.date",
        "overrides.1.end_time"
      ])
      assert.lengthOf(bad.requests, 0)
    })
  )

  it.effect("delete_schedule says what it deleted", () =>
    Effect.gen(function* () {
      const api = makeFakeApi(scheduleRoutes)
      const outcome = yield* runTool(api, "delete_schedule", { schedule_id: 9 })
      assert.deepStrictEqual(outcome.encoded, { deleted: true, id: 9 })
      assert.lengthOf(sentTo(api, "DELETE", "/v2/schedules/9"), 1)
    })
  )
})

describe("webhook tools", () => {
  it.effect("list_webhooks never shows the secret, only whether there is one", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/webhooks": () => success([webhookJson()]) })
      const outcome = yield* runTool(api, "list_webhooks", {})
      assert.deepStrictEqual(outcome.encoded, {
        webhooks: [
          {
            webhook_id: "2mdfnn2",
            subscriber_url: "https://hooks.example.com/cal",
            triggers: ["BOOKING_CREATED", "BOOKING_CANCELLED"],
            active: true,
            has_secret: true
          }
        ],
        count: 1
      })
      assert.notInclude(JSON.stringify(outcome.encoded), WEBHOOK_SECRET)
    })
  )

  it.effect("create_webhook refuses a non-URL and an empty trigger list before sending", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "create_webhook", { subscriber_url: "javascript:alert(1)", triggers: [] })
      assert.sameMembers(issuesOf(outcome.encoded), ["subscriber_url", "triggers"])
      assert.lengthOf(api.requests, 0)
    })
  )
})

describe("event type writes", () => {
  it.effect("create_event_type checks slug and length, and asks for a scheduling type for teams", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "create_event_type", {
        title: "Intro",
        slug: "Intro Call",
        length_minutes: 0,
        team_id: 5
      })
      assert.sameMembers(issuesOf(outcome.encoded), ["slug", "length_minutes"])
      const team = yield* runTool(api, "create_event_type", {
        title: "Intro",
        slug: "intro",
        length_minutes: 30,
        team_id: 5
      })
      assert.deepStrictEqual(issuesOf(team.encoded), ["scheduling_type"])
      assert.lengthOf(api.requests, 0)
    })
  )

  it.effect("update_event_type with nothing to change is refused", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "update_event_type", { event_type_id: 42 })
      assert.deepStrictEqual(issuesOf(outcome.encoded), ["arguments"])
      assert.lengthOf(api.requests, 0)
    })
  )
})

describe("profile and earliest slots", () => {
  it.effect("update_user_profile sends only the given fields", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "update_user_profile", { week_start: "Sunday", time_format: 12 })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assert.deepStrictEqual(sentTo(api, "PATCH", "/v2/me")[0]?.json, { weekStart: "Sunday", timeFormat: 12 })
    })
  )

  it.effect("find_earliest_slots merges event types, earliest first, with each slot's event type", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/slots": (r) => success(slotsData(r.query.get("start") ?? "", r.query.get("end") ?? ""))
      })
      const outcome = yield* runTool(api, "find_earliest_slots", {
        event_type_ids: [42, 43],
        start_date: "2026-12-01",
        end_date: "2026-12-02",
        timezone: "UTC",
        count: 3
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      const result = outcome.encoded as {
        count: number
        slots: ReadonlyArray<{ event_type_id: number; start: { utc: string } }>
      }
      assert.strictEqual(result.count, 3)
      const starts = result.slots.map((s) => s.start.utc)
      assert.deepStrictEqual(starts, [...starts].sort())
      assert.lengthOf(sentTo(api, "GET", "/v2/slots"), 2)
    })
  )
})

describe("private links and team schedules", () => {
  it.effect("list_event_type_private_links shows time- and usage-based links", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/event-types/42/private-links": () =>
          success([
            {
              linkId: "l1",
              eventTypeId: 42,
              isExpired: false,
              bookingUrl: "https://cal.com/d/l1/intro",
              expiresAt: "2026-12-31T00:00:00.000Z"
            },
            {
              linkId: "l2",
              eventTypeId: 42,
              isExpired: true,
              bookingUrl: "https://cal.com/d/l2/intro",
              maxUsageCount: 1,
              usageCount: 1
            }
          ])
      })
      const outcome = yield* runTool(api, "list_event_type_private_links", { event_type_id: 42 })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("list_event_type_private_links", outcome)
      assert.deepStrictEqual((outcome.encoded as { links: unknown }).links, [
        {
          link_id: "l1",
          booking_url: "https://cal.com/d/l1/intro",
          expired: false,
          expires_at: "2026-12-31T00:00:00.000Z"
        },
        { link_id: "l2", booking_url: "https://cal.com/d/l2/intro", expired: true, max_uses: 1, uses: 1 }
      ])
      const refused = yield* runTool(makeFakeApi(), "list_event_type_private_links", { event_type_id: -4 })
      assert.deepStrictEqual(issuesOf(refused.encoded), ["event_type_id"])
    })
  )

  it.effect("list_team_schedules answers the members' schedules in snake_case", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({ "GET /v2/teams/5/schedules": () => success([schedule]) })
      const outcome = yield* runTool(api, "list_team_schedules", { team_id: 5 })
      assertConforms("list_team_schedules", outcome)
      assert.strictEqual((outcome.encoded as { count: number }).count, 1)
      assert.strictEqual(
        (outcome.encoded as { schedules: ReadonlyArray<{ schedule_id: number }> }).schedules[0]?.schedule_id,
        9
      )
    })
  )
})
