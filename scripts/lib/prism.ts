/**
 * Starts and stops a Prism mock of the patched Cal.com document on 127.0.0.1.
 *
 * Prism runs with `--errors`: it validates every request (credentials, `cal-api-version`, body)
 * and answers 500 when its own response would break the document, so a green contract test
 * means both sides agree with the patched document. With `upstream` it runs as a validation
 * proxy instead of a mock: requests go on to that server, and its answers are checked the same way.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
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

interface Document {
  readonly paths: Record<string, unknown>
  readonly components: Record<string, Record<string, unknown>>
}

/**
 * The patched document cut down to `paths` and the components they reference (transitively),
 * written to a temporary file whose path is returned. The operations and schemas are the
 * patched document's own; Prism loads a few paths much faster than all of them.
 */
export const documentOf = (paths: ReadonlyArray<string>, document: string = patchedDocument): string => {
  const text = readFileSync(document, "utf8")
  const out = join(
    tmpdir(),
    `effect-calcom-${createHash("sha256").update(text).update(paths.join("\n")).digest("hex").slice(0, 16)}.json`
  )
  if (existsSync(out)) return out
  const full = JSON.parse(text) as Document
  const kept: Record<string, unknown> = {}
  for (const path of paths) {
    if (full.paths[path] === undefined) throw new Error(`${path} is not a path of ${document}`)
    kept[path] = full.paths[path]
  }
  const components: Record<string, Record<string, unknown>> = {
    securitySchemes: full.components["securitySchemes"] ?? {}
  }
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object") return
    const ref = (value as { $ref?: unknown }).$ref
    if (typeof ref === "string" && ref.startsWith("#/components/")) {
      const [, , kind = "", name = ""] = ref.split("/")
      const target = full.components[kind]?.[name]
      const section = components[kind] ?? {}
      components[kind] = section
      if (target !== undefined && section[name] === undefined) {
        section[name] = target
        visit(target)
      }
    }
    // Arrays too: their values are their items.
    Object.values(value).forEach(visit)
  }
  visit(kept)
  writeFileSync(out, JSON.stringify({ ...full, paths: kept, components }))
  return out
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
 * Spawns Prism (a mock, or with `upstream` a validation proxy to that origin) and resolves once it
 * answers HTTP. Rejects with Prism's own output when it exits early or is not listening within
 * `timeoutMs`.
 */
export const startPrism = async (
  options: { port?: number; document?: string; upstream?: string; timeoutMs?: number; quiet?: boolean } = {}
): Promise<RunningPrism> => {
  const document = options.document ?? patchedDocument
  if (!existsSync(document)) throw new Error(`no patched document at ${document}: run \`npm run generate\` first`)
  if (!existsSync(prismCli)) throw new Error("@stoplight/prism-cli is not installed: run `npm ci`")
  const port = options.port ?? (await freePort())
  const child = spawn(
    process.execPath,
    [
      prismCli,
      options.upstream === undefined ? "mock" : "proxy",
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "--errors",
      document,
      ...(options.upstream === undefined ? [] : [options.upstream])
    ],
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
