/** The conferencing tools: the video apps the user installed, and the default for new event types. */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { named } from "../internal/Calls.js"
import { type Bodies, readOnly, settingsWrite, text, tool } from "../internal/Define.js"

const DefaultView = Schema.Struct({
  app: Schema.optionalKey(Schema.String),
  link: Schema.optionalKey(Schema.String)
})

export const ListConferencingApps = tool("list_conferencing_apps", {
  title: "List conferencing apps",
  description: "The video conferencing apps the user installed; invalid ones need reconnecting in Cal.com.",
  success: Schema.Struct({
    count: Schema.Int,
    apps: Schema.Array(
      Schema.Struct({ credential_id: Schema.Int, type: Schema.String, invalid: Schema.optionalKey(Schema.Boolean) })
    )
  }),
  hints: readOnly
})

export const GetDefaultConferencingApp = tool("get_default_conferencing_app", {
  title: "Get default conferencing app",
  description: "The conferencing app new event types use; empty when none was chosen.",
  success: DefaultView,
  hints: readOnly
})

export const SetDefaultConferencingApp = tool("set_default_conferencing_app", {
  title: "Set default conferencing app",
  description: "Makes an installed app the default for new event types.",
  parameters: Schema.Struct({ app: text("Its slug: google-meet, zoom, msteams, daily-video...") }),
  success: Schema.Struct({ default: DefaultView }),
  hints: settingsWrite
})

export const tools = [ListConferencingApps, GetDefaultConferencingApp, SetDefaultConferencingApp] as const

const defaultView = (cal: Parameters<Bodies<typeof tools>["get_default_conferencing_app"]>[0]) =>
  Effect.map(cal.conferencing.getDefault(), (d) => ({
    ...(d.appSlug == null ? {} : { app: d.appSlug }),
    ...(d.appLink == null ? {} : { link: d.appLink })
  }))

export const bodies: Bodies<typeof tools> = {
  list_conferencing_apps: (cal) =>
    Effect.map(cal.conferencing.list(), (apps) => ({
      count: apps.length,
      apps: apps.map((a) => ({
        credential_id: a.id,
        type: a.type,
        ...(a.invalid == null ? {} : { invalid: a.invalid })
      }))
    })),
  get_default_conferencing_app: defaultView,
  set_default_conferencing_app: (cal, params) =>
    Effect.gen(function* () {
      yield* named()(cal.conferencing.setDefault(params.app.trim()))
      // Answers what Cal.com now has, not what was asked for.
      return { default: yield* defaultView(cal) }
    })
}
