/**
 * `npm run bench`: the facade's costs, each as a ratio against a baseline measured in the same run.
 *
 * 1. Per-call latency (sequential `GET /v2/me`, `GET /v2/bookings` of 100): facade vs
 *    openapi-fetch alone vs raw `fetch`, p50 and p95, against a loopback server with canned
 *    Cal.com answers (`bench/server.ts`, its own process).
 * 2. Where the per-call time goes: the transport rebuilt layer by layer over a stub `fetch`
 *    (`bench/overhead.ts`), and a CPU profile split by owner (`bench/profile.ts`).
 * 3. 64 concurrent calls: throughput vs raw `fetch`, sockets opened, none left open.
 * 4. Pagination: 10,000 bookings over 100 pages streamed vs a raw loop; peak RSS growth.
 * 5. Cold start: importing the entry (bundled by esbuild, dependencies external as installed)
 *    in fresh processes vs `effect` alone vs an empty `node`.
 * 6. Size: a one-operation program, minified and gzipped, vs openapi-fetch doing the same call.
 * 7. Type-check: `tsc` on a small consumer vs an empty file, against the package's `.d.ts` and
 *    its sources; whether the generated types (~21k lines) are on the consumer's path.
 * +. The shared rate budget through Redis (`bench/shared-gate.ts`): 4 processes on one key, each
 *    pacing itself vs sharing (429s, budget used), and the shared gate's per-call cost vs the
 *    in-memory one.
 *
 * Writes `bench/results/latest.json`, `bench/results/latest.md` (git-ignored) and the committed
 * summary `bench/RESULTS.md`. Bounded (about 3 minutes on 2 cores); only 127.0.0.1.
 */
import { type ChildProcess, fork, spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { build, type Plugin } from "esbuild"
import { summarize } from "./profile.js"
import { median, PAGE, round, TOTAL_BOOKINGS } from "./shared.js"
import { type SharedGateResults, sharedGate } from "./shared-gate.js"

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const OUT = join(ROOT, "bench/results")
const TMP = join(OUT, "tmp")
/** The canned bodies the stub-fetch measurements decode; kept after the run for `bench/attribute.ts`. */
const BODIES = join(OUT, "bodies")
const started = Date.now()

const log = (line: string) =>
  process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`)

/** Runs `node <args>` and returns the parsed `RESULT` line. */
const child = <A>(args: ReadonlyArray<string>, env: Record<string, string> = {}, timeoutMs = 120_000): A => {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 2 ** 20
  })
  const line = result.stdout.split("\n").find((l) => l.startsWith("RESULT "))
  if (result.status !== 0 || line === undefined) {
    throw new Error(`node ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stderr.slice(-3000)}`)
  }
  return JSON.parse(line.slice("RESULT ".length)) as A
}

/** Wall time of a fresh `node` process, ms. */
const wall = (args: ReadonlyArray<string>, cwd = ROOT): number => {
  const t0 = performance.now()
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 60_000 })
  if (result.status !== 0) throw new Error(`node ${args.join(" ")}: ${result.stderr.slice(-2000)}`)
  return performance.now() - t0
}

// ---------------------------------------------------------------------------------------------
// Types of the figures
// ---------------------------------------------------------------------------------------------

interface Stats {
  readonly n: number
  readonly p50: number
  readonly p95: number
}
interface Latency {
  readonly endpoint: string
  readonly raw: Stats
  readonly openapiFetch: Stats
  readonly facade: Stats
}
interface Concurrency {
  readonly variant: string
  readonly endpoint: string
  readonly width: number
  readonly calls: number
  readonly ms: number
  readonly perSecond: number
  readonly socketsOpened: number
  readonly socketsOpenAfterRun: number
  readonly socketsOpenAfterKeepAlive: number
  readonly msUntilAllClosed: number | null
}
interface Pagination {
  readonly variant: string
  readonly bookings: number
  readonly pages: number
  readonly ms: number
  readonly baselineRssMb: number
  readonly peakRssGrowthMb: number
  readonly peakHeapGrowthMb: number
  readonly retainedHeapMb?: number
}
interface Overhead {
  readonly endpoint: string
  readonly pipeline: ReadonlyArray<{ readonly step: string; readonly us: number }>
  readonly constructs: ReadonlyArray<{ readonly step: string; readonly us: number }>
}

// ---------------------------------------------------------------------------------------------
// 0. Build the child scripts (plain node, as a user runs compiled code) and start the server
// ---------------------------------------------------------------------------------------------

/**
 * Bundles a child script for plain `node`, dependencies external as installed. With `facadeApart`,
 * the package entry goes to its own file (`calcom.mjs`) so CPU profiles can tell its frames apart.
 */
const bundleScript = async (entry: string, outfile: string, facadeApart = false) => {
  const common = {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error"
  } as const
  const plugins: Array<Plugin> = []
  if (facadeApart) {
    await build({ ...common, entryPoints: [join(ROOT, "src/index.ts")], outfile: join(TMP, "calcom.mjs") })
    plugins.push({
      name: "facade apart",
      setup(b) {
        b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: "./calcom.mjs", external: true }))
      }
    })
  }
  await build({ ...common, entryPoints: [join(ROOT, entry)], outfile: join(TMP, outfile), plugins })
  return join(TMP, outfile)
}

const startServer = async (): Promise<{ server: ChildProcess; url: string; control: string }> => {
  const server = fork(join(ROOT, "bench/server.ts"), [], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"]
  })
  const info = await new Promise<{ url: string; control: string }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("the canned server did not start in 60 s")), 60_000)
    server.once("message", (message) => {
      clearTimeout(timer)
      ok(message as { url: string; control: string })
    })
    server.once("exit", (code) => fail(new Error(`the canned server exited (${code})`)))
  })
  return { server, ...info }
}

// ---------------------------------------------------------------------------------------------
// 5. Cold start
// ---------------------------------------------------------------------------------------------

/** The effect modules `src/facade` imports (what the entry's dependencies cost to load). */
const facadeEffectImports = (): ReadonlyArray<string> => {
  const modules = new Set<string>()
  const dir = join(ROOT, "src/facade")
  const visit = (path: string) => {
    for (const match of readFileSync(path, "utf8").matchAll(
      // `[^;"]`: one import statement (the code has no semicolons, so `[^;]` alone ran on into a
      // later `from "..."` in a doc comment).
      /^import\s+(type\s+)?[^;"]*?from\s+"(effect[^"]*|openapi-fetch)"/gm
    )) {
      if (match[1] === undefined && match[2] !== undefined) modules.add(match[2])
    }
  }
  for (const file of spawnSync("find", [dir, "-name", "*.ts"], { encoding: "utf8" }).stdout.trim().split("\n")) {
    if (file !== "") visit(file)
  }
  return [...modules].sort()
}

const coldStart = async () => {
  const external = join(TMP, "entry-external.mjs")
  const bundled = join(TMP, "entry-bundled.mjs")
  await build({
    entryPoints: [join(ROOT, "src/index.ts")],
    outfile: external,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error"
  })
  await build({
    entryPoints: [join(ROOT, "src/index.ts")],
    outfile: bundled,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error"
  })
  const deps = facadeEffectImports()
  const variants: ReadonlyArray<{ readonly name: string; readonly code: string }> = [
    { name: "empty node", code: "" },
    { name: "import effect (the barrel)", code: `await import("effect")` },
    {
      name: `the ${deps.length} effect/openapi-fetch modules src/facade imports`,
      code: `await Promise.all(${JSON.stringify(deps)}.map((m) => import(m)))`
    },
    { name: "package entry (deps external, as installed)", code: `await import(${JSON.stringify(external)})` },
    { name: "package entry fully bundled (effect inlined)", code: `await import(${JSON.stringify(bundled)})` }
  ]
  const runs = 9
  const samples = variants.map(() => [] as Array<number>)
  for (let r = 0; r < runs + 1; r++) {
    for (const [i, v] of variants.entries()) {
      const ms = wall(["--input-type=module", "-e", v.code], TMP)
      if (r > 0) samples[i]?.push(ms) // the first round warms the file cache
    }
  }
  const result = variants.map((v, i) => ({ name: v.name, wallMs: round(median(samples[i] ?? []), 1) }))
  const empty = result[0]?.wallMs ?? 0
  return {
    runs,
    variants: result.map((v) => ({ ...v, importMs: round(v.wallMs - empty, 1) })),
    facadeImports: deps
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Size
// ---------------------------------------------------------------------------------------------

/** Replaces a module by a stub, for "what if it were gone" sizes. */
const stub = (filter: RegExp, contents: string): Plugin => ({
  name: `stub ${filter}`,
  setup(b) {
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "stub" }))
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents, loader: "js" }))
  }
})

const bundleSize = async (entry: string, options: { plugins?: Array<Plugin>; external?: Array<string> } = {}) => {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "error",
    plugins: options.plugins ?? [],
    external: options.external ?? []
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {}
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, inputs }
}

const size = async () => {
  const facade = await bundleSize("bench/fixtures/one-op-facade.ts")
  const openapiFetch = await bundleSize("bench/fixtures/one-op-openapi-fetch.ts")
  const effectOnly = await bundleSize("bench/fixtures/one-op-effect.ts")
  const groupOf = (path: string) => {
    if (/node_modules\/effect\/dist\/(Schema|internal\/schema)/.test(path)) return "effect Schema"
    if (path.startsWith("node_modules/effect/")) return "effect (runtime, Stream, DateTime, …)"
    if (path.startsWith("node_modules/")) return path.split("/")[1] ?? path
    if (path.startsWith("generated/")) return `ours: ${path}`
    if (path.startsWith("src/")) return "ours: src/facade"
    return path
  }
  const groups = new Map<string, number>()
  for (const [path, { bytesInOutput }] of Object.entries(facade.inputs)) {
    const group = groupOf(path)
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput)
  }
  // What each removable part costs, gzipped: the bundle without it.
  const withoutOps = await bundleSize("bench/fixtures/one-op-facade.ts", {
    plugins: [stub(/generated\/versions\.js$/, "export const apiVersions = {}")]
  })
  const withoutBreaker = await bundleSize("bench/fixtures/one-op-facade.ts", {
    plugins: [stub(/Breaker\.js$/, "export const makeBreaker=()=>({state:undefined,execute:(self)=>self})")]
  })
  const kb = (n: number) => round(n / 1024, 1)
  return {
    facade: { minKb: kb(facade.minBytes), gzipKb: kb(facade.gzipBytes) },
    openapiFetch: { minKb: kb(openapiFetch.minBytes), gzipKb: kb(openapiFetch.gzipBytes) },
    effectHelloWorld: { minKb: kb(effectOnly.minBytes), gzipKb: kb(effectOnly.gzipBytes) },
    minifiedByGroupKb: [...groups.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([group, bytes]) => ({ group, kb: kb(bytes) })),
    gzipSavingKb: {
      "generated/versions.ts table (the ~37 operations' cal-api-version)": kb(facade.gzipBytes - withoutOps.gzipBytes),
      "src/facade/Breaker.ts (the circuit breaker; effect/persistence's cost 10.5 KB)": kb(
        facade.gzipBytes - withoutBreaker.gzipBytes
      )
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 7. Type-check
// ---------------------------------------------------------------------------------------------

const typecheck = () => {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc")
  const dist = join(TMP, "dist")
  const tc = join(TMP, "tc")
  rmSync(dist, { recursive: true, force: true })
  rmSync(tc, { recursive: true, force: true })
  // The package's declarations, as `npm run build` emits them.
  const emitted = spawnSync(
    process.execPath,
    [tsc, "-p", "tsconfig.build.json", "--emitDeclarationOnly", "--declarationMap", "false", "--outDir", dist],
    { cwd: ROOT, encoding: "utf8", timeout: 180_000 }
  )
  if (!existsSync(join(dist, "src/index.d.ts"))) throw new Error(`declaration build failed: ${emitted.stdout}`)
  // A consumer project with the package installed under node_modules (its own package.json, so
  // `effect-calcom` is not resolved as a self-reference of this repository).
  mkdirSync(join(tc, "node_modules/effect-calcom"), { recursive: true })
  writeFileSync(join(tc, "package.json"), JSON.stringify({ name: "bench-consumer", private: true, type: "module" }))
  writeFileSync(
    join(tc, "node_modules/effect-calcom/package.json"),
    JSON.stringify({
      name: "effect-calcom",
      type: "module",
      exports: { ".": { types: "./dist/src/index.d.ts" }, "./request": { types: "./dist/src/request.d.ts" } }
    })
  )
  symlinkSync(dist, join(tc, "node_modules/effect-calcom/dist"))
  const slim = join(TMP, "dist-slim")
  rmSync(slim, { recursive: true, force: true })
  cpSync(dist, slim, { recursive: true })
  writeFileSync(
    join(slim, "generated/openapi.d.ts"),
    "export type paths = {};\nexport type components = {};\nexport type operations = {};\n"
  )
  mkdirSync(join(tc, "slim/node_modules/effect-calcom"), { recursive: true })
  writeFileSync(
    join(tc, "slim/package.json"),
    JSON.stringify({ name: "bench-consumer-slim", private: true, type: "module" })
  )
  writeFileSync(
    join(tc, "slim/node_modules/effect-calcom/package.json"),
    JSON.stringify({ name: "effect-calcom", type: "module", exports: { ".": { types: "./dist/src/index.d.ts" } } })
  )
  symlinkSync(slim, join(tc, "slim/node_modules/effect-calcom/dist"))
  const consumerSource = readFileSync(join(ROOT, "bench/fixtures/consumer.ts"), "utf8").replace(
    '"../../src/index.js"',
    '"effect-calcom"'
  )
  for (const dir of [tc, join(tc, "slim")]) {
    writeFileSync(join(dir, "consumer.ts"), consumerSource)
    cpSync(join(ROOT, "bench/fixtures/empty.ts"), join(dir, "empty.ts"))
  }
  // A consumer of `effect-calcom/request`: what the generated types cost the programs that use them.
  writeFileSync(
    join(tc, "consumer-request.ts"),
    readFileSync(join(ROOT, "bench/fixtures/consumer-request.ts"), "utf8")
      .replace('"../../src/index.js"', '"effect-calcom"')
      .replace('"../../src/request.js"', '"effect-calcom/request"')
  )
  const base = join(ROOT, "tsconfig.base.json")
  const config = (dir: string, name: string, file: string, extra: object = {}) => {
    writeFileSync(
      join(dir, `tsconfig.${name}.json`),
      JSON.stringify({ extends: base, compilerOptions: { noEmit: true, ...extra }, files: [file] })
    )
    return join(dir, `tsconfig.${name}.json`)
  }
  const variants = [
    { name: "empty file", project: config(tc, "empty", "empty.ts") },
    { name: "consumer → package .d.ts", project: config(tc, "dts", "consumer.ts") },
    {
      name: "consumer → package sources (src/index.ts)",
      project: config(tc, "src", "consumer.ts", {
        paths: { "effect-calcom": [join(ROOT, "src/index.ts")] },
        allowImportingTsExtensions: true
      })
    },
    {
      name: "consumer → .d.ts with generated/openapi.d.ts emptied (what if it were off the path)",
      project: config(join(tc, "slim"), "dts", "consumer.ts")
    },
    {
      name: "consumer of effect-calcom/request (two routes by key) → package .d.ts",
      project: config(tc, "request", "consumer-request.ts")
    }
  ]
  const runs = 3
  const samples = variants.map(() => [] as Array<number>)
  for (let r = 0; r < runs; r++) {
    for (const [i, v] of variants.entries()) {
      const t0 = performance.now()
      const out = spawnSync(process.execPath, [tsc, "-p", v.project], { encoding: "utf8", timeout: 300_000 })
      if (out.status !== 0) throw new Error(`tsc ${v.name}: ${out.stdout.slice(0, 2000)}`)
      samples[i]?.push(performance.now() - t0)
    }
  }
  const files = spawnSync(process.execPath, [tsc, "-p", variants[1]?.project ?? "", "--listFilesOnly"], {
    encoding: "utf8"
  }).stdout.split("\n")
  const generated = files.filter((f) => f.includes("/generated/"))
  const explain = spawnSync(process.execPath, [tsc, "-p", variants[1]?.project ?? "", "--explainFiles"], {
    encoding: "utf8"
  }).stdout
  const chain = explain
    .split("\n")
    .filter((l) => /Imported via "\.\.?\/.*(Http|OpenApiClient|generated\/openapi)\.js"/.test(l))
    .map((l) => l.trim().replace(/ with packageId.*$/, ""))
  const lines = existsSync(join(dist, "generated/openapi.d.ts"))
    ? readFileSync(join(dist, "generated/openapi.d.ts"), "utf8").split("\n").length
    : 0
  return {
    runs,
    variants: variants.map((v, i) => ({ name: v.name, seconds: round(median(samples[i] ?? []) / 1000, 2) })),
    generatedOnConsumerPath: generated.map((f) => f.replace(/^.*\/dist\//, "dist/")),
    generatedOpenapiDtsLines: lines,
    importChain: [...new Set(chain)].slice(0, 12)
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

interface Row {
  readonly figure: string
  readonly value: string
  readonly target: string
  readonly pass: boolean | null
}

/** The shared-gate figures as rows: 429s and budget used, shared vs each process alone; per-call cost. */
const sharedGateRows = (gate: SharedGateResults): Array<Row> => {
  const { local, shared } = gate
  if (gate.skipped !== undefined || local === undefined || shared === undefined) {
    return [
      { figure: "shared rate budget through Redis", value: `skipped: ${gate.skipped}`, target: "(info)", pass: null }
    ]
  }
  return [
    {
      figure: "4 processes × 10 calls, one key, 10 per 2 s: requests answered 429, shared (each pacing itself)",
      value: `${shared.answered429} (${local.answered429})`,
      target: "0 shared",
      pass: shared.answered429 === 0
    },
    {
      figure: "the same: budget used of the server windows opened, shared (each pacing itself); wall time",
      value: `${round(shared.budgetUsed, 2)} (${round(local.budgetUsed, 2)}); ${shared.ms} vs ${local.ms} ms`,
      target: "≥ 0.90 shared",
      pass: shared.budgetUsed >= 0.9
    },
    ...(gate.perCall ?? []).map((p) => ({
      figure: `per-call cost, shared gate / in-memory gate (${p.against})`,
      value: `${p.ratio}× (${p.sharedUs} vs ${p.memoryUs} µs; +${round(p.sharedUs - p.memoryUs, 0)} µs)`,
      target: "(info)",
      pass: null
    }))
  ]
}

const main = async () => {
  rmSync(TMP, { recursive: true, force: true })
  mkdirSync(TMP, { recursive: true })
  log(
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${round(totalmem() / 2 ** 30, 1)} GB`
  )
  const scenario = await bundleScript("bench/scenario.ts", "scenario.mjs", true)
  const overheadScript = await bundleScript("bench/overhead.ts", "overhead.mjs")
  const { server, url, control } = await startServer()
  const env = { BENCH_URL: url, BENCH_CONTROL: control }
  try {
    // Canned bodies for the stub-fetch breakdown: the same bytes the server sends.
    const canned = async (path: string, version?: string) =>
      (
        await fetch(`${url}${path}`, {
          headers: { Authorization: "Bearer x", ...(version ? { "cal-api-version": version } : {}) }
        })
      ).text()
    mkdirSync(BODIES, { recursive: true })
    writeFileSync(join(BODIES, "me.json"), await canned("/v2/me"))
    writeFileSync(join(BODIES, "bookings.json"), await canned(`/v2/bookings?take=${PAGE}&skip=0`, "2024-08-13"))

    log("1/7 per-call latency (sequential, interleaved)")
    const latency = ["me", "bookings"].map((endpoint) => child<Latency>([scenario, "latency", endpoint, "200"], env))

    log("2/7 where the time goes (stub fetch, layer by layer; CPU profiles)")
    const overhead = [
      child<Overhead>([overheadScript, join(BODIES, "me.json"), "7", "500", "me"]),
      child<Overhead>([overheadScript, join(BODIES, "bookings.json"), "11", "40", "bookings"])
    ]
    const profiles = ["raw", "facade"].map((variant) => {
      const run = child<{ msPerCall: number }>([scenario, "profile", variant, "me", "3000"], env)
      const summary = summarize(join(OUT, `prof/${variant}-me.cpuprofile`), 12)
      return { variant, msPerCall: run.msPerCall, ...summary }
    })

    log("3/7 64 concurrent calls")
    const concurrency = [
      ...["raw", "openapi-fetch", "facade"].map((v) => child<Concurrency>([scenario, "concurrency", v, "me"], env)),
      ...["raw", "facade"].map((v) => child<Concurrency>([scenario, "concurrency", v, "bookings"], env))
    ]

    log("4/7 pagination: 10,000 bookings, 100 pages")
    // Peak RSS depends on when the GC runs: three fresh processes each, the worst one counts.
    const pagination = ["raw", "facade"].map((v) => {
      const runs = [1, 2, 3].map(() => child<Pagination>(["--expose-gc", scenario, "pagination", v], env))
      const worst = runs.reduce((a, b) => (b.peakRssGrowthMb > a.peakRssGrowthMb ? b : a))
      return { ...worst, ms: median(runs.map((r) => r.ms)), runs: runs.length }
    })

    log("5/7 cold start")
    const cold = await coldStart()

    log("6/7 bundle size")
    const sizes = await size()

    log("7/7 type-check")
    const types = typecheck()

    log("+ shared rate budget through Redis (4 processes, one key)")
    const gate = await sharedGate(log)

    // --- figures vs targets --------------------------------------------------------------------
    const lat = (e: string) => latency.find((l) => l.endpoint === e)
    const ratio = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? Number.NaN : round(a / b, 2)
    const conc = (v: string, e: string) => concurrency.find((c) => c.variant === v && c.endpoint === e)
    const page = (v: string) => pagination.find((p) => p.variant === v)
    const entry = cold.variants.find((v) => v.name.startsWith("package entry (deps"))
    const consumer = types.variants.find((v) => v.name === "consumer → package .d.ts")
    const rows: Array<Row> = []
    for (const e of ["me", "bookings"]) {
      const l = lat(e)
      const label = e === "me" ? "GET /v2/me" : `GET /v2/bookings (${PAGE})`
      const p50 = ratio(l?.facade.p50, l?.raw.p50)
      rows.push({
        figure: `${label}: facade / raw fetch, p50`,
        value: `${p50}× (${l?.facade.p50} vs ${l?.raw.p50} ms)`,
        target: "≤ 1.10×",
        pass: p50 <= 1.1
      })
      rows.push({
        figure: `${label}: facade / raw fetch, p95`,
        value: `${ratio(l?.facade.p95, l?.raw.p95)}×`,
        target: "(info)",
        pass: null
      })
      rows.push({
        figure: `${label}: openapi-fetch / raw fetch, p50 · p95`,
        value: `${ratio(l?.openapiFetch.p50, l?.raw.p50)}× · ${ratio(l?.openapiFetch.p95, l?.raw.p95)}×`,
        target: "(info)",
        pass: null
      })
    }
    for (const e of ["me", "bookings"]) {
      // What the same per-call difference means once the network is real (20 ms to Cal.com).
      const l = lat(e)
      const rtt = 20
      const at = l === undefined ? Number.NaN : round((rtt + l.facade.p50) / (rtt + l.raw.p50), 3)
      rows.push({
        figure: `${e === "me" ? "GET /v2/me" : "GET /v2/bookings"}: facade / raw p50 at a 20 ms round trip (computed)`,
        value: `${at}× (+${round((l?.facade.p50 ?? 0) - (l?.raw.p50 ?? 0), 2)} ms per call)`,
        target: "(info)",
        pass: null
      })
    }
    for (const e of ["me", "bookings"]) {
      const t = ratio(conc("facade", e)?.perSecond, conc("raw", e)?.perSecond)
      rows.push({
        figure: `64-way ${e === "me" ? "GET /v2/me" : "GET /v2/bookings"}: facade / raw throughput`,
        value: `${t}× (${conc("facade", e)?.perSecond} vs ${conc("raw", e)?.perSecond} calls/s)`,
        target: "≥ 0.90×",
        pass: t >= 0.9
      })
    }
    const f = conc("facade", "me")
    const rawSockets = conc("raw", "me")?.socketsOpened ?? 0
    rows.push({
      figure: "64-way: sockets opened, facade vs raw fetch (same undici pool)",
      value: `${f?.socketsOpened} vs ${rawSockets} for ${(f?.calls ?? 0) + (f?.width ?? 0) * 4} calls`,
      target: "≤ raw (keep-alive reuse)",
      pass: (f?.socketsOpened ?? 99) <= rawSockets
    })
    const leftOpen = Math.max(...concurrency.map((c) => c.socketsOpenAfterKeepAlive))
    rows.push({
      figure: "64-way: sockets still open after the keep-alive timeout (all runs)",
      value: `${leftOpen} (idle after run: ${f?.socketsOpenAfterRun}, all closed ${f?.msUntilAllClosed} ms later)`,
      target: "0",
      pass: leftOpen === 0
    })
    const growth = page("facade")?.peakRssGrowthMb ?? Number.NaN
    rows.push({
      figure: `pagination ${TOTAL_BOOKINGS.toLocaleString("en")} bookings / ${TOTAL_BOOKINGS / PAGE} pages: facade peak RSS growth`,
      value: `${growth} MB (raw loop ${page("raw")?.peakRssGrowthMb} MB)`,
      target: "≤ 30 MB",
      pass: growth <= 30
    })
    rows.push({
      figure: "pagination: heap the facade keeps after the walk (forced GC), vs the raw loop",
      value: `${page("facade")?.retainedHeapMb ?? "n/a"} MB (raw loop ${page("raw")?.retainedHeapMb ?? "n/a"} MB)`,
      target: "(info)",
      pass: null
    })
    rows.push({
      figure: "pagination: facade / raw time",
      value: `${ratio(page("facade")?.ms, page("raw")?.ms)}× (${page("facade")?.ms} vs ${page("raw")?.ms} ms)`,
      target: "(info)",
      pass: null
    })
    rows.push({
      figure: "cold start: import of the entry (median wall − empty node)",
      value: `${entry?.importMs} ms (effect barrel ${cold.variants[1]?.importMs} ms; fully bundled ${cold.variants[4]?.importMs} ms)`,
      target: "≤ 150 ms",
      pass: (entry?.importMs ?? 999) <= 150
    })
    rows.push({
      figure: "one-operation bundle (me.get, CalCom.layer), min+gzip",
      value: `${sizes.facade.gzipKb} KB (${sizes.facade.minKb} KB min) vs openapi-fetch ${sizes.openapiFetch.gzipKb} KB: ${ratio(sizes.facade.gzipKb, sizes.openapiFetch.gzipKb)}×`,
      target: "≤ 45 KB",
      pass: sizes.facade.gzipKb <= 45
    })
    rows.push({
      figure: "consumer type-check (tsc, against the package .d.ts)",
      value: `${consumer?.seconds} s (empty file ${types.variants[0]?.seconds} s; ${ratio(consumer?.seconds, types.variants[0]?.seconds)}×)`,
      target: "≤ 3 s",
      pass: (consumer?.seconds ?? 99) <= 3
    })
    rows.push(...sharedGateRows(gate))

    const results = {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memGb: round(totalmem() / 2 ** 30, 1)
      },
      seconds: round((Date.now() - started) / 1000, 0),
      rows,
      latency,
      overhead,
      profiles: profiles.map(({ variant, msPerCall, byOwner, hottest }) => ({
        variant,
        msPerCall,
        usPerCallByOwner: byOwner.map((o) => ({ owner: o.owner, us: round((o.ms / 3000) * 1000, 0), share: o.share })),
        hottest: hottest.slice(0, 10)
      })),
      concurrency,
      pagination,
      coldStart: cold,
      size: sizes,
      typecheck: types,
      sharedGate: gate
    }
    mkdirSync(OUT, { recursive: true })
    writeFileSync(join(OUT, "latest.json"), `${JSON.stringify(results, null, 2)}\n`)
    const md = markdown(results)
    writeFileSync(join(OUT, "latest.md"), md)
    writeFileSync(join(ROOT, "bench/RESULTS.md"), md)
    process.stdout.write(`\n${table(rows)}\n`)
    log(`done: bench/results/latest.{json,md}, bench/RESULTS.md`)
  } finally {
    server.disconnect()
    server.kill()
    // tsconfig.json includes bench/**: leave no .ts/.d.ts scratch behind for `npm run typecheck`.
    rmSync(TMP, { recursive: true, force: true })
  }
}

const table = (rows: ReadonlyArray<Row>) =>
  [
    "| figure | value | target | |",
    "|---|---|---|---|",
    ...rows.map(
      (r) => `| ${r.figure} | ${r.value} | ${r.target} | ${r.pass === null ? "" : r.pass ? "pass" : "**FAIL**"} |`
    )
  ].join("\n")

type Results = {
  readonly date: string
  readonly machine: {
    readonly node: string
    readonly cpus: number
    readonly cpu: string | undefined
    readonly memGb: number
  }
  readonly seconds: number
  readonly rows: ReadonlyArray<Row>
  readonly latency: ReadonlyArray<Latency>
  readonly overhead: ReadonlyArray<Overhead>
  readonly profiles: ReadonlyArray<{
    readonly variant: string
    readonly msPerCall: number
    readonly usPerCallByOwner: ReadonlyArray<{ readonly owner: string; readonly us: number; readonly share: number }>
  }>
  readonly concurrency: ReadonlyArray<Concurrency>
  readonly pagination: ReadonlyArray<Pagination>
  readonly coldStart: Awaited<ReturnType<typeof coldStart>>
  readonly size: Awaited<ReturnType<typeof size>>
  readonly typecheck: ReturnType<typeof typecheck>
  readonly sharedGate: SharedGateResults
}

const markdown = (r: Results) => {
  const lines: Array<string> = []
  const push = (...xs: Array<string>) => lines.push(...xs)
  push(
    "# Benchmark results",
    "",
    `\`npm run bench\` (\`bench/run.ts\`), ${r.date.slice(0, 16).replace("T", " ")} UTC; node ${r.machine.node}, ${r.machine.cpus} × ${r.machine.cpu ?? "?"}, ${r.machine.memGb} GB; ${r.seconds} s.`,
    "Every figure is a ratio against a baseline measured in the same run; absolute numbers move with the machine.",
    "The server is a loopback process answering canned Cal.com bodies (`bench/server.ts`), so the network costs",
    "~0.3 ms and the client's own CPU is as visible as it can be: the worst case for a client library.",
    "",
    "## Figures vs targets",
    "",
    table(r.rows),
    "",
    "## Per-call latency (ms, sequential, interleaved rounds)",
    "",
    "| endpoint | raw fetch p50 / p95 | openapi-fetch p50 / p95 | facade p50 / p95 |",
    "|---|---|---|---|",
    ...r.latency.map(
      (l) =>
        `| ${l.endpoint} | ${l.raw.p50} / ${l.raw.p95} | ${l.openapiFetch.p50} / ${l.openapiFetch.p95} | ${l.facade.p50} / ${l.facade.p95} |`
    ),
    "",
    "## Where a call's time goes (stub `fetch`, no network; µs per call, median of rounds)",
    "",
    "Each row adds one layer of the transport to the previous one (`bench/overhead.ts`); the last two",
    "rows are the real transport and the public operation. Differences under ~10 µs are noise.",
    ""
  )
  for (const o of r.overhead) {
    push(
      `### ${o.endpoint === "me" ? "GET /v2/me" : `GET /v2/bookings (${PAGE} bookings)`}`,
      "",
      "| step | µs | Δ |",
      "|---|---|---|"
    )
    o.pipeline.forEach((s, i) => {
      const prev = o.pipeline[i - 1]
      push(`| ${s.step} | ${s.us} | ${prev === undefined ? "" : round(s.us - prev.us, 1)} |`)
    })
    push("")
  }
  const constructs = r.overhead[0]?.constructs ?? []
  push("Unit costs of constructs the transport uses, in a tight loop (µs):", "", "| construct | µs |", "|---|---|")
  for (const c of constructs) push(`| ${c.step} | ${c.us} |`)
  push("", "CPU profile of 3,000 sequential `GET /v2/me` over loopback, self time per call by owner (µs):", "")
  const owners = [...new Set(r.profiles.flatMap((p) => p.usPerCallByOwner.map((o) => o.owner)))]
  push(`| owner | ${r.profiles.map((p) => p.variant).join(" | ")} |`, `|---|${r.profiles.map(() => "---").join("|")}|`)
  for (const owner of owners) {
    push(
      `| ${owner} | ${r.profiles.map((p) => p.usPerCallByOwner.find((o) => o.owner === owner)?.us ?? 0).join(" | ")} |`
    )
  }
  push(
    "",
    "## 64 concurrent calls",
    "",
    "| variant | endpoint | calls | ms | calls/s | sockets opened | open after run | open after keep-alive |",
    "|---|---|---|---|---|---|---|---|",
    ...r.concurrency.map(
      (c) =>
        `| ${c.variant} | ${c.endpoint} | ${c.calls} | ${c.ms} | ${c.perSecond} | ${c.socketsOpened} | ${c.socketsOpenAfterRun} | ${c.socketsOpenAfterKeepAlive} |`
    ),
    "",
    "## Pagination (10,000 bookings, 100 pages of 100; worst peak of 3 processes, median time)",
    "",
    "| variant | bookings | pages | ms | baseline RSS MB | peak RSS growth MB | peak heap growth MB | heap kept after GC MB |",
    "|---|---|---|---|---|---|---|---|",
    ...r.pagination.map(
      (p) =>
        `| ${p.variant} | ${p.bookings} | ${p.pages} | ${p.ms} | ${p.baselineRssMb} | ${p.peakRssGrowthMb} | ${p.peakHeapGrowthMb} | ${p.retainedHeapMb ?? "n/a"} |`
    ),
    "",
    "The peak is mostly garbage not yet collected (it moves with GC timing, for the raw loop too);",
    "what the walk keeps is the heap after a forced GC at the end, against the baseline.",
    "",
    `## Cold start (median of ${r.coldStart.runs} fresh processes; import = wall − empty node)`,
    "",
    "| what | wall ms | import ms |",
    "|---|---|---|",
    ...r.coldStart.variants.map((v) => `| ${v.name} | ${v.wallMs} | ${v.importMs} |`),
    "",
    `The facade imports: ${r.coldStart.facadeImports.map((m) => `\`${m}\``).join(", ")}.`,
    "",
    "## Bundle size (esbuild, minified, ESM, platform node; gzip -9)",
    "",
    `| program | min KB | min+gzip KB |`,
    "|---|---|---|",
    `| one operation with the facade | ${r.size.facade.minKb} | ${r.size.facade.gzipKb} |`,
    `| the same call with openapi-fetch alone | ${r.size.openapiFetch.minKb} | ${r.size.openapiFetch.gzipKb} |`,
    `| Effect hello world (runPromise of a gen) | ${r.size.effectHelloWorld.minKb} | ${r.size.effectHelloWorld.gzipKb} |`,
    "",
    "Minified bytes of the facade bundle by origin:",
    "",
    "| origin | min KB |",
    "|---|---|",
    ...r.size.minifiedByGroupKb.map((g) => `| ${g.group} | ${g.kb} |`),
    "",
    "Gzipped bytes each removable part costs (the bundle without it):",
    "",
    "| part | KB gz |",
    "|---|---|",
    ...Object.entries(r.size.gzipSavingKb).map(([part, kb]) => `| ${part} | ${kb} |`),
    "",
    `## Type-check (tsc, tsconfig.base.json options, median of ${r.typecheck.runs})`,
    "",
    "| project | seconds |",
    "|---|---|",
    ...r.typecheck.variants.map((v) => `| ${v.name} | ${v.seconds} |`),
    "",
    r.typecheck.generatedOnConsumerPath.length > 0
      ? `The generated types are on the consumer's path: ${r.typecheck.generatedOnConsumerPath.map((f) => `\`${f}\``).join(", ")} (${r.typecheck.generatedOpenapiDtsLines} lines), through:`
      : "The generated types are not on the consumer's path.",
    "",
    ...r.typecheck.importChain.map((l) => `- ${l}`),
    ""
  )
  push(FINDINGS)
  return `${lines.join("\n")}\n`
}

/** The analysis of the missed targets: what is ours and what to change (see the report). */
const FINDINGS = readFileSync(join(ROOT, "bench/FINDINGS.md"), "utf8")

/** `npm run bench -- --only typecheck`: just section 7, printed as JSON (its scratch removed). */
const onlyTypecheck = () => {
  mkdirSync(TMP, { recursive: true })
  try {
    console.log(JSON.stringify(typecheck(), null, 2))
  } finally {
    rmSync(TMP, { recursive: true, force: true })
  }
}

if (process.argv.slice(2).join(" ") === "--only typecheck") onlyTypecheck()
else
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
