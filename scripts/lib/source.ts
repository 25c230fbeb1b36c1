/**
 * Finds the pinned Cal.com document and proves it is the pinned one.
 *
 * Order: an explicit path or URL (argument, or `CAL_COM_OPENAPI_SOURCE`), then
 * `../shared/spec/<pin.file>` beside the project, then the pinned upstream URL. Whatever is found
 * must hash to the pinned sha256, or generation stops.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { readSource } from "./openapi.js"

export interface Pin {
  readonly file: string
  readonly url: string
  readonly sha256: string
}

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url))
export const pinPath = fileURLToPath(new URL("../../spec/pin.json", import.meta.url))

export const readPin = (): Pin => JSON.parse(readFileSync(pinPath, "utf8")) as Pin

export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

export interface Resolved {
  readonly source: string
  readonly bytes: Uint8Array
  readonly sha256: string
}

/**
 * The pinned document. With `verify: false` (used only by `spec:update`, which re-pins) any
 * explicit source is accepted.
 */
export const resolveDocument = async (options: { explicit?: string | undefined; verify?: boolean; pin?: Pin }) => {
  const pin = options.pin ?? readPin()
  const shared = fileURLToPath(new URL(`../../../shared/spec/${pin.file}`, import.meta.url))
  const candidates = options.explicit ? [options.explicit] : [shared, pin.url]
  const failures: Array<string> = []
  for (const source of candidates) {
    let bytes: Uint8Array
    try {
      bytes = await readSource(source)
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
      continue
    }
    const digest = sha256(bytes)
    if (options.verify !== false && digest !== pin.sha256) {
      throw new Error(
        `${source} has sha256 ${digest}, but spec/pin.json pins ${pin.sha256}.\n` +
          "If upstream published a new revision, run `npm run spec:update -- <path-or-url>` to re-pin it."
      )
    }
    return { source, bytes, sha256: digest } satisfies Resolved
  }
  throw new Error(
    `no source for the Cal.com document was reachable:\n  - ${failures.join("\n  - ")}\n` +
      "Pass one with `npm run generate -- --source <path-or-url>` or CAL_COM_OPENAPI_SOURCE."
  )
}
