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

/** `pieces` (of `size` bytes in all) as one array; the piece itself when there is one. */
export const concatBytes = (pieces: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (pieces.length === 1 && pieces[0] !== undefined) return pieces[0]
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const piece of pieces) {
    bytes.set(piece, offset)
    offset += piece.byteLength
  }
  return bytes
}

/**
 * A body's bytes, read to the end; `undefined` at the first byte past `maxBytes`, where reading
 * stops (the stream is cancelled, so the connection is dropped rather than drained).
 */
export const readAtMost = async (
  body: ReadableStream<Uint8Array>,
  maxBytes: number
): Promise<Uint8Array | undefined> => {
  const reader = body.getReader()
  const chunks: Array<Uint8Array> = []
  let seen = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    seen += value.byteLength
    if (seen > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  return concatBytes(chunks, seen)
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
    const bytes = await readAtMost(response.body, maxBytes)
    if (bytes === undefined) throw new BodyTooLarge(maxBytes, response.status)
    const text = utf8.decode(bytes)
    return Object.isExtensible(response)
      ? Object.defineProperty(response, "text", { value: () => Promise.resolve(text) })
      : // A runtime or test double whose responses are frozen: a new one with the same text.
        new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers })
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
