/**
 * Node's `node:http` for the web-standard webhook handler: `nodeWebhookListener(handler)` is a
 * `(req, res)` listener for `http.createServer`, Express and friends (mount it before any JSON
 * body parser: the signature covers the raw bytes).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { Readable } from "node:stream"

/** A Node request as a web `Request`, its body streamed (not buffered) so the size limit applies. */
const toWebRequest = (req: IncomingMessage): Request => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const method = req.method ?? "GET"
  const hasBody = method !== "GET" && method !== "HEAD"
  return new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {})
  } as RequestInit)
}

/**
 * Adapts a `(request: Request) => Promise<Response>` handler (such as `webhookHandler(...)`) to a
 * `node:http` listener.
 *
 * ```ts
 * import { createServer } from "node:http"
 * createServer(nodeWebhookListener(webhookHandler({ secret, onEvent }))).listen(3000)
 * ```
 */
export const nodeWebhookListener =
  (handler: (request: Request) => Promise<Response>) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    handler(toWebRequest(req))
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer())
        res.writeHead(response.status, Object.fromEntries(response.headers))
        res.end(body)
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
  }
