/**
 * Event types: list (yours, a user's, or a team's), get, create, update, delete.
 * Personal event types live under `/v2/event-types`; a `teamId` routes to the team's.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { CalComConflictError, type CalComError } from "./Errors.js"
import type { Transport } from "./Http.js"
import { checkWith, dataOf, isNonEmpty, isPositiveInt, listOf, require, validate } from "./internal/Resource.js"
import { EventType, Slug } from "./Models.js"

export interface ListEventTypesInput {
  /** A user's public event types (by username); default: the key's own. */
  readonly username?: string | undefined
  /** Keep only event types owned by this user id. */
  readonly ownerId?: number | undefined
  /** A team's event types instead. */
  readonly teamId?: number | undefined
}

export interface CreateEventTypeInput {
  readonly title: string
  /** URL part: lowercase letters, digits and hyphens (`intro-call`). */
  readonly slug: string
  readonly lengthInMinutes: number
  readonly description?: string | undefined
  readonly hidden?: boolean | undefined
  /** Create it for this team (then `schedulingType` is required). */
  readonly teamId?: number | undefined
  readonly schedulingType?: "collective" | "roundRobin" | "managed" | undefined
}

export interface UpdateEventTypeInput {
  readonly title?: string | undefined
  readonly slug?: string | undefined
  readonly lengthInMinutes?: number | undefined
  readonly description?: string | undefined
  readonly hidden?: boolean | undefined
}

export interface EventTypesApi {
  readonly list: (input?: ListEventTypesInput) => Effect.Effect<ReadonlyArray<EventType>, CalComError>
  /** One event type; a `CalComNotFoundError` names the id when it does not exist. */
  readonly get: (id: number, options?: { readonly teamId?: number }) => Effect.Effect<EventType, CalComError>
  /** A taken slug is a `CalComConflictError`. */
  readonly create: (input: CreateEventTypeInput) => Effect.Effect<EventType, CalComError>
  readonly update: (
    id: number,
    input: UpdateEventTypeInput,
    options?: { readonly teamId?: number }
  ) => Effect.Effect<EventType, CalComError>
  readonly delete: (id: number, options?: { readonly teamId?: number }) => Effect.Effect<void, CalComError>
}

const decodeList = listOf(EventType, "event type")
const decodeOne = dataOf(EventType)
const decodeOneOrMany = dataOf(Schema.Union([EventType, Schema.Array(EventType)]))
/**
 * The team endpoints answer one event type, or for a managed one the team's event type and a
 * copy per host (`ownerId`, `parentEventTypeId`), in no promised order: the team's own is the one
 * without a parent.
 */
const decodeTeamOne = (body: unknown) =>
  Effect.map(decodeOneOrMany(body), (data): EventType => {
    if (!Array.isArray(data)) return data as EventType
    const list = data as ReadonlyArray<EventType>
    return (list.find((e) => e.parentEventTypeId == null && e.teamId != null) ?? list[0]) as EventType
  })
const ignoreBody = () => Effect.void

const idCheck = (id: unknown, path = "id") => require(isPositiveInt(id), path, "must be a positive whole number")
const teamCheck = (teamId: unknown) => (teamId === undefined ? undefined : idCheck(teamId, "teamId"))
const slugCheck = (slug: unknown) =>
  checkWith(Slug, slug, "slug", "must be lowercase letters, digits and single hyphens (e.g. intro-call)")
const lengthCheck = (length: unknown) =>
  require(isPositiveInt(length) && (length as number) <= 24 * 60, "lengthInMinutes", "must be 1 to 1440 minutes")

/** A 400/409 about a slug already in use, as a conflict. */
const slugConflict =
  (operation: string, slug: string | undefined) =>
  (error: CalComError): Effect.Effect<never, CalComError> => {
    const duplicate =
      slug !== undefined &&
      (error._tag === "CalComConflictError" ||
        (error._tag === "CalComValidationError" &&
          /slug/i.test(error.message) &&
          /already (exists|has|in use)|taken|duplicate|unique/i.test(error.message)))
    return Effect.fail(
      duplicate
        ? new CalComConflictError({
            operation,
            status: error._tag === "CalComConflictError" ? error.status : (error.status ?? 409),
            ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
            ...(error.code === undefined ? {} : { code: error.code }),
            message: `${operation}: the slug "${slug}" is already used by another event type`
          })
        : error
    )
  }

/** @internal */
export const makeEventTypes = (transport: Transport): EventTypesApi => {
  const list = Effect.fn("EventTypes.list")(function* (input: ListEventTypesInput = {}) {
    yield* validate("EventTypes.list", [
      teamCheck(input.teamId),
      input.ownerId === undefined ? undefined : idCheck(input.ownerId, "ownerId"),
      input.username === undefined ? undefined : require(isNonEmpty(input.username), "username", "must not be empty")
    ])
    const { teamId, username, ownerId } = input
    const all =
      teamId === undefined
        ? yield* transport.call({
            operation: "EventTypes.list",
            method: "GET",
            path: "/v2/event-types",
            send: (client, init) =>
              client.GET("/v2/event-types", { ...init, params: { query: username === undefined ? {} : { username } } }),
            decode: decodeList
          })
        : yield* transport.call({
            operation: "EventTypes.list",
            method: "GET",
            path: "/v2/teams/{teamId}/event-types",
            resource: { kind: "team", id: String(teamId) },
            send: (client, init) =>
              client.GET("/v2/teams/{teamId}/event-types", { ...init, params: { path: { teamId } } }),
            decode: decodeList
          })
    return ownerId === undefined ? all : all.filter((e) => e.ownerId === ownerId)
  })

  const get = Effect.fn("EventTypes.get")(function* (id: number, options: { readonly teamId?: number } = {}) {
    yield* validate("EventTypes.get", [idCheck(id), teamCheck(options.teamId)])
    const resource = { kind: "event type", id: String(id) }
    const { teamId } = options
    return teamId === undefined
      ? yield* transport.call({
          operation: "EventTypes.get",
          method: "GET",
          path: "/v2/event-types/{eventTypeId}",
          resource,
          send: (client, init) =>
            client.GET("/v2/event-types/{eventTypeId}", { ...init, params: { path: { eventTypeId: String(id) } } }),
          decode: decodeOne
        })
      : yield* transport.call({
          operation: "EventTypes.get",
          method: "GET",
          path: "/v2/teams/{teamId}/event-types/{eventTypeId}",
          resource,
          send: (client, init) =>
            client.GET("/v2/teams/{teamId}/event-types/{eventTypeId}", {
              ...init,
              params: { path: { teamId, eventTypeId: id } }
            }),
          decode: decodeOne
        })
  })

  const create = Effect.fn("EventTypes.create")(function* (input: CreateEventTypeInput) {
    yield* validate("EventTypes.create", [
      require(isNonEmpty(input.title), "title", "must not be empty"),
      slugCheck(input.slug),
      lengthCheck(input.lengthInMinutes),
      teamCheck(input.teamId),
      input.teamId === undefined
        ? require(input.schedulingType === undefined, "schedulingType", "only team event types have one")
        : require(input.schedulingType !==
            undefined, "schedulingType", "team event types need one (collective, roundRobin or managed)")
    ])
    const common = {
      title: input.title,
      slug: input.slug,
      lengthInMinutes: input.lengthInMinutes,
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.hidden === undefined ? {} : { hidden: input.hidden })
    }
    const { teamId, schedulingType } = input
    const created =
      teamId === undefined || schedulingType === undefined
        ? transport.call({
            operation: "EventTypes.create",
            method: "POST",
            path: "/v2/event-types",
            send: (client, init) => client.POST("/v2/event-types", { ...init, body: common }),
            decode: decodeOne
          })
        : transport.call({
            operation: "EventTypes.create",
            method: "POST",
            path: "/v2/teams/{teamId}/event-types",
            resource: { kind: "team", id: String(teamId) },
            send: (client, init) =>
              client.POST("/v2/teams/{teamId}/event-types", {
                ...init,
                params: { path: { teamId } },
                body: { ...common, schedulingType }
              }),
            decode: decodeTeamOne
          })
    return yield* created.pipe(Effect.catch(slugConflict("EventTypes.create", input.slug)))
  })

  const update = Effect.fn("EventTypes.update")(function* (
    id: number,
    input: UpdateEventTypeInput,
    options: { readonly teamId?: number } = {}
  ) {
    const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
    yield* validate("EventTypes.update", [
      idCheck(id),
      teamCheck(options.teamId),
      require(Object.keys(body).length > 0, "", "nothing to update"),
      input.title === undefined ? undefined : require(isNonEmpty(input.title), "title", "must not be empty"),
      input.slug === undefined ? undefined : slugCheck(input.slug),
      input.lengthInMinutes === undefined ? undefined : lengthCheck(input.lengthInMinutes)
    ])
    const resource = { kind: "event type", id: String(id) }
    const { teamId } = options
    const updated =
      teamId === undefined
        ? transport.call({
            operation: "EventTypes.update",
            method: "PATCH",
            path: "/v2/event-types/{eventTypeId}",
            resource,
            idempotent: true,
            send: (client, init) =>
              client.PATCH("/v2/event-types/{eventTypeId}", { ...init, params: { path: { eventTypeId: id } }, body }),
            decode: decodeOne
          })
        : transport.call({
            operation: "EventTypes.update",
            method: "PATCH",
            path: "/v2/teams/{teamId}/event-types/{eventTypeId}",
            resource,
            idempotent: true,
            send: (client, init) =>
              client.PATCH("/v2/teams/{teamId}/event-types/{eventTypeId}", {
                ...init,
                params: { path: { teamId, eventTypeId: id } },
                body
              }),
            decode: decodeTeamOne
          })
    return yield* updated.pipe(Effect.catch(slugConflict("EventTypes.update", input.slug)))
  })

  const remove = Effect.fn("EventTypes.delete")(function* (id: number, options: { readonly teamId?: number } = {}) {
    yield* validate("EventTypes.delete", [idCheck(id), teamCheck(options.teamId)])
    const resource = { kind: "event type", id: String(id) }
    const { teamId } = options
    yield* teamId === undefined
      ? transport.call({
          operation: "EventTypes.delete",
          method: "DELETE",
          path: "/v2/event-types/{eventTypeId}",
          resource,
          send: (client, init) =>
            client.DELETE("/v2/event-types/{eventTypeId}", { ...init, params: { path: { eventTypeId: id } } }),
          decode: ignoreBody
        })
      : transport.call({
          operation: "EventTypes.delete",
          method: "DELETE",
          path: "/v2/teams/{teamId}/event-types/{eventTypeId}",
          resource,
          send: (client, init) =>
            client.DELETE("/v2/teams/{teamId}/event-types/{eventTypeId}", {
              ...init,
              params: { path: { teamId, eventTypeId: id } }
            }),
          decode: ignoreBody
        })
  })

  return { list, get, create, update, delete: remove }
}
