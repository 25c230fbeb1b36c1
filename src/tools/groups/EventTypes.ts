/** The event type tools: the kinds of meetings people can book, personal or a team's. */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type ArgumentNames, given, named } from "../internal/Calls.js"
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

export const tools = [ListEventTypes, GetEventType, CreateEventType, UpdateEventType, DeleteEventType] as const

/** The facade's `id` is the tool's `event_type_id`. */
const NAMES: ArgumentNames = { id: "event_type_id" }
const scope = (teamId: number | undefined) => (teamId === undefined ? {} : { teamId })

export const bodies: Bodies<typeof tools> = {
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
