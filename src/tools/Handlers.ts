/**
 * The handlers of `CalComToolkit`: each tool's body (in its group module) run on the client,
 * every failure leaving as a `ToolFailure`. What the facade checks (ids, emails, zones, lengths,
 * whether a start is an offered slot) is not checked again: the facade's issues come back named
 * by the tool's arguments (`attendee.email` → `attendee_email`).
 *
 * Three layers provide them:
 * - `layer`: on the `CalCom` service you provide (in-process Effect AI programs, tests);
 * - `layerFromClient`: on the client a layer builds (e.g. `layerConfig` from `effect-calcom/node`,
 *   which also reads `.env`). It never fails: when the client cannot be built (no
 *   `CAL_COM_API_KEY`…), every tool call answers with that configuration error, so an MCP client
 *   shows the reason instead of a dead server.
 * - `layerConfig`: `layerFromClient` on `CalCom.layerConfig` (the environment, no `.env`), so
 *   this module stays platform-neutral.
 */
import type { Tool } from "effect/ai"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import type * as Scope from "effect/Scope"
import { CalCom, type CalComApi, type CalComError, type CalComOptions } from "../index.js"
import type { ToolFailure } from "./Failures.js"
import { toFailure } from "./internal/Calls.js"
import type { Bodies, Body } from "./internal/Define.js"
import { CalComToolkit, groups, type ToolName, type toolList } from "./Tools.js"

/** The toolkit's handlers: decoded arguments in, the tool's result or a `ToolFailure` out. */
export type Handlers = {
  readonly [Name in ToolName]: (
    params: Tool.Parameters<CalComToolkit["tools"][Name]>
  ) => Effect.Effect<Tool.Success<CalComToolkit["tools"][Name]>, ToolFailure>
}

/** Every tool's body, by name. */
const bodies: Bodies<typeof toolList> = Object.assign({}, ...Object.values(groups).map((group) => group.bodies))

/** The toolkit's handlers on a client, or on the error that prevented building one. */
export const makeHandlers = (client: Effect.Effect<CalComApi, CalComError>): Handlers => {
  const handlers = Object.entries(bodies).map(([name, body]) => [
    name,
    (params: never) =>
      Effect.flatMap(client, (cal) => (body as Body<never>)(cal, params)).pipe(
        Effect.mapError(toFailure),
        Effect.withSpan(`CalComTools.${name}`)
      )
  ])
  return Object.fromEntries(handlers) as Handlers
}

/** The handlers, on the `CalCom` service in context. */
export const layer = CalComToolkit.toLayer(
  Effect.gen(function* () {
    const cal = yield* CalCom
    return makeHandlers(Effect.succeed(cal))
  })
)

/**
 * The client `client` builds, in the current scope, as an effect that gives it; when it cannot
 * be built, the error is logged once and the effect fails with it (every tool call answers
 * with that error instead of the server failing to start).
 */
export const clientFrom = (
  client: Layer.Layer<CalCom, CalComError>
): Effect.Effect<Effect.Effect<CalComApi, CalComError>, never, Scope.Scope> =>
  Effect.gen(function* () {
    const built = yield* Effect.result(Layer.build(client))
    if (Result.isSuccess(built)) return Effect.succeed(Context.get(built.success, CalCom))
    yield* Effect.logError(
      `effect-calcom tools: ${built.failure.message}. Every tool call will answer with this error until it is fixed.`
    )
    return Effect.fail(built.failure)
  })

/**
 * The handlers on the client `client` builds. Never fails: when the client cannot be built, the
 * error is logged once and every tool call answers with it.
 */
export const layerFromClient = (client: Layer.Layer<CalCom, CalComError>) =>
  CalComToolkit.toLayer(Effect.map(clientFrom(client), makeHandlers))

/**
 * The handlers on a client configured from `Config` (`CalCom.layerConfig`: the environment by
 * default; no `.env`, for which pass `layerConfig` from `effect-calcom/node` to
 * `layerFromClient`). Never fails, like `layerFromClient`.
 */
export const layerConfig = (options: { readonly overrides?: Partial<CalComOptions> | undefined } = {}) =>
  layerFromClient(CalCom.layerConfig(options))
