/**
 * The organization tools: the members of the key's organization and its attributes (the
 * fields routing and round robin assign by). They need a key whose user belongs to an
 * organization; for any other key they fail with `NotAvailable` before anything else is sent.
 *
 * The facade has no organization module, so these calls go through `effect-calcom/request`'s
 * typed pipeline (the same transport, retries and errors) and their bodies are decoded here, by
 * schemas written for what Cal.com sends (`OrgMembershipOutputDto`, `Attribute`,
 * `OptionOutput` in its API source): ids required, the rest optional.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { IntBetween, NonEmpty } from "../../facade/internal/Input.js"
import { requestWith } from "../../facade/Request.js"
import { type CalComApi, PositiveId, TeamMember } from "../../index.js"
import { notAvailable } from "../Failures.js"
import { decodeArguments, named } from "../internal/Calls.js"
import { type Bodies, type Failure, id, optional, readOnly, THIRD_PARTY, text, tool } from "../internal/Define.js"
import { present } from "../Views.js"
import { MembershipView, membershipView } from "./Memberships.js"

const nullable = <S extends Schema.Top>(schema: S) => Schema.optionalKey(Schema.NullOr(schema))

const Attribute = Schema.Struct({
  id: Schema.String,
  name: nullable(Schema.String),
  slug: nullable(Schema.String),
  type: nullable(Schema.String),
  enabled: nullable(Schema.Boolean)
})
const AttributeOption = Schema.Struct({
  id: Schema.String,
  attributeId: nullable(Schema.String),
  value: nullable(Schema.String),
  slug: nullable(Schema.String)
})
const envelope = <S extends Schema.Top>(item: S) => Schema.Struct({ data: Schema.Array(item) })

const AttributeView = Schema.Struct({
  attribute_id: Schema.String,
  name: Schema.optionalKey(Schema.String),
  slug: Schema.optionalKey(Schema.String),
  type: Schema.optionalKey(Schema.String),
  enabled: Schema.optionalKey(Schema.Boolean)
})
const OptionView = Schema.Struct({
  option_id: Schema.String,
  value: Schema.optionalKey(Schema.String),
  slug: Schema.optionalKey(Schema.String)
})

const page = {
  limit: optional(Schema.Int.annotate({ description: "1 to 250. Default 50." })),
  skip: optional(Schema.Int.annotate({ description: "Default 0." }))
}

export const ListOrgMemberships = tool("list_org_memberships", {
  title: "List organization members",
  description: `Members of the user's organization, with their roles.${THIRD_PARTY}`,
  parameters: Schema.Struct(page),
  success: Schema.Struct({
    organization_id: Schema.Int,
    count: Schema.Int,
    next_skip: Schema.optionalKey(Schema.Int),
    members: Schema.Array(MembershipView)
  }),
  hints: readOnly
})

export const ListOrgAttributes = tool("list_org_attributes", {
  title: "List organization attributes",
  description: `The organization's attributes (fields members are routed by).${THIRD_PARTY}`,
  parameters: Schema.Struct(page),
  success: Schema.Struct({ organization_id: Schema.Int, count: Schema.Int, attributes: Schema.Array(AttributeView) }),
  hints: readOnly
})

export const ListOrgAttributeOptions = tool("list_org_attribute_options", {
  title: "List attribute options",
  description: `The options of one organization attribute.${THIRD_PARTY}`,
  parameters: Schema.Struct({ attribute_id: text("See list_org_attributes.") }),
  success: Schema.Struct({ attribute_id: Schema.String, count: Schema.Int, options: Schema.Array(OptionView) }),
  hints: readOnly
})

export const GetUserAttributes = tool("get_user_attributes", {
  title: "Get member attributes",
  description: `The attribute options assigned to one organization member.${THIRD_PARTY}`,
  parameters: Schema.Struct({ user_id: id("See list_org_memberships.") }),
  success: Schema.Struct({ user_id: Schema.Int, count: Schema.Int, options: Schema.Array(OptionView) }),
  hints: readOnly
})

export const tools = [ListOrgMemberships, ListOrgAttributes, ListOrgAttributeOptions, GetUserAttributes] as const

/** The key's organization, or `NotAvailable`. */
const organizationOf = (cal: CalComApi): Effect.Effect<number, Failure> =>
  Effect.flatMap(cal.me.get(), (user) =>
    typeof user.organizationId === "number" && user.organizationId > 0
      ? Effect.succeed(user.organizationId)
      : Effect.fail(
          notAvailable(
            "The API key's user belongs to no Cal.com organization, so it has no organization members or attributes.",
            "Do not call the organization tools with this key; list_teams and get_team show the user's teams."
          )
        )
  )

const PageArguments = Schema.Struct({
  limit: Schema.optional(IntBetween(1, 250)),
  skip: Schema.optional(IntBetween(0, Number.MAX_SAFE_INTEGER, "must be 0 or more"))
})
/** `limit` and `skip` decoded and defaulted. */
const pageOf = (params: unknown) =>
  Effect.map(decodeArguments(PageArguments)(params), (page) => ({ take: page.limit ?? 50, skip: page.skip ?? 0 }))

const optionView = (o: typeof AttributeOption.Type) => ({
  option_id: o.id,
  ...present("value", o.value),
  ...present("slug", o.slug)
})

export const bodies: Bodies<typeof tools> = {
  list_org_memberships: (cal, params) =>
    Effect.gen(function* () {
      const query = yield* pageOf(params)
      const orgId = yield* organizationOf(cal)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/organizations/{orgId}/memberships", {
          params: { path: { orgId }, query },
          schema: envelope(TeamMember)
        })
      )
      return {
        organization_id: orgId,
        count: data.length,
        ...(data.length === query.take ? { next_skip: query.skip + data.length } : {}),
        members: data.map(membershipView)
      }
    }),
  list_org_attributes: (cal, params) =>
    Effect.gen(function* () {
      const query = yield* pageOf(params)
      const orgId = yield* organizationOf(cal)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/organizations/{orgId}/attributes", {
          params: { path: { orgId }, query },
          schema: envelope(Attribute)
        })
      )
      const attributes = data.map((a) => ({
        attribute_id: a.id,
        ...present("name", a.name),
        ...present("slug", a.slug),
        ...present("type", a.type),
        ...present("enabled", a.enabled)
      }))
      return { organization_id: orgId, count: attributes.length, attributes }
    }),
  list_org_attribute_options: (cal, params) =>
    Effect.gen(function* () {
      yield* decodeArguments(Schema.Struct({ attribute_id: NonEmpty }))(params)
      const orgId = yield* organizationOf(cal)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/organizations/{orgId}/attributes/{attributeId}/options", {
          params: { path: { orgId, attributeId: params.attribute_id } },
          schema: envelope(AttributeOption)
        })
      )
      return { attribute_id: params.attribute_id, count: data.length, options: data.map(optionView) }
    }),
  get_user_attributes: (cal, params) =>
    Effect.gen(function* () {
      yield* decodeArguments(Schema.Struct({ user_id: PositiveId }))(params)
      const orgId = yield* organizationOf(cal)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/organizations/{orgId}/attributes/options/{userId}", {
          params: { path: { orgId, userId: params.user_id } },
          schema: envelope(AttributeOption)
        })
      )
      return { user_id: params.user_id, count: data.length, options: data.map(optionView) }
    })
}
