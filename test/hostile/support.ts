/**
 * Servers that misbehave, for the hostile suite: a real `node:http` server on 127.0.0.1 whose
 * every answer a test writes by hand (late, slow, endless, compressed, echoing, lying, redirecting),
 * recording what reached it. Started and stopped with the test's scope.
 *
 * Test infrastructure only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import { CalCom, type CalComOptions } from "../../src/index.js"
import { type FakeCalComOptions, startFakeCalCom } from "../support/FakeCalCom.js"

export const API_KEY = "cal_live_h0st1le5e4rver9k3y7x"

export interface Received {
  readonly method: string
  readonly path: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  readonly received: ReadonlyArray<Received>
}

export type HostileHandler = (req: Received, res: ServerResponse, index: number) => void | Promise<void>

/** A loopback server answering every request with `handler`; closed (sockets destroyed) with the scope. */
export const hostileServer = (handler: HostileHandler) =>
  Effect.acquireRelease(
    Effect.promise(async () => {
      const received: Array<Received> = []
      const sockets = new Set<Socket>()
      const server = createServer((req, res) => {
        req.on("error", () => {})
        res.on("error", () => {})
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => {
          const entry = {
            method: req.method ?? "GET",
            path: req.url ?? "/",
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8")
          }
          received.push(entry)
          Promise.resolve(handler(entry, res, received.length - 1)).catch(() => res.destroy())
        })
      })
      server.on("connection", (socket) => {
        sockets.add(socket)
        socket.on("error", () => {})
        socket.on("close", () => sockets.delete(socket))
      })
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      const { port } = server.address() as AddressInfo
      const close = () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy()
          server.close(() => resolve())
        })
      return { url: `http://127.0.0.1:${port}`, received, close }
    }),
    (server) => Effect.promise(() => server.close())
  )

/** The stateful fake Cal.com, closed with the scope. */
export const fakeCalCom = (options: FakeCalComOptions = {}) =>
  Effect.acquireRelease(
    Effect.promise(() => startFakeCalCom({ apiKey: API_KEY, ...options })),
    (server) => Effect.promise(() => server.close())
  )

/** A client of `baseUrl` with short, test-sized timings; no log output. */
export const client = (baseUrl: string, options: Partial<CalComOptions> = {}) =>
  CalCom.layer({
    apiKey: API_KEY,
    baseUrl,
    timeout: "2 seconds",
    deadline: "8 seconds",
    retry: { baseDelay: "10 millis", maxDelay: "50 millis" },
    ...options
  })

/** Runs `effect` with the client of `baseUrl` and no log output. */
export const withClient =
  (baseUrl: string, options: Partial<CalComOptions> = {}) =>
  <A, E>(effect: Effect.Effect<A, E, CalCom>) =>
    effect.pipe(Effect.provide(client(baseUrl, options)), Effect.provideService(Logger.CurrentLoggers, new Set()))

/** A Cal.com success envelope. */
export const success = (data: unknown) => JSON.stringify({ status: "success", data })

/** Writes a JSON answer with `status` and `headers`. */
export const answer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...headers
  })
  res.end(body)
}

/** A profile as `GET /v2/me` returns it. */
export const ME = {
  id: 1,
  username: "hostile",
  email: "hostile@example.com",
  name: "Hostile",
  avatarUrl: null,
  bio: null,
  timeFormat: 24,
  defaultScheduleId: null,
  weekStart: "Monday",
  timeZone: "Europe/London",
  organizationId: null
}
