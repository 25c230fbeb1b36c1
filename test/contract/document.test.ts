/**
 * The patched document is truthful for the operation families the facade uses: Prism
 * (`--errors`) answers every read and delete of me, event types, slots, bookings, teams,
 * schedules and webhooks without a violation of the document (it answers 500 with
 * `sl-violations` when its own response breaks the document).
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import { mockUrl } from "./mock.js"

interface Parameter {
  readonly name: string
  readonly in: string
  readonly required?: boolean
  readonly schema?: { readonly type?: string; readonly enum?: ReadonlyArray<string>; readonly example?: unknown }
}

const doc = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../generated/openapi.patched.json", import.meta.url)), "utf8")
) as { paths: Record<string, Record<string, { parameters?: ReadonlyArray<Parameter> }>> }

const FAMILIES = /^\/v2\/(me|event-types|slots|bookings|teams|schedules|webhooks)(\/|$)/

const cases = Object.entries(doc.paths)
  .filter(([path]) => FAMILIES.test(path))
  .flatMap(([path, item]) =>
    (["get", "delete"] as const).flatMap((method) => (item[method] ? [{ method, path, operation: item[method] }] : []))
  )

describe("Prism serves valid responses for the facade's operation families", () => {
  it("covers a meaningful number of operations", () => {
    assert.isAtLeast(cases.length, 45)
  })

  for (const { method, path, operation } of cases) {
    it(`${method.toUpperCase()} ${path}`, async () => {
      const url = new URL(
        path.replace(/\{([^}]+)\}/g, (_, name: string) => (/uid/i.test(name) ? "abc" : "1")),
        mockUrl()
      )
      const headers: Record<string, string> = { Authorization: "Bearer cal_test_contract_key_0123456789" }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === "header" && parameter.name === "cal-api-version") {
          headers["cal-api-version"] = parameter.schema?.enum?.[0] ?? ""
        }
        if (parameter.in === "query" && parameter.required) {
          url.searchParams.set(parameter.name, parameter.schema?.type === "number" ? "1" : "2050-09-05")
        }
      }
      const response = await fetch(url, { method: method.toUpperCase(), headers })
      await response.arrayBuffer()
      assert.isNull(
        response.headers.get("sl-violations"),
        `${response.status} ${response.headers.get("sl-violations")}`
      )
      assert.isBelow(response.status, 300)
    })
  }
})
