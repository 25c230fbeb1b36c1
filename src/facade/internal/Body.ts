/**
 * What the transport reads from a server, bounded: a `fetch` whose response bodies are counted
 * while they are read (after decompression) and cut off past a cap, so a never-ending answer or
 * a gzip bomb costs at most the cap in memory; and the scrubbing of the configured key from any
 * text a server or the network produced, so a server that echoes `Authorization` cannot put the
 * key into an error message, a log line or a tool result.
 *
 * @internal
 */

/** The default cap of one response body: 5 MiB (a page of 250 bookings is well under 1 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024

/** Thrown (inside `fetch`'s promise) when a body passes the cap; the transport makes it a typed error. */
export class BodyTooLarge extends Error {
  constructor(
    readonly limit: number,
    readonly status: number
  ) {
    super(`the response body exceeds ${limit} bytes`)
    this.name = "BodyTooLarge"
  }
}

/** Statuses whose responses carry no body (a `Response` with one cannot be built). */
const NULL_BODY = new Set([204, 205, 304])

/** A body the runtime lets us read and re-wrap (not a browser's opaque redirect, status 0). */
const wrappable = (response: Response): response is Response & { readonly body: ReadableStream<Uint8Array> } =>
  response.body !== null && response.status >= 200 && response.status <= 599 && !NULL_BODY.has(response.status)

/** The body's bytes, read to the end; fails with `BodyTooLarge` at the first byte past `maxBytes`. */
const readCapped = async (body: ReadableStream<Uint8Array>, maxBytes: number, status: number): Promise<Uint8Array> => {
  const reader = body.getReader()
  const chunks: Array<Uint8Array> = []
  let seen = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    seen += value.byteLength
    if (seen > maxBytes) {
      // Stop reading: the connection is dropped rather than drained.
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLarge(maxBytes, status)
    }
    chunks.push(value)
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0]
  const bytes = new Uint8Array(seen)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const utf8 = new TextDecoder()

/**
 * `fetch` with bodies capped at `maxBytes`: a declared `Content-Length` above it fails at once,
 * otherwise the body is read inside `fetch`'s promise with its bytes counted, and reading stops
 * (the connection is dropped) at the first byte past it.
 *
 * The response handed on is the one received, its body consumed, with `text()` answering the
 * text read: openapi-fetch (the only reader, always asked for text) cannot read more than the
 * cap, and no second `Response` or stream is built per call. Reading with a counting reader
 * instead of piping through a counting `TransformStream` into a new `Response` saves ~25 µs of
 * the ~100 µs a call costs the client (`bench/RESULTS.md`, "Where a call's time goes").
 * `fetch` is looked up when called, so a replaced global is honoured.
 */
export const boundedFetch =
  (fetch: typeof globalThis.fetch | undefined, maxBytes: number): typeof globalThis.fetch =>
  async (input, init) => {
    const response = await (fetch ?? globalThis.fetch)(input, init)
    if (!wrappable(response)) return response
    const declared = Number(response.headers.get("content-length") ?? Number.NaN)
    if (declared > maxBytes) {
      await response.body.cancel().catch(() => undefined)
      throw new BodyTooLarge(maxBytes, response.status)
    }
    const text = utf8.decode(await readCapped(response.body, maxBytes, response.status))
    return Object.defineProperty(response, "text", { value: () => Promise.resolve(text) })
  }

const REDACTED = "[redacted]"

/** `text` with every occurrence of `secret` replaced (which also covers `Bearer <secret>`). */
export const scrubText = (text: string, secret: string): string =>
  secret.length > 0 && text.includes(secret) ? text.split(secret).join(REDACTED) : text

/** `value` (a parsed JSON body or text) with `secret` scrubbed from every string in it. */
export const scrubValue = (value: unknown, secret: string): unknown => {
  if (typeof value === "string") return scrubText(value, secret)
  if (value === null || typeof value !== "object") return value
  const json = JSON.stringify(value)
  return json.includes(secret) ? JSON.parse(scrubText(json, secret)) : value
}

/** At most `max` characters of server text, marked when cut: keeps error messages readable and small. */
export const capText = (text: string, max = 500): string =>
  text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
