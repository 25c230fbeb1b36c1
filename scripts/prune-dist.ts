/**
 * After `tsc -p tsconfig.build.json`: deletes every file under `dist/` that no entry of
 * package.json reaches (declarations of internal modules, whose public types are stripped; the
 * generated types and operation table, which only the facade's sources use), and stale output of
 * removed modules. What remains is what `npm pack` ships.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs"
import { join, relative } from "node:path"
import { type Manifest, reachable } from "./lib/package-files.js"
import { projectRoot } from "./lib/source.js"

const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as Manifest
const { files, dangling } = reachable(projectRoot, manifest)
if (dangling.length > 0) {
  console.error(`prune-dist: imports without a file:\n  ${dangling.join("\n  ")}`)
  process.exit(1)
}
const keep = new Set(files)
const dist = join(projectRoot, "dist")
let removed = 0
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue
  const path = relative(projectRoot, join(entry.parentPath, entry.name))
  if (!keep.has(path)) {
    rmSync(join(projectRoot, path))
    removed++
  }
}
console.log(`dist/: ${keep.size} files reached from the entries, ${removed} others removed`)
