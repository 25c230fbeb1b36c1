/** The spec diff as a human report. */
import type { OperationSummary, SpecDiff } from "./types.js"

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
