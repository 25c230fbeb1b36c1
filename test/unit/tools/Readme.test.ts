/**
 * The toolset table of `src/tools/README.md` against the toolkit: every toolset, and in each row
 * exactly its tools, in order. Prose that lists tools cannot drift from what the server offers.
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Toolsets, toolsetNames } from "../../../src/tools/Toolsets.js"

const readme = readFileSync(resolve(import.meta.dirname, "../../../src/tools/README.md"), "utf8")

/** `| \`name\` | \`a\`, \`b\` ... |` rows of the toolset table, by toolset. */
const tableRows = (): Record<string, ReadonlyArray<string>> => {
  const start = readme.indexOf("| toolset | tools |")
  assert.isAtLeast(start, 0, "the README has a toolset table")
  const rows = readme.slice(start).split("\n").slice(2)
  const end = rows.findIndex((row) => !row.startsWith("|"))
  return Object.fromEntries(
    rows.slice(0, end).map((row) => {
      const [, name = "", tools = ""] = row.split("|").map((cell) => cell.trim())
      return [name.replaceAll("`", ""), [...tools.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string)]
    })
  )
}

describe("src/tools/README.md", () => {
  it("lists every toolset with exactly its tools", () => {
    const rows = tableRows()
    assert.deepStrictEqual(Object.keys(rows), [...toolsetNames])
    for (const name of toolsetNames) {
      assert.deepStrictEqual(
        rows[name],
        Toolsets[name].map((tool) => tool.name),
        name
      )
    }
  })
})
