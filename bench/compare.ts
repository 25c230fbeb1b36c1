/**
 * Before and after on the same machine: runs `npm run bench` alternately in a checkout of the
 * older commit and in this one, `--runs` times each, and prints every figure's median and range
 * for both, marking a figure "worse" only when the newer median lies outside the older range on
 * the bad side (and by more than 5 %). One run cannot separate a change from noise on a shared
 * 2-core machine: latency p50 moves 10-20 % between runs, peak RSS by a factor of two.
 *
 *   git worktree add ../before <commit> && (cd ../before && npm ci && npm run generate)
 *   npm run bench:compare -- --base ../before --runs 3
 *
 * The checkout must sit beside this one (it reads `../shared` like every checkout). Each run's
 * `bench/results/latest.json` is kept as `bench/results/compare/{base,head}-N.json`; the table
 * goes to stdout and `bench/results/compare/COMPARE.md`.
 */
import { spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"
import { median, round } from "./shared.js"

const { values } = parseArgs({
  options: { base: { type: "string" }, runs: { type: "string", default: "3" } }
})
if (values.base === undefined) {
  console.error("usage: npm run bench:compare -- --base <checkout of the older commit> [--runs 3]")
  process.exit(2)
}
const HEAD = resolve(import.meta.dirname, "..")
const BASE = resolve(values.base)
const RUNS = Number(values.runs)
const OUT = join(HEAD, "bench/results/compare")

/** The parts of `latest.json` the figures read (older runs may lack some). */
interface Run {
  readonly latency: ReadonlyArray<{
    endpoint: string
    raw: { p50: number }
    facade: { p50: number }
  }>
  readonly overhead: ReadonlyArray<{ endpoint: string; pipeline: ReadonlyArray<{ step: string; us: number }> }>
  readonly concurrency: ReadonlyArray<{ variant: string; endpoint: string; perSecond: number }>
  readonly pagination: ReadonlyArray<{ variant: string; ms: number; peakRssGrowthMb: number; peakHeapGrowthMb: number }>
  readonly coldStart: { variants: ReadonlyArray<{ name: string; importMs: number }> }
  readonly size: { facade: { gzipKb: number } }
  readonly typecheck: { variants: ReadonlyArray<{ name: string; seconds: number }> }
}

/** A figure read off one run; `better` says which way is good. */
interface Figure {
  readonly name: string
  readonly better: "lower" | "higher"
  readonly read: (run: Run) => number | undefined
}

const lat = (run: Run, endpoint: string) => run.latency.find((l) => l.endpoint === endpoint)
const perSecond = (run: Run, variant: string, endpoint: string) =>
  run.concurrency.find((c) => c.variant === variant && c.endpoint === endpoint)?.perSecond
const page = (run: Run, variant: string) => run.pagination.find((p) => p.variant === variant)
/** The last two rows of the stub breakdown: the real transport, then the public operation. */
const stub = (run: Run, endpoint: string, fromEnd: 1 | 2) => {
  const pipeline = run.overhead.find((o) => o.endpoint === endpoint)?.pipeline ?? []
  return pipeline[pipeline.length - fromEnd]?.us
}
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b)
const difference = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : a - b

const FIGURES: ReadonlyArray<Figure> = [
  ...["me", "bookings"].flatMap(
    (e): ReadonlyArray<Figure> => [
      {
        name: `${e}: facade / raw p50`,
        better: "lower",
        read: (r) => ratio(lat(r, e)?.facade.p50, lat(r, e)?.raw.p50)
      },
      {
        name: `${e}: facade − raw p50 (ms)`,
        better: "lower",
        read: (r) => {
          const l = lat(r, e)
          return l === undefined ? undefined : l.facade.p50 - l.raw.p50
        }
      },
      { name: `${e}: stub, transport (µs)`, better: "lower", read: (r) => stub(r, e, 2) },
      { name: `${e}: stub, public operation (µs)`, better: "lower", read: (r) => stub(r, e, 1) },
      {
        name: `${e}: 64-way facade / raw throughput`,
        better: "higher",
        read: (r) => ratio(perSecond(r, "facade", e), perSecond(r, "raw", e))
      },
      { name: `${e}: 64-way facade calls/s`, better: "higher", read: (r) => perSecond(r, "facade", e) }
    ]
  ),
  { name: "pagination: facade peak RSS growth (MB)", better: "lower", read: (r) => page(r, "facade")?.peakRssGrowthMb },
  {
    // The raw loop's own growth moves between builds of the same scenario (GC timing); the
    // difference within one process is what the facade adds.
    name: "pagination: facade − raw peak RSS growth (MB)",
    better: "lower",
    read: (r) => difference(page(r, "facade")?.peakRssGrowthMb, page(r, "raw")?.peakRssGrowthMb)
  },
  {
    name: "pagination: facade − raw peak heap growth (MB)",
    better: "lower",
    read: (r) => difference(page(r, "facade")?.peakHeapGrowthMb, page(r, "raw")?.peakHeapGrowthMb)
  },
  {
    name: "pagination: facade peak heap growth (MB)",
    better: "lower",
    read: (r) => page(r, "facade")?.peakHeapGrowthMb
  },
  {
    name: "pagination: facade / raw time",
    better: "lower",
    read: (r) => ratio(page(r, "facade")?.ms, page(r, "raw")?.ms)
  },
  {
    name: "cold start: package entry import (ms)",
    better: "lower",
    read: (r) => r.coldStart.variants.find((v) => v.name.startsWith("package entry (deps"))?.importMs
  },
  { name: "one-operation bundle (KB gzip)", better: "lower", read: (r) => r.size.facade.gzipKb },
  {
    name: "consumer type-check / empty file",
    better: "lower",
    read: (r) =>
      ratio(
        r.typecheck.variants.find((v) => v.name === "consumer → package .d.ts")?.seconds,
        r.typecheck.variants.find((v) => v.name === "empty file")?.seconds
      )
  }
]

const bench = (dir: string, label: string, index: number): Run => {
  console.log(`[compare] ${label} run ${index} in ${dir}`)
  const result = spawnSync("npm", ["run", "bench"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] })
  if (result.status !== 0) throw new Error(`npm run bench in ${dir} failed (${result.status})`)
  const file = join(OUT, `${label}-${index}.json`)
  copyFileSync(join(dir, "bench/results/latest.json"), file)
  return JSON.parse(readFileSync(file, "utf8")) as Run
}

const summary = (xs: ReadonlyArray<number>) =>
  xs.length === 0
    ? { median: Number.NaN, min: Number.NaN, max: Number.NaN }
    : { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }

const show = (s: ReturnType<typeof summary>) =>
  Number.isNaN(s.median) ? "n/a" : `${round(s.median, 2)} [${round(s.min, 2)}–${round(s.max, 2)}]`

/** Worse beyond noise: the newer median outside the older range on the bad side, by more than 5 %. */
const verdict = (figure: Figure, base: ReturnType<typeof summary>, head: ReturnType<typeof summary>) => {
  if (Number.isNaN(base.median) || Number.isNaN(head.median)) return ""
  const change = (head.median - base.median) / base.median
  const worse =
    figure.better === "lower" ? head.median > base.max && change > 0.05 : head.median < base.min && change < -0.05
  const better =
    figure.better === "lower" ? head.median < base.min && change < -0.05 : head.median > base.max && change > 0.05
  return worse ? "**worse**" : better ? "better" : "same (within noise)"
}

const main = () => {
  mkdirSync(OUT, { recursive: true })
  const runs = { base: [] as Array<Run>, head: [] as Array<Run> }
  // Alternate so a slow spell of the machine falls on both sides.
  for (let i = 1; i <= RUNS; i++) {
    runs.base.push(bench(BASE, "base", i))
    runs.head.push(bench(HEAD, "head", i))
  }
  const lines = [
    `# Bench: ${BASE} (base) vs ${HEAD} (head), ${RUNS} runs each, alternating`,
    "",
    "Median [min–max] of the runs; “worse” only when the head's median is outside the base's range on the bad side by more than 5 %.",
    "",
    "| figure | better | base | head | |",
    "|---|---|---|---|---|"
  ]
  for (const figure of FIGURES) {
    const read = (rs: ReadonlyArray<Run>) =>
      rs.map((r) => figure.read(r)).filter((x): x is number => x !== undefined && Number.isFinite(x))
    const base = summary(read(runs.base))
    const head = summary(read(runs.head))
    lines.push(`| ${figure.name} | ${figure.better} | ${show(base)} | ${show(head)} | ${verdict(figure, base, head)} |`)
  }
  const text = `${lines.join("\n")}\n`
  writeFileSync(join(OUT, "COMPARE.md"), text)
  process.stdout.write(text)
}

main()
