/**
 * Availability schedules: list, the default one, get, create, update, delete.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { dataOf, ignoreBody, listOf } from "./Decode.js"
import { type CalComError, CalComNotFoundError } from "./Errors.js"
import { changesSomething, decodeInput, given, NonEmpty } from "./internal/Input.js"
import {
  IsoDate,
  PositiveId,
  Schedule,
  type ScheduleAvailability,
  type ScheduleOverride,
  TimeZone,
  Weekday
} from "./Models.js"
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

const decodeList = listOf(Schedule, "schedule")
const decodeOne = dataOf(Schedule)
const decodeMaybe = dataOf(Schema.NullOr(Schedule))
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

const HhMm = Schema.String.check(Schema.isPattern(HH_MM, { message: "must be HH:MM (24-hour)" }))
/** Compared as text, which orders well-formed times (`"09:00" < "17:00"`). */
const endsAfterStart = Schema.makeFilter(
  (w: { readonly startTime: string; readonly endTime: string }) =>
    w.startTime < w.endTime || { path: ["endTime"], issue: "must be after startTime" }
)
const Availability = Schema.Struct({
  days: Schema.Array(Weekday).check(
    Schema.makeFilter((d: ReadonlyArray<string>) => d.length > 0 || "must name at least one day")
  ),
  startTime: HhMm,
  endTime: HhMm
}).check(endsAfterStart)
const Override = Schema.Struct({ date: IsoDate, startTime: HhMm, endTime: HhMm }).check(endsAfterStart)

const fields = {
  name: NonEmpty,
  timeZone: TimeZone,
  isDefault: Schema.Boolean,
  availability: Schema.optional(Schema.Array(Availability)),
  overrides: Schema.optional(Schema.Array(Override))
}
const Id = Schema.Struct({ id: PositiveId })
const CreateInput = Schema.Struct(fields)
const UpdateInput = Schema.Struct({
  id: PositiveId,
  name: Schema.optional(fields.name),
  timeZone: Schema.optional(fields.timeZone),
  isDefault: Schema.optional(fields.isDefault),
  availability: fields.availability,
  overrides: fields.overrides
}).check(changesSomething(["name", "timeZone", "isDefault", "availability", "overrides"]))

const decodeGet = decodeInput("Schedules.get", Id)
const decodeCreate = decodeInput("Schedules.create", CreateInput)
const decodeUpdate = decodeInput("Schedules.update", UpdateInput)
const decodeDelete = decodeInput("Schedules.delete", Id)

const toBody = (input: Omit<typeof UpdateInput.Type, "id">) => ({
  ...given({ name: input.name, timeZone: input.timeZone, isDefault: input.isDefault }),
  ...(input.availability === undefined
    ? {}
    : { availability: input.availability.map((a) => ({ ...a, days: [...a.days] })) }),
  ...(input.overrides === undefined ? {} : { overrides: input.overrides.map((o) => ({ ...o })) })
})

const list = (transport: Transport) =>
  Effect.fn("Schedules.list")(function* () {
    return yield* transport.call({
      operation: "Schedules.list",
      method: "GET",
      path: "/v2/schedules",
      decode: decodeList
    })
  })

const getDefault = (transport: Transport) =>
  Effect.fn("Schedules.getDefault")(function* () {
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

const get = (transport: Transport) =>
  Effect.fn("Schedules.get")(function* (raw: number) {
    const { id } = yield* decodeGet({ id: raw })
    return yield* transport.call({
      operation: "Schedules.get",
      method: "GET",
      path: "/v2/schedules/{scheduleId}",
      resource: { kind: "schedule", id: String(id) },
      params: { path: { scheduleId: id } },
      decode: decodeOne
    })
  })

const create = (transport: Transport) =>
  Effect.fn("Schedules.create")(function* (raw: CreateScheduleInput) {
    const input = yield* decodeCreate(raw)
    const body = { ...toBody(input), name: input.name, timeZone: input.timeZone, isDefault: input.isDefault }
    return yield* transport.call({
      operation: "Schedules.create",
      method: "POST",
      path: "/v2/schedules",
      body,
      decode: decodeOne
    })
  })

const update = (transport: Transport) =>
  Effect.fn("Schedules.update")(function* (raw: number, patch: UpdateScheduleInput) {
    const { id, ...input } = yield* decodeUpdate({ ...patch, id: raw })
    const body = toBody(input)
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

const remove = (transport: Transport) =>
  Effect.fn("Schedules.delete")(function* (raw: number) {
    const { id } = yield* decodeDelete({ id: raw })
    yield* transport.call({
      operation: "Schedules.delete",
      method: "DELETE",
      path: "/v2/schedules/{scheduleId}",
      resource: { kind: "schedule", id: String(id) },
      params: { path: { scheduleId: id } },
      decode: ignoreBody
    })
  })

/** @internal */
export const makeSchedules = (transport: Transport): SchedulesApi => ({
  list: list(transport),
  getDefault: getDefault(transport),
  get: get(transport),
  create: create(transport),
  update: update(transport),
  delete: remove(transport)
})
