/**
 * The team membership tools: who is in a team with which role, adding, changing and removing
 * members, and a new invite link. Removing and role changes need a key with admin rights on the
 * team; Cal.com's refusal comes back as `CalComAuthError`.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { TeamMember } from "../../index.js"
import { given, named } from "../internal/Calls.js"
import {
  accountCreate,
  accountDelete,
  type Bodies,
  flag,
  id,
  optional,
  readOnly,
  settingsWrite,
  THIRD_PARTY,
  teamId,
  tool
} from "../internal/Define.js"
import { present } from "../Views.js"

const role = Schema.Literals(["MEMBER", "ADMIN", "OWNER"])
const membershipId = id("See list_team_memberships.")

/** A membership as the tools show it (teams and the organization alike). */
export const MembershipView = Schema.Struct({
  membership_id: Schema.Int,
  user_id: Schema.Int,
  name: Schema.optionalKey(Schema.String),
  username: Schema.optionalKey(Schema.String),
  email: Schema.optionalKey(Schema.String),
  role: Schema.optionalKey(Schema.String),
  accepted: Schema.optionalKey(Schema.Boolean)
})
const MembershipChange = Schema.Struct({ team_id: Schema.Int, membership: MembershipView })

export const ListTeamMemberships = tool("list_team_memberships", {
  title: "List team memberships",
  description: `A team's memberships (membership_id, role, accepted), optionally for some emails only.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    team_id: teamId,
    emails: optional(Schema.Array(Schema.String).annotate({ description: "1 to 20 emails." }))
  }),
  success: Schema.Struct({ team_id: Schema.Int, count: Schema.Int, memberships: Schema.Array(MembershipView) }),
  hints: readOnly
})

export const AddTeamMember = tool("add_team_member", {
  title: "Add team member",
  description: "Adds a Cal.com user to a team; unless accepted is true they are invited.",
  parameters: Schema.Struct({
    team_id: teamId,
    user_id: id("The user to add."),
    role: optional(role),
    accepted: optional(flag("Skip the invitation. Default false."))
  }),
  success: MembershipChange,
  hints: accountCreate
})

export const UpdateTeamMember = tool("update_team_member", {
  title: "Update team member",
  description: "Changes a member's role or acceptance; only given fields change.",
  parameters: Schema.Struct({
    team_id: teamId,
    membership_id: membershipId,
    role: optional(role),
    accepted: optional(flag("Accepted membership."))
  }),
  success: MembershipChange,
  hints: settingsWrite
})

export const RemoveTeamMember = tool("remove_team_member", {
  title: "Remove team member",
  description: "Removes a member from a team for good: confirm with the user first.",
  parameters: Schema.Struct({ team_id: teamId, membership_id: membershipId }),
  success: MembershipChange,
  hints: accountDelete
})

export const CreateTeamInvite = tool("create_team_invite", {
  title: "Create team invite link",
  description: "A new link anyone can use to join the team: share it only where the user says.",
  parameters: Schema.Struct({ team_id: teamId }),
  success: Schema.Struct({ team_id: Schema.Int, invite_link: Schema.String }),
  hints: accountCreate
})

export const tools = [ListTeamMemberships, AddTeamMember, UpdateTeamMember, RemoveTeamMember, CreateTeamInvite] as const

export const membershipView = (m: TeamMember): typeof MembershipView.Type => ({
  membership_id: m.id,
  user_id: m.userId,
  ...present("name", m.user?.name),
  ...present("username", m.user?.username),
  ...present("email", m.user?.email),
  ...present("role", m.role),
  ...present("accepted", m.accepted)
})

const change = (team: number) => (m: TeamMember) => ({ team_id: team, membership: membershipView(m) })

export const bodies: Bodies<typeof tools> = {
  list_team_memberships: (cal, params) =>
    Effect.map(named()(cal.teams.memberships.list(params.team_id, given({ emails: params.emails }))), (list) => ({
      team_id: params.team_id,
      count: list.length,
      memberships: list.map(membershipView)
    })),
  add_team_member: (cal, params) =>
    Effect.map(
      named()(
        cal.teams.memberships.create(params.team_id, {
          userId: params.user_id,
          ...given({ role: params.role, accepted: params.accepted })
        })
      ),
      change(params.team_id)
    ),
  update_team_member: (cal, params) =>
    Effect.map(
      named()(
        cal.teams.memberships.update(
          params.team_id,
          params.membership_id,
          given({ role: params.role, accepted: params.accepted })
        )
      ),
      change(params.team_id)
    ),
  remove_team_member: (cal, params) =>
    Effect.map(named()(cal.teams.memberships.delete(params.team_id, params.membership_id)), change(params.team_id)),
  create_team_invite: (cal, params) =>
    Effect.map(named()(cal.teams.invite(params.team_id)), (invite) => ({
      team_id: params.team_id,
      invite_link: invite.inviteLink
    }))
}
