/**
 * effect-calcom/tools: Cal.com as agent tools, for Effect AI programs and MCP clients.
 *
 * ```ts
 * import { LanguageModel } from "effect/ai"
 * import { CalCom } from "effect-calcom"
 * import { CalComToolkit, layer } from "effect-calcom/tools"
 *
 * const answer = LanguageModel.generateText({ prompt: "Book me 30 minutes with Ada tomorrow", toolkit: CalComToolkit })
 *   .pipe(Effect.provide(layer), Effect.provide(CalCom.layerConfig()))
 * ```
 *
 * - `CalComToolkit`: every tool (profile, event types, availability, bookings, schedules, teams,
 *   webhooks); `Toolsets` groups them (`default`: the booking tools) and `selectTools`
 *   reads a toolset list (`"bookings,webhooks"`, `"all"`).
 * - `layer`: their handlers on the `CalCom` service; `layerFromClient(client)`: on the client a
 *   layer builds, answering every call with the configuration error when it cannot be built;
 *   `layerConfig`: the same on `CalCom.layerConfig` (the environment). For `.env` too, pass
 *   `layerConfig()` from `effect-calcom/node` to `layerFromClient` (this entry stays
 *   platform-neutral).
 * - `layerStdio({ client? })`: an MCP server over `Stdio` serving them (the `calcom-mcp` bin runs
 *   it, with the Node `layerConfig`).
 */
export {
  FailureTag,
  fromCalComError,
  ToolFailure,
  ToolFailureTag
} from "./Failures.js"
export { clientFrom, type Handlers, layer, layerConfig, layerFromClient, makeHandlers } from "./Handlers.js"
export { cleanStrings, cleanText, descriptorOf, layerTools } from "./Mcp.js"
export {
  type HttpOptions,
  layerHttp,
  layerRegistrations,
  layerRegistrationsHttp,
  layerStdio,
  SERVER_NAME,
  SERVER_VERSION,
  type ServerOptions
} from "./Server.js"
export { SlotView, TimeView, timeView } from "./Time.js"
export { CalComToolkit, type ToolName } from "./Tools.js"
export { allTools, selectTools, type ToolsetName, Toolsets, toolsetNames } from "./Toolsets.js"
export * from "./Views.js"
