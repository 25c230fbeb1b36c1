/**
 * A webhook receiver that keeps a local mirror of bookings in sync with Cal.com: created →
 * rescheduled → cancelled, each delivery verified, and a repeated delivery applied once.
 *
 * Run it: `npx tsx examples/webhook-receiver.ts`. With no arguments it starts the receiver on a
 * free port and plays three deliveries against it from a test sender that signs them the way
 * Cal.com does, then prints the mirror. To receive real deliveries, set `CAL_WEBHOOK_SECRET` and
 * `PORT`, run with `--serve`, and point a webhook's `subscriberUrl` at it (through a tunnel such
 * as `cloudflared` when running locally).
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { inMemoryWebhookDedupe, type WebhookEvent, type WebhookSecret, webhookHandler } from "../src/index.js"
import { nodeWebhookListener } from "../src/node.js"

/** One booking as the mirror keeps it. */
export interface MirroredBooking {
  readonly uid: string
  readonly title: string
  readonly start: string
  readonly end: string
  readonly status: "accepted" | "pending" | "cancelled"
  readonly attendees: ReadonlyArray<string>
}

/** The local mirror: bookings by uid (your database in a real integration). */
export type Mirror = Map<string, MirroredBooking>

/** Applies one verified event to the mirror. */
export const applyEvent = (mirror: Mirror, event: WebhookEvent): Effect.Effect<void> =>
  Effect.sync(() => {
    switch (event.triggerEvent) {
      case "BOOKING_CREATED":
      case "BOOKING_REQUESTED":
      case "BOOKING_RESCHEDULED": {
        const p = event.payload
        // A reschedule is a new booking (new uid) replacing the old one (rescheduleUid).
        if (event.triggerEvent === "BOOKING_RESCHEDULED" && p.rescheduleUid) mirror.delete(p.rescheduleUid)
        mirror.set(p.uid, {
          uid: p.uid,
          title: p.title ?? "",
          start: DateTime.formatIso(p.startTime),
          end: DateTime.formatIso(p.endTime),
          status: event.triggerEvent === "BOOKING_REQUESTED" ? "pending" : "accepted",
          attendees: (p.attendees ?? []).map((a) => a.email)
        })
        return
      }
      case "BOOKING_CANCELLED":
      case "BOOKING_REJECTED": {
        const booking = mirror.get(event.payload.uid)
        if (booking) mirror.set(booking.uid, { ...booking, status: "cancelled" })
        return
      }
      default:
        return // other triggers do not change bookings
    }
  })

/** Starts the receiver on `port` (0: a free one); resolves with the server and its URL. */
export const startReceiver = (options: {
  readonly secret: WebhookSecret
  readonly mirror: Mirror
  readonly port?: number
  /** Default `127.0.0.1`; `0.0.0.0` to accept deliveries from other machines. */
  readonly host?: string
}) =>
  new Promise<{ readonly server: Server; readonly url: string }>((resolve) => {
    const handle = webhookHandler({
      secret: options.secret,
      dedupe: inMemoryWebhookDedupe(),
      onEvent: (event) => applyEvent(options.mirror, event)
    })
    const server = createServer(nodeWebhookListener(handle))
    const host = options.host ?? "127.0.0.1"
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo
      resolve({ server, url: `http://${host}:${port}/cal/webhooks` })
    })
  })

const demo = async () => {
  const { delivery, samplePayloads, send } = await import("../test/support/CalComWebhooks.js")
  const secret = "demo-secret-0f3a9c"
  const mirror: Mirror = new Map()
  const { server, url } = await startReceiver({ secret: Redacted.make(secret), mirror })
  const plays = [
    delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret, createdAt: "2026-12-01T09:00:00.000Z" }),
    delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret, createdAt: "2026-12-01T09:00:00.000Z" }),
    delivery("BOOKING_RESCHEDULED", samplePayloads.BOOKING_RESCHEDULED, {
      secret,
      createdAt: "2026-12-01T10:00:00.000Z"
    }),
    delivery(
      "BOOKING_CANCELLED",
      { ...(samplePayloads.BOOKING_CANCELLED as object), uid: "bk-2" },
      {
        secret,
        createdAt: "2026-12-01T11:00:00.000Z"
      }
    ),
    delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: "a forged secret" })
  ]
  for (const d of plays) {
    const response = await send(url, d)
    console.log(`${JSON.parse(d.body).triggerEvent.padEnd(20)} → ${response.status} ${await response.text()}`)
  }
  console.log("mirror:", [...mirror.values()])
  server.close()
}

const serve = async () => {
  const secret = process.env.CAL_WEBHOOK_SECRET
  if (!secret) throw new Error("set CAL_WEBHOOK_SECRET to the webhook's secret")
  const mirror: Mirror = new Map()
  const port = Number(process.env.PORT ?? 3000)
  const { url } = await startReceiver({ secret: Redacted.make(secret), mirror, port, host: "0.0.0.0" })
  console.log(`receiving Cal.com webhooks at ${url}`)
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  ;(process.argv.includes("--serve") ? serve() : demo()).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
