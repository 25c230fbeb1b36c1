/** The profile tools: who the key belongs to, their time zone and settings. */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { given, named, validate } from "../internal/Calls.js"
import { type Bodies, id, optional, readOnly, settingsWrite, text, tool, zone } from "../internal/Define.js"
import { checkTimeZone } from "../Time.js"
import { ProfileChange, TimeZoneChange, UserProfileView, userView } from "../Views.js"

export const weekday = Schema.Literals(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])

export const GetUserProfile = tool("get_user_profile", {
  title: "Get user profile",
  description: "The user and their time zone: call it first.",
  success: UserProfileView,
  hints: readOnly
})

export const UpdateUserTimezone = tool("update_user_timezone", {
  title: "Update user time zone",
  description: "Sets the profile's time zone.",
  parameters: Schema.Struct({ timezone: zone("The new time zone.") }),
  success: TimeZoneChange,
  hints: settingsWrite
})

export const UpdateUserProfile = tool("update_user_profile", {
  title: "Update user profile",
  description:
    "Changes profile settings: name, time zone, locale, week start, clock, default schedule. Only given fields change.",
  parameters: Schema.Struct({
    name: optional(text("Display name.")),
    timezone: optional(zone("Time zone.")),
    locale: optional(text("Language of Cal.com's emails and pages, e.g. en, it, pt-BR.")),
    week_start: optional(weekday),
    time_format: optional(Schema.Literals([12, 24]).annotate({ description: "12- or 24-hour clock." })),
    default_schedule_id: optional(id("The schedule used unless an event type names another."))
  }),
  success: ProfileChange,
  hints: settingsWrite
})

export const tools = [GetUserProfile, UpdateUserTimezone, UpdateUserProfile] as const

export const bodies: Bodies<typeof tools> = {
  get_user_profile: (cal) => Effect.map(cal.me.get(), userView),
  update_user_timezone: (cal, params) =>
    Effect.gen(function* () {
      // Checked here too: the previous zone is read first, and a bad zone must not cost that request.
      yield* validate([checkTimeZone(params.timezone, "timezone")])
      const before = yield* cal.me.get()
      const after = yield* named()(cal.me.update({ timeZone: params.timezone }))
      return { previous_timezone: before.timeZone, timezone: after.timeZone }
    }),
  update_user_profile: (cal, params) =>
    Effect.map(
      named()(
        cal.me.update(
          given({
            name: params.name?.trim(),
            timeZone: params.timezone,
            locale: params.locale,
            weekStart: params.week_start,
            timeFormat: params.time_format,
            defaultScheduleId: params.default_schedule_id
          })
        )
      ),
      (user) => ({ profile: userView(user) })
    )
}
