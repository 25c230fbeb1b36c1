/**
 * A Node `http` server for a Fetch-style handler (`HttpRouter.toWebHandler`): what `calcom-mcp
 * --http` listens with. This package does not depend on `@effect/platform-node` (see
 * `NodeProcess.ts`), and the MCP endpoint needs only requests in, streamed responses out.
 *
 * Request bodies larger than `maxBodyBytes` are refused with 413 before the handler sees them
 * (by `Content-Length`, or while streaming when there is none).
 *
 * @internal
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"

export interface ListenOptions {
  readonly host: string
  readonly port: number
  readonly maxBodyBytes: number
}

const refuse = (res: ServerResponse, status: number, message: string) => {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32600, message } }))
}

/** The request's body, or `undefined` when it is over the limit (the socket is then left to close). */
const readBody = (req: IncomingMessage, max: number): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        req.removeAllListeners("data")
        req.resume()
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    })
    req.once("end", () => resolve(size > max ? undefined : Buffer.concat(chunks)))
    req.once("error", reject)
  })

const toRequest = (req: IncomingMessage, body: Buffer | undefined, origin: string): Request => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const controller = new AbortController()
  req.once("close", () => controller.abort())
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "GET",
    headers,
    signal: controller.signal,
    ...(body === undefined || body.length === 0 ? {} : { body: new Uint8Array(body) })
  })
}

/** Serves `handler` on `options.host:options.port`; resolves with the server and its address. */
export const listen = (
  handler: (request: Request) => Promise<Response>,
  options: ListenOptions
): Promise<{ readonly server: Server; readonly url: string }> => {
  const server = createServer((req, res) => {
    const declared = Number(req.headers["content-length"] ?? 0)
    if (declared > options.maxBodyBytes) return refuse(res, 413, `Request body over ${options.maxBodyBytes} bytes`)
    void readBody(req, options.maxBodyBytes)
      .then(async (body) => {
        if (body === undefined) return refuse(res, 413, `Request body over ${options.maxBodyBytes} bytes`)
        const response = await handler(toRequest(req, body, `http://${req.headers.host ?? "localhost"}`))
        res.writeHead(response.status, Object.fromEntries(response.headers))
        if (response.body === null) return void res.end()
        const stream = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>)
        res.once("close", () => stream.destroy())
        stream.pipe(res)
      })
      .catch(() => {
        if (!res.headersSent) refuse(res, 500, "Internal error")
        else res.destroy()
      })
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address
      resolve({ server, url: `http://${host}:${address.port}` })
    })
  })
}
