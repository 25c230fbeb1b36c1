/**
 * What the `unit` project promises: no test in it waits for real time, reads the wall clock or
 * opens a socket (those live in `test/realtime/`), so it is fast and deterministic on any machine.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"

const unitDir = fileURLToPath(new URL(".", import.meta.url))
const self = fileURLToPath(import.meta.url)

/** Calls that sleep, read the wall clock or use the network, as they would be written. */
const realTime: ReadonlyArray<RegExp> = [
  /\bset(Timeout|Interval|Immediate)\(/,
  /\bDate\.now\(/,
  /\bperformance\.now\(/,
  /\bnew Date\(\)/,
  /\bit\.(live|scopedLive)\(/,
  /\bcreateServer\(/,
  /\.listen\(/,
  /\bstartFakeCalCom\(/
]

describe("the unit project", () => {
  it("has no test that sleeps, reads the wall clock or opens a socket", () => {
    const files = readdirSync(unitDir, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => join(unitDir, file))
      .filter((file) => file !== self)
    assert.isAbove(files.length, 10)
    for (const file of files) {
      const text = readFileSync(file, "utf8")
      for (const pattern of realTime) assert.notMatch(text, pattern, `${file} (move it to test/realtime/)`)
    }
  })
})
