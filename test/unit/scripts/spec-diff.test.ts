/**
 * The OpenAPI spec diff (`scripts/lib/spec-diff.ts`) on small synthetic documents, one kind of change
 * each. Its loader, CLI and the real Cal.com pair are in `test/realtime/scripts/spec-diff.test.ts`.
 */
import { assert, describe, it } from "vitest"
import { diffDocuments, formatDiff } from "../../../scripts/lib/spec-diff/index.js"
import {
  assertNoChanges,
  changedOperation,
  document,
  messages,
  ok,
  operation,
  versionHeader
} from "../../support/specDocuments.js"

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
