/**
 * Small OpenAPI documents for the spec diff's tests, and assertions over a diff.
 */
import { assert } from "vitest"
import {
  type ChangedOperation,
  formatDiff,
  type OpenApiDocument,
  type SpecDiff
} from "../../scripts/lib/spec-diff/index.js"

// ---------------------------------------------------------------------------------------------------------------

/** A document with these paths and component schemas, loose on purpose (the diff must cope with any JSON). */
export const document = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}): OpenApiDocument =>
  ({
    openapi: "3.0.0",
    info: { title: "test", version: "1.0.0" },
    paths,
    components: { schemas }
  }) as OpenApiDocument

export const ok = (schema: unknown = { type: "object" }) => ({
  "200": { description: "OK", content: { "application/json": { schema } } }
})

export const operation = (operationId: string, extra: Record<string, unknown> = {}) => ({
  operationId,
  summary: `summary of ${operationId}`,
  parameters: [],
  responses: ok(),
  ...extra
})

export const versionHeader = (schema: Record<string, unknown>, required = true) => ({
  name: "cal-api-version",
  in: "header",
  required,
  schema: { type: "string", ...schema }
})

export const changedOperation = (diff: SpecDiff, method: string, path: string): ChangedOperation => {
  const found = diff.changed.find((op) => op.method === method && op.path === path)
  assert.isDefined(found, `${method} ${path} should be reported as changed`)
  if (found === undefined) throw new Error("unreachable")
  return found
}

export const messages = (diff: SpecDiff, method: string, path: string): Array<string> =>
  changedOperation(diff, method, path).changes.map((change) => change.message)

export const assertNoChanges = (diff: SpecDiff): void => {
  assert.deepStrictEqual(
    { added: diff.summary.added, removed: diff.summary.removed, changed: diff.summary.changed },
    { added: 0, removed: 0, changed: 0 },
    formatDiff(diff)
  )
}
