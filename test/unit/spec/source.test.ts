/** Resolution of the pinned document: explicit source first, sha256 always verified. */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { resolveDocument, sha256 } from "../../../scripts/lib/source.js"

const dir = mkdtempSync(join(tmpdir(), "calcom-source-"))
const file = join(dir, "doc.json")
writeFileSync(file, '{"openapi":"3.0.0"}')
const digest = sha256(new TextEncoder().encode('{"openapi":"3.0.0"}'))

describe("resolveDocument", () => {
  it("accepts an explicit path whose hash matches the pin", async () => {
    const resolved = await resolveDocument({ explicit: file, pin: { file: "x.json", url: "", sha256: digest } })
    assert.strictEqual(resolved.source, file)
    assert.strictEqual(resolved.sha256, digest)
  })

  it("refuses a document whose hash differs from the pin, and says how to re-pin", async () => {
    const error = await resolveDocument({
      explicit: file,
      pin: { file: "x.json", url: "", sha256: "0".repeat(64) }
    }).then(
      () => undefined,
      (e: unknown) => e as Error
    )
    assert.match(error?.message ?? "", /pins 0{64}/)
    assert.match(error?.message ?? "", /spec:update/)
  })

  it("fails clearly when no source is reachable", async () => {
    const error = await resolveDocument({
      pin: { file: "missing.json", url: "http://127.0.0.1:9/none.json", sha256: digest }
    }).then(
      () => undefined,
      (e: unknown) => e as Error
    )
    assert.match(error?.message ?? "", /no source for the Cal.com document was reachable/)
  })

  it("accepts any explicit document when verification is off (re-pinning)", async () => {
    const resolved = await resolveDocument({
      explicit: file,
      verify: false,
      pin: { file: "x.json", url: "", sha256: "0".repeat(64) }
    })
    assert.strictEqual(resolved.sha256, digest)
  })
})
