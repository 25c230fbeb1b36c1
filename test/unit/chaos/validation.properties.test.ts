/**
 * Properties of client-side validation, over random inputs (fast-check, 2,000 runs per family):
 *
 * - an invalid input to any facade operation (bad ids, uids, emails, time zones, instants,
 *   ranges, slugs, page sizes, ...) fails with a typed `CalComValidationError` whose issues name
 *   the broken field, and sends no request (the injected `fetch` counts);
 * - a valid input is not refused by the client: its first request goes out.
 *
 * Each invalid input is a random valid input with one field broken, so the check that fires can
 * only be the one for that field.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import fc from "fast-check"
import { type CalComApi, type CalComError, make } from "../../../src/index.js"
import { outcomeOf } from "../../support/chaos.js"
import { errorEnvelope, makeFakeFetch } from "../support/FakeFetch.js"

const RUNS = 2_000
const VALID_RUNS = 300
const API_KEY = "cal_live_9d2e4b6a8c0f1e3d5b7a"

// ---------------------------------------------------------------------------------------------
// Valid values
// ---------------------------------------------------------------------------------------------

const id = fc.integer({ min: 1, max: 2 ** 31 - 1 })
const uid = fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/)
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/)
const email = fc.tuple(word, word, fc.constantFrom("com", "org", "io", "co.uk")).map(([l, d, t]) => `${l}@${d}.${t}`)
const name = fc.tuple(word, word).map(([a, b]) => `${a} ${b}`)
const timeZone = fc.constantFrom(
  "UTC",
  "Europe/Rome",
  "Europe/London",
  "America/New_York",
  "Asia/Kolkata",
  "Pacific/Auckland"
)
const slug = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("-"))
const epoch = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 11, 31) })
const instant = epoch.map((ms) => new Date(ms - (ms % 60_000)).toISOString())
const isoDate = epoch.map((ms) => new Date(ms).toISOString().slice(0, 10))
const minutes = fc.integer({ min: 1, max: 24 * 60 })
const hhmm = (min: number, max: number) =>
  fc
    .integer({ min, max })
    .map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`)
const weekday = fc.constantFrom("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

// ---------------------------------------------------------------------------------------------
// Invalid values
// ---------------------------------------------------------------------------------------------

/** Not a positive whole number that fits a JSON number exactly. */
const badId = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 0 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
  fc.constantFrom(2 ** 53, 2 ** 60, 1e21, 1e300)
)
const blank = fc.oneof(
  fc.constant(""),
  fc.stringMatching(/^[ \t\n]{1,4}$/),
  word.map((w) => ` ${w}`),
  word.map((w) => `${w}\t`)
)
const badEmail = fc.oneof(
  fc.constant(""),
  word,
  word.map((w) => `${w}@`),
  word.map((w) => `@${w}.com`),
  fc.tuple(word, word).map(([a, b]) => `${a}@${b}`),
  fc.tuple(word, word).map(([a, b]) => `${a} x@${b}.com`),
  fc.tuple(word, word).map(([a, b]) => `${a}@@${b}.com`),
  fc.tuple(word, word).map(([a, b]) => `${a}@${b}..com`)
)
const intlAccepts = (zone: string) => {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone })
    return true
  } catch {
    return false
  }
}
const badTimeZone = fc.oneof(
  fc.constantFrom("", "Europe/Atlantis", "Mars/Olympus_Mons", "Rome", "+02:00", "-05:00", "UTC+25"),
  fc.string({ maxLength: 20 }).filter((s) => !intlAccepts(s))
)
/** Strings that are not an instant with an offset: no offset, date only, or not a date at all. */
const badInstant = fc.oneof(
  instant.map((s) => s.slice(0, 19)),
  instant.map((s) => s.slice(0, 10)),
  instant.map((s) => s.replace("Z", "+0100")),
  fc.string({ maxLength: 24 }).filter((s) => !/(Z|[+-]\d{2}:\d{2})$/.test(s))
)
/** Instants that name no real moment: a day the month does not have, hour 24. */
const impossibleInstant = fc.oneof(
  fc.constantFrom("2026-02-29T10:00:00Z", "2026-02-30T10:00:00Z", "2026-04-31T10:00:00+02:00"),
  fc.integer({ min: 2026, max: 2030 }).map((y) => `${y}-02-30T09:00:00Z`),
  isoDate.map((d) => `${d}T24:00:00Z`)
)
const impossibleDate = fc.oneof(
  fc.constantFrom("2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10"),
  fc.integer({ min: 2026, max: 2030 }).map((y) => `${y}-02-30`)
)
const badSlug = fc.oneof(
  fc.constant(""),
  word.map((w) => `${w.toUpperCase()}A`),
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  fc.tuple(word, word).map(([a, b]) => `${a}--${b}`),
  word.map((w) => `-${w}`),
  word.map((w) => `${w}-`),
  word.map((w) => `${w}_x`),
  word.map((w) => `${w}é`)
)
const badTake = fc.oneof(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 251, max: 1e6 }), fc.constant(1.5))
const badSkip = fc.oneof(
  fc.integer({ min: -1000, max: -1 }),
  fc.constantFrom(0.5, Number.NaN, Number.NEGATIVE_INFINITY)
)
const badMinutes = fc.oneof(fc.integer({ min: -100, max: 0 }), fc.constantFrom(0.5, Number.NaN))
const tooLong = fc.integer({ min: 5_001, max: 6_000 }).map((n) => "x".repeat(n))
const badWeekday = fc.oneof(fc.constantFrom("monday", "Mon", "", "Funday"), word)
const badHhmm = fc.constantFrom("9:00", "24:00", "12:60", "noon", "", "12:00:00")

/** A broken input and the path the validation issue must name. */
interface Broken<I> {
  readonly input: I
  readonly path: string
}

/** `base` with one field set to a value from `bad`; the issue must name `path`. */
const breakField = <I, V>(
  base: fc.Arbitrary<I>,
  path: string,
  bad: fc.Arbitrary<V>,
  set: (input: I, value: V) => unknown
): fc.Arbitrary<Broken<I>> => fc.tuple(base, bad).map(([input, value]) => ({ input: set(input, value) as I, path }))

// ---------------------------------------------------------------------------------------------
// Operation families
// ---------------------------------------------------------------------------------------------

interface Family<I> {
  readonly name: string
  readonly valid: fc.Arbitrary<I>
  readonly invalid: fc.Arbitrary<Broken<I>>
  readonly run: (cal: CalComApi, input: I) => Effect.Effect<unknown, CalComError>
}

const family = <I>(f: Family<I>): Family<unknown> => f as unknown as Family<unknown>

const meUpdate = fc.record(
  {
    timeZone,
    name,
    weekStart: weekday,
    timeFormat: fc.constantFrom(12 as const, 24 as const),
    locale: fc.constantFrom("en", "it", "pt-BR", "de")
  },
  { requiredKeys: ["name"] }
)

const listInput = fc.record(
  {
    status: fc.subarray(["upcoming", "recurring", "past", "cancelled", "unconfirmed"] as const),
    afterStart: instant,
    beforeEnd: instant,
    eventTypeId: id,
    attendeeEmail: email,
    take: fc.integer({ min: 1, max: 250 }),
    skip: fc.integer({ min: 0, max: 10_000 })
  },
  { requiredKeys: [] }
)
const listBreaks = <I>(base: fc.Arbitrary<I>, withSkip: boolean) =>
  fc.oneof(
    breakField(
      base,
      "status.0",
      fc
        .string({ maxLength: 8 })
        .filter((s) => !["upcoming", "recurring", "past", "cancelled", "unconfirmed"].includes(s)),
      (i, v) => ({ ...i, status: [v] })
    ),
    breakField(base, "afterStart", badInstant, (i, v) => ({ ...i, afterStart: v })),
    breakField(base, "beforeEnd", badInstant, (i, v) => ({ ...i, beforeEnd: v })),
    breakField(base, "eventTypeId", badId, (i, v) => ({ ...i, eventTypeId: v })),
    breakField(base, "attendeeEmail", badEmail, (i, v) => ({ ...i, attendeeEmail: v })),
    breakField(base, "take", badTake, (i, v) => ({ ...i, take: v })),
    ...(withSkip ? [breakField(base, "skip", badSkip, (i, v) => ({ ...i, skip: v }))] : [])
  )

const createInput = fc.record(
  {
    eventTypeId: id,
    start: instant,
    attendee: fc.record({ name, email, timeZone }),
    notes: fc.string({ maxLength: 40 }),
    guests: fc.array(email, { maxLength: 3 }),
    lengthInMinutes: fc.constantFrom(15, 30, 60)
  },
  { requiredKeys: ["eventTypeId", "start", "attendee"] }
)

const slotsInput = fc
  .tuple(
    fc.oneof(
      id.map((eventTypeId) => ({ eventTypeId })),
      fc.record({ username: word, eventTypeSlug: slug })
    ),
    isoDate,
    fc.integer({ min: 0, max: 30 }),
    timeZone
  )
  .map(([target, start, days, tz]) => ({
    ...target,
    start,
    end: new Date(Date.parse(start) + days * 86_400_000).toISOString().slice(0, 10),
    timeZone: tz
  }))

const scheduleInput = fc.record({
  name,
  timeZone,
  isDefault: fc.boolean(),
  availability: fc.array(
    fc.record({
      days: fc.uniqueArray(weekday, { minLength: 1, maxLength: 7 }),
      startTime: hhmm(0, 600),
      endTime: hhmm(601, 1439)
    }),
    { maxLength: 3 }
  ),
  overrides: fc.array(fc.record({ date: isoDate, startTime: hhmm(0, 600), endTime: hhmm(601, 1439) }), { maxLength: 2 })
})

const webhookInput = fc.record(
  {
    subscriberUrl: word.map((w) => `https://${w}.example.com/hooks`),
    triggers: fc.uniqueArray(fc.constantFrom("BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED"), {
      minLength: 1
    }),
    active: fc.boolean(),
    payloadTemplate: fc.string({ maxLength: 20 }),
    secret: fc.string({ minLength: 8, maxLength: 20 })
  },
  { requiredKeys: ["subscriberUrl", "triggers"] }
)

const FAMILIES: ReadonlyArray<Family<unknown>> = [
  family({
    name: "me.update",
    valid: meUpdate,
    invalid: fc.oneof(
      fc.constant({ input: {}, path: "" }),
      breakField(meUpdate, "timeZone", badTimeZone, (i, v) => ({ ...i, timeZone: v })),
      breakField(meUpdate, "weekStart", badWeekday, (i, v) => ({ ...i, weekStart: v })),
      breakField(
        meUpdate,
        "timeFormat",
        fc.integer().filter((n) => n !== 12 && n !== 24),
        (i, v) => ({ ...i, timeFormat: v })
      ),
      breakField(
        meUpdate,
        "name",
        blank.filter((s) => s.trim() === ""),
        (i, v) => ({ ...i, name: v })
      ),
      breakField(meUpdate, "locale", fc.constantFrom("EN", "english", "e", "en_US", "en-", "pt-br-x"), (i, v) => ({
        ...i,
        locale: v
      }))
    ),
    run: (cal, input) => cal.me.update(input as Parameters<CalComApi["me"]["update"]>[0])
  }),
  family({
    name: "eventTypes.get",
    valid: fc.record({ id, teamId: fc.option(id, { nil: undefined }) }),
    invalid: fc.oneof(
      fc.record({ input: fc.record({ id: badId, teamId: fc.constant(undefined) }), path: fc.constant("id") }),
      fc.record({ input: fc.record({ id, teamId: badId }), path: fc.constant("teamId") })
    ),
    run: (cal, { id, teamId }) => cal.eventTypes.get(id, teamId === undefined ? {} : { teamId })
  }),
  family({
    name: "eventTypes.list",
    valid: fc.record({ username: word, ownerId: id, teamId: id }, { requiredKeys: [] }) as fc.Arbitrary<{
      readonly username?: string
      readonly ownerId?: number
      readonly teamId?: number
    }>,
    invalid: fc.oneof(
      fc.record({ input: fc.record({ teamId: badId }), path: fc.constant("teamId") }),
      fc.record({ input: fc.record({ ownerId: badId }), path: fc.constant("ownerId") }),
      fc.record({ input: fc.record({ username: blank }), path: fc.constant("username") })
    ),
    run: (cal, input) => cal.eventTypes.list(input as Parameters<CalComApi["eventTypes"]["list"]>[0])
  }),
  (() => {
    const base = fc.record({ title: name, slug, lengthInMinutes: minutes })
    return family({
      name: "eventTypes.create",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "title", blank, (i, v) => ({ ...i, title: v })),
        breakField(base, "slug", badSlug, (i, v) => ({ ...i, slug: v })),
        breakField(base, "lengthInMinutes", fc.oneof(badMinutes, fc.integer({ min: 1441, max: 1e5 })), (i, v) => ({
          ...i,
          lengthInMinutes: v
        })),
        breakField(base, "teamId", badId, (i, v) => ({ ...i, teamId: v, schedulingType: "collective" })),
        breakField(base, "schedulingType", fc.constantFrom("collective", "roundRobin", "managed"), (i, v) => ({
          ...i,
          schedulingType: v
        })),
        breakField(base, "schedulingType", id, (i, v) => ({ ...i, teamId: v }))
      ),
      run: (cal, input) => cal.eventTypes.create(input as Parameters<CalComApi["eventTypes"]["create"]>[0])
    })
  })(),
  (() => {
    const base = fc.record({
      id,
      input: fc.record({ title: name, slug, lengthInMinutes: minutes }, { requiredKeys: ["title"] })
    })
    return family({
      name: "eventTypes.update",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "id", badId, (i, v) => ({ ...i, id: v })),
        breakField(base, "", fc.constant({}), (i, v) => ({ ...i, input: v })),
        breakField(base, "slug", badSlug, (i, v) => ({ ...i, input: { ...i.input, slug: v } })),
        breakField(base, "title", blank, (i, v) => ({ ...i, input: { ...i.input, title: v } })),
        breakField(base, "lengthInMinutes", badMinutes, (i, v) => ({ ...i, input: { ...i.input, lengthInMinutes: v } }))
      ),
      run: (cal, { id, input }) => cal.eventTypes.update(id, input)
    })
  })(),
  family({
    name: "eventTypes.delete",
    valid: id,
    invalid: badId.map((input) => ({ input, path: "id" })),
    run: (cal, input) => cal.eventTypes.delete(input)
  }),
  family({
    name: "availability.slots",
    valid: slotsInput,
    invalid: fc.oneof(
      breakField(
        slotsInput,
        "start",
        fc.oneof(
          badInstant.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
          impossibleDate
        ),
        (i, v) => ({ ...i, start: v })
      ),
      breakField(
        slotsInput,
        "end",
        badInstant.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
        (i, v) => ({ ...i, end: v })
      ),
      breakField(slotsInput, "end", fc.integer({ min: 1, max: 400 }), (i, days) => ({
        ...i,
        end: new Date(Date.parse(i.start) - days * 86_400_000).toISOString().slice(0, 10)
      })),
      breakField(slotsInput, "timeZone", badTimeZone, (i, v) => ({ ...i, timeZone: v })),
      breakField(slotsInput, "eventTypeId", badId, (i, v) => ({
        start: i.start,
        end: i.end,
        timeZone: i.timeZone,
        eventTypeId: v
      })),
      breakField(slotsInput, "duration", badMinutes, (i, v) => ({ ...i, duration: v })),
      breakField(slotsInput, "username", blank, (i, v) => ({
        start: i.start,
        end: i.end,
        timeZone: i.timeZone,
        username: v,
        eventTypeSlug: "intro"
      })),
      breakField(slotsInput, "eventTypeSlug", blank, (i, v) => ({
        start: i.start,
        end: i.end,
        timeZone: i.timeZone,
        username: "ada",
        eventTypeSlug: v
      }))
    ),
    run: (cal, input) => cal.availability.slots(input as Parameters<CalComApi["availability"]["slots"]>[0])
  }),
  (() => {
    const base = slotsInput.chain((s) =>
      fc
        .record({ eventTypeIds: fc.array(id, { minLength: 1, maxLength: 4 }), count: fc.integer({ min: 1, max: 100 }) })
        .map((r) => ({ start: s.start, end: s.end, timeZone: s.timeZone, ...r }))
    )
    return family({
      name: "availability.earliest",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "eventTypeIds", fc.constant([]), (i, v) => ({ ...i, eventTypeIds: v })),
        breakField(base, "eventTypeIds.0", badId, (i, v) => ({ ...i, eventTypeIds: [v, ...i.eventTypeIds] })),
        breakField(
          base,
          "count",
          fc.oneof(fc.integer({ min: -10, max: 0 }), fc.integer({ min: 101, max: 1e4 }), fc.constant(2.5)),
          (i, v) => ({ ...i, count: v })
        ),
        breakField(base, "timeZone", badTimeZone, (i, v) => ({ ...i, timeZone: v }))
      ),
      run: (cal, input) => cal.availability.earliest(input as Parameters<CalComApi["availability"]["earliest"]>[0])
    })
  })(),
  family({
    name: "bookings.list",
    valid: listInput,
    invalid: listBreaks(listInput, true),
    run: (cal, input) => cal.bookings.list(input as Parameters<CalComApi["bookings"]["list"]>[0])
  }),
  family({
    name: "bookings.stream",
    valid: listInput.map(({ skip: _, ...rest }) => rest),
    invalid: listBreaks(
      listInput.map(({ skip: _, ...rest }) => rest),
      false
    ),
    run: (cal, input) => Stream.runDrain(cal.bookings.stream(input as Parameters<CalComApi["bookings"]["stream"]>[0]))
  }),
  family({
    name: "bookings.get",
    valid: uid,
    invalid: blank.map((input) => ({ input, path: "uid" })),
    run: (cal, input) => cal.bookings.get(input)
  }),
  family({
    name: "bookings.create",
    valid: createInput,
    invalid: fc.oneof(
      breakField(createInput, "eventTypeId", badId, (i, v) => ({ ...i, eventTypeId: v })),
      breakField(createInput, "start", badInstant, (i, v) => ({ ...i, start: v })),
      breakField(createInput, "end", fc.integer({ min: 0, max: 10_000 }), (i, m) => ({
        ...i,
        end: new Date(Date.parse(i.start) - m * 60_000).toISOString()
      })),
      breakField(createInput, "attendee.name", blank, (i, v) => ({ ...i, attendee: { ...i.attendee, name: v } })),
      breakField(createInput, "attendee.email", badEmail, (i, v) => ({ ...i, attendee: { ...i.attendee, email: v } })),
      breakField(createInput, "attendee.timeZone", badTimeZone, (i, v) => ({
        ...i,
        attendee: { ...i.attendee, timeZone: v }
      })),
      breakField(createInput, "guests.0", badEmail, (i, v) => ({ ...i, guests: [v, ...(i.guests ?? [])] })),
      breakField(createInput, "lengthInMinutes", badMinutes, (i, v) => ({ ...i, lengthInMinutes: v })),
      breakField(createInput, "notes", tooLong, (i, v) => ({ ...i, notes: v }))
    ),
    run: (cal, input) => cal.bookings.create(input as Parameters<CalComApi["bookings"]["create"]>[0])
  }),
  (() => {
    const base = fc.record({ uid, start: instant, reason: fc.string({ maxLength: 40 }) })
    return family({
      name: "bookings.reschedule",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "uid", blank, (i, v) => ({ ...i, uid: v })),
        breakField(base, "start", badInstant, (i, v) => ({ ...i, start: v })),
        breakField(base, "reason", tooLong, (i, v) => ({ ...i, reason: v }))
      ),
      run: (cal, { uid, start, reason }) => cal.bookings.reschedule(uid, { start, reason })
    })
  })(),
  (() => {
    const base = fc.record({ uid, reason: fc.string({ maxLength: 40 }) })
    return family({
      name: "bookings.cancel",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "uid", blank, (i, v) => ({ ...i, uid: v })),
        breakField(base, "reason", tooLong, (i, v) => ({ ...i, reason: v }))
      ),
      run: (cal, { uid, reason }) => cal.bookings.cancel(uid, { reason })
    })
  })(),
  family({
    name: "teams.get / teams.eventTypes",
    valid: fc.tuple(id, fc.boolean()),
    invalid: fc.tuple(badId, fc.boolean()).map((input) => ({ input, path: "teamId" })),
    run: (cal, [teamId, members]) => (members ? cal.teams.get(teamId) : cal.teams.eventTypes(teamId))
  }),
  family({
    name: "schedules.get / schedules.delete",
    valid: fc.tuple(id, fc.boolean()),
    invalid: fc.tuple(badId, fc.boolean()).map((input) => ({ input, path: "id" })),
    run: (cal, [scheduleId, get]) => (get ? cal.schedules.get(scheduleId) : cal.schedules.delete(scheduleId))
  }),
  family({
    name: "schedules.create",
    valid: scheduleInput,
    invalid: fc.oneof(
      breakField(scheduleInput, "name", blank, (i, v) => ({ ...i, name: v })),
      breakField(scheduleInput, "timeZone", badTimeZone, (i, v) => ({ ...i, timeZone: v })),
      breakField(scheduleInput, "isDefault", fc.constantFrom("yes", 1, null), (i, v) => ({ ...i, isDefault: v })),
      breakField(scheduleInput, "availability.0.days", fc.constant([]), (i, v) => ({
        ...i,
        availability: [{ days: v, startTime: "09:00", endTime: "17:00" }]
      })),
      breakField(scheduleInput, "availability.0.days.0", badWeekday, (i, v) => ({
        ...i,
        availability: [{ days: [v], startTime: "09:00", endTime: "17:00" }]
      })),
      breakField(scheduleInput, "availability.0.startTime", badHhmm, (i, v) => ({
        ...i,
        availability: [{ days: ["Monday"], startTime: v, endTime: "17:00" }]
      })),
      breakField(scheduleInput, "availability.0.endTime", hhmm(0, 540), (i, v) => ({
        ...i,
        availability: [{ days: ["Monday"], startTime: "09:00", endTime: v }]
      })),
      breakField(
        scheduleInput,
        "overrides.0.date",
        fc.constantFrom("2026-02-30", "2026-13-01", "tomorrow", "01/02/2026"),
        (i, v) => ({ ...i, overrides: [{ date: v, startTime: "09:00", endTime: "12:00" }] })
      )
    ),
    run: (cal, input) => cal.schedules.create(input as Parameters<CalComApi["schedules"]["create"]>[0])
  }),
  (() => {
    const base = fc.record({ id, input: scheduleInput.map(({ name }) => ({ name })) })
    return family({
      name: "schedules.update",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "id", badId, (i, v) => ({ ...i, id: v })),
        breakField(base, "", fc.constant({}), (i, v) => ({ ...i, input: v })),
        breakField(base, "timeZone", badTimeZone, (i, v) => ({ ...i, input: { ...i.input, timeZone: v } }))
      ),
      run: (cal, { id, input }) => cal.schedules.update(id, input)
    })
  })(),
  family({
    name: "webhooks.create",
    valid: webhookInput,
    invalid: fc.oneof(
      breakField(
        webhookInput,
        "subscriberUrl",
        fc.constantFrom("", "not a url", "ftp://example.com/x", "example.com/hook"),
        (i, v) => ({ ...i, subscriberUrl: v })
      ),
      breakField(webhookInput, "triggers", fc.constant([]), (i, v) => ({ ...i, triggers: v })),
      breakField(
        webhookInput,
        "triggers.0",
        fc.constantFrom("booking_created", "", "BOOKING-CREATED", "1BOOKING"),
        (i, v) => ({ ...i, triggers: [v] })
      )
    ),
    run: (cal, input) => cal.webhooks.create(input as Parameters<CalComApi["webhooks"]["create"]>[0])
  }),
  (() => {
    const base = fc.record({ id: uid, input: webhookInput, remove: fc.boolean() })
    return family({
      name: "webhooks.update / webhooks.delete",
      valid: base,
      invalid: fc.oneof(
        breakField(base, "id", fc.constantFrom("", " 2mdfnn2", "2mdfnn2 "), (i, v) => ({ ...i, id: v })),
        breakField(base, "", fc.constant({}), (i, v) => ({ ...i, input: v, remove: false }))
      ),
      run: (cal, { id, input, remove }) =>
        Object.keys(input).length === 0 || !remove ? cal.webhooks.update(id, input) : cal.webhooks.delete(id)
    })
  })()
]

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

/** A client over a fake `fetch` that answers 404 (not retried, not counted by the breaker). */
const client = Effect.gen(function* () {
  const fake = makeFakeFetch(() => errorEnvelope(404, "NotFoundException", "must not be called"))
  const cal = yield* make({ apiKey: API_KEY, fetch: fake.fetch, retry: { maxRetries: 0 } })
  return { cal, fake }
}).pipe(Effect.orDie)

describe("property: invalid input is refused before anything is sent", () => {
  for (const f of FAMILIES) {
    it.effect(`${f.name}: a CalComValidationError naming the field, no request`, () =>
      Effect.gen(function* () {
        const { cal, fake } = yield* client
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(f.invalid, async ({ input, path }) => {
              const exit = await Effect.runPromiseExit(f.run(cal, input))
              const outcome = outcomeOf(exit)
              assert.strictEqual(fake.requests.length, 0, `a request was sent for ${path}`)
              assert.strictEqual(outcome.kind, "error", Exit.isSuccess(exit) ? "it succeeded" : "a defect")
              if (outcome.kind !== "error") return
              assert.strictEqual(outcome.error._tag, "CalComValidationError", outcome.error.message)
              if (outcome.error._tag !== "CalComValidationError") return
              assert.isUndefined(outcome.error.status, "refused by the client, not the server")
              assert.isTrue(
                outcome.error.issues.some((issue) => issue.path === path),
                `no issue at "${path}": ${JSON.stringify(outcome.error.issues)}`
              )
            }),
            { numRuns: RUNS }
          )
        )
      })
    )
  }
})

describe("property: valid input is not refused by the client", () => {
  for (const f of FAMILIES) {
    it.effect(`${f.name}: the first request goes out`, () =>
      Effect.gen(function* () {
        const { cal, fake } = yield* client
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(f.valid, async (input) => {
              const before = fake.requests.length
              const exit = await Effect.runPromiseExit(f.run(cal, input))
              const outcome = outcomeOf(exit)
              if (outcome.kind === "error") {
                assert.notStrictEqual(outcome.error._tag, "CalComValidationError", outcome.error.message)
              }
              assert.isAbove(fake.requests.length, before, "nothing was sent")
            }),
            { numRuns: VALID_RUNS }
          )
        )
      })
    )
  }
})

// Found by this property: instants were parsed with `DateTime.make` (JavaScript `Date`), which
// rolls impossible dates over, so bookings.create({ start: "2026-02-30T10:00:00Z" }) booked
// 2026-03-02 and "T24:00:00Z" the next midnight. `parseInstant` now checks `IsoDateTimeWithOffset`.
describe("property: impossible calendar instants are refused", () => {
  const families: ReadonlyArray<{
    readonly name: string
    readonly run: (cal: CalComApi, start: string) => Effect.Effect<unknown, CalComError>
  }> = [
    {
      name: "bookings.create",
      run: (cal: CalComApi, start: string) =>
        cal.bookings.create({
          eventTypeId: 1,
          start,
          attendee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" }
        })
    },
    { name: "bookings.reschedule", run: (cal: CalComApi, start: string) => cal.bookings.reschedule("bk_1", { start }) },
    { name: "bookings.list", run: (cal: CalComApi, start: string) => cal.bookings.list({ afterStart: start }) }
  ]
  for (const f of families) {
    it.effect(`${f.name}: 2026-02-30T10:00:00Z and T24:00 give a CalComValidationError, no request`, () =>
      Effect.gen(function* () {
        const { cal, fake } = yield* client
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(impossibleInstant, async (start) => {
              const outcome = outcomeOf(await Effect.runPromiseExit(f.run(cal, start)))
              assert.strictEqual(fake.requests.length, 0, `a request was sent for ${start}`)
              assert.isTrue(outcome.kind === "error" && outcome.error._tag === "CalComValidationError")
            }),
            { numRuns: 50 }
          )
        )
      })
    )
  }
})
