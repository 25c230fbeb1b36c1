#!/usr/bin/env node
/**
 * `calcom-mcp`: the Cal.com tools as an MCP server over stdio.
 *
 * Configuration comes from the environment, then a `.env` file in the working directory
 * (`CAL_COM_API_KEY`, `CAL_COM_BASE_URL`, ...: see `src/facade/Config.ts`), through `layerConfig`
 * of the Node entry (`src/node.ts`). Stdout carries the protocol and nothing else: logs go to
 * stderr.
 *
 * Without a usable `CAL_COM_API_KEY` the server still starts: it says why on stderr, and every
 * tool call answers with a structured `CalComConfigError` naming the variable, so the user sees
 * the reason in their MCP client instead of a server that died at launch.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Runtime from "effect/Runtime"
import { layerConfig } from "../node.js"
import * as NodeStdio from "./internal/NodeStdio.js"
import { layerStdio, SERVER_NAME, SERVER_VERSION } from "./Server.js"

// Stdout is the protocol: anything that writes to the console (a dependency, a stray debug line)
// goes to stderr instead.
console.log = console.error
console.info = console.error
console.debug = console.error

/**
 * Runs the server until stdin closes (the client is done: exit 0) or a signal stops it (the
 * conventional 130 / 143); a failure exits 1.
 */
const runMain = Runtime.makeRunMain(({ fiber, teardown }) => {
  let signal: NodeJS.Signals | undefined
  const stop = (received: NodeJS.Signals) => {
    signal = received
    fiber.interruptUnsafe()
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  fiber.addObserver((exit) => {
    process.off("SIGINT", stop)
    process.off("SIGTERM", stop)
    const closedByClient = signal === undefined && Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause)
    teardown(exit, (code) => process.exit(closedByClient ? 0 : signal === "SIGTERM" ? 143 : code))
  })
})

const main = Effect.gen(function* () {
  yield* Effect.logInfo(`${SERVER_NAME} ${SERVER_VERSION}: serving the Cal.com tools over stdio`)
  return yield* Layer.launch(layerStdio({ client: layerConfig() }).pipe(Layer.provide(NodeStdio.layer)))
}).pipe(Effect.provide(Logger.layer([Logger.withConsoleError(Logger.formatSimple)])))

runMain(main)
