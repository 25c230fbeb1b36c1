/** What differs between two schemas, attributed to the component schema it is found in. */
import { follow, isObject, refName, refOf, resolvePointer } from "../openapi.js"
import { DOC_KEYS, type SchemaIndex, SUBSCHEMA_KEYS, SUBSCHEMA_LIST_KEYS, SUBSCHEMA_MAP_KEYS } from "./canonical.js"
import { compareStrings, listNames, show, sortedKeys, stableJson } from "./json.js"
import type { SchemaChangeGroup } from "./types.js"

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
export const compareSchemas = (
  oldIndex: SchemaIndex,
  newIndex: SchemaIndex,
  oldSchema: unknown,
  newSchema: unknown
) => {
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
    if (oRef !== undefined && oRef === nRef && isObject(o) && isObject(n)) {
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
      const oTarget = oRef === undefined ? o : follow(oldIndex.doc, o)
      const nTarget = nRef === undefined ? n : follow(newIndex.doc, n)
      if (
        refOf(oTarget) === undefined &&
        refOf(nTarget) === undefined &&
        oTarget !== undefined &&
        nTarget !== undefined
      ) {
        walk(oTarget, nTarget, scope, path)
      }
    } else if (isObject(o) && isObject(n)) {
      compareObjects(o, n, scope, path)
    } else {
      record(scope, path, `${show(o)} -> ${show(n)}`)
    }
    // Safety net: the canonical forms differ, so never report nothing.
    if (count === before && delegated === delegatedBefore) record(scope, path, "changed")
  }

  const compareObjects = (o: Record<string, unknown>, n: Record<string, unknown>, scope: string, path: string) => {
    const oProps = isObject(o["properties"]) ? o["properties"] : {}
    const nProps = isObject(n["properties"]) ? n["properties"] : {}
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
      if (isObject(o[key]) && isObject(n[key])) walk(o[key], n[key], scope, `${path}${suffix}`)
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
        ((key === "items" || key === "additionalProperties" || key === "not") && isObject(oValue) && isObject(nValue))
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
export const summariseSchemaChanges = (groups: ReadonlyArray<SchemaChangeGroup>): string => {
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
