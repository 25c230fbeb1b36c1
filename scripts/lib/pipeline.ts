/**
 * Raw document → patched document → types document and derived tables. Pure functions over
 * parsed JSON, so tests and `spec:update` can run them without touching `generated/`.
 */
import { patches } from "../../spec/patches/index.js"
import { type Document, isObject, isVersionHeader, operations, versionHeader } from "./openapi.js"

export interface PatchReport {
  readonly id: string
  readonly reason: string
  readonly changed: number
}

/** Applies every patch in order to a deep copy of `raw`. */
export const applyPatches = (raw: unknown): { readonly doc: Document; readonly report: Array<PatchReport> } => {
  const doc = structuredClone(raw) as Document
  const report = patches.map((patch) => ({ id: patch.id, reason: patch.reason, changed: patch.apply(doc) }))
  return { doc, report }
}

/**
 * The document the TypeScript types are generated from: the patched one without the
 * `cal-api-version` parameters, which the transport sets from the version table, so typed calls
 * never ask the caller for them. Prism keeps them (and rejects a missing or wrong version).
 */
export const typesView = (patched: Document): Document => {
  const doc = structuredClone(patched)
  for (const { operation } of operations(doc)) {
    if (operation.parameters) {
      operation.parameters = operation.parameters.filter((p) => !isVersionHeader(p))
    }
  }
  return doc
}

export type Auth = "required" | "optional" | "none"

export interface OperationRow {
  readonly method: string
  readonly path: string
  readonly operationId: string
  readonly version: string | undefined
  readonly auth: Auth
}

/** One row per operation: the `cal-api-version` it needs and whether it needs credentials. */
export const operationTable = (patched: Document): Array<OperationRow> =>
  operations(patched).map((entry) => {
    const { method, path, operation } = entry
    const version = versionHeader(patched, entry)?.version
    const security = operation["security"]
    const auth: Auth =
      !Array.isArray(security) || security.length === 0
        ? "none"
        : security.some((requirement) => isObject(requirement) && Object.keys(requirement).length === 0)
          ? "optional"
          : "required"
    return { method: method.toUpperCase(), path, operationId: operation.operationId ?? "", version, auth }
  })
