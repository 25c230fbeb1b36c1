/**
 * Worker processes on one key against one fake Cal.com, for the scale test and the bench: each
 * runs `worker.ts`, bundled once by esbuild (dependencies external, as installed) and started by
 * plain `node` (four `tsx` start-ups at once take tens of seconds on a loaded machine). A worker's
 * client is built by `layerConfig` of `effect-calcom/node` from its environment, so
 * `CAL_COM_REDIS_URL` is read the way users set it.
 *
 * Also the figures of a run, from what the server received: requests answered with 429, and the
 * share of the budget used (requests accepted over the capacity of the server's windows that the
 * run opened; the fake's windows start at the first request after the previous one ended).
 *
 * Test infrastructure only: plain Node, no Effect.
 */
import { type ChildProcess, fork } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import type { RecordedRequest } from "../../support/FakeCalCom.js"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..")
/** Under `node_modules`, so the bundle's external imports resolve to the installed packages. */
const BUNDLE = join(ROOT, "node_modules/.cache/effect-calcom-redis/worker.mjs")

let bundled: Promise<string> | undefined
const workerBundle = (): Promise<string> => {
  bundled ??= build({
    entryPoints: [join(ROOT, "test/redis/support/worker.ts")],
    outfile: BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error"
  }).then(() => BUNDLE)
  return bundled
}

export interface Worker {
  readonly child: ChildProcess
  /** Sends a command and resolves with the worker's answer. */
  ask<A>(command: unknown): Promise<A>
  /** What the worker wrote (its log lines: warnings). */
  readonly output: () => string
}

export interface WorkerEnv {
  readonly apiKey: string
  readonly baseUrl: string
  readonly redisUrl?: string | undefined
}

export const startWorkers = async (count: number, env: WorkerEnv, timeoutMs = 45_000): Promise<Array<Worker>> => {
  const script = await workerBundle()
  const workers = Array.from({ length: count }, (): Worker => {
    const child = fork(script, [], {
      cwd: ROOT,
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: process.env["HOME"] ?? "",
        CAL_COM_API_KEY: env.apiKey,
        CAL_COM_BASE_URL: env.baseUrl,
        ...(env.redisUrl === undefined ? {} : { CAL_COM_REDIS_URL: env.redisUrl })
      }
    })
    let output = ""
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
    }
    child.stdout?.on("data", collect)
    child.stderr?.on("data", collect)
    const pending: Array<(message: unknown) => void> = []
    child.on("message", (message) => pending.shift()?.(message))
    return {
      child,
      output: () => output,
      ask: <A>(command: unknown) =>
        new Promise<A>((resolve, reject) => {
          pending.push((message) => {
            if (typeof message === "object" && message !== null && "failed" in message) {
              reject(new Error(`worker failed: ${String(message.failed)}\n${output}`))
            } else resolve(message as A)
          })
          child.send(command as object)
        })
    }
  })
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`a worker did not start in ${timeoutMs} ms`)), timeoutMs)
          worker.child.once("message", (message) => {
            clearTimeout(timer)
            if (typeof message === "object" && message !== null && "ready" in message) resolve()
            else reject(new Error(`worker did not start: ${JSON.stringify(message)}\n${worker.output()}`))
          })
          worker.child.once("exit", (code) => reject(new Error(`worker exited (${code}):\n${worker.output()}`)))
        })
    )
  )
  // `ready` was consumed by the start listener, not by `ask`.
  return workers
}

/** Ends the workers (disconnect; killed after a second if still there). */
export const stopWorkers = async (workers: ReadonlyArray<Worker>): Promise<void> => {
  await Promise.all(
    workers.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const timer = setTimeout(() => child.kill("SIGKILL"), 1_000)
          child.once("exit", () => {
            clearTimeout(timer)
            resolve()
          })
          if (child.connected) child.disconnect()
          else child.kill("SIGKILL")
        })
    )
  )
}

export interface RunFigures {
  /** Requests the server received in the run. */
  readonly requests: number
  /** Requests answered 429 (every request of the run that did not make a successful call). */
  readonly answered429: number
  /** Server windows the run opened. */
  readonly windows: number
  /** Accepted requests over the windows' capacity (`windows × limit`). */
  readonly budgetUsed: number
  readonly ms: number
}

/**
 * The figures of a run of `succeeded` calls, from the requests the server saw (only the run's):
 * the fake's fixed windows replayed on the arrival times.
 */
export const figures = (
  requests: ReadonlyArray<RecordedRequest>,
  succeeded: number,
  rateLimit: { readonly limit: number; readonly windowMs: number }
): RunFigures => {
  let windows = 0
  let start = Number.NEGATIVE_INFINITY
  for (const { at } of requests) {
    if (at >= start + rateLimit.windowMs) {
      windows++
      start = at
    }
  }
  const first = requests[0]?.at ?? 0
  const last = requests[requests.length - 1]?.at ?? 0
  return {
    requests: requests.length,
    answered429: requests.length - succeeded,
    windows,
    budgetUsed: windows === 0 ? 0 : Math.min(succeeded, windows * rateLimit.limit) / (windows * rateLimit.limit),
    ms: last - first
  }
}
