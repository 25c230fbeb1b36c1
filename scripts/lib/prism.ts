/**
 * Starts and stops a Prism mock of the patched Cal.com document on 127.0.0.1.
 *
 * Prism runs with `--errors`: it validates every request (credentials, `cal-api-version`, body)
 * and answers 500 when its own response would break the document, so a green contract test
 * means both sides agree with the patched document.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer } from "node:net"
import { join } from "node:path"
import { projectRoot } from "./source.js"

export const patchedDocument = join(projectRoot, "generated/openapi.patched.json")
const prismCli = join(projectRoot, "node_modules/@stoplight/prism-cli/dist/index.js")

export interface RunningPrism {
  readonly url: string
  readonly pid: number
  /** Stops the process (SIGTERM, then SIGKILL after 3 s) and resolves once it has exited. */
  readonly stop: () => Promise<void>
}

/** A port the OS says is free right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once("exit", () => resolve())
  })

const stopper = (child: ChildProcess) => async () => {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill("SIGTERM")
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000)
  await exited(child)
  clearTimeout(timer)
}

/**
 * Spawns Prism and resolves once it answers HTTP. Rejects with Prism's own output when it exits
 * early or is not listening within `timeoutMs`.
 */
export const startPrism = async (
  options: { port?: number; document?: string; timeoutMs?: number; quiet?: boolean } = {}
): Promise<RunningPrism> => {
  const document = options.document ?? patchedDocument
  if (!existsSync(document)) throw new Error(`no patched document at ${document}: run \`npm run generate\` first`)
  if (!existsSync(prismCli)) throw new Error("@stoplight/prism-cli is not installed: run `npm ci`")
  const port = options.port ?? (await freePort())
  const child = spawn(
    process.execPath,
    [prismCli, "mock", "-h", "127.0.0.1", "-p", String(port), "--errors", document],
    {
      stdio: ["ignore", "pipe", "pipe"]
    }
  )
  let output = ""
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000)
  }
  child.stdout?.on("data", collect)
  child.stderr?.on("data", collect)
  const url = `http://127.0.0.1:${port}`
  const stop = stopper(child)
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before listening on ${url}:\n${output}`)
    }
    const up = await fetch(`${url}/__prism_probe__`, { signal: AbortSignal.timeout(1_000) }).then(
      () => true,
      () => false
    )
    if (up) {
      if (!options.quiet) child.stdout?.off("data", collect)
      return { url, pid: child.pid ?? -1, stop }
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await stop()
  throw new Error(`Prism did not listen on ${url} within ${options.timeoutMs ?? 60_000} ms:\n${output}`)
}
