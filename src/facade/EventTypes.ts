/**
 * Event types: list (yours, a user's, or a team's), get, create, update, delete.
 * Personal event types live under `/v2/event-types`; a `teamId` routes to the team's.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { dataOf, ignoreBody, listOf, type ValidationIssueList } from "./Decode.js"
import { CalComConflictError, type CalComError } from "./Errors.js"
import { changesSomething, decodeInput, given, IntBetween, NonEmpty } from "./internal/Input.js"
import { EventType, PositiveId, Slug } from "./Models.js"
import type { Transport } from "./Transport.js"

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
/** The team endpoints answer one event type, or one per host for managed ones: the first. */
/**
 * The team endpoints answer one event type, or for a managed one the team's event type and a
 * copy per host (`ownerId`, `parentEventTypeId`), in no promised order: the team's own is the one
 * without a parent.
 */
const decodeTeamOne = (body: unknown): Effect.Effect<EventType, ValidationIssueList> =>
  Effect.flatMap(decodeOneOrMany(body), (data) => {
    if (!Array.isArray(data)) return Effect.succeed(data as EventType)
    const list = data as ReadonlyArray<EventType>
    const own = list.find((e) => e.parentEventTypeId == null && e.teamId != null) ?? list[0]
    return own === undefined
      ? Effect.fail([{ path: "data", message: "expected an event type, got an empty list" }])
      : Effect.succeed(own)
  })

const Length = IntBetween(1, 24 * 60, "must be 1 to 1440 minutes")
const TeamOption = { teamId: Schema.optional(PositiveId) }
const ById = Schema.Struct({ id: PositiveId, ...TeamOption })

const ListInput = Schema.Struct({
  username: Schema.optional(NonEmpty),
  ownerId: Schema.optional(PositiveId),
  ...TeamOption
})

const CreateInput = Schema.Struct({
  title: NonEmpty,
  slug: Slug,
  lengthInMinutes: Length,
  description: Schema.optional(Schema.String),
  hidden: Schema.optional(Schema.Boolean),
  ...TeamOption,
  schedulingType: Schema.optional(Schema.Literals(["collective", "roundRobin", "managed"]))
}).check(
  Schema.makeFilter(({ teamId, schedulingType }) =>
    teamId === undefined
      ? schedulingType === undefined || { path: ["schedulingType"], issue: "only team event types have one" }
      : schedulingType !== undefined || {
          path: ["schedulingType"],
          issue: "team event types need one (collective, roundRobin or managed)"
        }
  )
)

const changes = ["title", "slug", "lengthInMinutes", "description", "hidden"] as const
const UpdateInput = Schema.Struct({
  ...ById.fields,
  title: Schema.optional(NonEmpty),
  slug: Schema.optional(Slug),
  lengthInMinutes: Schema.optional(Length),
  description: Schema.optional(Schema.String),
  hidden: Schema.optional(Schema.Boolean)
}).check(changesSomething(changes))

const decodeListInput = decodeInput("EventTypes.list", ListInput)
const decodeGet = decodeInput("EventTypes.get", ById)
const decodeCreate = decodeInput("EventTypes.create", CreateInput)
const decodeUpdate = decodeInput("EventTypes.update", UpdateInput)
const decodeDelete = decodeInput("EventTypes.delete", ById)

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

/** The route to a user's event types, or to a team's when `teamId` is given. */
const collectionRoute = (teamId: number | undefined) =>
  teamId === undefined
    ? ({ path: "/v2/event-types" } as const)
    : ({
        path: "/v2/teams/{teamId}/event-types",
        params: { path: { teamId } },
        resource: { kind: "team", id: String(teamId) }
      } as const)

/**
 * The route to one event type: the user's own, or under its team when `teamId` is given. The
 * personal `GET` takes the id as text in the document, its `PATCH` and `DELETE` as a number.
 */
const itemRoute = <Id extends number | string>(id: Id, teamId: number | undefined) => {
  const resource = { kind: "event type", id: String(id) }
  return teamId === undefined
    ? ({ path: "/v2/event-types/{eventTypeId}", params: { path: { eventTypeId: id } }, resource } as const)
    : ({
        path: "/v2/teams/{teamId}/event-types/{eventTypeId}",
        params: { path: { teamId, eventTypeId: Number(id) } },
        resource
      } as const)
}

/** @internal */
export const makeEventTypes = (transport: Transport): EventTypesApi => {
  const list = Effect.fn("EventTypes.list")(function* (raw: ListEventTypesInput = {}) {
    const { teamId, username, ownerId } = yield* decodeListInput(raw)
    const route =
      teamId === undefined
        ? ({ path: "/v2/event-types", params: { query: username === undefined ? {} : { username } } } as const)
        : collectionRoute(teamId)
    const all = yield* transport.call({ operation: "EventTypes.list", method: "GET", ...route, decode: decodeList })
    return ownerId === undefined ? all : all.filter((e) => e.ownerId === ownerId)
  })

  const get = Effect.fn("EventTypes.get")(function* (id: number, options: { readonly teamId?: number } = {}) {
    const input = yield* decodeGet({ ...options, id })
    return yield* transport.call({
      operation: "EventTypes.get",
      method: "GET",
      ...itemRoute(String(input.id), input.teamId),
      decode: decodeOne
    })
  })

  const create = Effect.fn("EventTypes.create")(function* (raw: CreateEventTypeInput) {
    const { teamId, title, slug, lengthInMinutes, ...optional } = yield* decodeCreate(raw)
    return yield* transport
      .call({
        operation: "EventTypes.create",
        method: "POST",
        ...collectionRoute(teamId),
        body: { title, slug, lengthInMinutes, ...given(optional) },
        decode: teamId === undefined ? decodeOne : decodeTeamOne
      })
      .pipe(Effect.catch(slugConflict("EventTypes.create", slug)))
  })

  const update = Effect.fn("EventTypes.update")(function* (
    id: number,
    raw: UpdateEventTypeInput,
    options: { readonly teamId?: number } = {}
  ) {
    const { id: eventTypeId, teamId, ...fields } = yield* decodeUpdate({ ...raw, ...options, id })
    return yield* transport
      .call({
        operation: "EventTypes.update",
        method: "PATCH",
        ...itemRoute(eventTypeId, teamId),
        idempotent: true,
        body: given(fields),
        decode: teamId === undefined ? decodeOne : decodeTeamOne
      })
      .pipe(Effect.catch(slugConflict("EventTypes.update", fields.slug)))
  })

  const remove = Effect.fn("EventTypes.delete")(function* (id: number, options: { readonly teamId?: number } = {}) {
    const input = yield* decodeDelete({ ...options, id })
    yield* transport.call({
      operation: "EventTypes.delete",
      method: "DELETE",
      ...itemRoute(input.id, input.teamId),
      decode: ignoreBody
    })
  })

  return { list, get, create, update, delete: remove }
}
