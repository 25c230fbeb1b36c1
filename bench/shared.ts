/**
 * What the benchmark's processes share: the canned data's size, the key, the request each client
 * variant sends, and small statistics helpers.
 */
import { request } from "node:http"
import { API_VERSIONS, DEFAULT_API_KEY } from "../test/support/FakeCalCom.js"

/** The key the canned server's data was made with (the fake's default; not a secret). */
export const API_KEY = DEFAULT_API_KEY
export const TOTAL_BOOKINGS = 10_000
export const PAGE = 100
/** The canned server's keep-alive timeout. */
export const KEEP_ALIVE_MS = 5_000
export const BOOKINGS_VERSION = API_VERSIONS["bookings"] ?? "2024-08-13"

/** The headers a hand-written client sends: what the facade's middleware adds. */
export const rawHeaders = (versioned: boolean): Record<string, string> => ({
  Authorization: `Bearer ${API_KEY}`,
  ...(versioned ? { "cal-api-version": BOOKINGS_VERSION } : {})
})

/** The canned server's socket counts, asked on a fresh connection the main server never sees. */
export const sockets = (control: string): Promise<{ readonly opened: number; readonly open: number }> =>
  new Promise((resolve, reject) => {
    const req = request(`${control}/sockets`, { agent: false }, (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => {
        text += chunk
      })
      res.on("end", () => resolve(JSON.parse(text) as { opened: number; open: number }))
    })
    req.on("error", reject)
    req.end()
  })

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export const sorted = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)

/** The q-quantile (0..1) by nearest rank. */
export const quantile = (xs: ReadonlyArray<number>, q: number): number => {
  const s = sorted(xs)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN
}

export const median = (xs: ReadonlyArray<number>) => quantile(xs, 0.5)

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits

/** A child scenario reports its result as one line `RESULT <json>` on stdout. */
export const report = (result: unknown) => {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
}

/**
 * A `fetch` answering every request at once with `body` and generous rate-limit headers: what
 * the stub-fetch measurements run on, so only the client's CPU is measured.
 */
export const stubFetch = (body: string): typeof globalThis.fetch => {
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "x-ratelimit-limit-default": "1000000",
    "x-ratelimit-remaining-default": "999999",
    "x-ratelimit-reset-default": "60"
  }
  return (async () => new Response(body, { status: 200, headers })) as typeof globalThis.fetch
}
