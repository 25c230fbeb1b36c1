/**
 * Hostile: servers and networks that misbehave below the API. Bodies that never end or that
 * decompress into gigabytes, a server that echoes the key back, a redirect to another origin, a
 * port nobody listens on. Each ends in a typed error, quickly, in bounded memory, without the key.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { createGzip } from "node:zlib"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as References from "effect/References"
import { CalCom } from "../../src/index.js"
import { captureLogs, outcomeOf, textsOf } from "../support/chaos.js"
import { API_KEY, answer, client, hostileServer, ME, success, withClient } from "./support.js"

const me = Effect.flatMap(CalCom, (cal) => cal.me.get({ refresh: true }))
/** A create that goes straight to POST /v2/bookings (no slot check first). */
const unchecked = {
  eventTypeId: 1001,
  start: "2030-01-07T10:00:00Z",
  attendee: { name: "Ada", email: "ada@example.com", timeZone: "UTC" },
  checkAvailability: false
} as const

const rssMb = () => process.memoryUsage().rss / 1024 / 1024
const envelope = (status: number, message: string, details?: unknown) =>
  JSON.stringify({
    status: "error",
    error: { code: `E${status}`, message, ...(details === undefined ? {} : { details }) }
  })

describe("hostile: bodies", () => {
  it.live("a 200 that never ends: a CalComDecodeError at the cap, in bounded memory, not retried", () =>
    Effect.gen(function* () {
      const chunk = Buffer.alloc(64 * 1024, 0x61)
      const server = yield* hostileServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {}
          if (!res.destroyed) res.once("drain", pump)
        }
        res.write('{"status":"success","data":"')
        pump()
      })
      const before = rssMb()
      const started = Date.now()
      const error = yield* Effect.flip(me.pipe(withClient(server.url, { maxResponseBytes: 1024 * 1024 })))
      assert.strictEqual(error._tag, "CalComDecodeError")
      assert.include(error.message, "exceeds 1048576 bytes")
      assert.isBelow(Date.now() - started, 1_500)
      assert.isBelow(rssMb() - before, 100)
      assert.strictEqual(server.received.length, 1)
    })
  )

  it.live("a gzip bomb (endless zeros, compressed): stopped at the cap after decompression", () =>
    Effect.gen(function* () {
      const zeros = Buffer.alloc(1024 * 1024, 0x20)
      const server = yield* hostileServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
        const gzip = createGzip()
        gzip.pipe(res)
        res.on("close", () => gzip.destroy())
        const pump = () => {
          while (!res.destroyed && gzip.write(zeros)) {}
          if (!res.destroyed) gzip.once("drain", pump)
        }
        pump()
      })
      const before = rssMb()
      const error = yield* Effect.flip(me.pipe(withClient(server.url)))
      assert.strictEqual(error._tag, "CalComDecodeError")
      assert.include(error.message, "exceeds")
      assert.isBelow(rssMb() - before, 150)
    })
  )

  it.live("a 400 whose message is 5 MB: the error message carries only a few hundred characters of it", () =>
    Effect.gen(function* () {
      const server = yield* hostileServer((_req, res) => answer(res, 400, envelope(400, "x".repeat(2_000_000))))
      const error = yield* Effect.flip(me.pipe(withClient(server.url)))
      assert.strictEqual(error._tag, "CalComValidationError")
      assert.isBelow(error.message.length, 1_000)
      assert.isBelow(JSON.stringify(error).length, 3_000)
    })
  )
})

describe("hostile: a server that echoes the key", () => {
  const echoes: ReadonlyArray<readonly [string, (auth: string) => readonly [number, string, string]]> = [
    ["in its error message (401)", (auth) => [401, "application/json", envelope(401, `bad token: ${auth}`)]],
    [
      "in details (400)",
      (auth) => [
        400,
        "application/json",
        envelope(400, "bad", [{ property: "authorization", constraints: { x: `got ${auth}` } }])
      ]
    ],
    ["in a text body (502 from a proxy)", (auth) => [502, "text/plain", `upstream said: Authorization: ${auth}`]],
    ["in a 2xx field", (auth) => [200, "application/json", success({ ...ME, name: auth })]]
  ]
  for (const [where, reply] of echoes) {
    it.live(`the key never reaches an error, a result or a log line: ${where}`, () =>
      Effect.gen(function* () {
        const server = yield* hostileServer((req, res) => {
          const [status, type, body] = reply(String(req.headers.authorization))
          res.writeHead(status, { "content-type": type })
          res.end(body)
        })
        const logs = captureLogs()
        const exit = yield* Effect.exit(me).pipe(
          Effect.provide(client(server.url, { retry: { maxRetries: 0 } })),
          Effect.provideService(Logger.CurrentLoggers, new Set([logs.logger])),
          Effect.provideService(References.MinimumLogLevel, "Trace")
        )
        const outcome = outcomeOf(exit)
        const texts = [...(outcome.kind === "error" ? textsOf(outcome.error) : []), JSON.stringify(exit), ...logs.lines]
        assert.isTrue(server.received.length >= 1)
        for (const text of texts) assert.notInclude(text, API_KEY.slice(4))
      })
    )
  }
})

describe("hostile: redirects", () => {
  it.live(
    "a cross-origin 307 is not followed: a typed error naming the location, and the other origin sees nothing",
    () =>
      Effect.gen(function* () {
        const elsewhere = yield* hostileServer((_req, res) => answer(res, 201, success({})))
        const server = yield* hostileServer((_req, res) => {
          res.writeHead(307, { location: `${elsewhere.url}/v2/bookings` })
          res.end()
        })
        const error = yield* Effect.flatMap(CalCom, (cal) => Effect.flip(cal.bookings.create(unchecked))).pipe(
          withClient(server.url)
        )
        assert.strictEqual(error._tag, "CalComApiError")
        assert.include(error.message, `${elsewhere.url}/v2/bookings`)
        assert.include(error.message, "not followed")
        assert.strictEqual(server.received.length, 1)
        assert.deepStrictEqual(elsewhere.received, [])
      })
  )
})

describe("hostile: lost causes", () => {
  it.live("a refused port (127.0.0.1:1) names host and code, keeps the cause, and says nothing was sent", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(me.pipe(withClient("http://127.0.0.1:1", { retry: { maxRetries: 0 } })))
      assert.strictEqual(error._tag, "CalComTransportError")
      if (error._tag !== "CalComTransportError") return
      // Port 1 is on fetch's blocked list: refused before connecting ("bad port").
      assert.strictEqual(error.code, "ERR_BAD_PORT")
      assert.include(error.message, "127.0.0.1:1")
      assert.isFalse(error.mayHaveReachedServer)
      assert.isDefined(error.cause)
    })
  )

  it.live("a port nobody listens on: ECONNREFUSED, nothing was sent", () =>
    Effect.gen(function* () {
      const closed = yield* Effect.promise(
        () =>
          new Promise<number>((resolve) => {
            const probe = createServer()
            probe.listen(0, "127.0.0.1", () => {
              const { port } = probe.address() as AddressInfo
              probe.close(() => resolve(port))
            })
          })
      )
      const error = yield* Effect.flip(me.pipe(withClient(`http://127.0.0.1:${closed}`, { retry: { maxRetries: 0 } })))
      assert.strictEqual(error._tag, "CalComTransportError")
      if (error._tag !== "CalComTransportError") return
      assert.strictEqual(error.code, "ECONNREFUSED")
      assert.include(error.message, `127.0.0.1:${closed}`)
      assert.isFalse(error.mayHaveReachedServer)
    })
  )

  it.live("bookings.create against a refused connection fails at once, without a lookup", () =>
    Effect.gen(function* () {
      const started = Date.now()
      const error = yield* Effect.flatMap(CalCom, (cal) => Effect.flip(cal.bookings.create(unchecked))).pipe(
        withClient("http://127.0.0.1:1")
      )
      assert.strictEqual(error._tag, "CalComTransportError")
      assert.include(error.message, "nothing was sent")
      assert.isBelow(Date.now() - started, 1_500)
    })
  )
})
