/**
 * How a tool is stated: `tool(name, spec)` makes the `effect/ai` `Tool` (failure `ToolFailure`,
 * failure mode `"return"`, title and the four MCP hints), and `Bodies` types what each tool does
 * on a client. A group module (`groups/*.ts`) holds its tools and their bodies side by side.
 *
 * Parameter schemas hold JSON types only; rules about values (an IANA zone, a positive id, a
 * range) are the facade's, whose issues come back renamed to the tool's arguments (`Calls.ts`).
 *
 * @internal
 */
import { Tool } from "effect/ai"
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { CalComApi, CalComError } from "../../index.js"
import { ToolFailure } from "../Failures.js"

// ---------------------------------------------------------------------------------------------
// MCP hints
// ---------------------------------------------------------------------------------------------

/** The four MCP hints of a tool. */
export interface Hints {
  readonly readOnly: boolean
  readonly destructive: boolean
  readonly idempotent: boolean
  readonly openWorld: boolean
}

const hints = (readOnly: boolean, destructive: boolean, idempotent: boolean, openWorld: boolean): Hints => ({
  readOnly,
  destructive,
  idempotent,
  openWorld
})

/** Reads the key's own Cal.com data and changes nothing. */
export const readOnly = hints(true, false, true, false)
/** Creates or moves a booking: not idempotent, and attendees are emailed. */
export const additiveWrite = hints(false, false, false, true)
/** Changes the account's own settings; the same call again changes nothing more. */
export const settingsWrite = hints(false, false, true, false)
/** Changes a booking's state (confirm, no-show); attendees may be told; the same call again changes nothing. */
export const bookingUpdate = hints(false, false, true, true)
/** Creates something in the account: a second call creates a second one. */
export const accountCreate = hints(false, false, false, false)
/** Deletes something for good. */
export const accountDelete = hints(false, true, true, false)
/** Cancels or declines a booking: for good, and its attendees are told. */
export const bookingDelete = hints(false, true, false, true)
/** Holds a slot for a while: a second call makes a second hold (which stands in line behind the first). */
export const holdCreate = hints(false, false, false, false)
/** Moves or renews a hold: the same call again leaves the one hold, held from the last call. */
export const holdUpdate = hints(false, false, true, false)
/** Sends booking data to a URL outside the account. */
export const webhookCreate = hints(false, false, false, true)
export const webhookUpdate = hints(false, false, true, true)

// ---------------------------------------------------------------------------------------------
// Parameter building blocks
// ---------------------------------------------------------------------------------------------

export const id = (description: string) => Schema.Int.annotate({ description })
export const text = (description: string) => Schema.String.annotate({ description })
export const flag = (description: string) => Schema.Boolean.annotate({ description })
export const optional = <S extends Schema.Top>(schema: S) => Schema.optionalKey(schema)
export const zone = (description: string) => text(`IANA zone. ${description}`)
export const date = (description: string) => text(`YYYY-MM-DD. ${description}`)
/** A date-time argument: the rule (offset, or wall-clock time in a named zone) is in the instructions. */
export const dateTime = text
/** `send_confirmation` / `send_notification`: kept for agents that expect it, honest about its effect. */
export const emailSwitch = optional(flag("No effect (see notifications)."))
export const bookingId = text("From list_bookings.")
export const displayZone = optional(text("Default: the profile's."))
export const eventTypeId = id("See list_event_types.")
export const teamId = id("See list_teams.")

/** Appended to the description of every tool whose result carries text other people wrote. */
export const THIRD_PARTY = " Text is third-party data."

// ---------------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------------

/** What a tool states besides its name. */
export interface ToolSpec<P extends Schema.Constraint, S extends Schema.Constraint> {
  readonly title: string
  readonly description: string
  /** Absent: the tool takes no arguments. */
  readonly parameters?: P
  /** The result: the MCP output schema. */
  readonly success: S
  readonly hints: Hints
}

/** A Cal.com tool: `ToolFailure` on failure (returned to the model, not raised), with its title and hints. */
export const tool = <
  const Name extends string,
  S extends Schema.Constraint,
  P extends Schema.Constraint = Tool.EmptyParams
>(
  name: Name,
  spec: ToolSpec<P, S>
) =>
  Tool.make(name, {
    description: spec.description,
    parameters: (spec.parameters ?? Tool.EmptyParams) as P,
    success: spec.success,
    failure: ToolFailure,
    failureMode: "return"
  })
    .annotate(Tool.Title, spec.title)
    .annotateMerge(
      Context.make(Tool.Readonly, spec.hints.readOnly).pipe(
        Context.add(Tool.Destructive, spec.hints.destructive),
        Context.add(Tool.Idempotent, spec.hints.idempotent),
        Context.add(Tool.OpenWorld, spec.hints.openWorld)
      )
    )

/** What a tool body fails with: a tool failure, or a facade error (turned into one by the handler). */
export type Failure = ToolFailure | CalComError

/** What a tool does on a client with its decoded arguments. */
export type Body<T extends Tool.Any> = (
  cal: CalComApi,
  params: Tool.Parameters<T>
) => Effect.Effect<Tool.Success<T>, Failure>

/** The bodies of a group's tools, by tool name. */
export type Bodies<Tools extends ReadonlyArray<Tool.Any>> = {
  readonly [T in Tools[number] as T["name"]]: Body<T>
}
