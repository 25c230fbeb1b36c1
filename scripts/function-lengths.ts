/**
 * The longest functions under a folder (default `src`), by whole span: from the first line of the
 * function to its last, nested closures included (a nested function is not listed on its own, it
 * counts toward the outermost one).
 *
 *   npm run measure:functions                 # the 15 longest under src/
 *   npm run measure:functions -- --max 80     # also exit 1 when one is longer than 80 lines
 *   npm run measure:functions -- --top 5 test
 */
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { parseArgs } from "node:util"
import ts from "typescript"
import { projectRoot } from "./lib/source.js"

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { max: { type: "string" }, top: { type: "string", default: "15" } }
})

interface Span {
  readonly lines: number
  readonly where: string
}

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node)

/** The name a function is known by: its own, or the variable, property or call it is passed to. */
const nameOf = (node: ts.Node, file: ts.SourceFile): string => {
  for (let at: ts.Node | undefined = node; at !== undefined && !ts.isSourceFile(at); at = at.parent) {
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name !== undefined)
      return at.name.getText(file)
    if ((ts.isVariableDeclaration(at) || ts.isPropertyAssignment(at)) && at.name !== undefined)
      return at.name.getText(file)
  }
  return "(anonymous)"
}

/** The outermost functions of one file. */
const spansOf = (path: string): ReadonlyArray<Span> => {
  const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true)
  const spans: Array<Span> = []
  const visit = (node: ts.Node): void => {
    if (!isFunction(node)) {
      ts.forEachChild(node, visit)
      return
    }
    const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line
    const last = file.getLineAndCharacterOfPosition(node.getEnd()).line
    spans.push({ lines: last - first + 1, where: `${relative(projectRoot, path)}:${first + 1} ${nameOf(node, file)}` })
  }
  visit(file)
  return spans
}

const folder = join(projectRoot, positionals[0] ?? "src")
const files = readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
  .map((entry) => join(entry.parentPath, entry.name))
const spans = files.flatMap(spansOf).sort((a, b) => b.lines - a.lines)
for (const span of spans.slice(0, Number(values.top))) console.log(`${String(span.lines).padStart(5)}  ${span.where}`)

if (values.max !== undefined) {
  const max = Number(values.max)
  const over = spans.filter((span) => span.lines > max)
  if (over.length > 0) {
    console.error(`${over.length} function(s) longer than ${max} lines`)
    process.exit(1)
  }
}
