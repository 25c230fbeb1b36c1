/**
 * A team's memberships: list (every page), get, create, update (role, accepted, impersonation),
 * delete; and the team's invite link.
 *
 * `create` adds a user to the team; after an ambiguous failure it looks for the user's membership
 * and returns it when the earlier attempt made it, so a user is never added twice. `update` sets
 * fields and may be repeated. `invite` makes a new link each time it is sent, and there is no way to
 * find one made by an attempt that failed ambiguously, so it is never sent again after such a
 * failure (`CalComTimeoutError` etc. reach the caller, who may simply ask for another link).
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { dataOf, listOf } from "./Decode.js"
import type { CalComError } from "./Errors.js"
import { changesSomething, decodeInput, given } from "./internal/Input.js"
import { Email, KnownTeamRole, PositiveId, TeamInvite, TeamMember } from "./Models.js"
import type { Transport } from "./Transport.js"

/** A role to give a member. */
export type TeamRoleInput = typeof KnownTeamRole.Type

export interface CreateMembershipInput {
  /** The user to add. */
  readonly userId: number
  /** Default `MEMBER`. */
  readonly role?: TeamRoleInput | undefined
  /** Whether the membership is accepted already (default false: the user is invited). */
  readonly accepted?: boolean | undefined
  readonly disableImpersonation?: boolean | undefined
}

export type UpdateMembershipInput = Partial<Omit<CreateMembershipInput, "userId">>

export interface TeamMembershipsApi {
  /** Every membership of the team (all pages of 250); `emails` (1 to 20) filters by the members' emails. */
  readonly list: (
    teamId: number,
    options?: { readonly emails?: ReadonlyArray<string> | undefined }
  ) => Effect.Effect<ReadonlyArray<TeamMember>, CalComError>
  readonly get: (teamId: number, membershipId: number) => Effect.Effect<TeamMember, CalComError>
  /** Adds a user to the team. */
  readonly create: (teamId: number, input: CreateMembershipInput) => Effect.Effect<TeamMember, CalComError>
  /** Changes a member's role, acceptance or impersonation setting. */
  readonly update: (
    teamId: number,
    membershipId: number,
    input: UpdateMembershipInput
  ) => Effect.Effect<TeamMember, CalComError>
  /** Removes a member; returns the membership removed. */
  readonly delete: (teamId: number, membershipId: number) => Effect.Effect<TeamMember, CalComError>
}

const PAGE = 250

const decodeMembers = listOf(TeamMember, "membership")
const decodeMember = dataOf(TeamMember)
const decodeInvite = dataOf(TeamInvite)

const Role = Schema.Literals(KnownTeamRole.literals)
const fields = {
  role: Schema.optional(Role),
  accepted: Schema.optional(Schema.Boolean),
  disableImpersonation: Schema.optional(Schema.Boolean)
}

const ListInput = Schema.Struct({
  teamId: PositiveId,
  emails: Schema.optional(
    Schema.Array(Email).check(
      Schema.makeFilter((e: ReadonlyArray<string>) => (e.length >= 1 && e.length <= 20) || "must list 1 to 20 emails")
    )
  )
})
const OneInput = Schema.Struct({ teamId: PositiveId, membershipId: PositiveId })
const CreateInput = Schema.Struct({ teamId: PositiveId, userId: PositiveId, ...fields })
const UpdateInput = Schema.Struct({ teamId: PositiveId, membershipId: PositiveId, ...fields }).check(
  changesSomething(["role", "accepted", "disableImpersonation"])
)
const TeamOnly = Schema.Struct({ teamId: PositiveId })

const decodeList = decodeInput("Teams.memberships.list", ListInput)
const decodeGet = decodeInput("Teams.memberships.get", OneInput)
const decodeCreate = decodeInput("Teams.memberships.create", CreateInput)
const decodeUpdate = decodeInput("Teams.memberships.update", UpdateInput)
const decodeDelete = decodeInput("Teams.memberships.delete", OneInput)
const decodeInviteInput = decodeInput("Teams.invite", TeamOnly)

/**
 * Every membership of `teamId`, page after page of 250 until a short page.
 *
 * @internal
 */
export const allMemberships = (
  transport: Transport,
  operation: string,
  teamId: number,
  emails?: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<TeamMember>, CalComError> =>
  Stream.paginate(0, (skip: number) =>
    Effect.map(
      transport.call({
        operation,
        method: "GET",
        path: "/v2/teams/{teamId}/memberships",
        resource: { kind: "team", id: String(teamId) },
        params: {
          path: { teamId },
          query: { take: PAGE, skip, ...(emails === undefined ? {} : { emails: [...emails] }) }
        },
        decode: decodeMembers
      }),
      (page) => [page, page.length === PAGE ? Option.some(skip + PAGE) : Option.none()] as const
    )
  ).pipe(Stream.runCollect)

/** @internal */
export const makeTeamMemberships = (transport: Transport): TeamMembershipsApi => {
  const item = (teamId: number, membershipId: number) =>
    ({
      path: "/v2/teams/{teamId}/memberships/{membershipId}",
      resource: { kind: "membership", id: String(membershipId) },
      params: { path: { teamId, membershipId } }
    }) as const

  const list = Effect.fn("Teams.memberships.list")(function* (
    teamId: number,
    options: { readonly emails?: ReadonlyArray<string> | undefined } = {}
  ) {
    const input = yield* decodeList({ teamId, ...options })
    return yield* allMemberships(transport, "Teams.memberships.list", input.teamId, input.emails)
  })

  const get = Effect.fn("Teams.memberships.get")(function* (teamId: number, membershipId: number) {
    const input = yield* decodeGet({ teamId, membershipId })
    return yield* transport.call({
      operation: "Teams.memberships.get",
      method: "GET",
      ...item(input.teamId, input.membershipId),
      decode: decodeMember
    })
  })

  const create = Effect.fn("Teams.memberships.create")(function* (teamId: number, raw: CreateMembershipInput) {
    const { teamId: team, userId, ...rest } = yield* decodeCreate({ ...raw, teamId })
    return yield* transport.call({
      operation: "Teams.memberships.create",
      method: "POST",
      path: "/v2/teams/{teamId}/memberships",
      resource: { kind: "team", id: String(team) },
      params: { path: { teamId: team } },
      body: { userId, ...given(rest) },
      // After an ambiguous failure: the user's membership, if the earlier attempt made it.
      reconcile: Effect.map(allMemberships(transport, "Teams.memberships.create", team), (members) =>
        Option.fromNullishOr(members.find((m) => m.userId === userId))
      ),
      lookup: `the membership of user ${userId} in team ${team} (teams.memberships.list)`,
      decode: decodeMember
    })
  })

  const update = Effect.fn("Teams.memberships.update")(function* (
    teamId: number,
    membershipId: number,
    raw: UpdateMembershipInput
  ) {
    const { teamId: team, membershipId: id, ...rest } = yield* decodeUpdate({ ...raw, teamId, membershipId })
    return yield* transport.call({
      operation: "Teams.memberships.update",
      method: "PATCH",
      ...item(team, id),
      // Setting the same fields twice leaves them set: safe to send again.
      idempotent: true,
      body: given(rest),
      decode: decodeMember
    })
  })

  const remove = Effect.fn("Teams.memberships.delete")(function* (teamId: number, membershipId: number) {
    const input = yield* decodeDelete({ teamId, membershipId })
    return yield* transport.call({
      operation: "Teams.memberships.delete",
      method: "DELETE",
      ...item(input.teamId, input.membershipId),
      decode: decodeMember
    })
  })

  return { list, get, create, update, delete: remove }
}

/**
 * `POST /v2/teams/{teamId}/invite`: a new invite link for the team (team admins only).
 *
 * @internal
 */
export const makeInvite = (transport: Transport) =>
  Effect.fn("Teams.invite")(function* (teamId: number) {
    const input = yield* decodeInviteInput({ teamId })
    return yield* transport.call({
      operation: "Teams.invite",
      method: "POST",
      path: "/v2/teams/{teamId}/invite",
      resource: { kind: "team", id: String(input.teamId) },
      params: { path: { teamId: input.teamId } },
      decode: decodeInvite
    })
  })
