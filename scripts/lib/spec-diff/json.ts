/** JSON helpers of the spec diff: stable (key-sorted) JSON and short renderings for one-line messages. */
import { isObject } from "../openapi.js"

// ---------------------------------------------------------------------------------------------------------------

export const sortedKeys = (record: Record<string, unknown>): Array<string> =>
  Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Key-sorted JSON, so that two documents that only order keys differently compare equal. */
export const stableJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`
  if (isObject(value)) {
    return `{${sortedKeys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/** Short rendering of a value inside a one-line message. */
export const show = (value: unknown): string => {
  if (value === undefined) return "(none)"
  if (typeof value === "string" && value !== "" && !/\s/.test(value)) return value
  const json = stableJson(value)
  if (json.length <= 60) return json
  // A long list (typically an enum) says more as a count than as a cut-off prefix.
  return Array.isArray(value) ? `[${value.length} values]` : `${json.slice(0, 57)}...`
}

export const listNames = (names: ReadonlyArray<string>, max = 8): string =>
  names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, +${names.length - max} more`
