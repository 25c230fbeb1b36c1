/**
 * The `calcom-mcp` bin as a child process (through tsx, no build), for tests that speak to it
 * the way clients do: raw stdio lines, or the official MCP SDK client over a transport built
 * from the SDK's own stdio framing (`ReadBuffer`, `serializeMessage`) that can also write raw
 * bytes to the same stdin.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js"
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js"
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js"

const root = resolve(import.meta.dirname, "../../..")
const tsxCli = join(root, "node_modules/tsx/dist/cli.mjs")
const bin = join(root, "src/tools/bin.ts")

/** No inherited CAL_COM_* settings, and a working directory without a `.env`. */
export const baseEnv = (): Record<string, string> => ({
  PATH: process.env["PATH"] ?? "",
  HOME: process.env["HOME"] ?? tmpdir()
})

/** A started server process. */
export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>
  readonly cleanup: () => void
}

/** Starts `calcom-mcp` with `args` and `env` (added to `baseEnv`) in an empty directory. */
export const startServer = (env: Record<string, string>, args: ReadonlyArray<string> = []): ServerProcess => {
  const cwd = mkdtempSync(join(tmpdir(), "calcom-mcp-"))
  const child = spawn(process.execPath, [tsxCli, bin, ...args], { env: { ...baseEnv(), ...env }, cwd })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | string>((done) =>
    child.on("exit", (code, signal) => done(code ?? signal ?? "unknown"))
  )
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    cleanup: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
      rmSync(cwd, { recursive: true, force: true })
    }
  }
}

/** An SDK `Transport` over a spawned server, with `writeRaw` for bytes no SDK would send. */
export class SpawnedTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: (message: JSONRPCMessage) => void
  readonly server: ServerProcess
  private readonly buffer = new ReadBuffer()

  constructor(env: Record<string, string>, args: ReadonlyArray<string> = []) {
    this.server = startServer(env, args)
  }

  async start(): Promise<void> {
    this.server.child.stdout.on("data", (chunk: Buffer) => {
      this.buffer.append(chunk)
      for (;;) {
        let message: JSONRPCMessage | null
        try {
          message = this.buffer.readMessage()
        } catch (error) {
          this.onerror?.(error as Error)
          continue
        }
        if (message === null) break
        this.onmessage?.(message)
      }
    })
    this.server.child.on("exit", () => this.onclose?.())
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.writeRaw(serializeMessage(message))
  }

  writeRaw(data: string | Uint8Array): void {
    this.server.child.stdin.write(data)
  }

  async close(): Promise<void> {
    this.server.child.stdin.end()
    await this.server.exited
    this.server.cleanup()
  }
}
