/**
 * Availability schedules: list, the default one, get, create, update, delete.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { dataOf } from "./Decode.js"
import { type CalComError, CalComNotFoundError } from "./Errors.js"
import { type Check, checkWith, isNonEmpty, isPositiveInt, require, validate, zoneCheck } from "./internal/Resource.js"
import { IsoDate, Schedule, type ScheduleAvailability, type ScheduleOverride, Weekday } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface CreateScheduleInput {
  readonly name: string
  /** IANA zone the times are in. */
  readonly timeZone: string
  readonly isDefault: boolean
  /** Weekly hours; Cal.com defaults to Monday–Friday 09:00–17:00 when absent. */
  readonly availability?: ReadonlyArray<ScheduleAvailability> | undefined
  readonly overrides?: ReadonlyArray<ScheduleOverride> | undefined
}

export type UpdateScheduleInput = Partial<CreateScheduleInput>

export interface SchedulesApi {
  readonly list: () => Effect.Effect<ReadonlyArray<Schedule>, CalComError>
  /** The user's default schedule; a `CalComNotFoundError` when there is none. */
  readonly getDefault: () => Effect.Effect<Schedule, CalComError>
  readonly get: (id: number) => Effect.Effect<Schedule, CalComError>
  readonly create: (input: CreateScheduleInput) => Effect.Effect<Schedule, CalComError>
  readonly update: (id: number, input: UpdateScheduleInput) => Effect.Effect<Schedule, CalComError>
  readonly delete: (id: number) => Effect.Effect<void, CalComError>
}

const decodeList = dataOf(Schema.Array(Schedule))
const decodeOne = dataOf(Schedule)
const decodeMaybe = dataOf(Schema.NullOr(Schedule))
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

const idCheck = (id: unknown) => require(isPositiveInt(id), "id", "must be a positive whole number")

const windowChecks = (path: string, w: { readonly startTime: string; readonly endTime: string }): Array<Check> => [
  require(HH_MM.test(w.startTime), `${path}.startTime`, "must be HH:MM (24-hour)"),
  require(HH_MM.test(w.endTime), `${path}.endTime`, "must be HH:MM (24-hour)"),
  // Compared as text, which only orders well-formed times (`"9:00" < "17:00"` is false).
  HH_MM.test(w.startTime) && HH_MM.test(w.endTime)
    ? require(w.startTime < w.endTime, `${path}.endTime`, "must be after startTime")
    : undefined
]

const inputChecks = (input: UpdateScheduleInput): Array<Check> => [
  input.name === undefined ? undefined : require(isNonEmpty(input.name), "name", "must not be empty"),
  input.timeZone === undefined ? undefined : zoneCheck(input.timeZone, "timeZone"),
  ...(input.availability ?? []).flatMap((a, i) => [
    require(a.days.length > 0, `availability.${i}.days`, "must name at least one day"),
    ...a.days.map((d, j) => checkWith(Weekday, d, `availability.${i}.days.${j}`, "must be a day name such as Monday")),
    ...windowChecks(`availability.${i}`, a)
  ]),
  ...(input.overrides ?? []).flatMap((o, i) => [
    checkWith(IsoDate, o.date, `overrides.${i}.date`, "must be a date YYYY-MM-DD"),
    ...windowChecks(`overrides.${i}`, o)
  ])
]

const toBody = (input: UpdateScheduleInput) => ({
  ...(input.name === undefined ? {} : { name: input.name }),
  ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  ...(input.isDefault === undefined ? {} : { isDefault: input.isDefault }),
  ...(input.availability === undefined
    ? {}
    : { availability: input.availability.map((a) => ({ ...a, days: [...a.days] })) }),
  ...(input.overrides === undefined ? {} : { overrides: input.overrides.map((o) => ({ ...o })) })
})

/** @internal */
export const makeSchedules = (transport: Transport): SchedulesApi => {
  const list = Effect.fn("Schedules.list")(function* () {
    return yield* transport.call({
      operation: "Schedules.list",
      method: "GET",
      path: "/v2/schedules",
      decode: decodeList
    })
  })

  const getDefault = Effect.fn("Schedules.getDefault")(function* () {
    const schedule = yield* transport.call({
      operation: "Schedules.getDefault",
      method: "GET",
      path: "/v2/schedules/default",
      resource: { kind: "schedule", id: "default" },
      decode: decodeMaybe
    })
    if (schedule !== null) return schedule
    return yield* new CalComNotFoundError({
      operation: "Schedules.getDefault",
      status: 200,
      resource: "schedule",
      id: "default",
      message: "Schedules.getDefault: the user has no default schedule"
    })
  })

  const get = Effect.fn("Schedules.get")(function* (id: number) {
    yield* validate("Schedules.get", [idCheck(id)])
    return yield* transport.call({
      operation: "Schedules.get",
      method: "GET",
      path: "/v2/schedules/{scheduleId}",
      resource: { kind: "schedule", id: String(id) },
      params: { path: { scheduleId: id } },
      decode: decodeOne
    })
  })

  const create = Effect.fn("Schedules.create")(function* (input: CreateScheduleInput) {
    yield* validate("Schedules.create", [
      require(input.name !== undefined, "name", "is required"),
      require(input.timeZone !== undefined, "timeZone", "is required"),
      require(typeof input.isDefault === "boolean", "isDefault", "must be true or false"),
      ...inputChecks(input)
    ])
    const body = { ...toBody(input), name: input.name, timeZone: input.timeZone, isDefault: input.isDefault }
    return yield* transport.call({
      operation: "Schedules.create",
      method: "POST",
      path: "/v2/schedules",
      body,
      decode: decodeOne
    })
  })

  const update = Effect.fn("Schedules.update")(function* (id: number, input: UpdateScheduleInput) {
    const body = toBody(input)
    yield* validate("Schedules.update", [
      idCheck(id),
      require(Object.keys(body).length > 0, "", "nothing to update"),
      ...inputChecks(input)
    ])
    return yield* transport.call({
      operation: "Schedules.update",
      method: "PATCH",
      path: "/v2/schedules/{scheduleId}",
      resource: { kind: "schedule", id: String(id) },
      idempotent: true,
      params: { path: { scheduleId: String(id) } },
      body,
      decode: decodeOne
    })
  })

  const remove = Effect.fn("Schedules.delete")(function* (id: number) {
    yield* validate("Schedules.delete", [idCheck(id)])
    yield* transport.call({
      operation: "Schedules.delete",
      method: "DELETE",
      path: "/v2/schedules/{scheduleId}",
      resource: { kind: "schedule", id: String(id) },
      params: { path: { scheduleId: id } },
      decode: () => Effect.void
    })
  })

  return { list, getDefault, get, create, update, delete: remove }
}
