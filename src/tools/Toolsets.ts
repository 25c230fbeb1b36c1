/**
 * Toolsets: the tools in named groups, so that a client is offered only what it needs (every
 * offered tool costs tokens on every turn). `default` is the booking workflow; `all` is every
 * tool. Chosen with `CAL_COM_MCP_TOOLSETS` or `calcom-mcp --toolsets`, a comma-separated list.
 */
import type { Tool } from "effect/ai"
import * as Result from "effect/Result"
import {
  CancelBooking,
  CreateBooking,
  CreateEventType,
  CreateSchedule,
  CreateWebhook,
  DeleteEventType,
  DeleteSchedule,
  DeleteWebhook,
  FindEarliestSlots,
  GetBooking,
  GetEventType,
  GetSchedule,
  GetTeam,
  GetUserProfile,
  ListAvailability,
  ListBookings,
  ListEventTypes,
  ListSchedules,
  ListTeams,
  ListWebhooks,
  RescheduleBooking,
  UpdateEventType,
  UpdateSchedule,
  UpdateUserProfile,
  UpdateUserTimezone,
  UpdateWebhook
} from "./Tools.js"

/** A toolset's name. */
export type ToolsetName =
  | "default"
  | "profile"
  | "bookings"
  | "availability"
  | "event-types"
  | "schedules"
  | "teams"
  | "webhooks"

/** The toolsets, each a list of tools; a tool may be in several. */
export const Toolsets: { readonly [Name in ToolsetName]: ReadonlyArray<Tool.Any> } = {
  /** The booking workflow: profile, event types, availability, bookings, teams, time zone. */
  default: [
    GetUserProfile,
    ListEventTypes,
    GetEventType,
    ListAvailability,
    ListBookings,
    GetBooking,
    CreateBooking,
    RescheduleBooking,
    CancelBooking,
    ListTeams,
    GetTeam,
    UpdateUserTimezone
  ],
  profile: [GetUserProfile, UpdateUserTimezone, UpdateUserProfile],
  bookings: [ListBookings, GetBooking, CreateBooking, RescheduleBooking, CancelBooking],
  availability: [ListAvailability, FindEarliestSlots],
  "event-types": [ListEventTypes, GetEventType, CreateEventType, UpdateEventType, DeleteEventType],
  schedules: [ListSchedules, GetSchedule, CreateSchedule, UpdateSchedule, DeleteSchedule],
  teams: [ListTeams, GetTeam],
  webhooks: [ListWebhooks, CreateWebhook, UpdateWebhook, DeleteWebhook]
}

/** Every toolset name, `default` first. */
export const toolsetNames = Object.keys(Toolsets) as ReadonlyArray<ToolsetName>

const isToolsetName = (name: string): name is ToolsetName => Object.hasOwn(Toolsets, name)

/** Every tool once, in toolset order. */
export const allTools: ReadonlyArray<Tool.Any> = [...new Set(Object.values(Toolsets).flat())]

/**
 * The tools of a toolset list (`"default"`, `"bookings,webhooks"`, `"all"`; blank or absent:
 * `default`), each once, or the message naming an unknown toolset.
 */
export const selectTools = (spec: string | undefined): Result.Result<ReadonlyArray<Tool.Any>, string> => {
  const names = (spec ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "")
  if (names.length === 0) return Result.succeed(Toolsets.default)
  if (names.includes("all")) return Result.succeed(allTools)
  const unknown = names.filter((name) => !isToolsetName(name))
  if (unknown.length > 0) {
    return Result.fail(
      `unknown toolset ${unknown.map((n) => JSON.stringify(n)).join(", ")}: choose from ${toolsetNames.join(", ")} or all`
    )
  }
  const selected = new Set(names.flatMap((name) => (isToolsetName(name) ? Toolsets[name] : [])))
  return Result.succeed(allTools.filter((tool) => selected.has(tool)))
}
