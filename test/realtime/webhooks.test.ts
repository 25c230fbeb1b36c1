/**
 * Real sockets: Cal.com-style deliveries sent with `fetch` (as `_sendPayload` sends them) to a
 * `node:http` server running `nodeWebhookListener(webhookHandler(...))`, and the example receiver
 * keeping its booking mirror in sync (created → rescheduled → cancelled).
 */
import { createServer, request as httpRequest, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type Mirror, startReceiver } from "../../examples/webhook-receiver.js"
import type { WebhookEvent } from "../../src/facade/WebhookEvents.js"
import { inMemoryWebhookDedupe, webhookHandler } from "../../src/facade/WebhookHandler.js"
import { nodeWebhookListener } from "../../src/facade/WebhookNode.js"
import { delivery, samplePayloads, send } from "../support/CalComWebhooks.js"

const SECRET = "whsec-sockets-test"
const servers: Array<Server> = []

afterEach(async () => {
  // closeAllConnections: fetch keeps connections alive, and close() would wait for them
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          s.close(resolve)
          s.closeAllConnections()
        })
    )
  )
})

const listen = (server: Server) =>
  new Promise<string>((resolve) => {
    servers.push(server)
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cal`))
  })

/** POSTs a body of `size` bytes in chunks without Content-Length; resolves with the status. */
const postChunked = (url: string, size: number, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on("error", reject)
    const chunk = Buffer.alloc(16 * 1024, 0x20)
    let sent = 0
    const pump = () => {
      while (sent < size) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once("drain", pump)
      }
      req.end()
    }
    pump()
  })

describe("webhookHandler through node:http", () => {
  it("receives, verifies, de-duplicates and refuses over a real socket", async () => {
    const events: Array<WebhookEvent> = []
    const handle = webhookHandler({
      secret: SECRET,
      maxBodyBytes: 64 * 1024,
      dedupe: inMemoryWebhookDedupe(),
      onEvent: (event) =>
        Effect.sync(() => {
          events.push(event)
        })
    })
    const url = await listen(createServer(nodeWebhookListener(handle)))
    const created = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: SECRET })

    const ok = await send(url, created)
    assert.strictEqual(ok.status, 200)
    assert.strictEqual(ok.headers.get("content-type"), "application/json")
    assert.deepStrictEqual(await ok.json(), { ok: true })

    const replay = await send(url, created)
    assert.deepStrictEqual([replay.status, await replay.json()], [200, { ok: true, duplicate: true }])

    const tampered = await send(url, { ...created, body: created.body.replace("bk-1", "bk-2") })
    assert.strictEqual(tampered.status, 401)
    await tampered.text()

    const wrong = await send(url, delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: "other" }))
    assert.strictEqual(wrong.status, 401)
    await wrong.text()

    assert.strictEqual(await postChunked(url, 1024 * 1024, created.headers), 413)

    const get = await fetch(url)
    assert.strictEqual(get.status, 405)
    await get.text()

    assert.deepStrictEqual(
      events.map((e) => e.triggerEvent),
      ["BOOKING_CREATED"]
    )
  })

  it("answers 500 when onEvent fails, so the sender retries", async () => {
    let attempts = 0
    const handle = webhookHandler({
      secret: SECRET,
      dedupe: inMemoryWebhookDedupe(),
      onEvent: () => (++attempts === 1 ? Effect.fail("down") : Effect.void)
    })
    const url = await listen(createServer(nodeWebhookListener(handle)))
    const d = delivery("OOO_CREATED", samplePayloads.OOO_CREATED, { secret: SECRET })
    const first = await send(url, d)
    assert.strictEqual(first.status, 500)
    await first.text()
    const retry = await send(url, d)
    assert.strictEqual(retry.status, 200)
    await retry.text()
    assert.strictEqual(attempts, 2)
  })
})

describe("examples/webhook-receiver.ts", () => {
  it("keeps the booking mirror in sync: created → rescheduled → cancelled, repeats applied once", async () => {
    const mirror: Mirror = new Map()
    const { server, url } = await startReceiver({ secret: SECRET, mirror })
    servers.push(server)
    const statuses: Array<number> = []
    const play = async (d: ReturnType<typeof delivery>) => {
      const response = await send(url, d)
      statuses.push(response.status)
      await response.text()
    }

    await play(delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: SECRET }))
    await play(delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: SECRET }))
    assert.deepStrictEqual([...mirror.keys()], ["bk-1"])
    assert.strictEqual(mirror.get("bk-1")?.start, "2026-12-02T10:00:00.000Z")
    assert.deepStrictEqual(mirror.get("bk-1")?.attendees, ["ada@example.com"])

    await play(
      delivery("BOOKING_RESCHEDULED", samplePayloads.BOOKING_RESCHEDULED, {
        secret: SECRET,
        createdAt: "2026-12-01T10:00:00.000Z"
      })
    )
    assert.deepStrictEqual([...mirror.keys()], ["bk-2"])
    assert.strictEqual(mirror.get("bk-2")?.start, "2026-12-03T15:00:00.000Z")

    await play(
      delivery(
        "BOOKING_CANCELLED",
        { ...(samplePayloads.BOOKING_CANCELLED as object), uid: "bk-2" },
        {
          secret: SECRET,
          createdAt: "2026-12-01T11:00:00.000Z"
        }
      )
    )
    assert.strictEqual(mirror.get("bk-2")?.status, "cancelled")

    // a forged delivery changes nothing
    await play(
      delivery("BOOKING_CREATED", { ...(samplePayloads.BOOKING_CREATED as object), uid: "bk-x" }, { secret: "forged" })
    )
    assert.deepStrictEqual(statuses, [200, 200, 200, 200, 401])
    assert.deepStrictEqual([...mirror.keys()], ["bk-2"])
  })
})
