/**
 * Runs one tool through the toolkit's handlers on a real `CalCom` client whose `fetch` is the
 * unit tests' fake Cal.com (`../support/FakeFetch.ts` answering from `../support/CalComFixtures.ts`).
 *
 * Test infrastructure only.
 */

import { assert } from "@effect/vitest"
import type { Tool } from "effect/ai"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { CalCom } from "../../../src/index.js"
import { CalComToolkit, layer } from "../../../src/tools/index.js"
import { accountRoutes, options, type RouteTable, router } from "../support/CalComFixtures.js"
import { type FakeFetch, makeFakeFetch } from "../support/FakeFetch.js"

/** A fake Cal.com answering from `overrides` first (in order), then from the fixture account. */
export const makeFakeApi = (...overrides: ReadonlyArray<RouteTable>): FakeFetch =>
  makeFakeFetch(router(...overrides, accountRoutes))

type Tools = (typeof CalComToolkit)["tools"]

/** The handler's final result for one call: the typed result, its JSON, and whether it failed. */
export interface ToolOutcome<Name extends keyof Tools> {
  readonly result: Tool.Result<Tools[Name]>
  readonly encoded: unknown
  readonly isFailure: boolean
  readonly failureOrigin: Tool.FailureOrigin | undefined
}

/**
 * Calls tool `name` with `params` (as a model would send them) through the toolkit handlers, on
 * a `CalCom` client whose `fetch` is `api.fetch` (no retries, so no waiting).
 */
export const runTool = <Name extends keyof Tools & string>(api: FakeFetch, name: Name, params: unknown) =>
  Effect.gen(function* () {
    const toolkit = yield* CalComToolkit
    const stream = yield* toolkit.handle(name, params as Tool.ParametersEncoded<Tools[Name]>)
    const results = yield* Stream.runCollect(stream)
    const last = results[results.length - 1]
    if (last === undefined) return yield* Effect.die(`${name} produced no result`)
    const outcome: ToolOutcome<Name> = {
      result: last.result,
      encoded: last.encodedResult,
      isFailure: last.isFailure,
      failureOrigin: last.failureOrigin
    }
    return outcome
  }).pipe(Effect.provide(layer.pipe(Layer.provide(CalCom.layer(options(api))))))

/**
 * Asserts that what tool `name` answered is valid for the schema it advertises: its success
 * schema (the MCP output schema) or `ToolFailure`.
 */
export const assertConforms = <Name extends keyof Tools & string>(name: Name, outcome: ToolOutcome<Name>): void => {
  const tool = CalComToolkit.tools[name] as Tool.Any
  const schema = outcome.isFailure ? tool.failureSchema : tool.successSchema
  const decoded = Schema.decodeUnknownExit(schema as Schema.Codec<unknown, unknown>)(outcome.encoded)
  assert.isTrue(Exit.isSuccess(decoded), `${name} answered outside its schema: ${JSON.stringify(outcome.encoded)}`)
}
