/**
 * The OpenAPI spec diff through its edges: the loader (files, a loopback HTTP server), the CLI's
 * exit codes (child processes), and the real 2025-10 -> 2026-03 Cal.com pair when it is available
 * in `../shared/spec/`. The diff itself is specified in `test/unit/scripts/spec-diff.test.ts`.
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
import { asOpenApiDocument, diffDocuments, loadDocument } from "../../../scripts/lib/spec-diff/index.js"
import { assertNoChanges, document, operation } from "../../support/specDocuments.js"

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
