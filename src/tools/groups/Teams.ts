/**
 * The team tools: the user's teams, one team with its members, its event types and its
 * members' schedules (read through `effect-calcom/request`'s typed pipeline, decoded by the
 * facade's `Schedule` model).
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { requestWith } from "../../facade/Request.js"
import { PositiveId, Schedule } from "../../index.js"
import { decodeArguments, named } from "../internal/Calls.js"
import { type Bodies, readOnly, THIRD_PARTY, teamId, tool } from "../internal/Define.js"
import {
  EventTypeList,
  eventTypeView,
  memberView,
  ScheduleList,
  scheduleView,
  TeamList,
  TeamWithMembersView,
  teamView
} from "../Views.js"

export const ListTeams = tool("list_teams", {
  title: "List teams",
  description: `The user's teams.${THIRD_PARTY}`,
  success: TeamList,
  hints: readOnly
})

export const GetTeam = tool("get_team", {
  title: "Get team",
  description: `A team and its members.${THIRD_PARTY}`,
  parameters: Schema.Struct({ team_id: teamId }),
  success: TeamWithMembersView,
  hints: readOnly
})

export const ListTeamEventTypes = tool("list_team_event_types", {
  title: "List team event types",
  description: `A team's event types (collective, round robin, managed).${THIRD_PARTY}`,
  parameters: Schema.Struct({ team_id: teamId }),
  success: EventTypeList,
  hints: readOnly
})

export const ListTeamSchedules = tool("list_team_schedules", {
  title: "List team schedules",
  description: "The availability schedules of a team's members (weekly hours and overrides, each in its zone).",
  parameters: Schema.Struct({ team_id: teamId }),
  success: ScheduleList,
  hints: readOnly
})

export const tools = [ListTeams, GetTeam, ListTeamEventTypes, ListTeamSchedules] as const

export const bodies: Bodies<typeof tools> = {
  list_team_schedules: (cal, params) =>
    Effect.gen(function* () {
      const { team_id: id } = yield* decodeArguments(Schema.Struct({ team_id: PositiveId }))(params)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/teams/{teamId}/schedules", {
          params: { path: { teamId: id } },
          schema: Schema.Struct({ data: Schema.Array(Schedule) })
        })
      )
      return { schedules: data.map(scheduleView), count: data.length }
    }),
  list_teams: (cal) => Effect.map(cal.teams.list(), (teams) => ({ teams: teams.map(teamView), count: teams.length })),
  get_team: (cal, params) =>
    Effect.map(named()(cal.teams.get(params.team_id)), (team) => ({
      ...teamView(team),
      member_count: team.members.length,
      members: team.members.map(memberView)
    })),
  list_team_event_types: (cal, params) =>
    Effect.map(named()(cal.teams.eventTypes(params.team_id)), (list) => ({
      event_types: list.map(eventTypeView),
      count: list.length
    }))
}
