/**
 * The calendar tools: which calendars are connected (and checked for conflicts), where bookings
 * are written, and when one calendar is busy.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { ConnectedCalendarEntry } from "../../index.js"
import { type ArgumentNames, named, validate, zoneCheck, zoneFor } from "../internal/Calls.js"
import { type Bodies, date, displayZone, id, readOnly, THIRD_PARTY, text, tool } from "../internal/Define.js"
import { TimeView, timeView } from "../Time.js"
import { present } from "../Views.js"

const CalendarView = Schema.Struct({
  external_id: Schema.String,
  name: Schema.optionalKey(Schema.String),
  primary: Schema.optionalKey(Schema.Boolean),
  read_only: Schema.optionalKey(Schema.Boolean),
  checked_for_conflicts: Schema.optionalKey(Schema.Boolean)
})

export const ListCalendars = tool("list_calendars", {
  title: "List connected calendars",
  description: `Connected calendar accounts (credential_id), their calendars (external_id) and where bookings are written.${THIRD_PARTY}`,
  success: Schema.Struct({
    accounts: Schema.Array(
      Schema.Struct({
        credential_id: Schema.Int,
        app: Schema.optionalKey(Schema.String),
        calendars: Schema.Array(CalendarView)
      })
    ),
    destination: Schema.optionalKey(
      Schema.Struct({
        external_id: Schema.optionalKey(Schema.String),
        name: Schema.optionalKey(Schema.String),
        app: Schema.optionalKey(Schema.String)
      })
    )
  }),
  hints: readOnly
})

export const GetBusyTimes = tool("get_busy_times", {
  title: "Get busy times",
  description: "When one connected calendar is busy over whole days in timezone (see list_calendars).",
  parameters: Schema.Struct({
    credential_id: id("The account, from list_calendars."),
    external_id: text("The calendar, from list_calendars."),
    start_date: date("First day."),
    end_date: date("Last day, included."),
    timezone: displayZone
  }),
  success: Schema.Struct({
    timezone: Schema.String,
    count: Schema.Int,
    busy: Schema.Array(Schema.Struct({ start: TimeView, end: TimeView }))
  }),
  hints: readOnly
})

export const tools = [ListCalendars, GetBusyTimes] as const

const calendarView = (c: ConnectedCalendarEntry): typeof CalendarView.Type => ({
  external_id: c.externalId,
  ...present("name", c.name),
  ...present("primary", c.primary),
  ...present("read_only", c.readOnly),
  ...present("checked_for_conflicts", c.isSelected)
})

const BUSY_ARGUMENTS: ArgumentNames = { dateFrom: "start_date", dateTo: "end_date" }

export const bodies: Bodies<typeof tools> = {
  list_calendars: (cal) =>
    Effect.map(cal.calendars.list(), (data) => {
      const destination = data.destinationCalendar
      return {
        accounts: data.connectedCalendars.map((account) => ({
          credential_id: account.credentialId,
          ...present("app", account.integration?.slug ?? account.integration?.type),
          calendars: account.calendars.map(calendarView)
        })),
        ...(destination == null
          ? {}
          : {
              destination: {
                ...present("external_id", destination.externalId),
                ...present("name", destination.name),
                ...present("app", destination.integration)
              }
            })
      }
    }),
  get_busy_times: (cal, params) =>
    Effect.gen(function* () {
      yield* validate([zoneCheck(params.timezone, "timezone")])
      const zone = yield* zoneFor(cal, params.timezone)
      const busy = yield* named(BUSY_ARGUMENTS)(
        cal.calendars.busyTimes({
          credentialId: params.credential_id,
          externalId: params.external_id,
          dateFrom: params.start_date,
          dateTo: params.end_date,
          timeZone: zone
        })
      )
      return {
        timezone: zone,
        count: busy.length,
        busy: busy.map((b) => ({ start: timeView(b.start, zone), end: timeView(b.end, zone) }))
      }
    })
}
