/**
 * `boundedFetch`: what the transport reads of a body is exactly what the server sent, up to the
 * cap and never past it, however the bytes arrive (one chunk, many, a character split between
 * chunks); a declared length over the cap fails before reading; a body-less status passes as is.
 */
import { assert, describe, it } from "@effect/vitest"
import { BodyTooLarge, boundedFetch } from "../../../src/facade/internal/Body.js"

/** A `fetch` answering `status` with `chunks` as the body, one stream chunk each; records cancellation. */
const chunked = (chunks: ReadonlyArray<Uint8Array>, init: ResponseInit = {}) => {
  const seen = { pulled: 0, cancelled: false }
  const fetch = (async () => {
    let index = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++]
        seen.pulled = index
        if (chunk === undefined) controller.close()
        else controller.enqueue(chunk)
      },
      cancel() {
        seen.cancelled = true
      }
    })
    return new Response(body, { status: 200, ...init })
  }) as typeof globalThis.fetch
  return { fetch, seen }
}

const bytes = (text: string) => new TextEncoder().encode(text)

/** What a promise is rejected with (`undefined` when it resolves). */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error
  )

describe("boundedFetch", () => {
  it("one chunk under the cap: the text as sent, with status and headers", async () => {
    const { fetch } = chunked([bytes('{"status":"success"}')], { status: 201, headers: { "x-a": "1" } })
    const response = await boundedFetch(fetch, 1024)("https://api.cal.com/v2/me")
    assert.strictEqual(response.status, 201)
    assert.strictEqual(response.headers.get("x-a"), "1")
    assert.strictEqual(await response.text(), '{"status":"success"}')
  })

  it("many chunks, a multi-byte character split between two: joined before decoding", async () => {
    const euro = bytes("€") // three bytes
    const chunks = [bytes('{"name":"'), euro.slice(0, 1), euro.slice(1), bytes('ß"}')]
    const { fetch } = chunked(chunks)
    const response = await boundedFetch(fetch, 1024)("https://api.cal.com/v2/me")
    assert.strictEqual(await response.text(), '{"name":"€ß"}')
  })

  it("exactly the cap is read; one byte past it fails with BodyTooLarge and stops reading", async () => {
    const atCap = chunked([bytes("12345"), bytes("67890")])
    assert.strictEqual(await (await boundedFetch(atCap.fetch, 10)("https://x")).text(), "1234567890")

    const endless = Array.from({ length: 1000 }, () => bytes("0123456789"))
    const past = chunked(endless, { status: 500 })
    const error = await rejection(boundedFetch(past.fetch, 25)("https://x"))
    assert.instanceOf(error, BodyTooLarge)
    assert.strictEqual((error as BodyTooLarge).limit, 25)
    assert.strictEqual((error as BodyTooLarge).status, 500)
    // Three chunks read, at most one more pulled ahead by the stream's queue: not the other 996.
    assert.isAtMost(past.seen.pulled, 4)
    assert.isTrue(past.seen.cancelled)
  })

  it("a declared Content-Length over the cap fails before any byte is read", async () => {
    const { fetch, seen } = chunked([bytes("x")], { headers: { "content-length": "2048" } })
    const error = await rejection(boundedFetch(fetch, 1024)("https://x"))
    assert.instanceOf(error, BodyTooLarge)
    assert.isTrue(seen.cancelled)
  })

  it("the response's body is consumed: nothing can read past what was counted", async () => {
    const { fetch } = chunked([bytes("abc")])
    const response = await boundedFetch(fetch, 1024)("https://x")
    assert.isTrue(response.bodyUsed)
    assert.strictEqual(await response.text(), "abc")
  })

  it("a frozen response (a runtime's or a test double's) is answered by a new one with the same text", async () => {
    const fetch = (async () =>
      Object.freeze(new Response("frozen", { status: 418, headers: { "x-a": "1" } }))) as typeof globalThis.fetch
    const response = await boundedFetch(fetch, 1024)("https://x")
    assert.strictEqual(response.status, 418)
    assert.strictEqual(response.headers.get("x-a"), "1")
    assert.strictEqual(await response.text(), "frozen")
  })

  it("a 204 passes through unread", async () => {
    const fetch = (async () => new Response(null, { status: 204 })) as typeof globalThis.fetch
    const response = await boundedFetch(fetch, 1024)("https://x")
    assert.strictEqual(response.status, 204)
    assert.strictEqual(await response.text(), "")
  })
})
