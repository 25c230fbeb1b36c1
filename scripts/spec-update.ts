/**
 * `npm run spec:update -- <path-or-url> [--url <upstream-url>]`
 *
 * The one command for an upstream revision: loads the new document, prints what changed
 * against the pinned one (operations added, removed, changed), re-pins `spec/pin.json` (sha256,
 * file name, URL) and regenerates `generated/`. A patch whose defect is gone stops the
 * regeneration and names itself.
 */
import { spawnSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { parseArgs } from "node:util"
import { asDocument, parseDocument } from "./lib/openapi.js"
import { pinPath, projectRoot, readPin, resolveDocument } from "./lib/source.js"
import { diffDocuments, formatDiff } from "./lib/spec-diff/index.js"

const decode = (bytes: Uint8Array, source: string) => asDocument(parseDocument(bytes, source), source)

const main = async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: "string" } } })
  const source = positionals[0]
  if (positionals.length !== 1 || source === undefined) {
    console.error("usage: npm run spec:update -- <path-or-url> [--url <upstream-url>]")
    process.exit(2)
  }
  const pin = readPin()
  const next = await resolveDocument({ explicit: source, verify: false, pin })
  if (next.sha256 === pin.sha256) {
    console.log(`spec:update: ${source} is the pinned revision (sha256 ${pin.sha256}); nothing to do`)
    return
  }
  const current = await resolveDocument({ pin }).catch(() => undefined)
  if (current) {
    console.log(formatDiff(diffDocuments(decode(current.bytes, current.source), decode(next.bytes, source))))
  } else {
    console.log("spec:update: the previously pinned revision is not reachable, so no diff is shown")
  }
  const isUrl = /^https?:\/\//.test(source)
  const url = values.url ?? (isUrl ? source : pin.url)
  if (!isUrl && values.url === undefined) {
    console.log("spec:update: pass --url <upstream-url> to record where this revision is published")
  }
  const file = isUrl ? pin.file : basename(source)
  writeFileSync(pinPath, `${JSON.stringify({ ...pin, file, url, sha256: next.sha256 }, null, 2)}\n`)
  console.log(`spec:update: pinned ${file} (sha256 ${next.sha256})`)
  const generate = spawnSync(
    process.execPath,
    [
      join(projectRoot, "node_modules/tsx/dist/cli.mjs"),
      join(projectRoot, "scripts/generate.ts"),
      "--source",
      source,
      "--force"
    ],
    {
      stdio: "inherit"
    }
  )
  process.exit(generate.status ?? 1)
}

main().catch((error: unknown) => {
  console.error(`spec:update: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
