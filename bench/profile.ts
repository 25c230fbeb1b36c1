/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the time went: self time by
 * owner (our facade, Effect's runtime, Effect's Schema, openapi-fetch, undici/fetch, GC, idle)
 * and the hottest functions, so a missed target can be pinned on what is ours.
 */
import { readFileSync } from "node:fs"

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}
interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: ReadonlyArray<number>
}
interface CpuProfile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** Who a stack frame belongs to. */
export const ownerOf = (frame: CallFrame): string => {
  const { url, functionName } = frame
  if (functionName === "(garbage collector)") return "GC"
  if (functionName === "(idle)") return "idle"
  if (functionName === "(program)" || functionName === "(root)") return "V8/other"
  if (url.includes("/src/facade/") || url.endsWith("/calcom.mjs")) return "ours: src/facade"
  if (url.includes("/generated/")) return "ours: generated"
  if (url.includes("/node_modules/effect/")) {
    return /Schema|schema|Parser|AST|Issue|DateTime|Formatter/.test(url) ? "effect: Schema/DateTime" : "effect: runtime"
  }
  if (url.includes("/node_modules/openapi-fetch/")) return "openapi-fetch"
  if (url.includes("undici") || url.includes("internal/deps") || url.includes("node:internal/http"))
    return "undici/fetch"
  if (url.startsWith("node:") || url === "") return "node core/builtins"
  if (url.includes("/bench/")) return "benchmark harness"
  return "other"
}

export interface ProfileSummary {
  readonly totalMs: number
  /** Self time by owner, busy time only (idle excluded), share of busy time. */
  readonly byOwner: ReadonlyArray<{ readonly owner: string; readonly ms: number; readonly share: number }>
  readonly hottest: ReadonlyArray<{
    readonly fn: string
    readonly where: string
    readonly ms: number
    readonly share: number
  }>
  /** Inclusive time under frames of our facade files (ours plus what they call), share of busy. */
  readonly underFacade: number
}

export const summarize = (path: string, top = 15): ProfileSummary => {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const owners = new Map<string, number>()
  const fns = new Map<string, number>()
  let busy = 0
  let total = 0
  let underFacade = 0
  for (const [id, ms] of self) {
    const node = byId.get(id)
    if (node === undefined) continue
    total += ms
    const owner = ownerOf(node.callFrame)
    if (owner === "idle") continue
    busy += ms
    owners.set(owner, (owners.get(owner) ?? 0) + ms)
    const file = node.callFrame.url.replace(/^.*\/(node_modules\/|src\/|bench\/)/, "$1")
    const key = `${node.callFrame.functionName || "(anonymous)"}\t${file}:${node.callFrame.lineNumber + 1}`
    fns.set(key, (fns.get(key) ?? 0) + ms)
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)?.callFrame.url ?? ""
      if (url.includes("/src/facade/") || url.endsWith("/calcom.mjs")) {
        underFacade += ms
        break
      }
    }
  }
  const share = (ms: number) => Math.round((ms / busy) * 1000) / 10
  return {
    totalMs: Math.round(total),
    byOwner: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([owner, ms]) => ({ owner, ms: Math.round(ms), share: share(ms) })),
    hottest: [...fns.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => {
        const [fn = "", where = ""] = key.split("\t")
        return { fn, where, ms: Math.round(ms), share: share(ms) }
      }),
    underFacade: share(underFacade)
  }
}

if (process.argv[1]?.endsWith("profile.ts") && process.argv[2] !== undefined) {
  console.log(JSON.stringify(summarize(process.argv[2]), null, 2))
}
