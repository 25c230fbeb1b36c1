/**
 * The spec diff, operation by operation (HTTP method + path): operationId, deprecation, security,
 * the `cal-api-version` header, parameters, request body and responses.
 */
import {
  type Document,
  follow,
  HTTP_METHODS,
  isObject,
  type Json,
  operations,
  parameterKey,
  VERSION_HEADER,
  type VersionHeader,
  versionHeader
} from "../openapi.js"
import { makeSchemaIndex, type SchemaIndex } from "./canonical.js"
import { compareStrings, listNames, show, sortedKeys, stableJson } from "./json.js"
import { compareSchemas, summariseSchemaChanges } from "./schemas.js"
import type { Change, ChangedOperation, ChangeKind, OperationSummary, SchemaChangeGroup, SpecDiff } from "./types.js"

interface Operation {
  readonly method: string
  readonly path: string
  readonly operationId: string | undefined
  readonly operation: Json
  /** Path-level and operation-level parameters merged (the operation's win), keyed by `in` + `name`. */
  readonly parameters: ReadonlyMap<string, Json>
  readonly version: VersionHeader | undefined
}

const collectOperations = (doc: Document): Map<string, Operation> => {
  const collected = new Map<string, Operation>()
  for (const entry of operations(doc)) {
    const parameters = new Map<string, Json>()
    for (const parameter of entry.parameters) {
      const key = parameterKey(parameter)
      if (key !== undefined) parameters.set(key, parameter)
    }
    const operationId = entry.operation["operationId"]
    collected.set(`${entry.path} ${entry.method}`, {
      method: entry.method.toUpperCase(),
      path: entry.path,
      operationId: typeof operationId === "string" ? operationId : undefined,
      operation: entry.operation,
      parameters,
      version: versionHeader(doc, entry)
    })
  }
  return collected
}

const summaryOf = (operation: Operation): OperationSummary => ({
  method: operation.method,
  path: operation.path,
  ...(operation.operationId === undefined ? {} : { operationId: operation.operationId })
})

const versionLabel = (header: VersionHeader): string =>
  `${header.version ?? "(unspecified)"}${header.required ? "" : " (optional)"}`

const compareVersionHeader = (oldHeader: VersionHeader | undefined, newHeader: VersionHeader | undefined) => {
  const changes: Array<Change> = []
  const change = (message: string): void => {
    changes.push({ kind: "version-header", message: `version header: ${message}` })
  }
  if (oldHeader === undefined && newHeader === undefined) return changes
  if (oldHeader === undefined && newHeader !== undefined) change(`none -> ${versionLabel(newHeader)}`)
  else if (oldHeader !== undefined && newHeader === undefined) change(`${versionLabel(oldHeader)} -> none`)
  else if (oldHeader !== undefined && newHeader !== undefined) {
    if (oldHeader.version !== newHeader.version) {
      change(`${oldHeader.version ?? "(unspecified)"} -> ${newHeader.version ?? "(unspecified)"}`)
    }
    if (oldHeader.required !== newHeader.required) {
      change(oldHeader.required ? "required -> optional" : "optional -> required")
    }
  }
  return changes
}

/** Compares `content` maps (request body, response, parameter): media types added/removed, schemas per type. */
const compareContent = (
  oldIndex: SchemaIndex,
  newIndex: SchemaIndex,
  oldContent: unknown,
  newContent: unknown,
  label: string,
  kind: ChangeKind
): Array<Change> => {
  const changes: Array<Change> = []
  const o = isObject(oldContent) ? oldContent : {}
  const n = isObject(newContent) ? newContent : {}
  const added = sortedKeys(n).filter((type) => !(type in o))
  const removed = sortedKeys(o).filter((type) => !(type in n))
  if (added.length > 0) changes.push({ kind, message: `${label}: content types added: ${listNames(added)}` })
  if (removed.length > 0) changes.push({ kind, message: `${label}: content types removed: ${listNames(removed)}` })
  const common = sortedKeys(o).filter((type) => type in n)
  for (const type of common) {
    const oMedia = o[type]
    const nMedia = n[type]
    const comparison = compareSchemas(
      oldIndex,
      newIndex,
      isObject(oMedia) ? oMedia["schema"] : undefined,
      isObject(nMedia) ? nMedia["schema"] : undefined
    )
    if (comparison.equal) continue
    // Name the media type only when there is a choice of them; almost everything is application/json.
    const where = common.length > 1 || added.length > 0 || removed.length > 0 ? `${label} (${type})` : label
    changes.push({
      kind,
      message: `${where}: schema changed (${summariseSchemaChanges(comparison.groups)})`,
      schemaChanges: comparison.groups
    })
  }
  return changes
}

const describeParameter = (key: string): string => {
  const space = key.indexOf(" ")
  return `${key.slice(0, space)} ${key.slice(space + 1)}`
}

const compareParameters = (oldIndex: SchemaIndex, newIndex: SchemaIndex, o: Operation, n: Operation) => {
  const changes: Array<Change> = []
  const keys = [...new Set([...o.parameters.keys(), ...n.parameters.keys()])].sort(compareStrings)
  for (const key of keys) {
    // The version header is reported by compareVersionHeader, in its own terms.
    if (key === `header ${VERSION_HEADER}`) continue
    const oParam = o.parameters.get(key)
    const nParam = n.parameters.get(key)
    const label = describeParameter(key)
    if (oParam === undefined && nParam !== undefined) {
      changes.push({
        kind: "parameter-added",
        message: `parameter added: ${label} (${nParam["required"] === true ? "required" : "optional"})`
      })
      continue
    }
    if (oParam !== undefined && nParam === undefined) {
      changes.push({ kind: "parameter-removed", message: `parameter removed: ${label}` })
      continue
    }
    if (oParam === undefined || nParam === undefined) continue
    const parts: Array<string> = []
    const oRequired = oParam["required"] === true
    const nRequired = nParam["required"] === true
    if (oRequired !== nRequired) parts.push(oRequired ? "required -> optional" : "optional -> required")
    for (const field of ["deprecated", "style", "explode", "allowEmptyValue", "allowReserved"]) {
      if (stableJson(oParam[field]) !== stableJson(nParam[field])) {
        parts.push(`${field}: ${show(oParam[field])} -> ${show(nParam[field])}`)
      }
    }
    let schemaChanges: ReadonlyArray<SchemaChangeGroup> | undefined
    const schema = compareSchemas(oldIndex, newIndex, oParam["schema"], nParam["schema"])
    if (!schema.equal) {
      schemaChanges = schema.groups
      parts.push(`schema changed (${summariseSchemaChanges(schema.groups)})`)
    }
    const content = compareContent(
      oldIndex,
      newIndex,
      oParam["content"],
      nParam["content"],
      "content",
      "parameter-changed"
    )
    for (const change of content) parts.push(change.message)
    if (parts.length === 0) continue
    changes.push({
      kind: "parameter-changed",
      message: `parameter changed: ${label}: ${parts.join("; ")}`,
      ...(schemaChanges === undefined ? {} : { schemaChanges })
    })
  }
  return changes
}

const compareRequestBodies = (oldIndex: SchemaIndex, newIndex: SchemaIndex, o: Operation, n: Operation) => {
  const oBody = follow(oldIndex.doc, o.operation["requestBody"])
  const nBody = follow(newIndex.doc, n.operation["requestBody"])
  const changes: Array<Change> = []
  if (!isObject(oBody) && !isObject(nBody)) return changes
  if (!isObject(oBody) && isObject(nBody)) {
    const required = nBody["required"] === true ? "required" : "optional"
    changes.push({ kind: "request-body", message: `request body added (${required})` })
    return changes
  }
  if (isObject(oBody) && !isObject(nBody)) {
    changes.push({ kind: "request-body", message: "request body removed" })
    return changes
  }
  if (!isObject(oBody) || !isObject(nBody)) return changes
  const oRequired = oBody["required"] === true
  const nRequired = nBody["required"] === true
  if (oRequired !== nRequired) {
    changes.push({
      kind: "request-body",
      message: `request body: ${oRequired ? "required -> optional" : "optional -> required"}`
    })
  }
  changes.push(
    ...compareContent(oldIndex, newIndex, oBody["content"], nBody["content"], "request body", "request-body")
  )
  return changes
}

/** Status codes in a stable order: numeric ones ascending, then `default` and patterns such as `2XX`. */
const compareStatus = (a: string, b: string): number => {
  const na = Number(a)
  const nb = Number(b)
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb
  if (Number.isInteger(na)) return -1
  if (Number.isInteger(nb)) return 1
  return compareStrings(a, b)
}

const compareResponses = (oldIndex: SchemaIndex, newIndex: SchemaIndex, o: Operation, n: Operation) => {
  const oResponses = isObject(o.operation["responses"]) ? o.operation["responses"] : {}
  const nResponses = isObject(n.operation["responses"]) ? n.operation["responses"] : {}
  const changes: Array<Change> = []
  const statuses = [...new Set([...Object.keys(oResponses), ...Object.keys(nResponses)])].sort(compareStatus)
  for (const status of statuses) {
    if (!(status in oResponses)) {
      changes.push({ kind: "response-added", message: `response added: ${status}` })
      continue
    }
    if (!(status in nResponses)) {
      changes.push({ kind: "response-removed", message: `response removed: ${status}` })
      continue
    }
    const oResponse = follow(oldIndex.doc, oResponses[status])
    const nResponse = follow(newIndex.doc, nResponses[status])
    const label = `response ${status}`
    const oContent = isObject(oResponse) ? oResponse["content"] : undefined
    const nContent = isObject(nResponse) ? nResponse["content"] : undefined
    changes.push(...compareContent(oldIndex, newIndex, oContent, nContent, label, "response-changed"))
    const oHeaders = isObject(oResponse) && isObject(oResponse["headers"]) ? oResponse["headers"] : {}
    const nHeaders = isObject(nResponse) && isObject(nResponse["headers"]) ? nResponse["headers"] : {}
    const headersAdded = sortedKeys(nHeaders).filter((name) => !(name in oHeaders))
    const headersRemoved = sortedKeys(oHeaders).filter((name) => !(name in nHeaders))
    if (headersAdded.length > 0) {
      changes.push({ kind: "response-changed", message: `${label}: headers added: ${listNames(headersAdded)}` })
    }
    if (headersRemoved.length > 0) {
      changes.push({ kind: "response-changed", message: `${label}: headers removed: ${listNames(headersRemoved)}` })
    }
  }
  return changes
}

const compareOperations = (oldIndex: SchemaIndex, newIndex: SchemaIndex, o: Operation, n: Operation) => {
  const changes: Array<Change> = []
  if (o.operationId !== n.operationId) {
    changes.push({ kind: "operation-id", message: `operationId: ${show(o.operationId)} -> ${show(n.operationId)}` })
  }
  const oDeprecated = o.operation["deprecated"] === true
  const nDeprecated = n.operation["deprecated"] === true
  if (oDeprecated !== nDeprecated) {
    changes.push({ kind: "deprecated", message: nDeprecated ? "now deprecated" : "no longer deprecated" })
  }
  // Operation-level `security` overrides the document's; compare the effective requirement.
  const security = (doc: Document, operation: Operation): string =>
    stableJson(operation.operation["security"] ?? doc["security"])
  if (security(oldIndex.doc, o) !== security(newIndex.doc, n)) {
    changes.push({ kind: "security", message: "security requirements changed" })
  }
  changes.push(
    ...compareVersionHeader(o.version, n.version),
    ...compareParameters(oldIndex, newIndex, o, n),
    ...compareRequestBodies(oldIndex, newIndex, o, n),
    ...compareResponses(oldIndex, newIndex, o, n)
  )
  return changes
}

const METHOD_ORDER = (method: string): number =>
  HTTP_METHODS.indexOf(method.toLowerCase() as (typeof HTTP_METHODS)[number])

const byPathThenMethod = (a: OperationSummary, b: OperationSummary): number =>
  compareStrings(a.path, b.path) || METHOD_ORDER(a.method) - METHOD_ORDER(b.method)

/** Compares two OpenAPI 3 documents operation by operation. Output is sorted by path, then method. */
export const diffDocuments = (oldDoc: Document, newDoc: Document): SpecDiff => {
  const oldIndex = makeSchemaIndex(oldDoc)
  const newIndex = makeSchemaIndex(newDoc)
  const oldOperations = collectOperations(oldDoc)
  const newOperations = collectOperations(newDoc)
  const added: Array<OperationSummary> = []
  const removed: Array<OperationSummary> = []
  const changed: Array<ChangedOperation> = []
  let unchanged = 0
  for (const [key, operation] of newOperations) {
    if (!oldOperations.has(key)) added.push(summaryOf(operation))
  }
  for (const [key, operation] of oldOperations) {
    const counterpart = newOperations.get(key)
    if (counterpart === undefined) {
      removed.push(summaryOf(operation))
      continue
    }
    const changes = compareOperations(oldIndex, newIndex, operation, counterpart)
    if (changes.length === 0) unchanged++
    else changed.push({ ...summaryOf(counterpart), changes })
  }
  added.sort(byPathThenMethod)
  removed.sort(byPathThenMethod)
  changed.sort(byPathThenMethod)
  return {
    summary: { added: added.length, removed: removed.length, changed: changed.length, unchanged },
    added,
    removed,
    changed
  }
}
