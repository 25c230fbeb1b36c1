/**
 * The typed openapi-fetch client every facade call goes through.
 *
 * Its middleware adds what the caller must never pass by hand: `Authorization` from the
 * configured key, and the `cal-api-version` of the operation's family (`ApiVersions.ts`) for the
 * operations the document marks as versioned (`generated/versions.ts`).
 * The full operation table (`generated/operations.ts`) is for tooling and is not imported here.
 *
 * @internal
 */

import * as Redacted from "effect/Redacted"
import createClient, { type Client, createQuerySerializer, type Middleware } from "openapi-fetch"
import type { paths } from "../../../generated/openapi.js"
import { apiVersions } from "../../../generated/versions.js"
import { API_VERSIONS, familyOf } from "../ApiVersions.js"

export type CalComPaths = paths
export type CalComClient = Client<paths>

/**
 * The `cal-api-version` to send with `METHOD /path/{template}`: its family's row of
 * `API_VERSIONS` when the document says the operation takes the header, else none.
 */
export const apiVersion = (method: string, schemaPath: string): string | undefined => {
  if (apiVersions[`${method.toUpperCase()} ${schemaPath}`] === undefined) return undefined
  const family = familyOf(schemaPath)
  return family === undefined ? undefined : API_VERSIONS[family]
}

export interface OpenApiClientOptions {
  /** Origin of the API, without `/v2` (`https://api.cal.com`). */
  readonly baseUrl: string
  /** The API key (`cal_…`), without `Bearer `. Absent: only public operations work. */
  readonly apiKey?: Redacted.Redacted<string> | undefined
  /** A `fetch` to use instead of the global one (tests, proxies, other runtimes). */
  readonly fetch?: typeof globalThis.fetch | undefined
}

/** Sets `cal-api-version` and `Authorization` on each request. */
export const headersMiddleware = (apiKey: Redacted.Redacted<string> | undefined): Middleware => ({
  onRequest: ({ request, schemaPath }) => {
    const version = apiVersion(request.method, schemaPath)
    if (version !== undefined) request.headers.set("cal-api-version", version)
    // The one place the key leaves its Redacted wrapper: straight into the header.
    if (apiKey !== undefined) request.headers.set("Authorization", `Bearer ${Redacted.value(apiKey)}`)
    return request
  }
})

// Cal.com reads array query parameters as one comma-separated value: status=upcoming,past
const standardQuery = createQuerySerializer({ array: { style: "form", explode: false } })

const isObjectList = (value: unknown): value is ReadonlyArray<Record<string, unknown>> =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))

/**
 * The query string: openapi-fetch's serializer, except that a list of objects (a `deepObject`
 * array such as busy times' `calendarsToLoad`) goes in the bracket notation Cal.com's parser
 * reads, `calendarsToLoad[0][credentialId]=135&calendarsToLoad[0][externalId]=…`; openapi-fetch
 * would send `[object Object]`.
 */
export const serializeQuery = (query: Record<string, unknown>): string => {
  const entries = Object.entries(query)
  const lists = entries.flatMap(([name, value]) =>
    isObjectList(value)
      ? value.flatMap((item, index) =>
          Object.entries(item)
            .filter(([, field]) => field !== undefined && field !== null)
            .map(
              ([key, field]) =>
                `${encodeURIComponent(name)}[${index}][${encodeURIComponent(key)}]=${encodeURIComponent(String(field))}`
            )
        )
      : []
  )
  const rest = standardQuery(Object.fromEntries(entries.filter(([, value]) => !isObjectList(value))))
  return [rest, ...lists].filter((part) => part !== "").join("&")
}

export const makeOpenApiClient = (options: OpenApiClientOptions): CalComClient => {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    querySerializer: serializeQuery,
    // A redirect is answered, not followed: a cross-origin 307 would re-send the body elsewhere.
    redirect: "manual",
    ...(options.fetch === undefined ? {} : { fetch: options.fetch })
  })
  client.use(headersMiddleware(options.apiKey))
  return client
}
