/**
 * The handlers of `CalComToolkit`: each reads its arguments, calls the facade, and shapes the
 * answer (`Views`) or the failure (`Failures`). What the facade checks (ids, emails, zones,
 * lengths, whether a start is an offered slot) is not checked again here: the facade's issues
 * come back named by the tool's arguments (`attendee.email` → `attendee_email`).
 *
 * Three layers provide them:
 * - `layer`: on the `CalCom` service you provide (in-process Effect AI programs, tests);
 * - `layerFromClient`: on the client a layer builds (e.g. `layerConfig` from `effect-calcom/node`,
 *   which also reads `.env`). It never fails: when the client cannot be built (no
 *   `CAL_COM_API_KEY`…), every tool call answers with that configuration error, so an MCP client
 *   shows the reason instead of a dead server.
 * - `layerConfig`: `layerFromClient` on `CalCom.layerConfig` (the environment, no `.env`), so
 *   this module stays platform-neutral.
 */
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import {
  CalCom,
  type CalComApi,
  type CalComError,
  type CalComOptions,
  Email,
  hasMore,
  IsoDate,
  type SlotsTarget,
  type Weekday
} from "../index.js"
import { fromCalComError, invalidArguments, slotUnavailable, type ToolFailure } from "./Failures.js"
import {
  checkDayRange,
  checkTimeZone,
  type Issue,
  isoUtc,
  isTimeZone,
  localDayRange,
  nextDay,
  parseDateTime,
  startOfLocalDay,
  timeView
} from "./Time.js"
import { CalComToolkit } from "./Tools.js"
import {
  bookingSummary,
  bookingView,
  eventTypeView,
  memberView,
  notificationsNote,
  scheduleView,
  slotView,
  teamView,
  userView,
  webhookView
} from "./Views.js"

/** Days of slots one `list_availability` call returns. */
const MAX_RANGE_DAYS = 31

type Failure = ToolFailure | CalComError

const isCalComError = (error: Failure): error is CalComError => "_tag" in error

const toFailure = (error: Failure): ToolFailure => (isCalComError(error) ? fromCalComError(error) : error)

/** Fails with `InvalidArguments` when any check reported an issue. */
const validate = (checks: ReadonlyArray<Issue | undefined>): Effect.Effect<void, ToolFailure> => {
  const issues = checks.filter((c): c is Issue => c !== undefined)
  return issues.length === 0 ? Effect.void : Effect.fail(invalidArguments(issues))
}

const positiveId = (value: number | undefined, path: string): Issue | undefined =>
  value === undefined || (Number.isSafeInteger(value) && value > 0)
    ? undefined
    : { path, message: `must be a positive whole number, got ${value}` }

const nonEmpty = (value: string, path: string): Issue | undefined =>
  value.trim() === "" ? { path, message: "must not be empty" } : undefined

const zoneCheck = (value: string | undefined, path: string): Issue | undefined =>
  value === undefined ? undefined : checkTimeZone(value, path)

const dateCheck = (value: string | undefined, path: string): Issue | undefined =>
  value === undefined || Schema.is(IsoDate)(value)
    ? undefined
    : { path, message: `${JSON.stringify(value)} is not a calendar date YYYY-MM-DD` }

/** A parsed date-time, or its issue. */
const instantOf = (
  value: string | undefined,
  path: string,
  zone: string | undefined,
  zonePath: string
): { readonly instant?: DateTime.Utc; readonly issue?: Issue } => {
  if (value === undefined) return {}
  // A bad zone is reported on its own; do not also blame the date-time for it.
  const parsed = parseDateTime(value, path, zone !== undefined && isTimeZone(zone) ? zone : undefined, zonePath)
  return "instant" in parsed
    ? { instant: parsed.instant }
    : zone !== undefined && !isTimeZone(zone)
      ? {}
      : { issue: parsed.issue }
}

const millis = DateTime.toEpochMillis

/** Longest event type description the tools send. */
const MAX_TEXT = 5_000

const maxText = (value: string | undefined, path: string): Issue | undefined =>
  value !== undefined && value.length > MAX_TEXT
    ? { path, message: `must be at most ${MAX_TEXT} characters` }
    : undefined

/** Event types one `find_earliest_slots` call looks at. */
const MAX_EVENT_TYPES = 10
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

const slugCheck = (value: string, path: string): Issue | undefined =>
  SLUG.test(value)
    ? undefined
    : { path, message: "must be lowercase letters, digits and single hyphens, e.g. intro-call" }

const lengthCheck = (value: number, path: string): Issue | undefined =>
  Number.isInteger(value) && value >= 1 && value <= 1440
    ? undefined
    : { path, message: `must be 1 to 1440 minutes, got ${value}` }

const urlCheck = (value: string, path: string): Issue | undefined => {
  const url = URL.canParse(value) ? new URL(value) : undefined
  return url !== undefined && (url.protocol === "https:" || url.protocol === "http:")
    ? undefined
    : { path, message: "must be an http(s) URL such as https://example.com/cal-webhook" }
}

const triggerChecks = (triggers: ReadonlyArray<string>, path: string): ReadonlyArray<Issue | undefined> =>
  triggers.length === 0
    ? [{ path, message: "must name at least one event, e.g. BOOKING_CREATED" }]
    : triggers.map((t, i) =>
        /^[A-Z][A-Z_]*$/.test(t)
          ? undefined
          : { path: `${path}.${i}`, message: "must be an event name such as BOOKING_CREATED" }
      )

interface HoursArgs {
  readonly availability?:
    | ReadonlyArray<{ readonly days: ReadonlyArray<Weekday>; readonly start_time: string; readonly end_time: string }>
    | undefined
  readonly overrides?:
    | ReadonlyArray<{ readonly date: string; readonly start_time: string; readonly end_time: string }>
    | undefined
}

const windowCheck = (w: { readonly start_time: string; readonly end_time: string }, path: string) => [
  HH_MM.test(w.start_time) ? undefined : { path: `${path}.start_time`, message: "must be HH:MM (24-hour)" },
  HH_MM.test(w.end_time) ? undefined : { path: `${path}.end_time`, message: "must be HH:MM (24-hour)" },
  HH_MM.test(w.start_time) && HH_MM.test(w.end_time) && w.start_time >= w.end_time
    ? { path: `${path}.end_time`, message: "must be after start_time" }
    : undefined
]

/** Problems with weekly hours and date overrides, by argument path. */
const hoursChecks = (args: HoursArgs): ReadonlyArray<Issue | undefined> => [
  ...(args.availability ?? []).flatMap((w, i) => [
    w.days.length === 0 ? { path: `availability.${i}.days`, message: "must name at least one day" } : undefined,
    ...windowCheck(w, `availability.${i}`)
  ]),
  ...(args.overrides ?? []).flatMap((o, i) => [
    dateCheck(o.date, `overrides.${i}.date`),
    ...windowCheck(o, `overrides.${i}`)
  ])
]

/** Weekly hours and overrides in the facade's shape (only those given). */
const scheduleHours = (args: HoursArgs) => ({
  ...(args.availability === undefined
    ? {}
    : {
        availability: args.availability.map((w) => ({
          days: w.days,
          startTime: w.start_time,
          endTime: w.end_time
        }))
      }),
  ...(args.overrides === undefined
    ? {}
    : { overrides: args.overrides.map((o) => ({ date: o.date, startTime: o.start_time, endTime: o.end_time })) })
})

/** Tool arguments by the facade input path they are decoded as. */
type ArgumentNames = Readonly<Record<string, string>>

const BOOKING_ID: ArgumentNames = { uid: "booking_id" }
const CREATE_ARGUMENTS: ArgumentNames = {
  eventTypeId: "event_type_id",
  start: "start_time",
  end: "end_time",
  "attendee.name": "attendee_name",
  "attendee.email": "attendee_email",
  "attendee.timeZone": "attendee_timezone",
  notes: "notes"
}
const RESCHEDULE_ARGUMENTS: ArgumentNames = {
  ...BOOKING_ID,
  start: "new_start_time",
  end: "new_end_time",
  reason: "reason"
}
const CANCEL_ARGUMENTS: ArgumentNames = { ...BOOKING_ID, reason: "cancellation_reason" }

/** Where a refused start was asked for, to show the nearest slots in the caller's zone. */
interface SlotContext {
  readonly eventTypeId: number | undefined
  readonly start: DateTime.Utc
  readonly zone: string
}

/**
 * A facade failure as the tool answers it. Input the facade refused before sending becomes
 * `InvalidArguments` named by the tool's arguments (with `zonePath` among them, the date-times
 * read in that zone are not blamed too); a start that is not offered becomes `SlotUnavailable`
 * with the facade's nearest slots; anything else is passed on.
 */
const refusal =
  (names: ArgumentNames, slot?: SlotContext, zonePath?: string) =>
  (error: CalComError): Failure => {
    if (error._tag === "CalComConflictError" && error.nearestSlots !== undefined && slot !== undefined) {
      const nearest = error.nearestSlots.map((s) => slotView(s, slot.zone))
      return slotUnavailable(timeView(slot.start, slot.zone), slot.eventTypeId, nearest)
    }
    if (error._tag !== "CalComValidationError" || error.status !== undefined) return error
    const issues = error.issues.map((issue) => ({ path: names[issue.path] ?? issue.path, message: issue.message }))
    const badZone = zonePath !== undefined && issues.some((issue) => issue.path === zonePath)
    return invalidArguments(badZone ? issues.filter((issue) => !issue.path.endsWith("_time")) : issues)
  }

/** Builds the handlers on a client, or on the error that prevented building one. */
export const makeHandlers = (client: Effect.Effect<CalComApi, CalComError>) => {
  /** Runs a handler body with the client; every failure leaves as a `ToolFailure`. */
  const withClient = <A>(body: (cal: CalComApi) => Effect.Effect<A, Failure>): Effect.Effect<A, ToolFailure> =>
    Effect.flatMap(client, body).pipe(Effect.mapError(toFailure))

  /** The zone to show times in: the argument, else the user's profile zone, else UTC. */
  const displayZone = (cal: CalComApi, zone: string | undefined): Effect.Effect<string, CalComError> =>
    zone !== undefined
      ? Effect.succeed(zone)
      : Effect.map(cal.me.get(), (user) => (isTimeZone(user.timeZone) ? user.timeZone : "UTC"))

  return CalComToolkit.of({
    get_user_profile: Effect.fn("CalComTools.get_user_profile")(function* () {
      return yield* withClient((cal) => Effect.map(cal.me.get(), userView))
    }),

    list_event_types: Effect.fn("CalComTools.list_event_types")(function* (params) {
      yield* validate([positiveId(params.owner_id, "owner_id"), positiveId(params.team_id, "team_id")])
      return yield* withClient((cal) =>
        Effect.map(cal.eventTypes.list({ ownerId: params.owner_id, teamId: params.team_id }), (list) => ({
          event_types: list.map(eventTypeView),
          count: list.length
        }))
      )
    }),

    get_event_type: Effect.fn("CalComTools.get_event_type")(function* (params) {
      yield* validate([positiveId(params.event_type_id, "event_type_id")])
      return yield* withClient((cal) => Effect.map(cal.eventTypes.get(params.event_type_id), eventTypeView))
    }),

    list_availability: Effect.fn("CalComTools.list_availability")(function* (params) {
      const { event_type_id: eventTypeId, username, slug } = params
      const byId = eventTypeId !== undefined
      const bySlug = username !== undefined || slug !== undefined
      yield* validate([
        !byId && !bySlug
          ? { path: "event_type_id", message: "name the event type: give event_type_id, or username and slug" }
          : undefined,
        byId && bySlug
          ? { path: "event_type_id", message: "give event_type_id, or username and slug, not both" }
          : undefined,
        positiveId(eventTypeId, "event_type_id"),
        !byId && bySlug && username === undefined ? { path: "username", message: "is needed with slug" } : undefined,
        !byId && bySlug && slug === undefined ? { path: "slug", message: "is needed with username" } : undefined,
        username === undefined ? undefined : nonEmpty(username, "username"),
        slug === undefined ? undefined : nonEmpty(slug, "slug"),
        ...checkDayRange(
          { startDate: params.start_date, endDate: params.end_date },
          { startDate: "start_date", endDate: "end_date" },
          MAX_RANGE_DAYS
        ),
        zoneCheck(params.timezone, "timezone")
      ])
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const zone = yield* displayZone(cal, params.timezone)
          const range = localDayRange(params.start_date, params.end_date, zone)
          const target: SlotsTarget =
            eventTypeId !== undefined ? { eventTypeId } : { username: username ?? "", eventTypeSlug: slug ?? "" }
          const slots = yield* cal.availability.slots({
            ...target,
            start: isoUtc(range.start),
            end: isoUtc(range.end),
            timeZone: zone
          })
          // Only slots inside the asked days, whatever the server adds around them.
          const inRange = slots.filter(
            (slot) => millis(slot.start) >= millis(range.start) && millis(slot.start) < millis(range.end)
          )
          return {
            timezone: zone,
            from: timeView(range.start, zone),
            to: timeView(range.end, zone),
            count: inRange.length,
            slots: inRange.map((slot) => slotView(slot, zone))
          }
        })
      )
    }),

    list_bookings: Effect.fn("CalComTools.list_bookings")(function* (params) {
      const limit = params.limit ?? 10
      const skip = params.skip ?? 0
      const status =
        params.status === undefined ? undefined : typeof params.status === "string" ? [params.status] : params.status
      yield* validate([
        Number.isInteger(limit) && limit >= 1 && limit <= 100
          ? undefined
          : { path: "limit", message: `must be 1 to 100, got ${limit}` },
        Number.isInteger(skip) && skip >= 0 ? undefined : { path: "skip", message: `must be 0 or more, got ${skip}` },
        positiveId(params.event_type_id, "event_type_id"),
        params.attendee_email === undefined || Schema.is(Email)(params.attendee_email)
          ? undefined
          : { path: "attendee_email", message: "must be an email address such as ada@example.com" },
        ...(params.start_date !== undefined && params.end_date !== undefined
          ? checkDayRange(
              { startDate: params.start_date, endDate: params.end_date },
              { startDate: "start_date", endDate: "end_date" },
              Number.POSITIVE_INFINITY
            )
          : [dateCheck(params.start_date, "start_date"), dateCheck(params.end_date, "end_date")]),
        zoneCheck(params.timezone, "timezone")
      ])
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const zone = yield* displayZone(cal, params.timezone)
          const { start_date: startDate, end_date: endDate } = params
          const page = yield* cal.bookings.list({
            status,
            afterStart: startDate === undefined ? undefined : startOfLocalDay(startDate, zone),
            beforeEnd: endDate === undefined ? undefined : startOfLocalDay(nextDay(endDate), zone),
            eventTypeId: params.event_type_id,
            attendeeEmail: params.attendee_email,
            take: limit,
            skip
          })
          const { pagination } = page
          return {
            timezone: zone,
            count: page.bookings.length,
            ...(pagination.totalItems == null ? {} : { total: pagination.totalItems }),
            ...(hasMore(page, limit) ? { next_skip: skip + page.bookings.length } : {}),
            bookings: page.bookings.map((b) => bookingView(b, zone, cal.settings.baseUrl))
          }
        })
      )
    }),

    get_booking: Effect.fn("CalComTools.get_booking")(function* (params) {
      yield* validate([zoneCheck(params.timezone, "timezone")])
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const booking = yield* cal.bookings.get(params.booking_id).pipe(Effect.mapError(refusal(BOOKING_ID)))
          const zone = yield* displayZone(cal, params.timezone)
          return bookingView(booking, zone, cal.settings.baseUrl)
        })
      )
    }),

    create_booking: Effect.fn("CalComTools.create_booking")(function* (params) {
      const zone = params.attendee_timezone
      // The tool's own part: a date-time without offset is read in the attendee's zone. The rest,
      // and the slot check, are the facade's; its issues are renamed to these arguments.
      const start = instantOf(params.start_time, "start_time", zone, "attendee_timezone")
      const end = instantOf(params.end_time, "end_time", zone, "attendee_timezone")
      yield* validate([start.issue, end.issue])
      const startsAt = start.instant
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const result = yield* cal.bookings
            .create({
              eventTypeId: params.event_type_id,
              start: startsAt ?? params.start_time,
              ...(params.end_time === undefined ? {} : { end: end.instant ?? params.end_time }),
              attendee: { name: params.attendee_name.trim(), email: params.attendee_email, timeZone: zone },
              ...(params.notes === undefined ? {} : { notes: params.notes })
            })
            .pipe(
              Effect.mapError(
                refusal(
                  CREATE_ARGUMENTS,
                  startsAt && { eventTypeId: params.event_type_id, start: startsAt, zone },
                  "attendee_timezone"
                )
              )
            )
          return {
            booking: bookingSummary(result.booking, zone, cal.settings.baseUrl),
            notifications: notificationsNote(params.send_confirmation ?? true, "send_confirmation")
          }
        })
      )
    }),

    reschedule_booking: Effect.fn("CalComTools.reschedule_booking")(function* (params) {
      // The tool's own part: the zone times are read and shown in. The facade checks the rest
      // (the booking id, the slot, that the end keeps the booking's length, the reason).
      const start = instantOf(params.new_start_time, "new_start_time", params.timezone, "timezone")
      const end = instantOf(params.new_end_time, "new_end_time", params.timezone, "timezone")
      yield* validate([zoneCheck(params.timezone, "timezone"), start.issue, end.issue])
      const startsAt = start.instant
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const result = yield* cal.bookings
            .reschedule(params.booking_id, {
              start: startsAt ?? params.new_start_time,
              ...(params.new_end_time === undefined ? {} : { end: end.instant ?? params.new_end_time }),
              ...(params.reason === undefined ? {} : { reason: params.reason })
            })
            .pipe(
              Effect.catch((error) =>
                Effect.flatMap(displayZone(cal, params.timezone), (zone) =>
                  Effect.fail(
                    refusal(RESCHEDULE_ARGUMENTS, startsAt && { eventTypeId: undefined, start: startsAt, zone })(error)
                  )
                )
              )
            )
          const zone = yield* displayZone(cal, params.timezone)
          return {
            booking: bookingSummary(result.booking, zone, cal.settings.baseUrl),
            previous_booking_id: result.previousUid,
            notifications: notificationsNote(params.send_notification ?? true, "send_notification")
          }
        })
      )
    }),

    cancel_booking: Effect.fn("CalComTools.cancel_booking")(function* (params) {
      yield* validate([zoneCheck(params.timezone, "timezone")])
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const result = yield* cal.bookings
            .cancel(
              params.booking_id,
              params.cancellation_reason === undefined ? {} : { reason: params.cancellation_reason }
            )
            .pipe(Effect.mapError(refusal(CANCEL_ARGUMENTS)))
          const zone = yield* displayZone(cal, params.timezone)
          return {
            booking: bookingSummary(result.booking, zone, cal.settings.baseUrl),
            notifications: notificationsNote(params.send_notification ?? true, "send_notification")
          }
        })
      )
    }),

    list_teams: Effect.fn("CalComTools.list_teams")(function* () {
      return yield* withClient((cal) =>
        Effect.map(cal.teams.list(), (teams) => ({ teams: teams.map(teamView), count: teams.length }))
      )
    }),

    get_team: Effect.fn("CalComTools.get_team")(function* (params) {
      yield* validate([positiveId(params.team_id, "team_id")])
      return yield* withClient((cal) =>
        Effect.map(cal.teams.get(params.team_id), (team) => ({
          ...teamView(team),
          member_count: team.members.length,
          members: team.members.map(memberView)
        }))
      )
    }),

    update_user_profile: Effect.fn("CalComTools.update_user_profile")(function* (params) {
      yield* validate([
        zoneCheck(params.timezone, "timezone"),
        params.name === undefined ? undefined : nonEmpty(params.name, "name"),
        params.locale === undefined ? undefined : nonEmpty(params.locale, "locale"),
        positiveId(params.default_schedule_id, "default_schedule_id"),
        Object.keys(params).length === 0
          ? { path: "arguments", message: "give at least one field to change" }
          : undefined
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.me.update({
            ...(params.name === undefined ? {} : { name: params.name.trim() }),
            ...(params.timezone === undefined ? {} : { timeZone: params.timezone }),
            ...(params.locale === undefined ? {} : { locale: params.locale }),
            ...(params.week_start === undefined ? {} : { weekStart: params.week_start }),
            ...(params.time_format === undefined ? {} : { timeFormat: params.time_format }),
            ...(params.default_schedule_id === undefined ? {} : { defaultScheduleId: params.default_schedule_id })
          }),
          (user) => ({ profile: userView(user) })
        )
      )
    }),

    find_earliest_slots: Effect.fn("CalComTools.find_earliest_slots")(function* (params) {
      const count = params.count ?? 5
      yield* validate([
        params.event_type_ids.length >= 1 && params.event_type_ids.length <= MAX_EVENT_TYPES
          ? undefined
          : { path: "event_type_ids", message: `must name 1 to ${MAX_EVENT_TYPES} event types` },
        ...params.event_type_ids.map((id, i) => positiveId(id, `event_type_ids.${i}`)),
        ...checkDayRange(
          { startDate: params.start_date, endDate: params.end_date },
          { startDate: "start_date", endDate: "end_date" },
          MAX_RANGE_DAYS
        ),
        zoneCheck(params.timezone, "timezone"),
        Number.isInteger(count) && count >= 1 && count <= 100
          ? undefined
          : { path: "count", message: `must be 1 to 100, got ${count}` }
      ])
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const zone = yield* displayZone(cal, params.timezone)
          const range = localDayRange(params.start_date, params.end_date, zone)
          const slots = yield* cal.availability.earliest({
            eventTypeIds: [...new Set(params.event_type_ids)],
            start: isoUtc(range.start),
            end: isoUtc(range.end),
            timeZone: zone,
            count
          })
          return {
            timezone: zone,
            count: slots.length,
            slots: slots.map((slot) => ({ event_type_id: slot.eventTypeId, ...slotView(slot, zone) }))
          }
        })
      )
    }),

    list_schedules: Effect.fn("CalComTools.list_schedules")(function* () {
      return yield* withClient((cal) =>
        Effect.map(cal.schedules.list(), (list) => ({ schedules: list.map(scheduleView), count: list.length }))
      )
    }),

    get_schedule: Effect.fn("CalComTools.get_schedule")(function* (params) {
      yield* validate([positiveId(params.schedule_id, "schedule_id")])
      return yield* withClient((cal) =>
        Effect.map(
          params.schedule_id === undefined ? cal.schedules.getDefault() : cal.schedules.get(params.schedule_id),
          scheduleView
        )
      )
    }),

    create_schedule: Effect.fn("CalComTools.create_schedule")(function* (params) {
      yield* validate([
        nonEmpty(params.name, "name"),
        checkTimeZone(params.timezone, "timezone"),
        ...hoursChecks(params)
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.schedules.create({
            name: params.name.trim(),
            timeZone: params.timezone,
            isDefault: params.is_default ?? false,
            ...scheduleHours(params)
          }),
          scheduleView
        )
      )
    }),

    update_schedule: Effect.fn("CalComTools.update_schedule")(function* (params) {
      yield* validate([
        positiveId(params.schedule_id, "schedule_id"),
        params.name === undefined ? undefined : nonEmpty(params.name, "name"),
        zoneCheck(params.timezone, "timezone"),
        ...hoursChecks(params)
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.schedules.update(params.schedule_id, {
            ...(params.name === undefined ? {} : { name: params.name.trim() }),
            ...(params.timezone === undefined ? {} : { timeZone: params.timezone }),
            ...(params.is_default === undefined ? {} : { isDefault: params.is_default }),
            ...scheduleHours(params)
          }),
          scheduleView
        )
      )
    }),

    delete_schedule: Effect.fn("CalComTools.delete_schedule")(function* (params) {
      yield* validate([positiveId(params.schedule_id, "schedule_id")])
      return yield* withClient((cal) =>
        Effect.as(cal.schedules.delete(params.schedule_id), { deleted: true as const, id: params.schedule_id })
      )
    }),

    create_event_type: Effect.fn("CalComTools.create_event_type")(function* (params) {
      yield* validate([
        nonEmpty(params.title, "title"),
        slugCheck(params.slug, "slug"),
        lengthCheck(params.length_minutes, "length_minutes"),
        positiveId(params.team_id, "team_id"),
        params.team_id !== undefined && params.scheduling_type === undefined
          ? { path: "scheduling_type", message: "is needed for a team event type" }
          : undefined,
        maxText(params.description, "description")
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.eventTypes.create({
            title: params.title.trim(),
            slug: params.slug,
            lengthInMinutes: params.length_minutes,
            ...(params.description === undefined ? {} : { description: params.description }),
            ...(params.hidden === undefined ? {} : { hidden: params.hidden }),
            ...(params.team_id === undefined ? {} : { teamId: params.team_id }),
            ...(params.scheduling_type === undefined ? {} : { schedulingType: params.scheduling_type })
          }),
          eventTypeView
        )
      )
    }),

    update_event_type: Effect.fn("CalComTools.update_event_type")(function* (params) {
      const { event_type_id: id, team_id: teamId, ...changes } = params
      yield* validate([
        positiveId(id, "event_type_id"),
        positiveId(teamId, "team_id"),
        changes.title === undefined ? undefined : nonEmpty(changes.title, "title"),
        changes.slug === undefined ? undefined : slugCheck(changes.slug, "slug"),
        changes.length_minutes === undefined ? undefined : lengthCheck(changes.length_minutes, "length_minutes"),
        maxText(changes.description, "description"),
        Object.keys(changes).length === 0
          ? { path: "arguments", message: "give at least one field to change" }
          : undefined
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.eventTypes.update(
            id,
            {
              ...(changes.title === undefined ? {} : { title: changes.title.trim() }),
              ...(changes.slug === undefined ? {} : { slug: changes.slug }),
              ...(changes.length_minutes === undefined ? {} : { lengthInMinutes: changes.length_minutes }),
              ...(changes.description === undefined ? {} : { description: changes.description }),
              ...(changes.hidden === undefined ? {} : { hidden: changes.hidden })
            },
            teamId === undefined ? {} : { teamId }
          ),
          eventTypeView
        )
      )
    }),

    delete_event_type: Effect.fn("CalComTools.delete_event_type")(function* (params) {
      yield* validate([positiveId(params.event_type_id, "event_type_id"), positiveId(params.team_id, "team_id")])
      return yield* withClient((cal) =>
        Effect.as(
          cal.eventTypes.delete(params.event_type_id, params.team_id === undefined ? {} : { teamId: params.team_id }),
          { deleted: true as const, id: params.event_type_id }
        )
      )
    }),

    list_webhooks: Effect.fn("CalComTools.list_webhooks")(function* () {
      return yield* withClient((cal) =>
        Effect.map(cal.webhooks.list(), (list) => ({ webhooks: list.map(webhookView), count: list.length }))
      )
    }),

    create_webhook: Effect.fn("CalComTools.create_webhook")(function* (params) {
      yield* validate([
        urlCheck(params.subscriber_url, "subscriber_url"),
        ...triggerChecks(params.triggers, "triggers")
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.webhooks.create({
            subscriberUrl: params.subscriber_url,
            triggers: params.triggers,
            ...(params.active === undefined ? {} : { active: params.active })
          }),
          webhookView
        )
      )
    }),

    update_webhook: Effect.fn("CalComTools.update_webhook")(function* (params) {
      yield* validate([
        nonEmpty(params.webhook_id, "webhook_id"),
        params.subscriber_url === undefined ? undefined : urlCheck(params.subscriber_url, "subscriber_url"),
        ...(params.triggers === undefined ? [] : triggerChecks(params.triggers, "triggers")),
        params.subscriber_url === undefined && params.triggers === undefined && params.active === undefined
          ? { path: "arguments", message: "give at least one field to change" }
          : undefined
      ])
      return yield* withClient((cal) =>
        Effect.map(
          cal.webhooks.update(params.webhook_id, {
            ...(params.subscriber_url === undefined ? {} : { subscriberUrl: params.subscriber_url }),
            ...(params.triggers === undefined ? {} : { triggers: params.triggers }),
            ...(params.active === undefined ? {} : { active: params.active })
          }),
          webhookView
        )
      )
    }),

    delete_webhook: Effect.fn("CalComTools.delete_webhook")(function* (params) {
      yield* validate([nonEmpty(params.webhook_id, "webhook_id")])
      return yield* withClient((cal) =>
        Effect.as(cal.webhooks.delete(params.webhook_id), { deleted: true as const, id: params.webhook_id })
      )
    }),

    update_user_timezone: Effect.fn("CalComTools.update_user_timezone")(function* (params) {
      yield* validate([checkTimeZone(params.timezone, "timezone")])
      return yield* withClient((cal) =>
        Effect.gen(function* () {
          const before = yield* cal.me.get()
          const after = yield* cal.me.update({ timeZone: params.timezone })
          return { previous_timezone: before.timeZone, timezone: after.timeZone }
        })
      )
    })
  })
}

/** The handlers, on the `CalCom` service in context. */
export const layer = CalComToolkit.toLayer(
  Effect.gen(function* () {
    const cal = yield* CalCom
    return makeHandlers(Effect.succeed(cal))
  })
)

/**
 * The client `client` builds, in the current scope, as an effect that gives it; when it cannot
 * be built, the error is logged once and the effect fails with it (every tool call answers
 * with that error instead of the server failing to start).
 */
export const clientFrom = (
  client: Layer.Layer<CalCom, CalComError>
): Effect.Effect<Effect.Effect<CalComApi, CalComError>, never, Scope.Scope> =>
  Effect.gen(function* () {
    const built = yield* Effect.result(Layer.build(client))
    if (Result.isSuccess(built)) return Effect.succeed(Context.get(built.success, CalCom))
    yield* Effect.logError(
      `effect-calcom tools: ${built.failure.message}. Every tool call will answer with this error until it is fixed.`
    )
    return Effect.fail(built.failure)
  })

/**
 * The handlers on the client `client` builds. Never fails: when the client cannot be built, the
 * error is logged once and every tool call answers with it.
 */
export const layerFromClient = (client: Layer.Layer<CalCom, CalComError>) =>
  CalComToolkit.toLayer(Effect.map(clientFrom(client), makeHandlers))

/**
 * The handlers on a client configured from `Config` (`CalCom.layerConfig`: the environment by
 * default; no `.env`, for which pass `layerConfig` from `effect-calcom/node` to
 * `layerFromClient`). Never fails, like `layerFromClient`.
 */
export const layerConfig = (options: { readonly overrides?: Partial<CalComOptions> | undefined } = {}) =>
  layerFromClient(CalCom.layerConfig(options))
