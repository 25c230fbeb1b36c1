/**
 * `npm run mock [-- --port 4010]`: serves the patched document with Prism on 127.0.0.1 until
 * interrupted. Port: `--port`, else `CAL_COM_MOCK_PORT`, else 4010.
 */
import { parseArgs } from "node:util"
import { startPrism } from "./lib/prism.js"

const { values } = parseArgs({ options: { port: { type: "string" } } })
const port = Number(values.port ?? process.env["CAL_COM_MOCK_PORT"] ?? 4010)
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`mock: invalid port ${values.port ?? process.env["CAL_COM_MOCK_PORT"]}`)
  process.exit(2)
}
startPrism({ port }).then(
  (prism) => {
    console.log(`Prism mock of the Cal.com v2 API listening at ${prism.url} (pid ${prism.pid}); Ctrl-C stops it`)
    const shutdown = () => void prism.stop().then(() => process.exit(0))
    process.on("SIGINT", shutdown)
    process.on("SIGTERM", shutdown)
  },
  (error: unknown) => {
    console.error(`mock: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
