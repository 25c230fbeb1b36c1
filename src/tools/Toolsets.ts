/**
 * Toolsets: the tools in named groups, so that a client is offered only what it needs (every
 * offered tool costs tokens on every turn). `default` is the booking workflow; each other
 * toolset is one group of `Tools.ts`; `all` is every tool. Chosen with `CAL_COM_MCP_TOOLSETS` or
 * `calcom-mcp --toolsets`, a comma-separated list.
 */
import type { Tool } from "effect/ai"
import * as Result from "effect/Result"
import { CalComToolkit, groups, type ToolName } from "./Tools.js"

/** A toolset's name. */
export type ToolsetName = "default" | keyof typeof groups

/** The booking workflow: profile, event types, availability, bookings, teams, time zone. */
const DEFAULT: ReadonlyArray<ToolName> = [
  "get_user_profile",
  "list_event_types",
  "get_event_type",
  "list_availability",
  "list_bookings",
  "get_booking",
  "create_booking",
  "reschedule_booking",
  "cancel_booking",
  "list_teams",
  "get_team",
  "update_user_timezone"
]

const byName = (name: ToolName): Tool.Any => CalComToolkit.tools[name]

/** The toolsets, each a list of tools; a tool may be in several. */
export const Toolsets: { readonly [Name in ToolsetName]: ReadonlyArray<Tool.Any> } = {
  default: DEFAULT.map(byName),
  ...(Object.fromEntries(
    Object.entries(groups).map(([name, group]) => [name, group.tools as ReadonlyArray<Tool.Any>])
  ) as { readonly [Name in keyof typeof groups]: ReadonlyArray<Tool.Any> })
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
