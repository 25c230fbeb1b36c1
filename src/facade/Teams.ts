/**
 * Teams the key's user belongs to, a team with its members, a team's event types, its
 * memberships (`teams.memberships`, in `TeamMemberships.ts`) and its invite link.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { dataOf, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import type { EventTypesApi } from "./EventTypes.js"
import { decodeInput } from "./internal/Input.js"
import { type EventType, PositiveId, Team, type TeamInvite, type TeamWithMembers } from "./Models.js"
import { allMemberships, makeInvite, makeTeamMemberships, type TeamMembershipsApi } from "./TeamMemberships.js"
import type { Transport } from "./Transport.js"

export interface TeamsApi {
  /** Teams the key's user is a member of. */
  readonly list: () => Effect.Effect<ReadonlyArray<Team>, CalComError>
  /** A team with all its members (every page of memberships). */
  readonly get: (teamId: number) => Effect.Effect<TeamWithMembers, CalComError>
  readonly eventTypes: (teamId: number) => Effect.Effect<ReadonlyArray<EventType>, CalComError>
  /** The team's memberships: list, get, create, update, delete. */
  readonly memberships: TeamMembershipsApi
  /**
   * A new invite link for the team (the key's user must be a team admin). Each call makes another
   * link; not sent again after an ambiguous failure.
   */
  readonly invite: (teamId: number) => Effect.Effect<TeamInvite, CalComError>
}

const decodeTeams = listOf(Team, "team")
const decodeTeam = dataOf(Team)

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
        allMemberships(transport, "Teams.get", teamId)
      ],
      { concurrency: 2 }
    )
    return { ...team, members: all }
  })

  const teamEventTypes = Effect.fn("Teams.eventTypes")(function* (teamId: number) {
    yield* decodeEventTypes({ teamId })
    return yield* eventTypes.list({ teamId })
  })

  return {
    list,
    get,
    eventTypes: teamEventTypes,
    memberships: makeTeamMemberships(transport),
    invite: makeInvite(transport)
  }
}
