/**
 * The Cal.com agent tools, as `effect/ai` `Tool`s in one `Toolkit`. Each group module
 * (`groups/*.ts`) states its tools (parameters with descriptions, the success schema that is the
 * MCP output schema, `ToolFailure`, MCP hints) next to what they do; this module joins them, and
 * `Toolsets.ts` offers them by group.
 *
 * Failure mode is `"return"`: in an Effect AI program a failure goes back to the model as the
 * tool's result instead of failing the whole generation.
 */
import { Toolkit } from "effect/ai"
import * as Availability from "./groups/Availability.js"
import * as BookingAdmin from "./groups/BookingAdmin.js"
import * as Bookings from "./groups/Bookings.js"
import * as Calendars from "./groups/Calendars.js"
import * as Conferencing from "./groups/Conferencing.js"
import * as EventTypes from "./groups/EventTypes.js"
import * as Memberships from "./groups/Memberships.js"
import * as Organization from "./groups/Organization.js"
import * as Profile from "./groups/Profile.js"
import * as Routing from "./groups/Routing.js"
import * as Schedules from "./groups/Schedules.js"
import * as Teams from "./groups/Teams.js"
import * as Webhooks from "./groups/Webhooks.js"

/**
 * The groups, by toolset name: each its tools and what they do.
 *
 * @internal
 */
export const groups = {
  profile: Profile,
  "event-types": EventTypes,
  availability: Availability,
  bookings: Bookings,
  "booking-admin": BookingAdmin,
  schedules: Schedules,
  teams: Teams,
  memberships: Memberships,
  webhooks: Webhooks,
  calendars: Calendars,
  conferencing: Conferencing,
  routing: Routing,
  organization: Organization
} as const

/** @internal */
export const toolList = [
  ...Profile.tools,
  ...EventTypes.tools,
  ...Availability.tools,
  ...Bookings.tools,
  ...BookingAdmin.tools,
  ...Schedules.tools,
  ...Teams.tools,
  ...Memberships.tools,
  ...Webhooks.tools,
  ...Calendars.tools,
  ...Conferencing.tools,
  ...Routing.tools,
  ...Organization.tools
] as const

/** Every tool, for `LanguageModel` (`toolkit: CalComToolkit`) and for MCP; `Toolsets` groups them. */
export const CalComToolkit = Toolkit.make(...toolList)
export type CalComToolkit = typeof CalComToolkit

/** A tool's name. */
export type ToolName = keyof CalComToolkit["tools"]
