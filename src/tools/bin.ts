#!/usr/bin/env node
/**
 * `calcom-mcp`: the Cal.com tools as an MCP server over stdio (or Streamable HTTP with `--http`).
 * `calcom-mcp --help` lists the flags.
 *
 * Configuration comes from the environment, then a `.env` file in the working directory
 * (`CAL_COM_API_KEY`, `CAL_COM_BASE_URL`, ...: see `src/facade/Config.ts`), through `layerConfig`
 * of the Node entry (`src/node.ts`); the toolsets from `--toolsets` or `CAL_COM_MCP_TOOLSETS`.
 * Stdout carries the protocol and nothing else: logs go to stderr.
 *
 * Without a usable `CAL_COM_API_KEY` the server still starts: it says why on stderr, and every
 * tool call answers with a structured `CalComConfigError` naming the variable, so the user sees
 * the reason in their MCP client instead of a server that died at launch.
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as HttpRouter from "effect/http/HttpRouter"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { layerConfig } from "../node.js"
import { type CliPlan, parseCli, usage } from "./internal/Cli.js"
import { listen } from "./internal/NodeHttp.js"
import * as NodeProcess from "./internal/NodeProcess.js"
import { layerHttp, layerStdio, SERVER_NAME, SERVER_VERSION } from "./Server.js"
import { selectTools, toolsetNames } from "./Toolsets.js"

// Stdout is the protocol: anything that writes to the console (a dependency, a stray debug line)
// goes to stderr instead.
const print = console.log
console.log = console.error
console.info = console.error
console.debug = console.error

const TTY_NOTE =
  "calcom-mcp is an MCP server: an MCP client (Claude Desktop, Claude Code, an agent) starts it and speaks " +
  "JSON-RPC on its stdin and stdout. It is waiting for such messages now; Ctrl-C stops it. " +
  "calcom-mcp --help shows how to register it and its options."

/** A usage error: said on stderr, exit code 2. */
const refuse = (message: string) => {
  console.error(`calcom-mcp: ${message}\nRun calcom-mcp --help for usage.`)
  process.exitCode = 2
}

/** Largest accepted HTTP request body: an MCP request is a few KB. */
const MAX_BODY_BYTES = 1024 * 1024

/** The tools of `--toolsets`, else `CAL_COM_MCP_TOOLSETS`, else the default toolset. */
const toolsFor = (toolsets: string | undefined) =>
  Effect.map(
    Config.option(Config.String("CAL_COM_MCP_TOOLSETS")).pipe(Config.map(Option.getOrUndefined), Effect.orDie),
    (fromEnv) => selectTools(toolsets ?? fromEnv)
  )

/** Serves Streamable HTTP at http://host:port/mcp until a signal stops it. */
const serveHttp = (
  toolsets: string | undefined,
  http: NonNullable<Extract<CliPlan, { readonly _tag: "Serve" }>["http"]>
) =>
  Effect.gen(function* () {
    const tools = yield* toolsFor(toolsets)
    if (Result.isFailure(tools)) return yield* Effect.sync(() => refuse(tools.failure))
    yield* Effect.logInfo(
      `${SERVER_NAME} ${SERVER_VERSION}: serving ${tools.success.length} Cal.com tools over Streamable HTTP at /mcp`
    )
    const web = HttpRouter.toWebHandler(
      layerHttp({ client: layerConfig(), tools: tools.success, allowedOrigins: http.allowedOrigins })
    )
    const { server, url } = yield* Effect.promise(() =>
      listen(web.handler, { host: http.host, port: http.port, maxBodyBytes: MAX_BODY_BYTES })
    )
    yield* Effect.logInfo(`Listening on ${url}`)
    return yield* Effect.never.pipe(
      Effect.ensuring(
        Effect.promise(async () => {
          server.close()
          await web.dispose()
        })
      )
    )
  })

/**
 * Serves until stdin closes. The stdio transport ends by interrupting the fiber that built it;
 * that fiber is a child here, so a client closing stdin is a success (exit 0), while a signal
 * interrupts this fiber itself (130).
 */
const serveStdio = (toolsets: string | undefined) =>
  Effect.gen(function* () {
    const tools = yield* toolsFor(toolsets)
    if (Result.isFailure(tools)) return yield* Effect.sync(() => refuse(tools.failure))
    if (process.stdin.isTTY === true) yield* Effect.logWarning(TTY_NOTE)
    yield* Effect.logInfo(`${SERVER_NAME} ${SERVER_VERSION}: serving ${tools.success.length} Cal.com tools over stdio`)
    const server = yield* Effect.forkChild(
      Layer.launch(layerStdio({ client: layerConfig(), tools: tools.success }).pipe(Layer.provide(NodeProcess.layer)))
    )
    const exit = yield* Fiber.await(server)
    if (Exit.isFailure(exit) && !Exit.hasInterrupts(exit)) return yield* exit
  })

const main = Effect.gen(function* () {
  const plan = parseCli(process.argv.slice(2))
  switch (plan._tag) {
    case "Help":
      return print(usage(SERVER_NAME, SERVER_VERSION, toolsetNames))
    case "Version":
      return print(SERVER_VERSION)
    case "Usage":
      return yield* Effect.sync(() => refuse(plan.message))
    case "Serve":
      return yield* plan.http === undefined ? serveStdio(plan.toolsets) : serveHttp(plan.toolsets, plan.http)
  }
})

NodeProcess.runMain(main.pipe(Effect.provide(Logger.layer([Logger.withConsoleError(Logger.formatSimple)]))))
