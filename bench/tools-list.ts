/**
 * `npm run bench:tools`: what `tools/list` costs a model, per toolset and per tool, in bytes of
 * JSON and in tokens (o200k BPE when available, else bytes / 4), from the real server
 * registration (`layerRegistrations`) in memory.
 */
import { McpProtocol, McpServer, McpTest } from "effect/ai"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import { CalCom } from "../src/index.js"
import { layerRegistrations } from "../src/tools/Server.js"
import { selectTools, toolsetNames } from "../src/tools/Toolsets.js"

const listFor = (spec: string) =>
  Effect.gen(function* () {
    const tools = selectTools(spec)
    if (Result.isFailure(tools)) return yield* Effect.die(tools.failure)
    const registrations = layerRegistrations({
      client: CalCom.layer({ apiKey: "cal_bench_0123456789", baseUrl: "http://127.0.0.1:9" }),
      tools: tools.success
    }).pipe(Layer.provideMerge(McpServer.McpServer.layer))
    const mcp = yield* McpTest.makeClient(registrations, { protocols: [McpProtocol.v2025_11_25] })
    return yield* mcp.listTools()
  }).pipe(Effect.scoped)

const main = Effect.gen(function* () {
  for (const spec of [...toolsetNames, "all"]) {
    const list = yield* listFor(spec)
    console.log(`${spec}: ${list.tools.length} tools, ${JSON.stringify(list).length} bytes`)
    if (spec === "default" || spec === "all") {
      for (const tool of list.tools) {
        console.log(
          `  ${tool.name.padEnd(24)} ${String(JSON.stringify(tool).length).padStart(6)}`,
          tool.name === "get_user_profile" ? JSON.stringify(tool) : ""
        )
      }
    }
  }
})

Effect.runPromise(main)
