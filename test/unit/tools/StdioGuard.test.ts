/**
 * The stdin guard's line rules, chunk by chunk: what is passed on to the MCP transport and what
 * is answered with a JSON-RPC error instead.
 */
import { assert, describe, it } from "@effect/vitest"
import { makeFramer } from "../../../src/tools/internal/StdioGuard.js"

const bytes = (text: string) => new TextEncoder().encode(text)
const text = (data: Uint8Array) => new TextDecoder().decode(data)
const errorOf = (reply: string) => JSON.parse(reply) as { id: unknown; error: { code: number; message: string } }

describe("StdioGuard framer", () => {
  it("passes whole lines on, joined, and keeps a partial line for the next chunk", () => {
    const framer = makeFramer()
    const first = framer.push(bytes('{"a":1}\n{"b":'))
    assert.strictEqual(text(first.forward), '{"a":1}\n')
    const second = framer.push(bytes("2}\n"))
    assert.strictEqual(text(second.forward), '{"b":2}\n')
    assert.lengthOf([...first.refused, ...second.refused], 0)
  })

  it("a multi-byte character split across chunks is one character", () => {
    const framer = makeFramer()
    const line = bytes('{"name":"Zoë"}\n')
    const split = line.indexOf(0xc3) + 1
    assert.strictEqual(text(framer.push(line.subarray(0, split)).forward), "")
    assert.strictEqual(text(framer.push(line.subarray(split)).forward), '{"name":"Zoë"}\n')
  })

  it("refuses a non-JSON line with -32700 and id null, and keeps the lines around it", () => {
    const framer = makeFramer()
    const { forward, refused } = framer.push(bytes('{"a":1}\nnope\n{"b":2}\n'))
    assert.strictEqual(text(forward), '{"a":1}\n{"b":2}\n')
    assert.lengthOf(refused, 1)
    const reply = errorOf(refused[0]?.reply ?? "")
    assert.strictEqual(reply.id, null)
    assert.strictEqual(reply.error.code, -32700)
  })

  it("refuses invalid UTF-8 instead of reading it as U+FFFD", () => {
    const { forward, refused } = makeFramer().push(Uint8Array.of(0x22, 0xff, 0x22, 0x0a))
    assert.lengthOf(forward, 0)
    assert.match(refused[0]?.reason ?? "", /UTF-8/)
  })

  it("drops a leading byte order mark and a trailing CR; ignores blank lines", () => {
    const { forward, refused } = makeFramer().push(bytes('\uFEFF{"a":1}\r\n\n   \n'))
    assert.strictEqual(text(forward), '{"a":1}\n')
    assert.lengthOf(refused, 0)
  })

  it("refuses nesting deeper than the limit with -32600 and the request's id", () => {
    const framer = makeFramer({ maxDepth: 4 })
    const ok = framer.push(bytes('{"id":1,"p":{"q":[{}]}}\n'))
    assert.lengthOf(ok.refused, 0)
    const { forward, refused } = framer.push(bytes('{"id":"x","p":{"q":[{"r":[]}]}}\n'))
    assert.lengthOf(forward, 0)
    const reply = errorOf(refused[0]?.reply ?? "")
    assert.strictEqual(reply.id, "x")
    assert.strictEqual(reply.error.code, -32600)
  })

  it("refuses a line over the byte limit without keeping it, then serves the next", () => {
    const framer = makeFramer({ maxLineBytes: 10 })
    const parts = [framer.push(bytes('"aaaaaa')), framer.push(bytes("aaaaaa")), framer.push(bytes('a"\n{"b":2}\n'))]
    assert.strictEqual(parts.map((p) => text(p.forward)).join(""), '{"b":2}\n')
    const refused = parts.flatMap((p) => p.refused)
    assert.lengthOf(refused, 1)
    assert.match(refused[0]?.reason ?? "", /longer than 10 bytes/)
    // Exactly at the limit is fine.
    assert.strictEqual(text(framer.push(bytes('"12345678"\n')).forward), '"12345678"\n')
  })

  it("judges a last line without LF when stdin ends", () => {
    const framer = makeFramer()
    assert.lengthOf(framer.push(bytes('{"a":1}')).forward, 0)
    assert.strictEqual(text(framer.end().forward), '{"a":1}\n')
    const broken = makeFramer()
    broken.push(bytes("{"))
    assert.lengthOf(broken.end().refused, 1)
    assert.lengthOf(makeFramer().end().refused, 0)
  })
})
