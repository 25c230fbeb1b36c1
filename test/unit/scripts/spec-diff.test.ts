/**
 * Tests for the OpenAPI spec diff (`scripts/lib/spec-diff.ts`, CLI `scripts/spec-diff.ts`): small synthetic
 * documents for each kind of change, the loader's error messages, the CLI's exit codes, and the real
 * 2025-10 -> 2026-03 Cal.com pair when it is available in `../shared/spec/`.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { isAbsolute, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  asOpenApiDocument,
  type ChangedOperation,
  diffDocuments,
  formatDiff,
  loadDocument,
  type OpenApiDocument,
  type SpecDiff
} from "../../../scripts/lib/spec-diff.js"

// ---------------------------------------------------------------------------------------------------------------
// Builders for small documents
// ---------------------------------------------------------------------------------------------------------------

const document = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}): OpenApiDocument => ({
  openapi: "3.0.0",
  info: { title: "test", version: "1.0.0" },
  paths,
  components: { schemas }
})

const ok = (schema: unknown = { type: "object" }) => ({
  "200": { description: "OK", content: { "application/json": { schema } } }
})

const operation = (operationId: string, extra: Record<string, unknown> = {}) => ({
  operationId,
  summary: `summary of ${operationId}`,
  parameters: [],
  responses: ok(),
  ...extra
})

const versionHeader = (schema: Record<string, unknown>, required = true) => ({
  name: "cal-api-version",
  in: "header",
  required,
  schema: { type: "string", ...schema }
})

const changedOperation = (diff: SpecDiff, method: string, path: string): ChangedOperation => {
  const found = diff.changed.find((op) => op.method === method && op.path === path)
  assert.isDefined(found, `${method} ${path} should be reported as changed`)
  if (found === undefined) throw new Error("unreachable")
  return found
}

const messages = (diff: SpecDiff, method: string, path: string): Array<string> =>
  changedOperation(diff, method, path).changes.map((change) => change.message)

const assertNoChanges = (diff: SpecDiff): void => {
  assert.deepStrictEqual(
    { added: diff.summary.added, removed: diff.summary.removed, changed: diff.summary.changed },
    { added: 0, removed: 0, changed: 0 },
    formatDiff(diff)
  )
}

// ---------------------------------------------------------------------------------------------------------------
// diffDocuments
// ---------------------------------------------------------------------------------------------------------------

describe("diffDocuments", () => {
  it("reports added and removed operations, sorted by path then method", () => {
    const before = document({
      "/v2/b": { get: operation("getB"), delete: operation("deleteB") },
      "/v2/a": { get: operation("getA") }
    })
    const after = document({
      "/v2/b": { get: operation("getB"), post: operation("createB") },
      "/v2/a": { get: operation("getA"), patch: operation("patchA") },
      "/v2/0": { put: operation("put0") }
    })
    const diff = diffDocuments(before, after)
    assert.deepStrictEqual(diff.added, [
      { method: "PUT", path: "/v2/0", operationId: "put0" },
      { method: "PATCH", path: "/v2/a", operationId: "patchA" },
      { method: "POST", path: "/v2/b", operationId: "createB" }
    ])
    assert.deepStrictEqual(diff.removed, [{ method: "DELETE", path: "/v2/b", operationId: "deleteB" }])
    assert.deepStrictEqual(diff.summary, { added: 3, removed: 1, changed: 0, unchanged: 2 })
  })

  it("reports a document compared with itself as unchanged", () => {
    const doc = document(
      {
        "/v2/x": {
          post: operation("x", {
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/X" } } } }
          })
        }
      },
      { X: { type: "object", properties: { a: { type: "string" } } } }
    )
    const diff = diffDocuments(doc, doc)
    assertNoChanges(diff)
    assert.strictEqual(diff.summary.unchanged, 1)
    assert.strictEqual(formatDiff(diff), "Summary: 0 added, 0 removed, 0 changed, 1 unchanged")
  })

  it("reports parameters added, removed and made required", () => {
    const before = document({
      "/v2/items": {
        get: operation("list", {
          parameters: [
            { name: "take", in: "query", required: false, schema: { type: "number" } },
            { name: "legacy", in: "query", required: false, schema: { type: "string" } }
          ]
        })
      }
    })
    const after = document({
      "/v2/items": {
        get: operation("list", {
          parameters: [
            { name: "take", in: "query", required: true, schema: { type: "number" } },
            { name: "Authorization", in: "header", required: true, schema: { type: "string" } }
          ]
        })
      }
    })
    const diff = diffDocuments(before, after)
    const kinds = changedOperation(diff, "GET", "/v2/items").changes.map((change) => change.kind)
    assert.sameMembers(kinds, ["parameter-added", "parameter-removed", "parameter-changed"])
    assert.deepStrictEqual(messages(diff, "GET", "/v2/items"), [
      "parameter added: header authorization (required)",
      "parameter removed: query legacy",
      "parameter changed: query take: optional -> required"
    ])
  })

  it("reports parameter schema changes and merges path-level parameters", () => {
    const before = document({
      "/v2/orgs/{orgId}": {
        parameters: [{ name: "orgId", in: "path", required: true, schema: { type: "string" } }],
        get: operation("getOrg")
      }
    })
    const after = document({
      "/v2/orgs/{orgId}": {
        get: operation("getOrg", {
          parameters: [{ name: "orgId", in: "path", required: true, schema: { type: "number" } }]
        })
      }
    })
    assert.deepStrictEqual(messages(diffDocuments(before, after), "GET", "/v2/orgs/{orgId}"), [
      "parameter changed: path orgId: schema changed (type: string -> number)"
    ])
  })

  it("reports the cal-api-version header as its own kind of change", () => {
    const path = (parameters: Array<unknown>) => ({ get: operation("op", { parameters }) })
    const before = document({
      "/v2/none-to-some": path([]),
      "/v2/bump": path([versionHeader({ default: "2024-06-14" })]),
      "/v2/relax": path([versionHeader({ default: "2024-08-13" })]),
      "/v2/enum": path([versionHeader({ default: "2024-06-11" })]),
      "/v2/drop": path([versionHeader({ default: "2024-06-11" })]),
      "/v2/same": path([versionHeader({ default: "2024-06-11", description: "old words" })])
    })
    const after = document({
      "/v2/none-to-some": path([versionHeader({ default: "2024-08-13" })]),
      "/v2/bump": path([versionHeader({ default: "2024-09-04" })]),
      "/v2/relax": path([versionHeader({ default: "2024-08-13" }, false)]),
      "/v2/enum": path([versionHeader({ enum: ["2024-06-14"] })]),
      "/v2/drop": path([versionHeader({})]),
      "/v2/same": path([versionHeader({ default: "2024-06-11", description: "new words" })])
    })
    const diff = diffDocuments(before, after)
    const only = (route: string): string => {
      const changes = changedOperation(diff, "GET", route).changes
      assert.lengthOf(changes, 1, JSON.stringify(changes))
      assert.strictEqual(changes[0]?.kind, "version-header")
      return changes[0]?.message ?? ""
    }
    assert.strictEqual(only("/v2/none-to-some"), "version header: none -> 2024-08-13")
    assert.strictEqual(only("/v2/bump"), "version header: 2024-06-14 -> 2024-09-04")
    assert.strictEqual(only("/v2/relax"), "version header: required -> optional")
    assert.strictEqual(only("/v2/enum"), "version header: 2024-06-11 -> 2024-06-14")
    assert.strictEqual(only("/v2/drop"), "version header: 2024-06-11 -> (unspecified)")
    assert.isUndefined(diff.changed.find((op) => op.path === "/v2/same"))
  })

  it("shows a change inside a referenced component on every operation that uses it", () => {
    const schemas = (attendeeProperties: Record<string, unknown>) => ({
      CreateBookingInput: {
        type: "object",
        required: ["start"],
        properties: { start: { type: "string" }, attendee: { $ref: "#/components/schemas/Attendee" } }
      },
      BookingOutput: {
        type: "object",
        properties: { data: { type: "array", items: { $ref: "#/components/schemas/Attendee" } } }
      },
      Unrelated: { type: "object", properties: { id: { type: "number" } } },
      Attendee: { type: "object", properties: attendeeProperties }
    })
    const paths = {
      "/v2/bookings": {
        post: operation("create", {
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/CreateBookingInput" } } }
          }
        }),
        get: operation("list", { responses: ok({ $ref: "#/components/schemas/BookingOutput" }) })
      },
      "/v2/other": { get: operation("other", { responses: ok({ $ref: "#/components/schemas/Unrelated" }) }) }
    }
    const before = document(paths, schemas({ name: { type: "string" }, phone: { type: "string" } }))
    const after = document(paths, schemas({ name: { type: "string" }, email: { type: "string" } }))
    const diff = diffDocuments(before, after)
    assert.deepStrictEqual(diff.summary, { added: 0, removed: 0, changed: 2, unchanged: 1 })
    assert.deepStrictEqual(messages(diff, "POST", "/v2/bookings"), [
      "request body: schema changed (Attendee: properties added: email; removed: phone)"
    ])
    assert.deepStrictEqual(messages(diff, "GET", "/v2/bookings"), [
      "response 200: schema changed (Attendee: properties added: email; removed: phone)"
    ])
    const change = changedOperation(diff, "POST", "/v2/bookings").changes[0]
    assert.deepStrictEqual(change?.schemaChanges, [
      { component: "Attendee", changes: ["properties added: email; removed: phone"] }
    ])
  })

  it("names nested differences (type, required, enum) inside a component", () => {
    const input = (status: Record<string, unknown>, required: Array<string>) => ({
      Input: { type: "object", required, properties: { status, count: { type: "number" } } }
    })
    const paths = {
      "/v2/x": {
        post: operation("x", {
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Input" } } } }
        })
      }
    }
    const before = document(paths, input({ type: "string", enum: ["a", "b"] }, []))
    const after = document(paths, input({ type: "string", enum: ["a", "c"] }, ["count"]))
    assert.deepStrictEqual(messages(diffDocuments(before, after), "POST", "/v2/x"), [
      'request body: schema changed (Input: now required: count; status: enum added: "c"; removed: "b")'
    ])
  })

  it("reports response status codes added and removed, and request bodies added", () => {
    const before = document({ "/v2/x": { delete: operation("del", { responses: ok() }) } })
    const after = document({
      "/v2/x": {
        delete: operation("del", {
          requestBody: { required: false, content: { "application/json": { schema: { type: "object" } } } },
          responses: { "204": { description: "No Content" } }
        })
      }
    })
    const diff = diffDocuments(before, after)
    assert.deepStrictEqual(
      changedOperation(diff, "DELETE", "/v2/x").changes.map((change) => [change.kind, change.message]),
      [
        ["request-body", "request body added (optional)"],
        ["response-removed", "response removed: 200"],
        ["response-added", "response added: 204"]
      ]
    )
  })

  it("ignores documentation-only edits but not a property that happens to be called description", () => {
    const schemas = (docs: string, extraProperty: Record<string, unknown>) => ({
      Thing: {
        type: "object",
        title: `Thing ${docs}`,
        description: `A thing ${docs}`,
        example: { name: docs },
        properties: { name: { type: "string", description: docs, example: docs }, ...extraProperty }
      }
    })
    const paths = (docs: string) => ({
      "/v2/things": {
        description: docs,
        get: operation("getThings", {
          summary: docs,
          description: docs,
          tags: [docs],
          parameters: [
            { name: "q", in: "query", required: false, description: docs, example: docs, schema: { type: "string" } }
          ],
          responses: {
            "200": {
              description: docs,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } }
            }
          }
        })
      }
    })
    assertNoChanges(
      diffDocuments(document(paths("old"), schemas("old", {})), document(paths("new"), schemas("new", {})))
    )

    const withDescriptionProperty = document(paths("old"), schemas("old", { description: { type: "string" } }))
    const diff = diffDocuments(document(paths("old"), schemas("old", {})), withDescriptionProperty)
    assert.deepStrictEqual(messages(diff, "GET", "/v2/things"), [
      "response 200: schema changed (Thing: properties added: description)"
    ])
  })

  it("treats an inlined component as equal to the reference it replaced", () => {
    const item = { type: "object", properties: { id: { type: "number" } } }
    const before = document(
      { "/v2/i": { get: operation("i", { responses: ok({ $ref: "#/components/schemas/Item" }) }) } },
      { Item: item }
    )
    const after = document({ "/v2/i": { get: operation("i", { responses: ok(item) }) } })
    assertNoChanges(diffDocuments(before, after))
  })

  it("terminates on cyclic references and still sees changes inside the cycle", () => {
    const schemas = (extra: Record<string, unknown>) => ({
      Node: {
        type: "object",
        properties: {
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
          parent: { $ref: "#/components/schemas/Parent" },
          ...extra
        }
      },
      Parent: { type: "object", properties: { node: { $ref: "#/components/schemas/Node" } } },
      Self: { $ref: "#/components/schemas/Self" }
    })
    const paths = {
      "/v2/tree": { get: operation("tree", { responses: ok({ $ref: "#/components/schemas/Parent" }) }) },
      "/v2/self": { get: operation("self", { responses: ok({ $ref: "#/components/schemas/Self" }) }) }
    }
    const before = document(paths, schemas({}))
    const after = document(paths, schemas({ label: { type: "string" } }))
    assertNoChanges(diffDocuments(before, before))
    const diff = diffDocuments(before, after)
    assert.deepStrictEqual(diff.summary, { added: 0, removed: 0, changed: 1, unchanged: 1 })
    assert.deepStrictEqual(messages(diff, "GET", "/v2/tree"), [
      "response 200: schema changed (Node: properties added: label)"
    ])
  })

  it("formats a report with sections and the summary line last", () => {
    const before = document({ "/v2/a": { get: operation("getA") }, "/v2/gone": { get: operation("gone") } })
    const after = document({
      "/v2/a": { get: operation("getA", { parameters: [{ name: "q", in: "query", schema: { type: "string" } }] }) },
      "/v2/new": { post: operation("create") }
    })
    assert.strictEqual(
      formatDiff(diffDocuments(before, after)),
      [
        "Added operations (1):",
        "  + POST    /v2/new  (create)",
        "",
        "Removed operations (1):",
        "  - GET     /v2/gone  (gone)",
        "",
        "Changed operations (1):",
        "  ~ GET     /v2/a  (getA)",
        "      parameter added: query q (optional)",
        "",
        "Summary: 1 added, 1 removed, 1 changed, 0 unchanged"
      ].join("\n")
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------------

describe("loadDocument", () => {
  let dir = ""
  let baseUrl = ""
  const server = createServer((request, response) => {
    if (request.url === "/spec.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(document({})))
    } else if (request.url === "/html") {
      response.writeHead(200, { "content-type": "text/html" }).end("<html></html>")
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("nope")
    }
  })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "spec-diff-test-"))
    await writeFile(join(dir, "good.json"), JSON.stringify(document({ "/v2/x": { get: operation("x") } })))
    await writeFile(join(dir, "bad.json"), "{ not json")
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await rm(dir, { recursive: true, force: true })
  })

  const rejection = async (promise: Promise<unknown>): Promise<string> => {
    try {
      await promise
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    }
    assert.fail("expected the promise to reject")
  }

  it("reads a file by absolute path, relative path and file: URL", async () => {
    const absolute = join(dir, "good.json")
    const fromAbsolute = await loadDocument(absolute)
    const relativePath = relative(process.cwd(), absolute)
    assert.isFalse(isAbsolute(relativePath))
    assert.deepStrictEqual(await loadDocument(relativePath), fromAbsolute)
    assert.deepStrictEqual(await loadDocument(new URL(`file://${absolute}`).href), fromAbsolute)
    assert.hasAllKeys(asOpenApiDocument(fromAbsolute, absolute).paths, ["/v2/x"])
  })

  it("says which file is missing and which is not JSON", async () => {
    assert.match(await rejection(loadDocument(join(dir, "missing.json"))), /^file not found: .*missing\.json$/)
    assert.match(await rejection(loadDocument(join(dir, "bad.json"))), /bad\.json is not valid JSON/)
    assert.match(await rejection(loadDocument(dir)), /not a file/)
  })

  it("fetches http(s) URLs and reports the HTTP status", async () => {
    const loaded = await loadDocument(`${baseUrl}/spec.json`)
    assert.deepStrictEqual(asOpenApiDocument(loaded, "spec").paths, {})
    assert.strictEqual(
      await rejection(loadDocument(`${baseUrl}/missing`)),
      `cannot fetch ${baseUrl}/missing: HTTP 404 Not Found`
    )
    assert.match(await rejection(loadDocument(`${baseUrl}/html`)), /\/html is not valid JSON/)
  })

  it("rejects JSON that is not an OpenAPI 3 document", () => {
    assert.throws(() => asOpenApiDocument([], "a.json"), /a\.json is not an OpenAPI document/)
    assert.throws(() => asOpenApiDocument({ openapi: "3.0.0" }, "b.json"), /no "paths" object/)
    assert.throws(() => asOpenApiDocument({ swagger: "2.0", paths: {} }, "c.json"), /only OpenAPI 3\.x/)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------------------------

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))
const cli = fileURLToPath(new URL("../../../scripts/spec-diff.ts", import.meta.url))

const runCli = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", cli, ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr })
    })
  })

describe("spec-diff CLI", () => {
  it("exits 2 with one line on stderr for usage errors and unreadable documents", async () => {
    const usage = await runCli(["only-one.json"])
    assert.strictEqual(usage.code, 2)
    assert.match(usage.stderr, /^spec-diff: expected 2 documents, got 1 \(usage: .*\)\n$/)

    const missing = await runCli(["does-not-exist.json", "package.json"])
    assert.strictEqual(missing.code, 2)
    assert.match(missing.stderr, /^spec-diff: file not found: .*does-not-exist\.json\n$/)

    const notOpenApi = await runCli(["package.json", "package.json"])
    assert.strictEqual(notOpenApi.code, 2)
    assert.strictEqual(notOpenApi.stderr, 'spec-diff: package.json is not an OpenAPI document (no "paths" object)\n')
  })
})

// ---------------------------------------------------------------------------------------------------------------
// The real Cal.com pair
// ---------------------------------------------------------------------------------------------------------------

const sharedSpec = (name: string): string => fileURLToPath(new URL(`../../../../shared/spec/${name}`, import.meta.url))
const previous = sharedSpec("calcom-v2-openapi.2025-10.json")
const current = sharedSpec("calcom-v2-openapi.2026-03.json")

describe("Cal.com API v2, 2025-10 -> 2026-03", () => {
  it.skipIf(!existsSync(previous) || !existsSync(current))(
    "adds 42 operations, removes none and changes some",
    async () => {
      const before = asOpenApiDocument(await loadDocument(previous), previous)
      const after = asOpenApiDocument(await loadDocument(current), current)
      const diff = diffDocuments(before, after)
      assert.strictEqual(diff.summary.added, 42)
      assert.strictEqual(diff.summary.removed, 0)
      assert.isAbove(diff.summary.changed, 0)
      assert.strictEqual(diff.summary.changed + diff.summary.unchanged, 230)
      assertNoChanges(diffDocuments(after, after))

      const cli = await runCli([previous, current, "--json"])
      assert.strictEqual(cli.code, 0, cli.stderr)
      const parsed: unknown = JSON.parse(cli.stdout)
      assert.deepStrictEqual(parsed, JSON.parse(JSON.stringify(diff)))
    }
  )
})
