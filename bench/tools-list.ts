/**
 * `npm run bench:tools`: what `tools/list` costs a model, per toolset and per tool, in bytes of
 * JSON and in tokens, from the real server registration (`layerRegistrations`) in memory.
 *
 * Tokens are counted with `gpt-tokenizer`'s o200k_base BPE (OpenAI's current encoding): a real
 * tokenizer of JSON, not a bytes/4 guess. Other models' tokenizers differ by some percent;
 * the ratios between tools hold.
 */
import { McpProtocol, McpServer, McpTest } from "effect/ai"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import { countTokens } from "gpt-tokenizer/encoding/o200k_base"
import { CalCom } from "../src/index.js"
import { layerRegistrations } from "../src/tools/Server.js"
import { selectTools, toolsetNames } from "../src/tools/Toolsets.js"

const bytes = (text: string) => new TextEncoder().encode(text).length

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
    const json = JSON.stringify(list)
    console.log(`${spec}: ${list.tools.length} tools, ${bytes(json)} bytes, ${countTokens(json)} tokens`)
    if (spec !== "default" && spec !== "all") continue
    for (const tool of list.tools) {
      const one = JSON.stringify(tool)
      console.log(
        `  ${tool.name.padEnd(24)} ${String(bytes(one)).padStart(6)} B ${String(countTokens(one)).padStart(5)} tok`
      )
    }
  }
})

Effect.runPromise(main)
