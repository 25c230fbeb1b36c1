/**
 * Micro-benchmark of the list decode: one page of 100 bookings (`GET /v2/bookings?take=100`, the
 * body `bench/server.ts` serves, taken from the seeded fake) decoded with `{ data: Array(Booking) }`
 * the way `Bookings.ts` does, with the four instants per booking declared in several ways.
 *
 *   npx tsx bench/decode.ts          # interpreter (the package's default) and, in a child, JIT
 *
 * Variants run interleaved in shuffled order, round after round; each sample is the mean of a
 * batch of decodes, the figure is the median sample in µs per page, and every ratio is against
 * `current` (`Schema.DateTimeUtcFromString`) in the same process. A second table splits one
 * instant's cost into its parts (per 400 instants, one page's worth).
 *
 * What it showed (node 20, 2 cores, several runs): the instants are ~47 % of the page (current
 * ~830 µs, plain strings ~440 µs). `DateTimeUtcFromString` builds two `DateTime` per instant
 * (`DateTime.make`, then `toUtc`), each with an `Object.defineProperty` (~0.17 µs, half of an
 * instance's cost); the rest is `Date` parsing and Schema's `decodeTo` step (~0.35 µs). Building
 * one instance (`one-instance`, same accepted set and issues) saves 8–11 %; even a sync getter
 * does no better, so nothing in the public API reaches the 25 % that would justify replacing
 * `DateTimeUtcFromString` in `Models.ts`. With `SchemaJITCompiler` the same page takes ~0.65×,
 * and the instants are then ~94 % of it (plain strings: ~35 µs per page).
 */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"
import { Booking } from "../src/facade/Models.js"
import { API_VERSIONS, DEFAULT_API_KEY, startFakeCalCom } from "../test/support/FakeCalCom.js"
import { median, PAGE, quantile, round, TOTAL_BOOKINGS } from "./shared.js"

const JIT = process.env["DECODE_BENCH_JIT"] === "1"
const ROUNDS = Number(process.env["DECODE_BENCH_ROUNDS"] ?? 40)
const BATCH = 25
const WARMUP_ROUNDS = 8

/** The first page of the seeded fake, as `bench/server.ts` cans it. */
const loadPage = async (): Promise<unknown> => {
  const fake = await startFakeCalCom({ seedBookings: TOTAL_BOOKINGS })
  try {
    const response = await fetch(`${fake.url}/v2/bookings?take=${PAGE}&skip=0`, {
      headers: { Authorization: `Bearer ${DEFAULT_API_KEY}`, "cal-api-version": API_VERSIONS["bookings"] ?? "" }
    })
    if (!response.ok) throw new Error(`GET /v2/bookings: HTTP ${response.status}`)
    return JSON.parse(await response.text())
  } finally {
    await fake.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Instant variants
// ---------------------------------------------------------------------------------------------

const invalid = (s: string, options: ConstructorParameters<typeof SchemaIssue.InvalidValue>[2]) =>
  new SchemaIssue.InvalidValue({ expected: "a valid UTC DateTime string" }, s, options)

/** `DateTime.makeUnsafe` once (today: `DateTime.make` + `toUtc`, two instances), as an Effect getter. */
const oneInstance = Schema.String.pipe(
  Schema.decodeTo(
    Schema.DateTimeUtc,
    SchemaTransformation.transformEffect({
      decode: (s: string, options) => {
        try {
          return Effect.succeed(DateTime.makeUnsafe(s))
        } catch {
          return Effect.fail(invalid(s, options))
        }
      },
      encode: (utc: DateTime.Utc) => Effect.succeed(DateTime.formatIso(utc))
    })
  )
)

/** The same with a plain (sync) getter: cannot report a bad string as an issue, a floor only. */
const syncGetter = Schema.String.pipe(
  Schema.decodeTo(
    Schema.DateTimeUtc,
    SchemaTransformation.transform({
      decode: (s: string) => DateTime.makeUnsafe(s),
      encode: (utc: DateTime.Utc) => DateTime.formatIso(utc)
    })
  )
)

/** Parse to epoch millis only, no `DateTime` (another type: a floor, not a candidate). */
const EpochMillis = Schema.declare((u): u is number => typeof u === "number")
const millisOnly = Schema.String.pipe(
  Schema.decodeTo(
    EpochMillis,
    SchemaTransformation.transformEffect({
      decode: (s: string, options) => {
        const ms = Date.parse(s)
        return Number.isNaN(ms) ? Effect.fail(invalid(s, options)) : Effect.succeed(ms)
      },
      encode: (ms: number) => Effect.succeed(new Date(ms).toISOString())
    })
  )
)

const withInstant = <S extends Schema.Top & { readonly DecodingServices: never }>(instant: S) =>
  Schema.Struct({
    ...Booking.fields,
    start: instant,
    end: instant,
    createdAt: instant,
    updatedAt: Schema.optionalKey(Schema.NullOr(instant))
  })

const variants: ReadonlyArray<readonly [name: string, what: string, booking: Schema.Top]> = [
  ["current", "Schema.DateTimeUtcFromString", Booking],
  ["one-instance", "String → DateTimeUtc, transformEffect(makeUnsafe)", withInstant(oneInstance)],
  ["sync-getter", "String → DateTimeUtc, transform(makeUnsafe) (floor)", withInstant(syncGetter)],
  ["millis-only", "String → number, Date.parse (no DateTime)", withInstant(millisOnly)],
  ["plain-string", "Schema.String (no parse)", withInstant(Schema.String)]
]

// ---------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------

type Samples = Map<string, Array<number>>

const interleave = (
  tasks: ReadonlyArray<readonly [name: string, run: () => void]>,
  rounds: number,
  batch: number
): Samples => {
  const samples: Samples = new Map(tasks.map(([name]) => [name, []]))
  for (let r = 0; r < rounds + WARMUP_ROUNDS; r++) {
    const order = [...tasks].sort(() => Math.random() - 0.5)
    for (const [name, run] of order) {
      const t0 = performance.now()
      for (let i = 0; i < batch; i++) run()
      const us = ((performance.now() - t0) * 1000) / batch
      if (r >= WARMUP_ROUNDS) samples.get(name)?.push(us)
    }
  }
  return samples
}

const table = (
  title: string,
  rows: ReadonlyArray<readonly [name: string, what: string]>,
  samples: Samples,
  baseline: string,
  unit: string
) => {
  const base = median(samples.get(baseline) ?? [])
  console.log(`\n${title}\n`)
  console.log(`| variant | what | median ${unit} | p25–p75 | vs ${baseline} |`)
  console.log("|---|---|---|---|---|")
  for (const [name, what] of rows) {
    const xs = samples.get(name) ?? []
    const m = median(xs)
    console.log(
      `| ${name} | ${what} | ${round(m, 1)} | ${round(quantile(xs, 0.25), 1)}–${round(quantile(xs, 0.75), 1)} | ${round(m / base, 2)}× |`
    )
  }
}

const pageTable = (body: unknown) => {
  const decoders = variants.map(([name, , booking]) => {
    const list = Schema.Struct({ data: Schema.Array(booking as typeof Booking) })
    if (JIT) SchemaJITCompiler.enable(list.ast)
    const decode = Schema.decodeUnknownExit(list)
    const exit = decode(body)
    if (!Exit.isSuccess(exit)) throw new Error(`${name} does not decode the page: ${String(exit.cause)}`)
    if (exit.value.data.length !== PAGE) throw new Error(`${name}: ${exit.value.data.length} bookings`)
    return [name, () => void decode(body)] as const
  })
  const samples = interleave(decoders, ROUNDS, BATCH)
  table(
    `Decode of one page of ${PAGE} bookings (${JIT ? "JIT: SchemaJITCompiler.enable" : "interpreter, the default"}), ${ROUNDS} rounds × ${BATCH}`,
    variants.map(([name, what]) => [name, what] as const),
    samples,
    "current",
    "µs/page"
  )
}

const partsTable = (body: unknown) => {
  const data = (body as { readonly data: ReadonlyArray<Record<string, string>> }).data
  const instants = data.flatMap((b) => [b["start"], b["end"], b["createdAt"], b["updatedAt"]] as Array<string>)
  const utcProto = Object.getPrototypeOf(DateTime.makeUnsafe(0)) as object
  const parts: ReadonlyArray<readonly [name: string, what: string, one: (s: string) => unknown]> = [
    [
      "current getter",
      "DateTime.make(s) → Option → toUtc (what DateTimeUtcFromString does)",
      (s) => {
        const o = DateTime.make(s)
        return o._tag === "Some" ? DateTime.toUtc(o.value) : undefined
      }
    ],
    ["makeUnsafe(s)", "DateTime.makeUnsafe(s): zone regexes + new Date + one instance", (s) => DateTime.makeUnsafe(s)],
    ["Date.parse", "Date.parse(s) only", (s) => Date.parse(s)],
    ["new Date", "new Date(s) only", (s) => new Date(s)],
    [
      "create",
      "Object.create(Utc proto) + epochMilliseconds (Date.parse)",
      (s) => {
        const o = Object.create(utcProto) as { epochMilliseconds: number }
        o.epochMilliseconds = Date.parse(s)
        return o
      }
    ],
    [
      "create+define",
      "the same + Object.defineProperty(partsUtc), as makeUtc does",
      (s) => {
        const o = Object.create(utcProto) as { epochMilliseconds: number }
        o.epochMilliseconds = Date.parse(s)
        Object.defineProperty(o, "partsUtc", { value: undefined, enumerable: false, writable: true })
        return o
      }
    ]
  ]
  let sink: unknown
  const samples = interleave(
    parts.map(([name, , one]) => [
      name,
      () => {
        for (const s of instants) sink = one(s)
      }
    ]),
    ROUNDS,
    BATCH
  )
  void sink
  table(
    `Where one page's ${instants.length} instants go (no Schema), ${ROUNDS} rounds × ${BATCH}`,
    parts.map(([name, what]) => [name, what] as const),
    samples,
    "current getter",
    `µs/${instants.length}`
  )
}

const main = async () => {
  const body = await loadPage()
  console.log(`node ${process.version}${JIT ? " (child, JIT)" : ""}`)
  pageTable(body)
  if (JIT) return
  partsTable(body)
  await new Promise<void>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, DECODE_BENCH_JIT: "1" } })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`JIT child exited with ${code}`))))
  })
}

void main()
