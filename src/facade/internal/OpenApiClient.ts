/**
 * The typed openapi-fetch client every facade call goes through.
 *
 * Its middleware adds what the caller must never pass by hand: `Authorization` from the
 * configured key, and the `cal-api-version` each operation requires, read from the table that
 * `npm run generate` derives from the document.
 *
 * @internal
 */

import * as Redacted from "effect/Redacted"
import createClient, { type Client, type Middleware } from "openapi-fetch"
import type { paths } from "../../../generated/openapi.js"
import { type OperationInfo, operations } from "../../../generated/operations.js"

export type CalComPaths = paths
export type CalComClient = Client<paths>

/** What the transport knows about `METHOD /path/{template}`, if the document has it. */
export const operationInfo = (method: string, schemaPath: string): OperationInfo | undefined =>
  operations[`${method.toUpperCase()} ${schemaPath}`]

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
    const version = operationInfo(request.method, schemaPath)?.version
    if (version !== undefined) request.headers.set("cal-api-version", version)
    // The one place the key leaves its Redacted wrapper: straight into the header.
    if (apiKey !== undefined) request.headers.set("Authorization", `Bearer ${Redacted.value(apiKey)}`)
    return request
  }
})

export const makeOpenApiClient = (options: OpenApiClientOptions): CalComClient => {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    // Cal.com reads array query parameters as one comma-separated value: status=upcoming,past
    querySerializer: { array: { style: "form", explode: false } },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch })
  })
  client.use(headersMiddleware(options.apiKey))
  return client
}
