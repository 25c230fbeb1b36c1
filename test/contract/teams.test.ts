/**
 * `cal.teams.memberships` and `cal.teams.invite` against Prism (`--errors`): Prism refuses a
 * request the patched document does not allow, and each answer must decode.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { withCal } from "./mock.js"

describe("team memberships against Prism", () => {
  it.live("teams.memberships.list", () =>
    withCal((cal) =>
      Effect.map(cal.teams.memberships.list(5, { emails: ["ada@example.com"] }), (list) => {
        assert.isArray(list)
        for (const member of list) assert.isNumber(member.userId)
      })
    )
  )

  it.live("teams.memberships.get", () =>
    withCal((cal) => Effect.map(cal.teams.memberships.get(5, 1003), (member) => assert.isNumber(member.id)))
  )

  it.live("teams.memberships.create", () =>
    withCal((cal) =>
      Effect.map(cal.teams.memberships.create(5, { userId: 42, role: "ADMIN", accepted: true }), (member) =>
        assert.isNumber(member.userId)
      )
    )
  )

  it.live("teams.memberships.update", () =>
    withCal((cal) =>
      Effect.map(cal.teams.memberships.update(5, 1003, { role: "OWNER" }), (member) => assert.isNumber(member.id))
    )
  )

  it.live("teams.memberships.delete", () =>
    withCal((cal) => Effect.map(cal.teams.memberships.delete(5, 1003), (member) => assert.isNumber(member.id)))
  )

  it.live("teams.invite", () =>
    withCal((cal) =>
      Effect.map(cal.teams.invite(5), (invite) => {
        assert.isString(invite.token)
        assert.isString(invite.inviteLink)
      })
    )
  )
})
