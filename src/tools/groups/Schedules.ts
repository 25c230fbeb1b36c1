/** The schedule tools: weekly hours and date overrides, each in its schedule's zone. */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { given, named } from "../internal/Calls.js"
import {
  accountCreate,
  accountDelete,
  type Bodies,
  date,
  flag,
  id,
  optional,
  readOnly,
  settingsWrite,
  text,
  tool,
  zone
} from "../internal/Define.js"
import { Deleted, ScheduleList, ScheduleView, scheduleView } from "../Views.js"
import { weekday } from "./Profile.js"

const hhmm = (description: string) => text(`${description} HH:MM, 24-hour, in the schedule's zone.`)
const weeklyHours = Schema.Array(
  Schema.Struct({ days: Schema.Array(weekday), start_time: hhmm("From"), end_time: hhmm("Until") })
).annotate({ description: "Weekly hours, e.g. Monday-Friday 09:00-17:00." })
const dateOverrides = Schema.Array(
  Schema.Struct({ date: date("The day."), start_time: hhmm("From"), end_time: hhmm("Until") })
).annotate({ description: "Hours for particular days instead of the weekly ones." })
const scheduleId = id("See list_schedules.")

export const ListSchedules = tool("list_schedules", {
  title: "List schedules",
  description: "The user's availability schedules (weekly hours and date overrides, in each schedule's zone).",
  success: ScheduleList,
  hints: readOnly
})

export const GetSchedule = tool("get_schedule", {
  title: "Get schedule",
  description: "One availability schedule by id; without schedule_id, the user's default schedule.",
  parameters: Schema.Struct({ schedule_id: optional(scheduleId) }),
  success: ScheduleView,
  hints: readOnly
})

export const CreateSchedule = tool("create_schedule", {
  title: "Create schedule",
  description:
    "Creates an availability schedule. Without availability Cal.com uses Monday-Friday 09:00-17:00. " +
    "is_default true makes it the schedule of every event type that names none.",
  parameters: Schema.Struct({
    name: text("Its name, e.g. Working hours."),
    timezone: zone("The zone its hours are in."),
    is_default: optional(flag("Make it the default schedule. Default false.")),
    availability: optional(weeklyHours),
    overrides: optional(dateOverrides)
  }),
  success: ScheduleView,
  hints: accountCreate
})

export const UpdateSchedule = tool("update_schedule", {
  title: "Update schedule",
  description: "Changes a schedule; only given fields change (availability and overrides are replaced whole).",
  parameters: Schema.Struct({
    schedule_id: scheduleId,
    name: optional(text("New name.")),
    timezone: optional(zone("New zone of its hours.")),
    is_default: optional(flag("Make it the default schedule.")),
    availability: optional(weeklyHours),
    overrides: optional(dateOverrides)
  }),
  success: ScheduleView,
  hints: settingsWrite
})

export const DeleteSchedule = tool("delete_schedule", {
  title: "Delete schedule",
  description:
    "Deletes a schedule for good: confirm with the user first. Event types using it fall back to the default.",
  parameters: Schema.Struct({ schedule_id: scheduleId }),
  success: Deleted,
  hints: accountDelete
})

export const tools = [ListSchedules, GetSchedule, CreateSchedule, UpdateSchedule, DeleteSchedule] as const

type Window = { readonly start_time: string; readonly end_time: string }
interface HoursArgs {
  readonly availability?: ReadonlyArray<Window & { readonly days: ReadonlyArray<typeof weekday.Type> }> | undefined
  readonly overrides?: ReadonlyArray<Window & { readonly date: string }> | undefined
}

/** Weekly hours and overrides in the facade's shape (only those given). */
const hours = (args: HoursArgs) =>
  given({
    availability: args.availability?.map((w) => ({ days: w.days, startTime: w.start_time, endTime: w.end_time })),
    overrides: args.overrides?.map((o) => ({ date: o.date, startTime: o.start_time, endTime: o.end_time }))
  })

const NAMES = { id: "schedule_id" }

export const bodies: Bodies<typeof tools> = {
  list_schedules: (cal) =>
    Effect.map(cal.schedules.list(), (list) => ({ schedules: list.map(scheduleView), count: list.length })),
  get_schedule: (cal, params) =>
    Effect.map(
      named(NAMES)(
        params.schedule_id === undefined ? cal.schedules.getDefault() : cal.schedules.get(params.schedule_id)
      ),
      scheduleView
    ),
  create_schedule: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.schedules.create({
          name: params.name.trim(),
          timeZone: params.timezone,
          isDefault: params.is_default ?? false,
          ...hours(params)
        })
      ),
      scheduleView
    ),
  update_schedule: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.schedules.update(params.schedule_id, {
          ...given({ name: params.name?.trim(), timeZone: params.timezone, isDefault: params.is_default }),
          ...hours(params)
        })
      ),
      scheduleView
    ),
  delete_schedule: (cal, params) =>
    Effect.as(named(NAMES)(cal.schedules.delete(params.schedule_id)), {
      deleted: true as const,
      id: params.schedule_id
    })
}
