/**
 * `npm run test:contract`: starts Prism on a free port, runs the vitest `contract` project against
 * it (`CAL_COM_MOCK_URL`), and always stops Prism by its PID, on failure and on Ctrl-C too.
 * Extra arguments go to vitest.
 */
import { spawn } from "node:child_process"
import { join } from "node:path"
import { startPrism } from "./lib/prism.js"
import { projectRoot } from "./lib/source.js"

const main = async (): Promise<number> => {
  const prism = await startPrism()
  console.log(`contract: Prism at ${prism.url} (pid ${prism.pid})`)
  const stopAndExit = (code: number) => void prism.stop().then(() => process.exit(code))
  process.on("SIGINT", () => stopAndExit(130))
  process.on("SIGTERM", () => stopAndExit(143))
  try {
    const vitest = join(projectRoot, "node_modules/vitest/vitest.mjs")
    const child = spawn(process.execPath, [vitest, "run", "--project", "contract", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, CAL_COM_MOCK_URL: prism.url }
    })
    return await new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))))
  } finally {
    await prism.stop()
    console.log(`contract: Prism (pid ${prism.pid}) stopped`)
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`contract: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
)
