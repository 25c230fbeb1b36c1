/**
 * OpenAPI 3.0 "spec diff": compares two revisions of the Cal.com API v2 document operation by operation
 * (HTTP method + path) and reports added, removed and changed operations. It backs `npm run spec:diff`
 * (see `scripts/spec-diff.ts`), the "regenerate, see what changed, fix the facade" step of a spec update.
 *
 * Schemas are compared with local `$ref`s resolved and documentation keys dropped, so an edit inside a
 * component schema shows up on every operation that uses it while wording-only edits do not.
 *
 * This module only exports functions: it does no work at import time.
 */
import { readFile } from "node:fs/promises"
import { resolve as resolvePath } from "node:path"
import { fileURLToPath } from "node:url"

// ---------------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------------

/** The parts of an OpenAPI 3.0 document the diff reads; everything else is carried along untyped. */
export interface OpenApiDocument {
  readonly openapi?: string
  readonly paths: { readonly [path: string]: unknown }
  readonly components?: { readonly [section: string]: unknown }
  readonly [key: string]: unknown
}

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

/** A document could not be loaded or is not an OpenAPI 3 document; `message` is meant for the user as is. */
export class SpecLoadError extends Error {
  override readonly name = "SpecLoadError"
}

// ---------------------------------------------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const sortedKeys = (record: Record<string, unknown>): Array<string> =>
  Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Key-sorted JSON, so that two documents that only order keys differently compare equal. */
const stableJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`
  if (isRecord(value)) {
    return `{${sortedKeys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/** Short rendering of a value inside a one-line message. */
const show = (value: unknown): string => {
  if (value === undefined) return "(none)"
  if (typeof value === "string" && value !== "" && !/\s/.test(value)) return value
  const json = stableJson(value)
  if (json.length <= 60) return json
  // A long list (typically an enum) says more as a count than as a cut-off prefix.
  return Array.isArray(value) ? `[${value.length} values]` : `${json.slice(0, 57)}...`
}

const listNames = (names: ReadonlyArray<string>, max = 8): string =>
  names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, +${names.length - max} more`

const unescapePointer = (segment: string): string => {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Not URI-encoded after all: use the segment as written.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~")
}

/** Resolves a local JSON pointer (`#/components/schemas/X`); external references are not followed. */
const resolvePointer = (doc: OpenApiDocument, ref: string): unknown => {
  if (!ref.startsWith("#")) return undefined
  let current: unknown = doc
  for (const segment of ref.slice(1).split("/").slice(1)) {
    const key = unescapePointer(segment)
    if (Array.isArray(current)) current = current[Number(key)]
    else if (isRecord(current)) current = current[key]
    else return undefined
  }
  return current
}

const refOf = (value: unknown): string | undefined =>
  isRecord(value) && typeof value["$ref"] === "string" ? value["$ref"] : undefined

const SCHEMA_PREFIX = "#/components/schemas/"

/** Display name of a reference: the component name for schemas, the pointer otherwise. */
const refName = (ref: string): string =>
  ref.startsWith(SCHEMA_PREFIX) ? unescapePointer(ref.slice(SCHEMA_PREFIX.length)) : ref

/**
 * Follows `$ref` chains of non-schema objects (parameters, request bodies, responses, path items). A broken or
 * circular chain yields `undefined` rather than looping.
 */
const deref = (doc: OpenApiDocument, value: unknown): unknown => {
  let current = value
  for (let hops = 0; hops < 32; hops++) {
    const ref = refOf(current)
    if (ref === undefined) return current
    current = resolvePointer(doc, ref)
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------------

const parseJson = (text: string, source: string): unknown => {
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new SpecLoadError(`${source} is not valid JSON (${reason})`)
  }
}

const errorCode = (error: unknown): string | undefined =>
  isRecord(error) && typeof error["code"] === "string" ? error["code"] : undefined

/**
 * Reads a JSON document from a file path (absolute, or relative to the current directory), a `file:` URL or an
 * http(s) URL. Throws `SpecLoadError` with a message naming the source and the reason.
 */
export const loadDocument = async (source: string): Promise<unknown> => {
  if (/^https?:\/\//i.test(source)) {
    let response: Response
    try {
      response = await fetch(source, { headers: { accept: "application/json" } })
    } catch (error) {
      // fetch hides the useful part (ENOTFOUND, ECONNREFUSED, ...) in `cause`.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
      const reason = cause ?? (error instanceof Error ? error.message : String(error))
      throw new SpecLoadError(`cannot fetch ${source}: ${reason}`)
    }
    if (!response.ok) {
      throw new SpecLoadError(
        `cannot fetch ${source}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`
      )
    }
    return parseJson(await response.text(), source)
  }
  const file = source.startsWith("file:") ? fileURLToPath(source) : resolvePath(process.cwd(), source)
  let text: string
  try {
    text = await readFile(file, "utf8")
  } catch (error) {
    const code = errorCode(error)
    if (code === "ENOENT") throw new SpecLoadError(`file not found: ${file}`)
    if (code === "EISDIR") throw new SpecLoadError(`not a file (it is a directory): ${file}`)
    throw new SpecLoadError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return parseJson(text, source)
}

/** Checks that a loaded value looks like an OpenAPI 3 document (the diff needs `paths`). */
export const asOpenApiDocument = (value: unknown, source: string): OpenApiDocument => {
  if (!isRecord(value)) throw new SpecLoadError(`${source} is not an OpenAPI document (not a JSON object)`)
  if (typeof value["swagger"] === "string") {
    throw new SpecLoadError(`${source} is Swagger ${value["swagger"]}; only OpenAPI 3.x is supported`)
  }
  const version = value["openapi"]
  if (version !== undefined && (typeof version !== "string" || !version.startsWith("3."))) {
    throw new SpecLoadError(`${source} declares openapi ${JSON.stringify(version)}; only OpenAPI 3.x is supported`)
  }
  const paths = value["paths"]
  if (!isRecord(paths)) throw new SpecLoadError(`${source} is not an OpenAPI document (no "paths" object)`)
  const components = value["components"]
  return {
    ...value,
    paths,
    ...(isRecord(components) ? { components } : {}),
    ...(typeof version === "string" ? { openapi: version } : {})
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical resolved schemas
// ---------------------------------------------------------------------------------------------------------------

/** Keys that only document a schema: edits to them are not API changes. */
const DOC_KEYS: ReadonlySet<string> = new Set(["description", "example", "examples", "title", "summary"])

/** Keywords whose value is a single schema (or, for `items`, possibly a tuple of schemas). */
const SUBSCHEMA_KEYS: ReadonlySet<string> = new Set([
  "items",
  "additionalProperties",
  "not",
  "contains",
  "propertyNames",
  "additionalItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "if",
  "then",
  "else"
])
/** Keywords whose value is a list of schemas. */
const SUBSCHEMA_LIST_KEYS: ReadonlySet<string> = new Set(["allOf", "oneOf", "anyOf", "prefixItems"])
/** Keywords whose value maps names (which may well be "description" or "title") to schemas. */
const SUBSCHEMA_MAP_KEYS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions"
])

/** Canonical JSON of a resolved schema, plus the shallowest stack depth a cycle cut pointed at. */
interface Canon {
  readonly json: string
  readonly cut: number
}

const NO_CUT = Number.POSITIVE_INFINITY

/** Per-document schema canonicaliser with a memo of fully resolved component schemas. */
interface SchemaIndex {
  readonly doc: OpenApiDocument
  /** Key-sorted JSON of the schema with `$ref`s inlined (cycles cut by name) and doc keys dropped. */
  readonly canonical: (schema: unknown) => string
}

const makeSchemaIndex = (doc: OpenApiDocument): SchemaIndex => {
  // Memo of components whose expansion does not depend on the expansion stack it was reached from.
  const memo = new Map<string, string>()

  const canonRef = (ref: string, stack: Array<string>): Canon => {
    const onStack = stack.indexOf(ref)
    // A cycle: stop expanding and compare by name. The outermost expansion of the component still
    // contains its full body, so a change inside a cyclic component is not lost.
    if (onStack >= 0) return { json: JSON.stringify({ $cycle: refName(ref) }), cut: onStack }
    const known = memo.get(ref)
    if (known !== undefined) return { json: known, cut: NO_CUT }
    const target = resolvePointer(doc, ref)
    if (target === undefined) return { json: JSON.stringify({ $unresolved: ref }), cut: NO_CUT }
    const depth = stack.length
    stack.push(ref)
    const result = canonSchema(target, stack)
    stack.pop()
    // If no cut inside pointed above this component, its expansion is the same from any context: memoise it.
    // (Without the memo, shared components are re-expanded for every path that reaches them.)
    if (result.cut >= depth) {
      memo.set(ref, result.json)
      return { json: result.json, cut: NO_CUT }
    }
    return result
  }

  const canonList = (values: ReadonlyArray<unknown>, stack: Array<string>): Canon => {
    const parts = values.map((value) => canonSchema(value, stack))
    return { json: `[${parts.map((part) => part.json).join(",")}]`, cut: Math.min(NO_CUT, ...parts.map((p) => p.cut)) }
  }

  const canonKeyword = (key: string, value: unknown, stack: Array<string>): Canon => {
    if (SUBSCHEMA_KEYS.has(key)) return Array.isArray(value) ? canonList(value, stack) : canonSchema(value, stack)
    if (SUBSCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) return canonList(value, stack)
    if (SUBSCHEMA_MAP_KEYS.has(key) && isRecord(value)) {
      let cut = NO_CUT
      const entries = sortedKeys(value).map((name) => {
        const part = canonSchema(value[name], stack)
        cut = Math.min(cut, part.cut)
        return `${JSON.stringify(name)}:${part.json}`
      })
      return { json: `{${entries.join(",")}}`, cut }
    }
    // Anything else (type, enum, default, discriminator, ...) is data: compare it verbatim.
    return { json: stableJson(value), cut: NO_CUT }
  }

  const canonSchema = (node: unknown, stack: Array<string>): Canon => {
    if (!isRecord(node)) return { json: stableJson(node), cut: NO_CUT }
    const ref = refOf(node)
    const keys = sortedKeys(node).filter((key) => !DOC_KEYS.has(key) && key !== "$ref" && node[key] !== undefined)
    if (ref !== undefined && keys.length === 0) return canonRef(ref, stack)
    let cut = NO_CUT
    const entries: Array<string> = []
    if (ref !== undefined) {
      // `$ref` with siblings such as `nullable`: 3.0 says to ignore them, but generators honour them,
      // so they count. "$ref" sorts before any letter, so it goes first.
      const target = canonRef(ref, stack)
      cut = target.cut
      entries.push(`"$ref":${target.json}`)
    }
    for (const key of keys) {
      const part = canonKeyword(key, node[key], stack)
      cut = Math.min(cut, part.cut)
      entries.push(`${JSON.stringify(key)}:${part.json}`)
    }
    return { json: `{${entries.join(",")}}`, cut }
  }

  return { doc, canonical: (schema) => canonSchema(schema, []).json }
}

// ---------------------------------------------------------------------------------------------------------------
// Describing how two schemas differ
// ---------------------------------------------------------------------------------------------------------------

/** Stop collecting details after this many: the report is a summary, not a dump. */
const MAX_SCHEMA_DETAILS = 200

interface SchemaComparison {
  readonly equal: boolean
  readonly groups: ReadonlyArray<SchemaChangeGroup>
}

/**
 * Compares two schemas (resolved) and, where they differ, walks both side by side to say what differs and in
 * which component. Differences are attributed to the innermost component that has them, so a change to a shared
 * component is named once rather than through every schema that references it.
 */
const compareSchemas = (oldIndex: SchemaIndex, newIndex: SchemaIndex, oldSchema: unknown, newSchema: unknown) => {
  const sameCanon = (o: unknown, n: unknown): boolean => oldIndex.canonical(o) === newIndex.canonical(n)
  if (sameCanon(oldSchema, newSchema)) return { equal: true, groups: [] } satisfies SchemaComparison

  const groups = new Map<string, Array<string>>()
  const visitedPairs = new Set<string>()
  let count = 0
  // Differences left to a component pair that was (or is being) walked elsewhere: reported there.
  let delegated = 0
  const record = (scope: string, path: string, message: string): void => {
    if (count >= MAX_SCHEMA_DETAILS) return
    count++
    const list = groups.get(scope) ?? []
    list.push(path === "" ? message : `${path}: ${message}`)
    groups.set(scope, list)
  }
  const join = (path: string, name: string): string => (path === "" ? name : `${path}.${name}`)

  const walk = (o: unknown, n: unknown, scope: string, path: string): void => {
    if (count >= MAX_SCHEMA_DETAILS || sameCanon(o, n)) return
    const before = count
    const delegatedBefore = delegated
    const oRef = refOf(o)
    const nRef = refOf(n)
    if (oRef !== undefined && oRef === nRef && isRecord(o) && isRecord(n)) {
      compareKeywords(o, n, scope, path)
      const pair = `${oRef}\u0000${nRef}`
      if (visitedPairs.has(pair)) {
        // A cycle, or a component shared by several properties: reported once is enough.
        delegated++
        return
      }
      visitedPairs.add(pair)
      walk(resolvePointer(oldIndex.doc, oRef), resolvePointer(newIndex.doc, nRef), refName(oRef), "")
      return
    }
    if (oRef !== undefined && nRef !== undefined) {
      record(scope, path, `$ref ${refName(oRef)} -> ${refName(nRef)}`)
      return
    }
    if (oRef !== undefined || nRef !== undefined) {
      // Inline on one side, a reference on the other: compare what the reference points at, in place.
      const oTarget = oRef === undefined ? o : deref(oldIndex.doc, o)
      const nTarget = nRef === undefined ? n : deref(newIndex.doc, n)
      if (
        refOf(oTarget) === undefined &&
        refOf(nTarget) === undefined &&
        oTarget !== undefined &&
        nTarget !== undefined
      ) {
        walk(oTarget, nTarget, scope, path)
      }
    } else if (isRecord(o) && isRecord(n)) {
      compareObjects(o, n, scope, path)
    } else {
      record(scope, path, `${show(o)} -> ${show(n)}`)
    }
    // Safety net: the canonical forms differ, so never report nothing.
    if (count === before && delegated === delegatedBefore) record(scope, path, "changed")
  }

  const compareObjects = (o: Record<string, unknown>, n: Record<string, unknown>, scope: string, path: string) => {
    const oProps = isRecord(o["properties"]) ? o["properties"] : {}
    const nProps = isRecord(n["properties"]) ? n["properties"] : {}
    const added = sortedKeys(nProps).filter((key) => !(key in oProps))
    const removed = sortedKeys(oProps).filter((key) => !(key in nProps))
    const parts: Array<string> = []
    if (added.length > 0) parts.push(`added: ${listNames(added)}`)
    if (removed.length > 0) parts.push(`removed: ${listNames(removed)}`)
    if (parts.length > 0) record(scope, path, `properties ${parts.join("; ")}`)

    const oRequired = Array.isArray(o["required"]) ? o["required"].map(String) : []
    const nRequired = Array.isArray(n["required"]) ? n["required"].map(String) : []
    // A property that appeared or disappeared already says enough; list only flips of existing ones.
    const nowRequired = nRequired.filter((key) => !oRequired.includes(key) && key in oProps).sort(compareStrings)
    const noLonger = oRequired.filter((key) => !nRequired.includes(key) && key in nProps).sort(compareStrings)
    if (nowRequired.length > 0) record(scope, path, `now required: ${listNames(nowRequired)}`)
    if (noLonger.length > 0) record(scope, path, `no longer required: ${listNames(noLonger)}`)

    for (const key of sortedKeys(oProps)) {
      if (key in nProps) walk(oProps[key], nProps[key], scope, join(path, key))
    }
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      const oList = o[key]
      const nList = n[key]
      if (Array.isArray(oList) && Array.isArray(nList)) compareVariants(key, oList, nList, scope, path)
    }
    for (const key of ["items", "additionalProperties", "not"]) {
      const suffix = key === "items" ? "[]" : key === "additionalProperties" ? "{}" : "(not)"
      if (isRecord(o[key]) && isRecord(n[key])) walk(o[key], n[key], scope, `${path}${suffix}`)
    }
    compareKeywords(o, n, scope, path)
  }

  /** Keywords other than the structural ones walked above, e.g. `type`, `enum`, `nullable`, `format`. */
  const compareKeywords = (o: Record<string, unknown>, n: Record<string, unknown>, scope: string, path: string) => {
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])].sort(compareStrings)
    for (const key of keys) {
      if (DOC_KEYS.has(key) || key === "$ref" || key === "properties" || key === "required") continue
      const oValue = o[key]
      const nValue = n[key]
      const walked =
        ((key === "allOf" || key === "oneOf" || key === "anyOf") && Array.isArray(oValue) && Array.isArray(nValue)) ||
        ((key === "items" || key === "additionalProperties" || key === "not") && isRecord(oValue) && isRecord(nValue))
      if (walked) continue
      const bothSchemas = SUBSCHEMA_KEYS.has(key) || SUBSCHEMA_LIST_KEYS.has(key) || SUBSCHEMA_MAP_KEYS.has(key)
      const same = bothSchemas
        ? oldIndex.canonical({ [key]: oValue }) === newIndex.canonical({ [key]: nValue })
        : stableJson(oValue) === stableJson(nValue)
      if (same) continue
      if (key === "enum" && Array.isArray(oValue) && Array.isArray(nValue)) {
        const oValues = oValue.map(stableJson)
        const nValues = nValue.map(stableJson)
        const enumAdded = nValues.filter((value) => !oValues.includes(value))
        const enumRemoved = oValues.filter((value) => !nValues.includes(value))
        const parts: Array<string> = []
        if (enumAdded.length > 0) parts.push(`added: ${listNames(enumAdded)}`)
        if (enumRemoved.length > 0) parts.push(`removed: ${listNames(enumRemoved)}`)
        record(scope, path, parts.length > 0 ? `enum ${parts.join("; ")}` : "enum reordered")
      } else if (bothSchemas) {
        record(
          scope,
          path,
          `${key}: ${oValue === undefined ? "(none)" : "schema"} -> ${nValue === undefined ? "(none)" : "schema"}`
        )
      } else {
        record(scope, path, `${key}: ${show(oValue)} -> ${show(nValue)}`)
      }
    }
  }

  const variantLabel = (variant: unknown, index: number): string => {
    const ref = refOf(variant)
    return ref === undefined ? `#${index}` : refName(ref)
  }

  /** Matches `oneOf`/`anyOf`/`allOf` variants: identical ones, then same `$ref`, then by position. */
  const compareVariants = (
    key: string,
    oList: ReadonlyArray<unknown>,
    nList: ReadonlyArray<unknown>,
    scope: string,
    path: string
  ) => {
    const oLeft = oList.map((value, index) => ({ value, index, canon: oldIndex.canonical(value) }))
    let nLeft = nList.map((value, index) => ({ value, index, canon: newIndex.canonical(value) }))
    const unmatched: Array<(typeof oLeft)[number]> = []
    for (const variant of oLeft) {
      const twin = nLeft.findIndex((candidate) => candidate.canon === variant.canon)
      if (twin >= 0) nLeft = nLeft.filter((_, i) => i !== twin)
      else unmatched.push(variant)
    }
    const pairs: Array<[(typeof oLeft)[number], (typeof oLeft)[number]]> = []
    const oRest: Array<(typeof oLeft)[number]> = []
    for (const variant of unmatched) {
      const ref = refOf(variant.value)
      const twin = ref === undefined ? -1 : nLeft.findIndex((candidate) => refOf(candidate.value) === ref)
      const match = nLeft[twin]
      if (match !== undefined) {
        pairs.push([variant, match])
        nLeft = nLeft.filter((_, i) => i !== twin)
      } else oRest.push(variant)
    }
    if (oRest.length === nLeft.length) {
      oRest.forEach((variant, i) => {
        const match = nLeft[i]
        if (match !== undefined) pairs.push([variant, match])
      })
    } else {
      const parts: Array<string> = []
      if (nLeft.length > 0) parts.push(`added: ${listNames(nLeft.map((v) => variantLabel(v.value, v.index)))}`)
      if (oRest.length > 0) parts.push(`removed: ${listNames(oRest.map((v) => variantLabel(v.value, v.index)))}`)
      record(scope, path, `${key} variants ${parts.join("; ")}`)
    }
    for (const [oVariant, nVariant] of pairs) {
      walk(oVariant.value, nVariant.value, scope, `${path}${path === "" ? "" : " "}${key}[${nVariant.index}]`)
    }
  }

  walk(oldSchema, newSchema, "", "")
  const result: Array<SchemaChangeGroup> = [...groups].map(([scope, changes]) => ({
    component: scope === "" ? null : scope,
    changes
  }))
  return { equal: false, groups: result } satisfies SchemaComparison
}

/** One-line rendering of schema differences: `A: x; y | B: z` (at most a few components and details). */
const summariseSchemaChanges = (groups: ReadonlyArray<SchemaChangeGroup>): string => {
  const maxGroups = 3
  const maxDetails = 3
  const rendered = groups.slice(0, maxGroups).map((group) => {
    const details = group.changes.slice(0, maxDetails).join("; ")
    const more = group.changes.length > maxDetails ? `; +${group.changes.length - maxDetails} more` : ""
    return group.component === null ? `${details}${more}` : `${group.component}: ${details}${more}`
  })
  const moreGroups = groups.length > maxGroups ? ` | +${groups.length - maxGroups} more schemas` : ""
  return `${rendered.join(" | ")}${moreGroups}`
}

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const

interface Operation {
  readonly method: string
  readonly path: string
  readonly operationId: string | undefined
  readonly operation: Record<string, unknown>
  /** Path-level and operation-level parameters merged (the operation's win), keyed by `in` + `name`. */
  readonly parameters: ReadonlyMap<string, Record<string, unknown>>
}

const operationKey = (path: string, method: string): string => `${path} ${method}`

/** Header names are case-insensitive, so they are keyed in lower case. */
const parameterKey = (parameter: Record<string, unknown>): string | undefined => {
  const location = parameter["in"]
  const name = parameter["name"]
  if (typeof location !== "string" || typeof name !== "string") return undefined
  return `${location} ${location === "header" ? name.toLowerCase() : name}`
}

const collectOperations = (doc: OpenApiDocument): Map<string, Operation> => {
  const operations = new Map<string, Operation>()
  for (const path of sortedKeys(doc.paths)) {
    const item = deref(doc, doc.paths[path])
    if (!isRecord(item)) continue
    const parameters = new Map<string, Record<string, unknown>>()
    const addParameters = (list: unknown): void => {
      if (!Array.isArray(list)) return
      for (const entry of list) {
        const parameter = deref(doc, entry)
        if (!isRecord(parameter)) continue
        const key = parameterKey(parameter)
        if (key !== undefined) parameters.set(key, parameter)
      }
    }
    addParameters(item["parameters"])
    const shared = new Map(parameters)
    for (const method of METHODS) {
      const operation = item[method]
      if (!isRecord(operation)) continue
      parameters.clear()
      for (const [key, value] of shared) parameters.set(key, value)
      addParameters(operation["parameters"])
      const operationId = operation["operationId"]
      operations.set(operationKey(path, method), {
        method: method.toUpperCase(),
        path,
        operationId: typeof operationId === "string" ? operationId : undefined,
        operation,
        parameters: new Map(parameters)
      })
    }
  }
  return operations
}

const summaryOf = (operation: Operation): OperationSummary => ({
  method: operation.method,
  path: operation.path,
  ...(operation.operationId === undefined ? {} : { operationId: operation.operationId })
})

const VERSION_HEADER = "header cal-api-version"

interface VersionHeader {
  readonly required: boolean
  readonly version: string | undefined
}

const versionHeaderOf = (doc: OpenApiDocument, operation: Operation): VersionHeader | undefined => {
  const parameter = operation.parameters.get(VERSION_HEADER)
  if (parameter === undefined) return undefined
  const schema = deref(doc, parameter["schema"])
  const pick = (value: unknown): string | undefined =>
    typeof value === "string" || typeof value === "number" ? String(value) : undefined
  const version = isRecord(schema)
    ? (pick(schema["default"]) ??
      pick(schema["const"]) ??
      (Array.isArray(schema["enum"]) ? pick(schema["enum"][0]) : undefined))
    : undefined
  return { required: parameter["required"] === true, version }
}

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
  const o = isRecord(oldContent) ? oldContent : {}
  const n = isRecord(newContent) ? newContent : {}
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
      isRecord(oMedia) ? oMedia["schema"] : undefined,
      isRecord(nMedia) ? nMedia["schema"] : undefined
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
    if (key === VERSION_HEADER) continue
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
  const oBody = deref(oldIndex.doc, o.operation["requestBody"])
  const nBody = deref(newIndex.doc, n.operation["requestBody"])
  const changes: Array<Change> = []
  if (!isRecord(oBody) && !isRecord(nBody)) return changes
  if (!isRecord(oBody) && isRecord(nBody)) {
    const required = nBody["required"] === true ? "required" : "optional"
    changes.push({ kind: "request-body", message: `request body added (${required})` })
    return changes
  }
  if (isRecord(oBody) && !isRecord(nBody)) {
    changes.push({ kind: "request-body", message: "request body removed" })
    return changes
  }
  if (!isRecord(oBody) || !isRecord(nBody)) return changes
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
  const oResponses = isRecord(o.operation["responses"]) ? o.operation["responses"] : {}
  const nResponses = isRecord(n.operation["responses"]) ? n.operation["responses"] : {}
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
    const oResponse = deref(oldIndex.doc, oResponses[status])
    const nResponse = deref(newIndex.doc, nResponses[status])
    const label = `response ${status}`
    const oContent = isRecord(oResponse) ? oResponse["content"] : undefined
    const nContent = isRecord(nResponse) ? nResponse["content"] : undefined
    changes.push(...compareContent(oldIndex, newIndex, oContent, nContent, label, "response-changed"))
    const oHeaders = isRecord(oResponse) && isRecord(oResponse["headers"]) ? oResponse["headers"] : {}
    const nHeaders = isRecord(nResponse) && isRecord(nResponse["headers"]) ? nResponse["headers"] : {}
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
  const security = (doc: OpenApiDocument, operation: Operation): string =>
    stableJson(operation.operation["security"] ?? doc["security"])
  if (security(oldIndex.doc, o) !== security(newIndex.doc, n)) {
    changes.push({ kind: "security", message: "security requirements changed" })
  }
  changes.push(
    ...compareVersionHeader(versionHeaderOf(oldIndex.doc, o), versionHeaderOf(newIndex.doc, n)),
    ...compareParameters(oldIndex, newIndex, o, n),
    ...compareRequestBodies(oldIndex, newIndex, o, n),
    ...compareResponses(oldIndex, newIndex, o, n)
  )
  return changes
}

const METHOD_ORDER = (method: string): number => METHODS.indexOf(method.toLowerCase() as (typeof METHODS)[number])

const byPathThenMethod = (a: OperationSummary, b: OperationSummary): number =>
  compareStrings(a.path, b.path) || METHOD_ORDER(a.method) - METHOD_ORDER(b.method)

/** Compares two OpenAPI 3 documents operation by operation. Output is sorted by path, then method. */
export const diffDocuments = (oldDoc: OpenApiDocument, newDoc: OpenApiDocument): SpecDiff => {
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

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------

/** `42 added, 0 removed, 7 changed, 223 unchanged` */
export const formatSummary = (diff: SpecDiff): string =>
  `${diff.summary.added} added, ${diff.summary.removed} removed, ${diff.summary.changed} changed, ${diff.summary.unchanged} unchanged`

const operationLine = (marker: string, operation: OperationSummary): string =>
  `  ${marker} ${operation.method.padEnd(7)} ${operation.path}${operation.operationId === undefined ? "" : `  (${operation.operationId})`}`

/** Human-readable report: added, removed and changed operations (empty sections left out), then the counts. */
export const formatDiff = (diff: SpecDiff): string => {
  const lines: Array<string> = []
  if (diff.added.length > 0) {
    lines.push(`Added operations (${diff.added.length}):`, ...diff.added.map((op) => operationLine("+", op)), "")
  }
  if (diff.removed.length > 0) {
    lines.push(`Removed operations (${diff.removed.length}):`, ...diff.removed.map((op) => operationLine("-", op)), "")
  }
  if (diff.changed.length > 0) {
    lines.push(`Changed operations (${diff.changed.length}):`)
    for (const operation of diff.changed) {
      lines.push(operationLine("~", operation), ...operation.changes.map((change) => `      ${change.message}`))
    }
    lines.push("")
  }
  lines.push(`Summary: ${formatSummary(diff)}`)
  return lines.join("\n")
}
