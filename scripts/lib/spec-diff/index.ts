/**
 * OpenAPI 3.0 "spec diff": compares two revisions of the Cal.com API v2 document operation by operation
 * (HTTP method + path) and reports added, removed and changed operations. It backs `npm run spec:diff`
 * (`scripts/spec-diff.ts`) and `spec:update`, the "regenerate, see what changed, fix the facade" step.
 *
 * Schemas are compared with local `$ref`s resolved and documentation keys dropped (`canonical.ts`), so an
 * edit inside a component schema shows up on every operation that uses it while wording-only edits do not;
 * `schemas.ts` says what differs, `operations.ts` compares operations, `report.ts` renders the result.
 * Loading and the document type are the shared ones of `scripts/lib/openapi.ts`.
 */
export { asDocument as asOpenApiDocument, loadDocument, SpecLoadError } from "../openapi.js"
export { diffDocuments } from "./operations.js"
export { formatDiff, formatSummary } from "./report.js"
export type * from "./types.js"
