/**
 * The user's connected calendars, and the busy times of one of them.
 *
 * `list` says which accounts are connected (each with its `credentialId`) and which calendars
 * each holds (each with its `externalId`); `busyTimes` reads one calendar's busy intervals over a
 * range of days. Both only read: safe to retry.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { dataOf, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { decodeInput, NonEmpty } from "./internal/Input.js"
import { BusyTime, ConnectedCalendars, IsoDate, PositiveId, TimeZone } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface BusyTimesInput {
  /** The connected account (`connectedCalendars[].credentialId` of `calendars.list`). */
  readonly credentialId: number
  /** The calendar in that account (`calendars[].externalId`, often an email address). */
  readonly externalId: string
  /** First day, `YYYY-MM-DD`, in `timeZone`. */
  readonly dateFrom: string
  /** Last day, `YYYY-MM-DD`, in `timeZone` (may equal `dateFrom`). */
  readonly dateTo: string
  /** IANA zone the days are read in. */
  readonly timeZone: string
}

export interface CalendarsApi {
  /** The connected calendar accounts and the calendar bookings are written to. */
  readonly list: () => Effect.Effect<ConnectedCalendars, CalComError>
  /** The busy intervals of one calendar from `dateFrom` to `dateTo` (whole days in `timeZone`), in UTC. */
  readonly busyTimes: (input: BusyTimesInput) => Effect.Effect<ReadonlyArray<BusyTime>, CalComError>
}

const BusyTimesQuery = Schema.Struct({
  credentialId: PositiveId,
  externalId: NonEmpty,
  dateFrom: IsoDate,
  dateTo: IsoDate,
  timeZone: TimeZone
}).check(
  // ISO dates compare as text.
  Schema.makeFilter(
    ({ dateFrom, dateTo }) => dateFrom <= dateTo || { path: ["dateTo"], issue: "must not be before dateFrom" }
  )
)

const decodeBusyTimes = decodeInput("Calendars.busyTimes", BusyTimesQuery)
const decodeList = dataOf(ConnectedCalendars)
const decodeBusy = listOf(BusyTime, "busy time")

/** @internal */
export const makeCalendars = (transport: Transport): CalendarsApi => {
  const list = Effect.fn("Calendars.list")(function* () {
    return yield* transport.call({
      operation: "Calendars.list",
      method: "GET",
      path: "/v2/calendars",
      decode: decodeList
    })
  })

  const busyTimes = Effect.fn("Calendars.busyTimes")(function* (raw: BusyTimesInput) {
    const input = yield* decodeBusyTimes(raw)
    return yield* transport.call({
      operation: "Calendars.busyTimes",
      method: "GET",
      path: "/v2/calendars/busy-times",
      params: {
        query: {
          calendarsToLoad: [{ credentialId: input.credentialId, externalId: input.externalId }],
          dateFrom: input.dateFrom,
          dateTo: input.dateTo,
          timeZone: input.timeZone,
          // Releases before `timeZone` require this older name; current ones read either.
          loggedInUsersTz: input.timeZone
        }
      },
      decode: decodeBusy
    })
  })

  return { list, busyTimes }
}
