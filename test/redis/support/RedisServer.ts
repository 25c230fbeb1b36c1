/**
 * A real `redis-server` (the Debian package) for the `redis` test project: started on a free
 * loopback port with no persistence, in a temporary directory, stopped by its PID. Every server
 * started is also killed when the test process exits, so a failing test leaves none behind.
 *
 * Test infrastructure only: plain Node, no Effect.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createConnection } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "../../../scripts/lib/prism.js"

export interface RedisServer {
  readonly port: number
  /** `redis://[:password@]127.0.0.1:PORT`. */
  readonly url: string
  readonly pid: number
  /** Runs `redis-cli` against this server and returns its stdout lines. */
  cli(...args: ReadonlyArray<string>): ReadonlyArray<string>
  /** Every key and every string value stored (`--scan`, then `GET`/`HGETALL`). */
  dump(): string
  /** Kills the server (SIGKILL, as a crash); `start` on the same port brings it back empty. */
  kill(): Promise<void>
  /** Starts the server again on the same port (after `kill`). */
  restart(): Promise<void>
  /** Stops the server and removes its directory. */
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL")
})

/** Resolves once the port answers `PING` (with `AUTH` when there is a password). */
const answers = (port: number, password: string | undefined): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" })
    let text = ""
    socket.setTimeout(500, () => {
      socket.destroy()
      resolve(false)
    })
    socket.on("connect", () => socket.write(`${password === undefined ? "" : `AUTH ${password}\r\n`}PING\r\n`))
    socket.on("data", (chunk) => {
      text += chunk.toString()
      if (text.includes("+PONG")) {
        socket.destroy()
        resolve(true)
      }
    })
    socket.on("error", () => resolve(false))
  })

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
  })

export const startRedis = async (options: { readonly password?: string } = {}): Promise<RedisServer> => {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), "effect-calcom-redis-"))
  const { password } = options
  let child: ChildProcess | undefined
  const launch = async () => {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir]
    if (password !== undefined) args.push("--requirepass", password)
    const started = spawn("redis-server", args, { cwd: dir, stdio: "ignore" })
    running.add(started)
    started.once("exit", () => running.delete(started))
    child = started
    const until = Date.now() + 10_000
    while (!(await answers(port, password))) {
      if (started.exitCode !== null) throw new Error(`redis-server exited with ${started.exitCode} on port ${port}`)
      if (Date.now() > until) throw new Error(`redis-server did not answer on port ${port} within 10 s`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  await launch()
  const kill = async () => {
    if (child === undefined) return
    const current = child
    child = undefined
    current.kill("SIGKILL")
    await exited(current)
  }
  const cli = (...args: ReadonlyArray<string>) => {
    const auth = password === undefined ? [] : ["-a", password, "--no-auth-warning"]
    const result = spawnSync("redis-cli", ["-p", String(port), ...auth, ...args], { encoding: "utf8", timeout: 10_000 })
    if (result.status !== 0) throw new Error(`redis-cli ${args.join(" ")}: ${result.stderr}`)
    return result.stdout.split("\n").filter((line) => line !== "")
  }
  return {
    port,
    url: `redis://${password === undefined ? "" : `:${password}@`}127.0.0.1:${port}`,
    get pid() {
      return child?.pid ?? -1
    },
    cli,
    dump: () =>
      cli("--scan")
        .flatMap((key) => {
          const type = cli("TYPE", key)[0]
          return [key, ...(type === "string" ? cli("GET", key) : type === "hash" ? cli("HGETALL", key) : [])]
        })
        .join("\n"),
    kill,
    restart: launch,
    stop: async () => {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** `redis-server` is on the PATH (`.ci/run` installs the Debian package when it is missing). */
export const haveRedis = (): boolean => spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0
