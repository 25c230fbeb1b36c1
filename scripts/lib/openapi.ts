/**
 * What every tool over an OpenAPI 3 document shares: the patches (`spec/patches/`), the generator
 * (`scripts/generate.ts`, `scripts/lib/pipeline.ts`, `scripts/lib/source.ts`) and the spec diff
 * (`scripts/lib/spec-diff/`). The document type, `$ref` resolution, the list of operations with
 * their effective parameters, the `cal-api-version` header read by one rule, and loading a
 * document from a path or URL with a timeout.
 *
 * Pure functions except `readSource`/`loadDocument`; nothing runs at import time.
 */
import { readFile } from "node:fs/promises"
import { resolve as resolvePath } from "node:path"
import { fileURLToPath } from "node:url"

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

/** A JSON object as found in an OpenAPI document. */
export type Json = { [key: string]: unknown }

/** An OpenAPI 3 document: the parts the tools read are typed, the rest is carried along. */
export interface Document extends Json {
  openapi?: string
  paths: Record<string, Record<string, unknown>>
  components: Json & { schemas: Record<string, Json> }
}

/** An operation object (`paths[path][method]`). */
export interface Operation extends Json {
  operationId?: string
  parameters?: Array<Json>
  requestBody?: Json
  responses: Record<string, Json>
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// ---------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------

const unescapePointer = (segment: string): string => {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Not URI-encoded after all: use the segment as written.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~")
}

/** The value a local JSON pointer (`#/components/schemas/X`) points at; external references give `undefined`. */
export const resolvePointer = (doc: Json, ref: string): unknown => {
  if (!ref.startsWith("#")) return undefined
  let current: unknown = doc
  for (const segment of ref.slice(1).split("/").slice(1)) {
    const key = unescapePointer(segment)
    if (Array.isArray(current)) current = current[Number(key)]
    else if (isObject(current)) current = current[key]
    else return undefined
  }
  return current
}

/** The `$ref` of a reference object, if `value` is one. */
export const refOf = (value: unknown): string | undefined =>
  isObject(value) && typeof value["$ref"] === "string" ? value["$ref"] : undefined

export const SCHEMA_PREFIX = "#/components/schemas/"

/** Display name of a reference: the component name for schemas, the pointer otherwise. */
export const refName = (ref: string): string =>
  ref.startsWith(SCHEMA_PREFIX) ? unescapePointer(ref.slice(SCHEMA_PREFIX.length)) : ref

/**
 * Follows a chain of `$ref`s to what it finally points at (`value` itself when it is not a
 * reference). A broken or circular chain gives `undefined` rather than looping.
 */
export const follow = (doc: Json, value: unknown): unknown => {
  let current = value
  for (let hops = 0; hops < 32; hops++) {
    const ref = refOf(current)
    if (ref === undefined) return current
    current = resolvePointer(doc, ref)
  }
  return undefined
}

/** Resolves a local `$ref` to the object it points at, or returns `node` itself; throws when unresolvable. */
export const deref = (doc: Json, node: Json): Json => {
  const target = follow(doc, node)
  if (!isObject(target)) throw new Error(`unresolvable $ref ${String(node["$ref"])}`)
  return target
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

export interface OperationEntry {
  /** Lower-case method, as in the document (`get`). */
  readonly method: (typeof HTTP_METHODS)[number]
  readonly path: string
  readonly operation: Operation
  /**
   * The effective parameters: path-level and operation-level merged (the operation's win),
   * references resolved, in declaration order.
   */
  readonly parameters: ReadonlyArray<Json>
}

/** `in` + `name`; header names are case-insensitive, so they are keyed in lower case. */
export const parameterKey = (parameter: Json): string | undefined => {
  const location = parameter["in"]
  const name = parameter["name"]
  if (typeof location !== "string" || typeof name !== "string") return undefined
  return `${location} ${location === "header" ? name.toLowerCase() : name}`
}

const mergeParameters = (doc: Json, lists: ReadonlyArray<unknown>): Array<Json> => {
  const merged = new Map<string, Json>()
  for (const list of lists) {
    if (!Array.isArray(list)) continue
    for (const entry of list) {
      const parameter = follow(doc, entry)
      if (!isObject(parameter)) continue
      const key = parameterKey(parameter)
      if (key !== undefined) merged.set(key, parameter)
    }
  }
  return [...merged.values()]
}

/** Every operation with its method, path and effective parameters, in document order. */
export const operations = (doc: Pick<Document, "paths">): Array<OperationEntry> => {
  const out: Array<OperationEntry> = []
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = follow(doc as Json, rawItem)
    if (!isObject(item)) continue
    for (const method of HTTP_METHODS) {
      const operation = item[method]
      if (!isObject(operation)) continue
      const parameters = mergeParameters(doc as Json, [item["parameters"], operation["parameters"]])
      out.push({ method, path, operation: operation as Operation, parameters })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The cal-api-version header
// ---------------------------------------------------------------------------------------------

export const VERSION_HEADER = "cal-api-version"

/** Whether a parameter is the `cal-api-version` header (header names are case-insensitive). */
export const isVersionHeader = (parameter: Json): boolean => parameterKey(parameter) === `header ${VERSION_HEADER}`

export interface VersionHeader {
  readonly required: boolean
  /** The one value the operation serves: its single `enum` value, else `const`, else `default`. */
  readonly version: string | undefined
}

const scalar = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined

/** The operation's `cal-api-version` header, if it declares one: the one rule every tool reads it by. */
export const versionHeader = (doc: Json, entry: OperationEntry): VersionHeader | undefined => {
  const parameter = entry.parameters.find(isVersionHeader)
  if (parameter === undefined) return undefined
  const schema = follow(doc, parameter["schema"])
  const values = isObject(schema) && Array.isArray(schema["enum"]) ? schema["enum"] : []
  const version = isObject(schema)
    ? ((values.length === 1 ? scalar(values[0]) : undefined) ?? scalar(schema["const"]) ?? scalar(schema["default"]))
    : undefined
  return { required: parameter["required"] === true, version }
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/** A document could not be loaded or is not an OpenAPI 3 document; `message` is meant for the user as is. */
export class SpecLoadError extends Error {
  override readonly name = "SpecLoadError"
}

/** How long a download may take before loading gives up. */
export const FETCH_TIMEOUT_MS = 30_000

const isUrl = (source: string) => /^https?:\/\//i.test(source)

const errorCode = (error: unknown): string | undefined =>
  isObject(error) && typeof error["code"] === "string" ? error["code"] : undefined

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const download = async (url: string, timeoutMs: number): Promise<Uint8Array> => {
  let response: Response
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      throw new SpecLoadError(`cannot fetch ${url}: no answer within ${timeoutMs} ms`)
    }
    // fetch hides the useful part (ENOTFOUND, ECONNREFUSED, ...) in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined
    throw new SpecLoadError(`cannot fetch ${url}: ${cause ?? messageOf(error)}`)
  }
  if (!response.ok) {
    throw new SpecLoadError(
      `cannot fetch ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`
    )
  }
  return new Uint8Array(await response.arrayBuffer())
}

/**
 * The bytes of a document: a file path (absolute, or relative to the working directory), a
 * `file:` URL, or an http(s) URL fetched within `timeoutMs`. Rejects with a `SpecLoadError`
 * naming the source and the reason.
 */
export const readSource = async (source: string, timeoutMs = FETCH_TIMEOUT_MS): Promise<Uint8Array> => {
  if (isUrl(source)) return download(source, timeoutMs)
  const file = source.startsWith("file:") ? fileURLToPath(source) : resolvePath(process.cwd(), source)
  try {
    return await readFile(file)
  } catch (error) {
    const code = errorCode(error)
    if (code === "ENOENT") throw new SpecLoadError(`file not found: ${file}`)
    if (code === "EISDIR") throw new SpecLoadError(`not a file (it is a directory): ${file}`)
    throw new SpecLoadError(`cannot read ${file}: ${messageOf(error)}`)
  }
}

/** Parses a document's bytes as JSON; `source` names it in the error. */
export const parseDocument = (bytes: Uint8Array, source: string): unknown => {
  try {
    return JSON.parse(new TextDecoder().decode(bytes))
  } catch (error) {
    throw new SpecLoadError(`${source} is not valid JSON (${messageOf(error)})`)
  }
}

/** Reads and parses a JSON document (see `readSource`). */
export const loadDocument = async (source: string, timeoutMs = FETCH_TIMEOUT_MS): Promise<unknown> =>
  parseDocument(await readSource(source, timeoutMs), source)

/** Checks that a parsed value is an OpenAPI 3 document (it needs `paths`); `components` defaults to empty. */
export const asDocument = (value: unknown, source: string): Document => {
  if (!isObject(value)) throw new SpecLoadError(`${source} is not an OpenAPI document (not a JSON object)`)
  if (typeof value["swagger"] === "string") {
    throw new SpecLoadError(`${source} is Swagger ${value["swagger"]}; only OpenAPI 3.x is supported`)
  }
  const version = value["openapi"]
  if (version !== undefined && (typeof version !== "string" || !version.startsWith("3."))) {
    throw new SpecLoadError(`${source} declares openapi ${JSON.stringify(version)}; only OpenAPI 3.x is supported`)
  }
  const paths = value["paths"]
  if (!isObject(paths)) throw new SpecLoadError(`${source} is not an OpenAPI document (no "paths" object)`)
  const components = isObject(value["components"]) ? value["components"] : {}
  const schemas = isObject(components["schemas"]) ? components["schemas"] : {}
  return { ...value, paths, components: { ...components, schemas } } as Document
}
