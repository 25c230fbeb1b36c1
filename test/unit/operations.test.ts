/**
 * Every facade operation is tested against Prism and documented: this test reads the operations
 * from a real client (each function of each group of the `CalCom` service, as built by
 * `CalCom.layer`), then looks for
 *
 * - a contract test: a real call `cal.<group>.<op>(…)` inside a test (`it(…)`, `it.effect(…)`…)
 *   of a file under `test/contract/`, found in the files' syntax trees (a comment or a string
 *   naming the operation does not count);
 * - a README row: the operation, as code (`group.op(…)`, or `op(…)` after a `group.other(…)` of the
 *   same group), in the operation column of the table under `### Operations`.
 *
 * An operation added to the facade without both fails here, and the message says what to add.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import ts from "typescript"
import { router, setup } from "./support/CalComFixtures.js"

const root = fileURLToPath(new URL("../..", import.meta.url))
const contractDir = join(root, "test/contract")

/** Members of the client that are not operations: its settings, and the transport `request` uses. */
const notOperations = new Set(["settings", "transport"])

/**
 * The operations of a client, as dotted paths (`bookings.confirm`): every function found under
 * its groups (objects, nested ones too), skipping Effect values such as `circuit`.
 */
const operationsOf = (client: object): ReadonlyArray<string> => {
  const found: Array<string> = []
  const walk = (value: unknown, path: ReadonlyArray<string>) => {
    if (typeof value === "function") {
      if (path.length > 1) found.push(path.join("."))
      return
    }
    if (value === null || typeof value !== "object" || Effect.isEffect(value) || path.length > 3) return
    for (const [key, member] of Object.entries(value)) walk(member, [...path, key])
  }
  for (const [key, member] of Object.entries(client)) if (!notOperations.has(key)) walk(member, [key])
  return found.sort()
}

/** The property names of a call's callee chain, without its root: `cal.bookings.get(…)` → `bookings.get`. */
const calleePath = (callee: ts.Expression): string | undefined => {
  const names: Array<string> = []
  let node: ts.Expression = callee
  while (ts.isPropertyAccessExpression(node)) {
    names.unshift(node.name.text)
    node = node.expression
  }
  return names.length > 0 ? names.join(".") : undefined
}

/** `it(…)`, `it.effect(…)`, `test(…)`…: a call that declares a test. */
const declaresTest = (call: ts.CallExpression): boolean => {
  let node: ts.Expression = call.expression
  while (ts.isPropertyAccessExpression(node)) node = node.expression
  return ts.isIdentifier(node) && (node.text === "it" || node.text === "test")
}

/** Every `x.a.b(…)` call made inside a test of `source`, as `a.b`, with the file it is in. */
const callsInTests = (file: string, source: string): ReadonlyArray<string> => {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const calls: Array<string> = []
  const visit = (node: ts.Node, inTest: boolean) => {
    let inside = inTest
    if (ts.isCallExpression(node)) {
      if (inTest) {
        const path = calleePath(node.expression)
        if (path !== undefined) calls.push(path)
      }
      inside = inTest || declaresTest(node)
    }
    ts.forEachChild(node, (child) => visit(child, inside))
  }
  visit(tree, false)
  return calls
}

/** The operations named as code in the operation column of the README's `### Operations` table. */
const readmeOperations = (readme: string): ReadonlySet<string> => {
  const section = readme.split(/^### Operations\s*$/m)[1]?.split(/^#{1,3} /m)[0] ?? ""
  const documented = new Set<string>()
  let group = ""
  for (const line of section.split("\n")) {
    // Cells end at pipes that are not escaped (`\|` inside a cell is text).
    const cells = line.trim().startsWith("|") ? line.split(/(?<!\\)\|/) : []
    const column = cells[2]
    if (column === undefined) continue
    for (const [, code = ""] of column.matchAll(/`([^`]+)`/g)) {
      const name = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/.exec(code)?.[1]
      if (name === undefined) continue
      const dot = name.lastIndexOf(".")
      if (dot >= 0) group = name.slice(0, dot)
      documented.add(dot >= 0 ? name : `${group}.${name}`)
    }
  }
  return documented
}

const contractFiles = (): ReadonlyArray<string> =>
  readdirSync(contractDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => join(contractDir, file))

const facadeOperations = Effect.map(setup(router({})), ({ cal }) => operationsOf(cal))

describe("facade operations", () => {
  it.effect("are read from the client: every group's functions", () =>
    Effect.gen(function* () {
      const operations = yield* facadeOperations
      // A sanity floor, so an enumeration that finds nothing cannot pass the checks below.
      assert.isAbove(operations.length, 30)
      for (const op of ["bookings.confirm", "bookings.create", "me.get", "webhooks.delete"]) {
        assert.include(operations, op)
      }
      assert.notInclude(operations, "transport.call")
    })
  )

  it.effect("each has a contract test against Prism", () =>
    Effect.gen(function* () {
      const operations = yield* facadeOperations
      const called = new Set(contractFiles().flatMap((file) => callsInTests(file, readFileSync(file, "utf8"))))
      const missing = operations.filter((op) => !called.has(op))
      assert.deepStrictEqual(
        missing,
        [],
        `facade operations without a contract test: ${missing.join(", ")}. For each, call it for real, ` +
          `e.g. \`cal.${missing[0] ?? "group.op"}(…)\`, inside an it.live test in a file under test/contract/ ` +
          "(a new test/contract/<group>.test.ts, or test/contract/facade.test.ts) that runs against Prism " +
          "(`npm run test:contract -- test/contract/<file>`) and asserts on the decoded answer"
      )
    })
  )

  it.effect("each has a row in the README's operations table", () =>
    Effect.gen(function* () {
      const operations = yield* facadeOperations
      const documented = readmeOperations(readFileSync(join(root, "README.md"), "utf8"))
      const missing = operations.filter((op) => !documented.has(op))
      assert.deepStrictEqual(
        missing,
        [],
        `facade operations missing from README.md: ${missing.join(", ")}. For each, add a row to the table ` +
          `under "### Operations" whose second column names it as code with its arguments, e.g. ` +
          `| | \`${missing[0] ?? "group.op"}(input)\` → what it returns | \`cal.${missing[0] ?? "group.op"}(…)\` | ` +
          "(a bare `op(…)` counts for the group of the previous `group.x(…)` in that column)"
      )
    })
  )
})

describe("the checks themselves", () => {
  it("count a call inside a test, not one outside, in a comment or in a string", () => {
    const source = [
      "cal.bookings.outside()",
      "describe('x', () => {",
      "  // cal.bookings.commented()",
      "  it.effect('y', () => cal.bookings.inside({ a: 1 }).pipe(Effect.map(String)))",
      "  it('z', () => { const s = 'cal.bookings.quoted()'; return (yield* CalCom).teams.memberships.list() })",
      "})"
    ].join("\n")
    const calls = callsInTests("x.test.ts", source)
    assert.include(calls, "bookings.inside")
    assert.include(calls, "teams.memberships.list")
    assert.notInclude(calls, "bookings.outside")
    assert.notInclude(calls, "bookings.commented")
    assert.notInclude(calls, "bookings.quoted")
  })

  it("read the operation column, carrying the group to bare names", () => {
    const readme = [
      "### Operations",
      "",
      "| | operation | example |",
      "|---|---|---|",
      "| s | `schedules.list()`, `getDefault()` | `cal.bookings.example()` |",
      "| | `get(id)` → `{ id }` (`profileTtl`) | |",
      '| | `{ type: "a" \\| "b" }` or `move(uid, where)` | |',
      "",
      "### Errors",
      "| x | `bookings.after()` | |"
    ].join("\n")
    assert.deepStrictEqual([...readmeOperations(readme)].sort(), [
      "schedules.get",
      "schedules.getDefault",
      "schedules.list",
      "schedules.move"
    ])
  })

  it("enumerate nested groups and skip Effect values and settings", () => {
    const client = {
      me: { get: () => 1 },
      teams: { list: () => 1, memberships: { list: () => 1 } },
      circuit: Effect.succeed(1),
      settings: { retry: { f: () => 1 } }
    }
    assert.deepStrictEqual(operationsOf(client), ["me.get", "teams.list", "teams.memberships.list"])
  })
})
