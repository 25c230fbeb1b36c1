/**
 * The benchmark's Cal.com: a loopback HTTP server answering from canned responses, run in its
 * own process so its work never competes with the client being measured for the same event loop.
 *
 * The responses are real Cal.com shapes: at start it asks the fault-injecting fake
 * (`test/support/FakeCalCom.ts`, seeded with 10,000 bookings) for `GET /v2/me` and every page of
 * `GET /v2/bookings?take=100`, keeps the bytes, and from then on only copies bytes out, with the
 * rate-limit headers Cal.com sends on every answer. So the server's cost per request is small
 * and the same for every client variant.
 *
 * A second port serves `GET /sockets` (`{ opened, open }` of the main server) for keep-alive
 * checks; clients reach it with a fresh connection that the main server never sees.
 *
 * Started by `bench/run.ts` with `fork`: it sends `{ url, control }` once listening and exits
 * when the parent disconnects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { API_VERSIONS, DEFAULT_API_KEY, startFakeCalCom } from "../test/support/FakeCalCom.js"
import { KEEP_ALIVE_MS, PAGE, TOTAL_BOOKINGS } from "./shared.js"

/** `path?query` with the query parameters sorted, so `take=100&skip=0` and `skip=0&take=100` agree. */
const keyOf = (url: URL) => {
  const params = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b))
  return `${url.pathname}?${new URLSearchParams(params).toString()}`
}

const loadCanned = async (): Promise<Map<string, Buffer>> => {
  const fake = await startFakeCalCom({ seedBookings: TOTAL_BOOKINGS })
  const canned = new Map<string, Buffer>()
  const get = async (path: string, version?: string) => {
    const response = await fetch(`${fake.url}${path}`, {
      headers: {
        Authorization: `Bearer ${DEFAULT_API_KEY}`,
        ...(version === undefined ? {} : { "cal-api-version": version })
      }
    })
    if (!response.ok) throw new Error(`canned ${path}: HTTP ${response.status}`)
    canned.set(keyOf(new URL(path, "http://x")), Buffer.from(await response.text()))
  }
  await get("/v2/me")
  for (let skip = 0; skip < TOTAL_BOOKINGS; skip += PAGE) {
    await get(`/v2/bookings?take=${PAGE}&skip=${skip}`, API_VERSIONS["bookings"])
  }
  await fake.close()
  return canned
}

const main = async () => {
  const canned = await loadCanned()
  const notFound = Buffer.from(
    JSON.stringify({ status: "error", error: { code: "NotFoundException", message: "Not canned" } })
  )
  // Cal.com's throttler: a fixed window per key; generous, so the benchmark never waits.
  const limit = 1_000_000
  let windowStart = Date.now()
  let used = 0

  const open = new Set<Socket>()
  let opened = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const now = Date.now()
    if (now - windowStart >= 60_000) {
      windowStart = now
      used = 0
    }
    used++
    const body = canned.get(keyOf(new URL(req.url ?? "/", "http://x")))
    // Drain any request body before answering, as a real server does.
    req.resume()
    res.writeHead(body === undefined ? 404 : 200, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String((body ?? notFound).length),
      "X-RateLimit-Limit-Default": String(limit),
      "X-RateLimit-Remaining-Default": String(Math.max(0, limit - used)),
      "X-RateLimit-Reset-Default": String(Math.ceil((windowStart + 60_000 - now) / 1000))
    })
    res.end(body ?? notFound)
  })
  // Node's default keep-alive (5 s). Below ~2 s undici closes every socket after one answer (it
  // keeps a 1 s margin under the server's `Keep-Alive: timeout`), and nothing would be reused.
  server.keepAliveTimeout = KEEP_ALIVE_MS
  server.on("connection", (socket: Socket) => {
    opened++
    open.add(socket)
    socket.on("close", () => open.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))

  const control = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", Connection: "close" })
    res.end(JSON.stringify({ opened, open: open.size }))
  })
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve))

  const port = (server.address() as AddressInfo).port
  const controlPort = (control.address() as AddressInfo).port
  process.send?.({ url: `http://127.0.0.1:${port}`, control: `http://127.0.0.1:${controlPort}` })
  process.on("disconnect", () => process.exit(0))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
