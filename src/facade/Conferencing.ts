/**
 * The user's conferencing apps: those installed, the default one, and choosing the default.
 * Setting the default twice sets it once: safe to send again.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { decodeWith, ignoreBody, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { decodeInput } from "./internal/Input.js"
import { ConferencingApp, DefaultConferencingApp, Slug } from "./Models.js"
import type { Transport } from "./Transport.js"

/** The apps Cal.com can make the default; any other slug it may add is accepted too. */
export type ConferencingAppSlug = "google-meet" | "zoom" | "msteams" | "daily-video" | (string & {})

export interface ConferencingApi {
  /** The conferencing apps the user installed (their credentials). */
  readonly list: () => Effect.Effect<ReadonlyArray<ConferencingApp>, CalComError>
  /** The default app (`appSlug`), or `{}` when none was chosen. */
  readonly getDefault: () => Effect.Effect<DefaultConferencingApp, CalComError>
  /** Makes an installed app (or `daily-video`, always there) the default for new event types. */
  readonly setDefault: (app: ConferencingAppSlug) => Effect.Effect<void, CalComError>
}

const decodeList = listOf(ConferencingApp, "conferencing app")
// `data` is absent when the user never chose a default.
const decodeDefaultEnvelope = decodeWith(
  Schema.Struct({ data: Schema.optional(Schema.NullOr(DefaultConferencingApp)) })
)
const decodeDefault = (body: unknown) => Effect.map(decodeDefaultEnvelope(body), ({ data }) => data ?? {})
const decodeSetDefault = decodeInput("Conferencing.setDefault", Schema.Struct({ app: Slug }))

/** @internal */
export const makeConferencing = (transport: Transport): ConferencingApi => {
  const list = Effect.fn("Conferencing.list")(function* () {
    return yield* transport.call({
      operation: "Conferencing.list",
      method: "GET",
      path: "/v2/conferencing",
      decode: decodeList
    })
  })

  const getDefault = Effect.fn("Conferencing.getDefault")(function* () {
    return yield* transport.call({
      operation: "Conferencing.getDefault",
      method: "GET",
      path: "/v2/conferencing/default",
      decode: decodeDefault
    })
  })

  const setDefault = Effect.fn("Conferencing.setDefault")(function* (app: ConferencingAppSlug) {
    const input = yield* decodeSetDefault({ app })
    yield* transport.call({
      operation: "Conferencing.setDefault",
      method: "POST",
      path: "/v2/conferencing/{app}/default",
      resource: { kind: "conferencing app", id: input.app },
      // The document lists four apps; the check above only makes sure the slug is one path segment.
      params: { path: { app: input.app as "zoom" } },
      idempotent: true,
      decode: ignoreBody
    })
  })

  return { list, getDefault, setDefault }
}
