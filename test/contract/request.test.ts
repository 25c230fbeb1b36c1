/**
 * `request` (effect-calcom/request) against Prism (`--errors`): one operation of every tag of the
 * patched document (the tags are read from it), sent through the client's transport. Prism
 * refuses a request the document does not allow (credentials, `cal-api-version`, path, query,
 * body), so each case proves the pipeline sends what the document says for that route.
 *
 * Inputs are built from the document: path and required query parameters and the required fields
 * of a JSON body, from their `example`, `enum` or type. A read is preferred, then a delete, then a write.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { CalCom } from "../../src/facade/CalCom.js"
import { type RouteKey, requestWith } from "../../src/facade/Request.js"
import { mockUrl } from "./mock.js"

type Json = { readonly [key: string]: unknown }
interface Parameter {
  readonly name: string
  readonly in: string
  readonly required?: boolean
  readonly schema?: Json
}
interface OperationObject {
  readonly tags?: ReadonlyArray<string>
  readonly parameters?: ReadonlyArray<Parameter>
  readonly security?: ReadonlyArray<Record<string, unknown>>
  readonly requestBody?: { readonly required?: boolean; readonly content?: Record<string, { schema?: Json }> }
}

const doc = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../generated/openapi.patched.json", import.meta.url)), "utf8")
) as { paths: Record<string, Record<string, OperationObject>>; components?: { schemas?: Record<string, Json> } }

const resolve = (schema: Json): Json => {
  const ref = schema["$ref"]
  if (typeof ref !== "string") return schema
  return resolve(doc.components?.schemas?.[ref.replace("#/components/schemas/", "")] ?? {})
}

/** A value the schema accepts: its example, its first enum member, or one built from its type. */
const sample = (raw: Json, depth = 0): unknown => {
  const schema = resolve(raw)
  if (schema["example"] !== undefined) return schema["example"]
  const enumeration = schema["enum"]
  if (Array.isArray(enumeration)) return enumeration[0]
  for (const key of ["oneOf", "anyOf"] as const) {
    const first = (schema[key] as ReadonlyArray<Json> | undefined)?.[0]
    if (first !== undefined) return sample(first, depth + 1)
  }
  const all = schema["allOf"] as ReadonlyArray<Json> | undefined
  if (all !== undefined) return Object.assign({}, ...all.map((s) => sample(s, depth + 1)))
  switch (schema["type"]) {
    case "object": {
      const properties = (schema["properties"] ?? {}) as Record<string, Json>
      const required = (schema["required"] ?? []) as ReadonlyArray<string>
      return depth > 6
        ? {}
        : Object.fromEntries(required.map((name) => [name, sample(properties[name] ?? {}, depth + 1)]))
    }
    case "array":
      return (
        Number(schema["minItems"] ?? 0) > 0 ? [sample((schema["items"] ?? {}) as Json, depth + 1)] : []
      ) as unknown
    case "integer":
    case "number":
      return Number(schema["minimum"] ?? 1)
    case "boolean":
      return true
    default:
      switch (schema["format"]) {
        case "date-time":
          return "2050-09-05T10:00:00.000Z"
        case "date":
          return "2050-09-05"
        case "email":
          return "ada@example.com"
        case "uri":
        case "url":
          return "https://example.com"
        default:
          return "abc"
      }
  }
}

const METHODS = ["get", "delete", "put", "patch", "post"] as const

/** One operation per tag: a read if the tag has one, else a delete, else a write. */
const perTag = new Map<string, { method: string; path: string; operation: OperationObject }>()
for (const method of METHODS) {
  for (const [path, item] of Object.entries(doc.paths)) {
    const operation = item[method]
    if (operation === undefined) continue
    for (const tag of operation.tags ?? ["(untagged)"]) {
      if (!perTag.has(tag)) perTag.set(tag, { method, path, operation })
    }
  }
}
const allTags = new Set(
  Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((operation) => operation.tags ?? []))
)

const initFor = (operation: OperationObject) => {
  const group = (where: string) =>
    Object.fromEntries(
      (operation.parameters ?? [])
        .filter((p) => p.in === where && p.required === true)
        .map((p) => [p.name, sample(p.schema ?? {})])
    )
  const body = operation.requestBody?.content?.["application/json"]?.schema
  // Platform routes authenticate the OAuth client by headers instead of (or besides) the key.
  const platform = (operation.security ?? []).find((s) => "PlatformSecretKey" in s || "PlatformClientId" in s)
  return {
    params: { path: group("path"), query: group("query") },
    ...(platform === undefined
      ? {}
      : {
          headers: {
            ...("PlatformSecretKey" in platform
              ? { "x-cal-secret-key": Redacted.make("contract-platform-secret") }
              : {}),
            ...("PlatformClientId" in platform ? { "x-cal-client-id": "contract-client" } : {})
          }
        }),
    ...(body === undefined ? {} : { body: sample(body) })
  }
}

describe("request: one operation of every tag of the document, against Prism", () => {
  it("covers every tag", () => {
    assert.strictEqual(perTag.size, allTags.size)
    assert.isAtLeast(perTag.size, 50)
  })

  /** Prism's answer to each request: status and `sl-violations` (set when its own response breaks the document). */
  const answers: Array<{ readonly status: number; readonly violations: string | null }> = []
  const layer = CalCom.layer({
    apiKey: "cal_test_contract_key_0123456789",
    baseUrl: mockUrl(),
    retry: { maxRetries: 0 },
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init)
      answers.push({ status: response.status, violations: response.headers.get("sl-violations") })
      return response
    }
  })

  for (const [tag, { method, path, operation }] of perTag) {
    const route = `${method.toUpperCase()} ${path}`
    it.live(`${tag}: ${route}`, () =>
      Effect.gen(function* () {
        const cal = yield* Effect.service(CalCom)
        const init = initFor(operation)
        // The route comes from the document at run time; the compile-time check is the unit tests'.
        const exit = yield* Effect.exit(requestWith(cal)(route as RouteKey as "GET /v2/me", init as never))
        const answer = answers.at(-1)
        assert.isDefined(answer, "nothing was sent")
        if (exit._tag === "Success") return assert.isBelow(answer.status, 300)
        // Prism accepted the request but its own example for this route breaks the document: the
        // request was what the document asks for, and the typed error says what came back.
        assert.strictEqual(answer.status, 500, String(exit.cause))
        assert.isNotNull(answer.violations, String(exit.cause))
      }).pipe(Effect.provide(layer))
    )
  }
})
