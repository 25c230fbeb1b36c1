/**
 * The event type tools: the kinds of meetings people can book, personal or a team's, and their
 * private links (read through `effect-calcom/request`'s typed pipeline: the facade has no
 * private-link operation; decoded by a schema of Cal.com's `TimeBasedPrivateLinkOutput` and
 * `UsageBasedPrivateLinkOutput`).
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { requestWith } from "../../facade/Request.js"
import { PositiveId } from "../../index.js"
import { type ArgumentNames, decodeArguments, given, named } from "../internal/Calls.js"
import {
  accountCreate,
  accountDelete,
  type Bodies,
  eventTypeId,
  flag,
  id,
  optional,
  readOnly,
  settingsWrite,
  THIRD_PARTY,
  text,
  tool
} from "../internal/Define.js"
import { Deleted, EventTypeList, EventTypeView, eventTypeView } from "../Views.js"

const slug = (description: string) => text(`${description} Lowercase letters, digits and hyphens, e.g. intro-call.`)
const teamScope = optional(id("The team it belongs to, for team event types."))
const length = (description: string) => Schema.Int.annotate({ description: `${description} 1 to 1440.` })

export const ListEventTypes = tool("list_event_types", {
  title: "List event types",
  description: `The user's (or a team's) bookable event types.${THIRD_PARTY}`,
  parameters: Schema.Struct({
    owner_id: optional(id("The owner's user id.")),
    team_id: optional(id("A team's instead."))
  }),
  success: EventTypeList,
  hints: readOnly
})

export const GetEventType = tool("get_event_type", {
  title: "Get event type",
  description: `An event type.${THIRD_PARTY}`,
  parameters: Schema.Struct({ event_type_id: eventTypeId }),
  success: EventTypeView,
  hints: readOnly
})

export const CreateEventType = tool("create_event_type", {
  title: "Create event type",
  description: "Creates an event type (a kind of meeting people can book) for the user, or for a team with team_id.",
  parameters: Schema.Struct({
    title: text("Its title, e.g. Intro call."),
    slug: slug("Its booking page's URL part."),
    length_minutes: length("Length in minutes,"),
    description: optional(text("Shown on the booking page.")),
    hidden: optional(flag("Hide it from the public profile (still bookable by link). Default false.")),
    team_id: optional(id("Create it for this team (then scheduling_type is needed).")),
    scheduling_type: optional(Schema.Literals(["collective", "roundRobin", "managed"]))
  }),
  success: EventTypeView,
  hints: accountCreate
})

export const UpdateEventType = tool("update_event_type", {
  title: "Update event type",
  description: "Changes an event type; only given fields change. Existing bookings keep their times.",
  parameters: Schema.Struct({
    event_type_id: eventTypeId,
    title: optional(text("New title.")),
    slug: optional(slug("New URL part.")),
    length_minutes: optional(length("New length in minutes,")),
    description: optional(text("New description.")),
    hidden: optional(flag("Hide it from the public profile.")),
    team_id: teamScope
  }),
  success: EventTypeView,
  hints: settingsWrite
})

export const DeleteEventType = tool("delete_event_type", {
  title: "Delete event type",
  description: "Deletes an event type for good; its booking page stops working. Confirm with the user first.",
  parameters: Schema.Struct({ event_type_id: eventTypeId, team_id: teamScope }),
  success: Deleted,
  hints: accountDelete
})

/** A private link as Cal.com sends it: time-based (`expiresAt`) or usage-based (`maxUsageCount`). */
const PrivateLink = Schema.Struct({
  linkId: Schema.String,
  bookingUrl: Schema.String,
  isExpired: Schema.optionalKey(Schema.NullOr(Schema.Boolean)),
  expiresAt: Schema.optionalKey(Schema.NullOr(Schema.String)),
  maxUsageCount: Schema.optionalKey(Schema.NullOr(Schema.Number)),
  usageCount: Schema.optionalKey(Schema.NullOr(Schema.Number))
})

export const ListPrivateLinks = tool("list_event_type_private_links", {
  title: "List private links",
  description: "An event type's private booking links (single-use, limited or expiring) and whether each still works.",
  parameters: Schema.Struct({ event_type_id: eventTypeId }),
  success: Schema.Struct({
    event_type_id: Schema.Int,
    count: Schema.Int,
    links: Schema.Array(
      Schema.Struct({
        link_id: Schema.String,
        booking_url: Schema.String,
        expired: Schema.optionalKey(Schema.Boolean),
        expires_at: Schema.optionalKey(Schema.String),
        max_uses: Schema.optionalKey(Schema.Number),
        uses: Schema.optionalKey(Schema.Number)
      })
    )
  }),
  hints: readOnly
})

export const tools = [
  ListEventTypes,
  GetEventType,
  CreateEventType,
  UpdateEventType,
  DeleteEventType,
  ListPrivateLinks
] as const

const linkView = (l: typeof PrivateLink.Type) => ({
  link_id: l.linkId,
  booking_url: l.bookingUrl,
  ...(l.isExpired == null ? {} : { expired: l.isExpired }),
  ...(l.expiresAt == null ? {} : { expires_at: l.expiresAt }),
  ...(l.maxUsageCount == null ? {} : { max_uses: l.maxUsageCount }),
  ...(l.usageCount == null ? {} : { uses: l.usageCount })
})

/** The facade's `id` is the tool's `event_type_id`. */
const NAMES: ArgumentNames = { id: "event_type_id" }
const scope = (teamId: number | undefined) => (teamId === undefined ? {} : { teamId })

export const bodies: Bodies<typeof tools> = {
  list_event_type_private_links: (cal, params) =>
    Effect.gen(function* () {
      const { event_type_id: id } = yield* decodeArguments(Schema.Struct({ event_type_id: PositiveId }))(params)
      const { data } = yield* named()(
        requestWith(cal)("GET /v2/event-types/{eventTypeId}/private-links", {
          params: { path: { eventTypeId: id } },
          schema: Schema.Struct({ data: Schema.Array(PrivateLink) })
        })
      )
      return { event_type_id: id, count: data.length, links: data.map(linkView) }
    }),
  list_event_types: (cal, params) =>
    Effect.map(named(NAMES)(cal.eventTypes.list({ ownerId: params.owner_id, teamId: params.team_id })), (list) => ({
      event_types: list.map(eventTypeView),
      count: list.length
    })),
  get_event_type: (cal, params) => Effect.map(named(NAMES)(cal.eventTypes.get(params.event_type_id)), eventTypeView),
  create_event_type: (cal, params) =>
    Effect.map(
      named(NAMES)(
        cal.eventTypes.create({
          title: params.title.trim(),
          slug: params.slug,
          lengthInMinutes: params.length_minutes,
          ...given({
            description: params.description,
            hidden: params.hidden,
            teamId: params.team_id,
            schedulingType: params.scheduling_type
          })
        })
      ),
      eventTypeView
    ),
  update_event_type: (cal, params) => {
    const changes = given({
      title: params.title?.trim(),
      slug: params.slug,
      lengthInMinutes: params.length_minutes,
      description: params.description,
      hidden: params.hidden
    })
    return Effect.map(
      named(NAMES)(cal.eventTypes.update(params.event_type_id, changes, scope(params.team_id))),
      eventTypeView
    )
  },
  delete_event_type: (cal, params) =>
    Effect.as(named(NAMES)(cal.eventTypes.delete(params.event_type_id, scope(params.team_id))), {
      deleted: true as const,
      id: params.event_type_id
    })
}
