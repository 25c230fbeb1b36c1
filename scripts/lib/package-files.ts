/**
 * Which files of a package its entry points reach: the `exports` targets (every condition) and
 * the `bin` scripts, followed through their relative imports (`from "./x.js"`, `import("./x.js")`,
 * `export … from`), a `.d.ts` through its `.d.ts` neighbours. Shared by the build (which ships
 * nothing else) and the publish check (which proves the packed tarball ships exactly this).
 */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"

export interface Manifest {
  readonly exports?: unknown
  readonly bin?: string | Readonly<Record<string, string>>
}

/** Every file path (`./dist/…`) named by `exports` or `bin`; `null` targets (blocked subpaths) are skipped. */
export const entryFiles = (manifest: Manifest): ReadonlyArray<string> => {
  const targets: Array<string> = []
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (!value.includes("*") && value !== "./package.json") targets.push(value)
    } else if (value !== null && typeof value === "object") Object.values(value).forEach(walk)
  }
  walk(manifest.exports)
  walk(manifest.bin)
  return [...new Set(targets)]
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g

export interface Reach {
  /** Reached files, relative to the package directory, sorted. */
  readonly files: ReadonlyArray<string>
  /** `importer -> specifier` pairs whose target does not exist. */
  readonly dangling: ReadonlyArray<string>
}

/** Follows `manifest`'s entries inside `packageDir`. */
export const reachable = (packageDir: string, manifest: Manifest): Reach => {
  const seen = new Set<string>()
  const dangling: Array<string> = []
  const visit = (file: string, from: string): void => {
    if (seen.has(file)) return
    if (!existsSync(file)) {
      dangling.push(`${from} -> ${relative(packageDir, file)}`)
      return
    }
    seen.add(file)
    const text = readFileSync(file, "utf8")
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? ""
      const target = resolve(dirname(file), specifier)
      visit(file.endsWith(".d.ts") ? target.replace(/\.js$/, ".d.ts") : target, relative(packageDir, file))
    }
  }
  for (const entry of entryFiles(manifest)) visit(join(packageDir, entry), "package.json")
  return { files: [...seen].map((file) => relative(packageDir, file)).sort(), dangling }
}
