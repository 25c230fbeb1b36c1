/**
 * The authenticated user: `GET /v2/me` (cached) and `PATCH /v2/me`.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { dataOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { changesSomething, decodeInput, given } from "./internal/Input.js"
import { PositiveId, TimeZone, User, Weekday } from "./Models.js"
import type { Transport } from "./Transport.js"

/** Settings `me.update` can change; at least one. */
export interface UpdateMeInput {
  /** IANA time zone, e.g. `Europe/Rome`. */
  readonly timeZone?: string | undefined
  /** Cal.com locale, e.g. `en`, `it`, `pt-BR`. */
  readonly locale?: string | undefined
  readonly name?: string | undefined
  readonly weekStart?: Weekday | undefined
  readonly timeFormat?: 12 | 24 | undefined
  readonly defaultScheduleId?: number | undefined
}

export interface MeApi {
  /** The current user; served from a cache for the client's `profileTtl` unless `refresh` is set. */
  readonly get: (options?: { readonly refresh?: boolean }) => Effect.Effect<User, CalComError>
  /** Changes some settings (partial update); the time zone is checked against the IANA database first. */
  readonly update: (input: UpdateMeInput) => Effect.Effect<User, CalComError>
}

const decodeUser = dataOf(User)

const UpdateInput = Schema.Struct({
  timeZone: Schema.optional(TimeZone),
  locale: Schema.optional(
    Schema.String.check(
      Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, { message: "must be a locale such as en or pt-BR" })
    )
  ),
  name: Schema.optional(Schema.String.check(Schema.makeFilter((s: string) => s.trim() !== "" || "must not be empty"))),
  weekStart: Schema.optional(Weekday),
  timeFormat: Schema.optional(Schema.Literals([12, 24])),
  defaultScheduleId: Schema.optional(PositiveId)
}).check(
  changesSomething(
    ["timeZone", "locale", "name", "weekStart", "timeFormat", "defaultScheduleId"],
    "nothing to update: pass at least one setting"
  )
)
const decodeUpdate = decodeInput("Me.update", UpdateInput)

/** @internal */
export const makeMe = (transport: Transport, ttl: Duration.Duration): Effect.Effect<MeApi> =>
  Effect.gen(function* () {
    const cache = yield* Ref.make<{ readonly user: User; readonly at: number } | undefined>(undefined)
    const store = (user: User) =>
      Effect.flatMap(Clock.currentTimeMillis, (at) => Ref.set(cache, { user, at })).pipe(Effect.as(user))

    const fetch = transport.call({
      operation: "Me.get",
      method: "GET",
      path: "/v2/me",
      decode: decodeUser
    })

    const get = Effect.fn("Me.get")(function* (options?: { readonly refresh?: boolean }) {
      const cached = yield* Ref.get(cache)
      const now = yield* Clock.currentTimeMillis
      if (cached && !options?.refresh && now - cached.at < Duration.toMillis(ttl)) return cached.user
      return yield* Effect.flatMap(fetch, store)
    })

    const update = Effect.fn("Me.update")(function* (input: UpdateMeInput) {
      const { locale, ...settings } = yield* decodeUpdate(input)
      // The document lists Cal.com's locales; the list grows, so the server has the last word.
      const body = { ...given(settings), ...(locale === undefined ? {} : { locale: locale as "en" }) }
      const user = yield* transport.call({
        operation: "Me.update",
        method: "PATCH",
        path: "/v2/me",
        // Setting the same values twice has the same effect: safe to retry.
        idempotent: true,
        body,
        decode: decodeUser
      })
      return yield* store(user)
    })

    return { get, update }
  })
