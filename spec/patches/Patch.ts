/**
 * The shape of a patch to the upstream Cal.com document, and the helpers patches share.
 *
 * A patch mutates the document in place and returns how many places it changed. A patch that
 * changes nothing throws: either upstream fixed the defect (delete the patch) or moved it
 * (update the patch). Either way a human has to look, so regeneration stops loudly.
 */

import { type Document, isObject, type Json, type Operation } from "../../scripts/lib/openapi.js"

// The document type and the helpers every OpenAPI tool here shares (one module for the patches,
// the generator and the spec diff).
export {
  type Document,
  deref,
  HTTP_METHODS,
  isObject,
  type Json,
  type Operation,
  operations
} from "../../scripts/lib/openapi.js"

export interface SpecPatch {
  /** Stable identifier, also the file name without its number. */
  readonly id: string
  /** Why the patch exists: the defect, what breaks without it, what it changes. */
  readonly reason: string
  /** Mutates the document, returns the number of places changed (must be > 0). */
  readonly apply: (doc: Document) => number
}

/**
 * Visits every object reachable from `root` (schemas, parameters, responses...), depth first,
 * each once. `visit` may mutate the object it is given.
 */
export const walk = (root: unknown, visit: (node: Json, pointer: string) => void, pointer = "#"): void => {
  const seen = new Set<unknown>()
  const go = (node: unknown, at: string): void => {
    if (typeof node !== "object" || node === null || seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        go(child, `${at}/${index}`)
      })
      return
    }
    visit(node as Json, at)
    for (const [key, child] of Object.entries(node)) go(child, `${at}/${key}`)
  }
  go(root, pointer)
}

/** The JSON schema of an operation's success response body (first 2xx, application/json). */
export const successSchema = (operation: Operation): Json | undefined => {
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!status.startsWith("2")) continue
    const content = response["content"]
    if (!isObject(content)) continue
    const json = content["application/json"]
    if (isObject(json) && isObject(json["schema"])) return json["schema"]
  }
  return undefined
}

/** Fails the patch with a message that says where the document no longer matches it. */
export const expectPatched = (id: string, changed: number): number => {
  if (changed === 0) {
    throw new Error(
      `patch ${id} changed nothing: upstream fixed or moved the defect it patches; review spec/patches/${id}`
    )
  }
  return changed
}
