/**
 * The Cal.com client as an Effect service. Provide one layer, then:
 *
 * ```ts
 * const program = Effect.gen(function* () {
 *   const cal = yield* CalCom
 *   const me = yield* cal.me.get()
 *   const slots = yield* cal.availability.slots({ eventTypeId: 42, start: "2026-12-01", end: "2026-12-02", timeZone: me.timeZone })
 *   return yield* cal.bookings.create({ eventTypeId: 42, start: slots[0]!.start, attendee: { name: "Ada", email: "ada@example.com", timeZone: "Europe/London" } })
 * }).pipe(Effect.provide(CalCom.layerConfig()))
 * ```
 *
 * - `CalCom.layerConfig({ overrides? })`: settings from `Config` (the environment by default).
 * - `CalCom.layer(options)`: settings given in code.
 * - `layerConfig({ dotEnvPath?, overrides? })` from `effect-calcom/node`: the environment, then a
 *   `.env` file. It lives in its own entry so this one stays platform-neutral (no `node:*`, no
 *   dotenv) for browsers, Workers and other fetch runtimes.
 * Every operation fails only with `CalComError` and requires nothing (`R = never`).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { type AvailabilityApi, makeAvailability } from "./Availability.js"
import { type BookingActionsApi, makeBookingActions } from "./BookingActions.js"
import { type BookingsApi, makeBookings } from "./Bookings.js"
import type { CircuitState } from "./Breaker.js"
import { type CalendarsApi, makeCalendars } from "./Calendars.js"
import { type ConferencingApi, makeConferencing } from "./Conferencing.js"
import { type CalComOptions, loadOptions, type ResolvedOptions, resolveOptions } from "./Config.js"
import { Coordination } from "./Coordination.js"
import { CalComConfigError, type CalComError, type RateLimitSnapshot } from "./Errors.js"
import { type EventTypesApi, makeEventTypes } from "./EventTypes.js"
import { type MeApi, makeMe } from "./Me.js"
import { makeRoutingForms, type RoutingFormsApi } from "./RoutingForms.js"
import { makeSchedules, type SchedulesApi } from "./Schedules.js"
import { makeTeams, type TeamsApi } from "./Teams.js"
import { buildTransport, type Transport } from "./Transport.js"
import { makeWebhooks, type WebhooksApi } from "./Webhooks.js"

export interface CalComApi {
  readonly me: MeApi
  readonly eventTypes: EventTypesApi
  readonly availability: AvailabilityApi
  readonly bookings: BookingsApi & BookingActionsApi
  readonly teams: TeamsApi
  readonly schedules: SchedulesApi
  readonly webhooks: WebhooksApi
  readonly calendars: CalendarsApi
  readonly conferencing: ConferencingApi
  readonly routingForms: RoutingFormsApi
  /** State of the circuit breaker guarding the API (Closed, Open with `retryAfterMs`, HalfOpen). */
  readonly circuit: Effect.Effect<CircuitState>
  /** The latest rate-limit figures the API reported, per named limit. */
  readonly rateLimits: Effect.Effect<ReadonlyArray<RateLimitSnapshot>>
  /** Non-secret settings in force. */
  readonly settings: Omit<ResolvedOptions, "apiKey" | "fetch" | "redisUrl">
  /**
   * The transport every operation goes through, for `effect-calcom/request`.
   *
   * @internal
   */
  readonly transport: Transport
}

/** Builds a client from options; the breaker and caches live as long as the scope. */
export const make = (options: CalComOptions) =>
  Effect.gen(function* () {
    const settings = yield* resolveOptions(options)
    const coordination = yield* Effect.serviceOption(Coordination)
    if (settings.redisUrl !== undefined && Option.isNone(coordination)) {
      return yield* new CalComConfigError({
        variable: "CAL_COM_REDIS_URL",
        message:
          "CAL_COM_REDIS_URL (redisUrl) is set but no Redis client is provided: use layerConfig from effect-calcom/node, or provide layer from effect-calcom/redis"
      })
    }
    const transport = yield* buildTransport(settings, Option.getOrUndefined(coordination))
    const eventTypes = makeEventTypes(transport)
    const availability = makeAvailability(transport, (target) =>
      "eventTypeId" in target
        ? Effect.map(eventTypes.get(target.eventTypeId), (e) => e.lengthInMinutes)
        : "username" in target
          ? Effect.map(
              eventTypes.list({ username: target.username }),
              (list) => list.find((e) => e.slug === target.eventTypeSlug)?.lengthInMinutes
            )
          : Effect.succeed(undefined)
    )
    const me = yield* makeMe(transport, settings.profileTtl)
    const bookings = makeBookings(transport, availability, settings.baseUrl)
    const { apiKey: _key, fetch: _fetch, redisUrl: _redis, ...visible } = settings
    const api: CalComApi = {
      me,
      eventTypes,
      availability,
      bookings: { ...bookings, ...makeBookingActions(transport, bookings.get) },
      teams: makeTeams(transport, eventTypes),
      schedules: makeSchedules(transport),
      webhooks: makeWebhooks(transport),
      calendars: makeCalendars(transport),
      conferencing: makeConferencing(transport),
      routingForms: makeRoutingForms(transport),
      circuit: transport.circuit,
      rateLimits: transport.rateLimits,
      settings: visible,
      transport
    }
    if (settings.verifyOnStart) {
      const user = yield* me.get()
      yield* Effect.logInfo(`effect-calcom: API key verified for user ${user.id} at ${settings.baseUrl}`)
    }
    return api
  })

/** The Cal.com client service. */
export class CalCom extends Context.Service<CalCom, CalComApi>()("effect-calcom/CalCom") {
  /** A client from options given in code. */
  static readonly layer = (options: CalComOptions): Layer.Layer<CalCom, CalComError> =>
    Layer.effect(CalCom, make(options))

  /**
   * A client configured from `Config`: the current `ConfigProvider` (the environment by
   * default). No `.env` file is read here: for that, use `layerConfig` from `effect-calcom/node`.
   */
  static readonly layerConfig = (
    options: {
      /** Settings that override what configuration says (e.g. a custom `fetch`). */
      readonly overrides?: Partial<CalComOptions> | undefined
    } = {}
  ): Layer.Layer<CalCom, CalComError> => layerLoaded(loadOptions(), options.overrides)
}

/**
 * A client from options loaded by `load`, with `overrides` on top: what every `layerConfig` builds.
 *
 * @internal
 */
export const layerLoaded = (
  load: Effect.Effect<CalComOptions, CalComError>,
  overrides: Partial<CalComOptions> | undefined
): Layer.Layer<CalCom, CalComError> =>
  Layer.effect(
    CalCom,
    Effect.flatMap(load, (loaded) => make({ ...loaded, ...overrides }))
  )
