/**
 * Canonical form of a schema with local `$ref`s inlined (cycles cut by name) and documentation
 * keys dropped, so two schemas compare equal exactly when they mean the same.
 */
import { type Document, isObject, refName, refOf, resolvePointer } from "../openapi.js"
import { sortedKeys, stableJson } from "./json.js"

// ---------------------------------------------------------------------------------------------------------------

/** Keys that only document a schema: edits to them are not API changes. */
export const DOC_KEYS: ReadonlySet<string> = new Set(["description", "example", "examples", "title", "summary"])

/** Keywords whose value is a single schema (or, for `items`, possibly a tuple of schemas). */
export const SUBSCHEMA_KEYS: ReadonlySet<string> = new Set([
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
export const SUBSCHEMA_LIST_KEYS: ReadonlySet<string> = new Set(["allOf", "oneOf", "anyOf", "prefixItems"])
/** Keywords whose value maps names (which may well be "description" or "title") to schemas. */
export const SUBSCHEMA_MAP_KEYS: ReadonlySet<string> = new Set([
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
export interface SchemaIndex {
  readonly doc: Document
  /** Key-sorted JSON of the schema with `$ref`s inlined (cycles cut by name) and doc keys dropped. */
  readonly canonical: (schema: unknown) => string
}

export const makeSchemaIndex = (doc: Document): SchemaIndex => {
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
    if (SUBSCHEMA_MAP_KEYS.has(key) && isObject(value)) {
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
    if (!isObject(node)) return { json: stableJson(node), cut: NO_CUT }
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
