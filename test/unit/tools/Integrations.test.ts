/**
 * The calendars, conferencing and routing tools: the request each sends, the answer in UTC and
 * local time within its output schema, and arguments refused (named by the tool's arguments)
 * before anything is sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { ToolFailure } from "../../../src/tools/index.js"
import { connectedCalendarJson, destinationCalendarJson, success } from "../support/CalComFixtures.js"
import { assertConforms, makeFakeApi, runTool } from "./support.js"

const issuesOf = (encoded: unknown) => (encoded as ToolFailure).issues?.map((i) => i.path) ?? []

describe("calendar tools", () => {
  it.effect("list_calendars names each account's credential_id and calendars, and the destination", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/calendars": () =>
          success({ connectedCalendars: [connectedCalendarJson()], destinationCalendar: destinationCalendarJson })
      })
      const outcome = yield* runTool(api, "list_calendars", {})
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("list_calendars", outcome)
      const result = outcome.encoded as {
        accounts: ReadonlyArray<{ credential_id: number; calendars: ReadonlyArray<{ external_id: string }> }>
        destination?: { external_id?: string }
      }
      assert.strictEqual(result.accounts[0]?.credential_id, 135)
      assert.deepStrictEqual(
        result.accounts[0]?.calendars.map((c) => c.external_id),
        ["ada@example.com", "en.uk#holiday@group.v.calendar.google.com"]
      )
      assert.strictEqual(result.destination?.external_id, "ada@example.com")
    })
  )

  it.effect("get_busy_times reads whole days in the zone and shows each interval in UTC and locally", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/calendars/busy-times": () =>
          success([{ start: "2026-12-01T09:00:00.000Z", end: "2026-12-01T10:00:00.000Z", source: "google" }])
      })
      const outcome = yield* runTool(api, "get_busy_times", {
        credential_id: 135,
        external_id: "ada@example.com",
        start_date: "2026-12-01",
        end_date: "2026-12-01",
        timezone: "Europe/Rome"
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("get_busy_times", outcome)
      assert.deepStrictEqual(outcome.encoded, {
        timezone: "Europe/Rome",
        count: 1,
        busy: [
          {
            start: { utc: "2026-12-01T09:00:00Z", local: "2026-12-01T10:00:00+01:00", timezone: "Europe/Rome" },
            end: { utc: "2026-12-01T10:00:00Z", local: "2026-12-01T11:00:00+01:00", timezone: "Europe/Rome" }
          }
        ]
      })
      const query = api.requests[0]?.query
      assert.strictEqual(query?.get("dateFrom"), "2026-12-01")
      assert.strictEqual(query?.get("timeZone"), "Europe/Rome")
    })
  )

  it.effect("get_busy_times refuses an end before the start, a bad credential and a bad zone before sending", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const dates = yield* runTool(api, "get_busy_times", {
        credential_id: 0,
        external_id: "ada@example.com",
        start_date: "2026-12-02",
        end_date: "2026-12-01",
        timezone: "UTC"
      })
      assert.sameMembers(issuesOf(dates.encoded), ["credential_id"])
      const zone = yield* runTool(api, "get_busy_times", {
        credential_id: 1,
        external_id: "x",
        start_date: "2026-12-01",
        end_date: "2026-12-01",
        timezone: "Moon/Base"
      })
      assert.deepStrictEqual(issuesOf(zone.encoded), ["timezone"])
      const order = yield* runTool(api, "get_busy_times", {
        credential_id: 1,
        external_id: "x",
        start_date: "2026-12-02",
        end_date: "2026-12-01",
        timezone: "UTC"
      })
      assert.deepStrictEqual(issuesOf(order.encoded), ["end_date"])
      assert.lengthOf(api.requests, 0)
    })
  )
})

describe("conferencing tools", () => {
  it.effect("list, get and set the default app; set answers what Cal.com now has", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        "GET /v2/conferencing": () =>
          success([
            { id: 11, type: "zoom_video", userId: 7, invalid: false },
            { id: 12, type: "google_video", userId: 7, invalid: true }
          ]),
        "POST /v2/conferencing/zoom/default": () => success(null),
        "GET /v2/conferencing/default": (_request, call) => success(call === 0 ? {} : { appSlug: "zoom" })
      })
      const list = yield* runTool(api, "list_conferencing_apps", {})
      assertConforms("list_conferencing_apps", list)
      assert.deepStrictEqual(list.encoded, {
        count: 2,
        apps: [
          { credential_id: 11, type: "zoom_video", invalid: false },
          { credential_id: 12, type: "google_video", invalid: true }
        ]
      })
      const none = yield* runTool(api, "get_default_conferencing_app", {})
      assertConforms("get_default_conferencing_app", none)
      assert.deepStrictEqual(none.encoded, {})
      const set = yield* runTool(api, "set_default_conferencing_app", { app: "zoom" })
      assert.isFalse(set.isFailure, JSON.stringify(set.encoded))
      assertConforms("set_default_conferencing_app", set)
      assert.deepStrictEqual(set.encoded, { default: { app: "zoom" } })
    })
  )

  it.effect("a slug that is not one path segment is refused, named app", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const outcome = yield* runTool(api, "set_default_conferencing_app", { app: "../me" })
      assert.deepStrictEqual(issuesOf(outcome.encoded), ["app"])
      assert.lengthOf(api.requests, 0)
    })
  )
})

describe("calculate_routing_slots", () => {
  const FORM = "a8ba1b9d-6b37-4d0a-8b4c-3e5ad1e4a2f1"
  it.effect("routes the answers and lists the event type's slots in the asked days", () =>
    Effect.gen(function* () {
      const api = makeFakeApi({
        [`POST /v2/routing-forms/${FORM}/calculate-slots`]: () =>
          success({
            eventTypeId: 81,
            slots: {
              "2026-12-07": [{ start: "2026-12-07T09:00:00.000+01:00", end: "2026-12-07T10:00:00.000+01:00" }]
            }
          })
      })
      const outcome = yield* runTool(api, "calculate_routing_slots", {
        routing_form_id: FORM,
        response: { sport: "football", skills: ["dribbling"] },
        start_date: "2026-12-07",
        end_date: "2026-12-07",
        timezone: "Europe/Rome"
      })
      assert.isFalse(outcome.isFailure, JSON.stringify(outcome.encoded))
      assertConforms("calculate_routing_slots", outcome)
      const result = outcome.encoded as {
        event_type_id: number
        count: number
        slots: ReadonlyArray<{ start: { utc: string } }>
      }
      assert.strictEqual(result.event_type_id, 81)
      assert.deepStrictEqual(
        result.slots.map((s) => s.start.utc),
        ["2026-12-07T08:00:00Z"]
      )
      assert.deepStrictEqual(api.requests[0]?.json, { sport: "football", skills: ["dribbling"] })
    })
  )

  it.effect("a range over 31 days and a non-positive duration are refused before sending", () =>
    Effect.gen(function* () {
      const api = makeFakeApi()
      const range = yield* runTool(api, "calculate_routing_slots", {
        routing_form_id: FORM,
        response: {},
        start_date: "2026-12-01",
        end_date: "2027-01-15",
        timezone: "UTC"
      })
      assert.deepStrictEqual(issuesOf(range.encoded), ["end_date"])
      const duration = yield* runTool(api, "calculate_routing_slots", {
        routing_form_id: FORM,
        response: {},
        start_date: "2026-12-01",
        end_date: "2026-12-01",
        timezone: "UTC",
        duration_minutes: 0
      })
      assert.deepStrictEqual(issuesOf(duration.encoded), ["duration_minutes"])
      assert.lengthOf(api.requests, 0)
    })
  )
})
