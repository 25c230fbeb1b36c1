/** The spec diff's result: operations added, removed and changed, each change with its kind. */
import type { Document } from "../openapi.js"

/** A document as the diff reads it (see `scripts/lib/openapi.ts`). */
export type OpenApiDocument = Document

export interface OperationSummary {
  /** Upper-case HTTP method, e.g. `GET`. */
  readonly method: string
  readonly path: string
  readonly operationId?: string
}

export type ChangeKind =
  | "operation-id"
  | "deprecated"
  | "security"
  | "version-header"
  | "parameter-added"
  | "parameter-removed"
  | "parameter-changed"
  | "request-body"
  | "response-added"
  | "response-removed"
  | "response-changed"

/** Differences found in one schema, grouped by the component schema they were found in. */
export interface SchemaChangeGroup {
  /** Component schema name, or `null` for an inline schema (not inside any component). */
  readonly component: string | null
  readonly changes: ReadonlyArray<string>
}

export interface Change {
  readonly kind: ChangeKind
  /** One line for the human report (schema details shortened). */
  readonly message: string
  /** Where a schema changed: the full list of differences, for `--json` consumers. */
  readonly schemaChanges?: ReadonlyArray<SchemaChangeGroup>
}

export interface ChangedOperation extends OperationSummary {
  readonly changes: ReadonlyArray<Change>
}

export interface SpecDiff {
  readonly summary: {
    readonly added: number
    readonly removed: number
    readonly changed: number
    readonly unchanged: number
  }
  readonly added: ReadonlyArray<OperationSummary>
  readonly removed: ReadonlyArray<OperationSummary>
  readonly changed: ReadonlyArray<ChangedOperation>
}
