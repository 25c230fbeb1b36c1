/**
 * `npm run test:publish`: the package as a user gets it from npm, checked the way a user meets it.
 *
 * 1. `npm pack` (its `prepack` builds) into a temporary directory.
 * 2. A fresh consumer project (ESM, strict TypeScript: `strict`, `exactOptionalPropertyTypes`,
 *    `noUncheckedIndexedAccess`, declarations of dependencies checked too) installs the tarball
 *    beside its own `effect` at the lowest version our peer range admits, from the npm registry.
 *    The install prints no warning and the tree holds exactly one `effect`.
 * 3. The installed package: no install-time script, a LICENSE, `effect` only as a peer; its
 *    files are exactly what `exports` and `bin` reach (plus package.json, README.md, LICENSE),
 *    and no import points at a file that is not shipped. Every README link works from npm
 *    (absolute, or an anchor).
 * 4. Every ```ts block of README.md becomes a module of the consumer and type-checks; the first
 *    one runs against a Prism mock of the patched document and must succeed.
 * 5. Every entry of `exports` imports in Node and exports something, `/internal/*` does not,
 *    and the `calcom-mcp` bin answers `--help` and `--version`. Without the optional `ioredis` (not
 *    installed: nothing extra for users without Redis), `/redis` still imports and its layer
 *    fails with a `CalComConfigError` that says what to install.
 *
 * `--keep` leaves the temporary directory for inspection.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { parseArgs } from "node:util"
import { type Manifest, reachable } from "./lib/package-files.js"
import { type RunningPrism, startPrism } from "./lib/prism.js"
import { projectRoot } from "./lib/source.js"

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command to completion (bounded by `timeoutMs`), collecting its output. */
const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }
): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 180_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })

const failures: Array<string> = []
const check = (ok: boolean, what: string, detail?: string): void => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`)
  if (!ok) failures.push(detail === undefined ? what : `${what}\n${detail}`)
}
const mustRun = async (what: string, result: Promise<Run>): Promise<Run> => {
  const done = await result
  check(done.code === 0, what, `${done.stdout}\n${done.stderr}`.trim().slice(-4_000))
  return done
}

const readJson = <A>(path: string): A => JSON.parse(readFileSync(path, "utf8")) as A

interface PackageJson extends Manifest {
  readonly name: string
  readonly version: string
  readonly exports?: Readonly<Record<string, unknown>>
  readonly scripts?: Readonly<Record<string, string>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly devDependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
}

/** Every directory of an installed package named `name` under `dir/node_modules`, nested ones too. */
const installedCopies = (dir: string, name: string): Array<string> => {
  const found: Array<string> = []
  const visit = (modules: string): void => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === ".bin") continue
      const packages = entry.name.startsWith("@")
        ? readdirSync(join(modules, entry.name)).map((inner) => join(modules, entry.name, inner))
        : [join(modules, entry.name)]
      for (const pkg of packages) {
        const manifest = join(pkg, "package.json")
        if (existsSync(manifest) && readJson<{ name?: string }>(manifest).name === name) found.push(pkg)
        visit(join(pkg, "node_modules"))
      }
    }
  }
  visit(join(dir, "node_modules"))
  return found
}

const filesUnder = (dir: string): Array<string> =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()

/** The ```ts blocks of a markdown text, in order. */
export const tsBlocks = (markdown: string): Array<string> =>
  [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "")

/** Link targets of a markdown text that do not work outside the repository (relative paths). */
export const relativeLinks = (markdown: string): Array<string> =>
  [...markdown.matchAll(/\]\(([^)\s]+)(?:\s[^)]*)?\)|href="([^"]+)"/g)]
    .map((match) => match[1] ?? match[2] ?? "")
    .filter((target) => !/^(https?:|mailto:|#)/.test(target))

/** The lowest version a caret range such as `^4.1.0` admits. */
const lowest = (range: string): string => {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range)
  if (match?.[1] === undefined) throw new Error(`peer range ${range}: expected ^MAJOR.MINOR.PATCH`)
  return match[1]
}

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    // Effect's own declarations name Web Crypto types (CryptoKey), which only the DOM lib declares.
    lib: ["ES2023", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    // Our shipped declarations are checked too, under the consumer's settings (costs ~10 s of CPU).
    skipLibCheck: false,
    types: ["node"],
    rootDir: "src",
    outDir: "out"
  },
  include: ["src"]
}

const MOCK_KEY = "cal_publish_check_key_0000000000"

const main = async (): Promise<number> => {
  const keep = parseArgs({ options: { keep: { type: "boolean", default: false } } }).values.keep
  const work = mkdtempSync(join(tmpdir(), "effect-calcom-publish-"))
  const own = readJson<PackageJson>(join(projectRoot, "package.json"))
  const readme = readFileSync(join(projectRoot, "README.md"), "utf8")
  const effectRange = own.peerDependencies?.["effect"] ?? ""
  const effectVersion = lowest(effectRange)
  const typescript = own.devDependencies?.["typescript"] ?? "5"
  const typesNode = own.devDependencies?.["@types/node"] ?? "20"
  // Prism takes seconds to load: start it now, use it at the end.
  const prism: Promise<RunningPrism> = startPrism({ timeoutMs: 180_000 })
  prism.catch(() => undefined)
  try {
    console.log(`publish check in ${work}`)
    const packed = await mustRun(
      "npm pack (prepack builds)",
      run("npm", ["pack", "--json", "--pack-destination", work], { cwd: projectRoot })
    )
    const filename = /"filename":\s*"([^"]+)"/.exec(packed.stdout)?.[1]
    if (filename === undefined) throw new Error(`npm pack named no tarball:\n${packed.stdout}\n${packed.stderr}`)
    const tarball = join(work, filename)

    const consumer = join(work, "consumer")
    mkdirSync(join(consumer, "src"), { recursive: true })
    writeFileSync(
      join(consumer, "package.json"),
      `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`
    )
    writeFileSync(join(consumer, "tsconfig.json"), `${JSON.stringify(CONSUMER_TSCONFIG, null, 2)}\n`)
    const install = await mustRun(
      `npm install the tarball beside effect@${effectVersion} (lowest of the peer range ${effectRange})`,
      run(
        "npm",
        [
          "install",
          "--no-audit",
          "--no-fund",
          "--prefer-offline",
          tarball,
          `effect@${effectVersion}`,
          `typescript@${typescript}`,
          `@types/node@${typesNode}`
        ],
        { cwd: consumer }
      )
    )
    const warnings = `${install.stdout}\n${install.stderr}`.split("\n").filter((line) => /npm warn/i.test(line))
    check(warnings.length === 0, "the install prints no warning", warnings.join("\n"))
    const effects = installedCopies(consumer, "effect")
    check(
      effects.length === 1,
      `one copy of effect in the consumer's tree (found ${effects.length})`,
      effects.map((path) => relative(consumer, path)).join("\n")
    )

    const installed = join(consumer, "node_modules/effect-calcom")
    const manifest = readJson<PackageJson>(join(installed, "package.json"))
    const installScripts = ["preinstall", "install", "postinstall", "prepare"].filter(
      (name) => manifest.scripts?.[name] !== undefined
    )
    check(installScripts.length === 0, "no install-time script", installScripts.join(", "))
    check(
      manifest.dependencies?.["effect"] === undefined && manifest.peerDependencies?.["effect"] === effectRange,
      `effect is a peer dependency (${effectRange}), not a dependency`
    )
    const { files: reached, dangling } = reachable(installed, manifest)
    const expected = [...reached, "LICENSE", "README.md", "package.json"].sort()
    const shipped = filesUnder(installed)
    const extra = shipped.filter((file) => !expected.includes(file))
    const missing = expected.filter((file) => !shipped.includes(file))
    check(extra.length === 0, `nothing shipped that no entry reaches (${shipped.length} files)`, extra.join("\n"))
    check(
      missing.length === 0 && dangling.length === 0,
      "every reached file is shipped",
      [...missing, ...dangling].join("\n")
    )
    const links = relativeLinks(readme)
    check(links.length === 0, "every README link works from npm (absolute or an anchor)", links.join("\n"))

    const blocks = tsBlocks(readme)
    check(blocks.length > 0, `README has ts examples (${blocks.length})`)
    for (const [i, code] of blocks.entries()) writeFileSync(join(consumer, "src", `readme-${i + 1}.ts`), code)
    await mustRun(
      `every README ts example type-checks in a strict consumer (${blocks.length})`,
      run(process.execPath, [join(consumer, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
        cwd: consumer
      })
    )

    const mock = await prism
    const first = await run(process.execPath, ["out/readme-1.js"], {
      cwd: consumer,
      env: { ...process.env, CAL_COM_API_KEY: MOCK_KEY, CAL_COM_BASE_URL: mock.url },
      timeoutMs: 60_000
    })
    check(
      first.code === 0 && first.stdout.trim() !== "",
      `the first README example runs against the Prism mock: ${first.stdout.trim().split("\n")[0] ?? ""}`,
      `${first.stdout}\n${first.stderr}`.trim()
    )

    // Every entry of `exports` (read from the installed manifest, not listed here) imports in Node
    // and exports something; the internal modules stay closed.
    const entries = Object.entries(manifest.exports ?? {})
      .filter(([key, target]) => target !== null && key !== "./package.json" && !key.includes("*"))
      .map(([key]) => (key === "." ? manifest.name : `${manifest.name}/${key.slice(2)}`))
    const imports = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        [
          `const seen = {}`,
          `for (const entry of ${JSON.stringify(entries)}) seen[entry] = Object.keys(await import(entry)).length`,
          `seen.blocked = await import("${manifest.name}/internal/Resource.js").then(() => "imported", (e) => e.code)`,
          // Without the optional ioredis, the redis layer fails typed, saying what to install.
          `const { Effect, Layer } = await import("effect")`,
          `const redis = await import("${manifest.name}/redis")`,
          `const noClient = await Effect.runPromise(Effect.flip(Effect.scoped(Layer.build(redis.layer({ url: "redis://127.0.0.1:1" })))))`,
          `seen.noClient = noClient._tag + ": " + noClient.message`,
          `console.log(JSON.stringify(seen))`
        ].join("\n")
      ],
      { cwd: consumer }
    )
    const seen = imports.code === 0 ? (JSON.parse(imports.stdout) as Record<string, string | number>) : {}
    check(
      entries.length > 0 && entries.every((entry) => Number(seen[entry]) > 0),
      `every entry imports in Node and exports something: ${entries.join(", ")}`,
      `${imports.stdout}\n${imports.stderr}`
    )
    check(seen["blocked"] === "ERR_PACKAGE_PATH_NOT_EXPORTED", "effect-calcom/internal/* is not importable")
    check(
      Number(seen[`${manifest.name}/redis`]) > 0 && installedCopies(consumer, "ioredis").length === 0,
      "effect-calcom/redis imports, and nothing of Redis is installed for users who do not ask for it"
    )
    check(
      /^CalComConfigError: .*npm install ioredis/.test(String(seen["noClient"] ?? "")),
      `without ioredis, the redis layer fails with a CalComConfigError saying what to install (${seen["noClient"]})`
    )

    const help = await run(join(consumer, "node_modules/.bin/calcom-mcp"), ["--help"], {
      cwd: consumer,
      env: { ...process.env, CAL_COM_API_KEY: MOCK_KEY, CAL_COM_BASE_URL: mock.url },
      timeoutMs: 30_000
    })
    // --help prints the usage on stdout, names the toolsets variable, and exits 0 without serving.
    check(
      help.code === 0 && /^Usage:\n\s+calcom-mcp /m.test(help.stdout) && help.stdout.includes("CAL_COM_MCP_TOOLSETS"),
      "the calcom-mcp bin answers --help with its usage",
      `exit ${help.code}\n${help.stdout}\n${help.stderr}`
    )
    const version = await run(join(consumer, "node_modules/.bin/calcom-mcp"), ["--version"], {
      cwd: consumer,
      env: process.env,
      timeoutMs: 30_000
    })
    check(
      version.code === 0 && version.stdout.includes(manifest.version),
      `the calcom-mcp bin answers --version with ${manifest.version}`,
      `exit ${version.code}\n${version.stdout}\n${version.stderr}`
    )
  } finally {
    await prism.then(
      (mock) => mock.stop(),
      (error: unknown) => check(false, "Prism mock started", String(error))
    )
    if (keep) console.log(`kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
  if (failures.length > 0) {
    console.error(`\npublish check: ${failures.length} failed\n\n${failures.join("\n\n")}`)
    return 1
  }
  console.log("publish check: the packed package works for a user")
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`publish check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exit(1)
  }
)
