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
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import { layerConfig } from "../node.js"
import * as NodeProcess from "./internal/NodeProcess.js"
import { layerStdio, SERVER_NAME, SERVER_VERSION } from "./Server.js"

// Stdout is the protocol: anything that writes to the console (a dependency, a stray debug line)
// goes to stderr instead.
console.log = console.error
console.info = console.error
console.debug = console.error

/**
 * Serves until stdin closes. The stdio transport ends by interrupting the fiber that built it;
 * that fiber is a child here, so a client closing stdin is a success (exit 0), while a signal
 * interrupts this fiber itself (130).
 */
const serve = Effect.gen(function* () {
  yield* Effect.logInfo(`${SERVER_NAME} ${SERVER_VERSION}: serving the Cal.com tools over stdio`)
  const server = yield* Effect.forkChild(
    Layer.launch(layerStdio({ client: layerConfig() }).pipe(Layer.provide(NodeProcess.layer)))
  )
  const exit = yield* Fiber.await(server)
  if (Exit.isFailure(exit) && !Exit.hasInterrupts(exit)) return yield* exit
})

NodeProcess.runMain(serve.pipe(Effect.provide(Logger.layer([Logger.withConsoleError(Logger.formatSimple)]))))
