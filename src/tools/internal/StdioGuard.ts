/**
 * A guard in front of the MCP stdio transport: stdin is split into lines here, and a line the
 * transport could not take is answered with a JSON-RPC error on stdout and dropped, so the
 * next line is served as usual.
 *
 * Why: `effect/ai`'s stdio transport parses NDJSON inside its stdin loop. A line that is not
 * JSON (or whose JSON cannot be re-serialized: nesting deep enough to overflow
 * `JSON.stringify`) throws there; the loop logs, drops whatever else was buffered, and
 * re-subscribes to stdin half a second later, and the client never hears about its request.
 * Every line that reaches it through this guard is one it can parse.
 *
 * Rules, per line (LF-terminated, CRLF accepted):
 * - a leading UTF-8 byte order mark is dropped (the rest of the line is served);
 * - not UTF-8, or not JSON: `-32700` (parse error), `id: null`;
 * - more than `maxLineBytes` bytes: `-32700`, without buffering the excess;
 * - nested deeper than `maxDepth` arrays/objects: `-32600` (invalid request), with the
 *   request's `id` when it has one;
 * - blank: ignored; a last line without LF when stdin closes: served like any other.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Stdio from "effect/Stdio"
import * as Stream from "effect/Stream"
import { concatBytes } from "../../facade/internal/Body.js"

/** Limits of the guard. */
export interface GuardOptions {
  /** Longest accepted line in bytes. Default 16 MiB (the transport's own buffer limit). */
  readonly maxLineBytes?: number | undefined
  /** Deepest accepted nesting of arrays and objects. Default 64 (MCP messages need about 8). */
  readonly maxDepth?: number | undefined
}

/** Default line limit: 16 MiB. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024
/** Default nesting limit. */
export const MAX_DEPTH = 64

const PARSE_ERROR = -32700
const INVALID_REQUEST = -32600
const LF = 0x0a
const CR = 0x0d

/** What one refused line is answered with, and the reason for the log (never the line itself). */
interface Refusal {
  readonly reply: string
  readonly reason: string
}

const refusal = (code: number, message: string, id: string | number | null = null): Refusal => ({
  reply: `${JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } })}\n`,
  reason: message
})

/** The depth of the deepest array or object in `value` (a scalar is 0), without recursion. */
const depthOf = (value: unknown, limit: number): number => {
  let deepest = 0
  const stack: Array<readonly [unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as readonly [unknown, number]
    if (typeof node !== "object" || node === null) continue
    deepest = Math.max(deepest, depth)
    if (deepest > limit) return deepest
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1])
    }
  }
  return deepest
}

const idOf = (value: unknown): string | number | null => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null
  const id = (value as { readonly id?: unknown }).id
  return typeof id === "string" || typeof id === "number" ? id : null
}

/** What a chunk of stdin yields: the bytes to pass on (whole accepted lines) and the refusals. */
interface Framed {
  readonly forward: Uint8Array
  readonly refused: ReadonlyArray<Refusal>
}

/** A whole line's verdict: its text when accepted, a refusal, or nothing for a blank line. */
const checkLine = (bytes: Uint8Array, decoder: TextDecoder, maxDepth: number): string | Refusal | undefined => {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length
  let text: string
  try {
    text = decoder.decode(bytes.subarray(0, end))
  } catch {
    return refusal(PARSE_ERROR, "Parse error: the line is not valid UTF-8")
  }
  if (text.trim() === "") return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return refusal(PARSE_ERROR, "Parse error: the line is not JSON")
  }
  if (depthOf(value, maxDepth) > maxDepth) {
    return refusal(INVALID_REQUEST, `Invalid request: nested deeper than ${maxDepth} levels`, idOf(value))
  }
  return text
}

/**
 * A line splitter with the rules above, for one subscription to stdin.
 *
 * @internal
 */
export const makeFramer = (options: GuardOptions = {}) => {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES
  const maxDepth = options.maxDepth ?? MAX_DEPTH
  // `fatal`: invalid UTF-8 is an error, not U+FFFD; the default `ignoreBOM: false` drops a BOM.
  const decoder = new TextDecoder("utf-8", { fatal: true })
  const encoder = new TextEncoder()
  let pieces: Array<Uint8Array> = []
  let size = 0
  let oversized = false

  /** Ends the current line: its verdict goes to `accepted` or `refused`. */
  const endLine = (accepted: Array<string>, refused: Array<Refusal>) => {
    if (oversized) {
      refused.push(refusal(PARSE_ERROR, `Parse error: the line is longer than ${maxLineBytes} bytes`))
    } else if (size > 0) {
      const verdict = checkLine(concatBytes(pieces, size), decoder, maxDepth)
      if (typeof verdict === "string") accepted.push(verdict)
      else if (verdict !== undefined) refused.push(verdict)
    }
    pieces = []
    size = 0
    oversized = false
  }

  const add = (piece: Uint8Array) => {
    if (oversized || piece.length === 0) return
    if (size + piece.length > maxLineBytes) {
      oversized = true
      pieces = []
      size = 0
      return
    }
    pieces.push(piece)
    size += piece.length
  }

  const framed = (accepted: ReadonlyArray<string>, refused: ReadonlyArray<Refusal>): Framed => ({
    forward: accepted.length === 0 ? new Uint8Array(0) : encoder.encode(`${accepted.join("\n")}\n`),
    refused
  })

  return {
    /** Takes the next chunk of stdin. */
    push: (chunk: Uint8Array): Framed => {
      const accepted: Array<string> = []
      const refused: Array<Refusal> = []
      let from = 0
      let newline = chunk.indexOf(LF, from)
      while (newline !== -1) {
        add(chunk.subarray(from, newline))
        endLine(accepted, refused)
        from = newline + 1
        newline = chunk.indexOf(LF, from)
      }
      add(chunk.subarray(from))
      return framed(accepted, refused)
    },
    /** Stdin closed: a last line without LF is judged like the others. */
    end: (): Framed => {
      const accepted: Array<string> = []
      const refused: Array<Refusal> = []
      if (size > 0 || oversized) endLine(accepted, refused)
      return framed(accepted, refused)
    }
  }
}

/** `stdio` with its stdin guarded as described above; refusals are written to its stdout. */
export const guard = (stdio: Stdio.Stdio, options: GuardOptions = {}): Stdio.Stdio => {
  const stdin = Stream.suspend(() => {
    const framer = makeFramer(options)
    const emit = ({ forward, refused }: Framed) =>
      Effect.as(
        refused.length === 0
          ? Effect.void
          : Effect.andThen(
              Effect.forEach(refused, (r) => Effect.logWarning(`calcom-mcp: refused a stdin line: ${r.reason}`), {
                discard: true
              }),
              Stream.run(Stream.fromIterable(refused.map((r) => r.reply)), stdio.stdout())
            ),
        forward
      )
    return stdio.stdin.pipe(
      Stream.mapEffect((chunk) => emit(framer.push(chunk))),
      Stream.concat(Stream.fromEffect(Effect.suspend(() => emit(framer.end())))),
      Stream.filter((bytes) => bytes.length > 0)
    )
  })
  return Stdio.make({
    args: stdio.args,
    stdinIsTerminal: stdio.stdinIsTerminal,
    stdoutIsTerminal: stdio.stdoutIsTerminal,
    stderrIsTerminal: stdio.stderrIsTerminal,
    stdout: (o) => stdio.stdout(o),
    stderr: (o) => stdio.stderr(o),
    stdin
  })
}
