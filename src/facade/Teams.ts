/**
 * Teams the key's user belongs to, a team with its members, and a team's event types.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { dataOf, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import type { EventTypesApi } from "./EventTypes.js"
import { decodeInput } from "./internal/Input.js"
import { type EventType, PositiveId, Team, TeamMember, type TeamWithMembers } from "./Models.js"
import type { Transport } from "./Transport.js"

export interface TeamsApi {
  /** Teams the key's user is a member of. */
  readonly list: () => Effect.Effect<ReadonlyArray<Team>, CalComError>
  /** A team with all its members (every page of memberships). */
  readonly get: (teamId: number) => Effect.Effect<TeamWithMembers, CalComError>
  readonly eventTypes: (teamId: number) => Effect.Effect<ReadonlyArray<EventType>, CalComError>
}

const decodeTeams = listOf(Team, "team")
const decodeTeam = dataOf(Team)
const decodeMembers = listOf(TeamMember, "membership")
const PAGE = 250

const TeamId = Schema.Struct({ teamId: PositiveId })
const decodeGet = decodeInput("Teams.get", TeamId)
const decodeEventTypes = decodeInput("Teams.eventTypes", TeamId)

/** @internal */
export const makeTeams = (transport: Transport, eventTypes: EventTypesApi): TeamsApi => {
  const list = Effect.fn("Teams.list")(function* () {
    return yield* transport.call({
      operation: "Teams.list",
      method: "GET",
      path: "/v2/teams",
      decode: decodeTeams
    })
  })

  const members = (teamId: number) =>
    Stream.paginate(0, (skip: number) =>
      Effect.map(
        transport.call({
          operation: "Teams.get",
          method: "GET",
          path: "/v2/teams/{teamId}/memberships",
          resource: { kind: "team", id: String(teamId) },
          params: { path: { teamId }, query: { take: PAGE, skip } },
          decode: decodeMembers
        }),
        (page) => [page, page.length === PAGE ? Option.some(skip + PAGE) : Option.none()] as const
      )
    ).pipe(Stream.runCollect)

  const get = Effect.fn("Teams.get")(function* (teamId: number) {
    yield* decodeGet({ teamId })
    const [team, all] = yield* Effect.all(
      [
        transport.call({
          operation: "Teams.get",
          method: "GET",
          path: "/v2/teams/{teamId}",
          resource: { kind: "team", id: String(teamId) },
          params: { path: { teamId } },
          decode: decodeTeam
        }),
        members(teamId)
      ],
      { concurrency: 2 }
    )
    return { ...team, members: all }
  })

  const teamEventTypes = Effect.fn("Teams.eventTypes")(function* (teamId: number) {
    yield* decodeEventTypes({ teamId })
    return yield* eventTypes.list({ teamId })
  })

  return { list, get, eventTypes: teamEventTypes }
}
