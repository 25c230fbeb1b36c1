/**
 * An injectable fake `fetch` for unit tests of the transport: pass `fake.fetch` as the client's
 * `fetch` option (nothing global is patched). It records every request it is given and answers
 * from a handler, which may return a `Response`, a promise of one, or throw (a network failure).
 *
 * Like the real `fetch`, a pending answer is abandoned when the request's signal aborts: the
 * returned promise rejects with an `AbortError` and `aborts` counts it. `hang()` is an answer
 * that never comes, so only an abort (a timeout, an interrupted fiber) ends the request.
 *
 * Test infrastructure only: plain TypeScript, no Effect.
 */

/** One request as the fake saw it. Header names are lower-case. */
export interface RecordedRequest {
  readonly method: string
  readonly url: string
  /** Path and query of the URL (`/v2/bookings?take=10`). */
  readonly path: string
  /** Path without the query (`/v2/bookings`). */
  readonly pathname: string
  /** The query, decoded. */
  readonly query: URLSearchParams
  readonly headers: Readonly<Record<string, string>>
  /** The body as text, `undefined` when the request has none. */
  readonly body: string | undefined
  /** The body parsed as JSON, `undefined` when the request has none or it is not JSON. */
  readonly json: unknown
  readonly signal: AbortSignal
}

/** Answers request number `index` (0-based). Throw to simulate a network failure. */
export type Handler = (request: RecordedRequest, index: number) => Response | Promise<Response>

export interface FakeFetch {
  /** The function to pass as `fetch`. */
  readonly fetch: typeof globalThis.fetch
  /** Every request received so far, in order. */
  readonly requests: ReadonlyArray<RecordedRequest>
  /** How many requests were aborted while their answer was pending. */
  readonly aborts: number
}

const parseJson = (body: string | undefined): unknown => {
  if (body === undefined || body === "") return undefined
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

const abortError = () => new DOMException("This operation was aborted", "AbortError")

/** A fake `fetch` answering from `handler`. */
export const makeFakeFetch = (handler: Handler): FakeFetch => {
  const requests: Array<RecordedRequest> = []
  let aborts = 0

  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    const body = request.body === null ? undefined : await request.text()
    const url = new URL(request.url)
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      path: `${url.pathname}${url.search}`,
      pathname: url.pathname,
      query: url.searchParams,
      headers,
      body,
      json: parseJson(body),
      signal: request.signal
    }
    const index = requests.length
    requests.push(recorded)
    if (request.signal.aborted) {
      aborts++
      throw abortError()
    }
    const answer = Promise.resolve().then(() => handler(recorded, index))
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        aborts++
        reject(abortError())
      }
      request.signal.addEventListener("abort", onAbort, { once: true })
      answer.then(
        (response) => {
          request.signal.removeEventListener("abort", onAbort)
          resolve(response)
        },
        (error: unknown) => {
          request.signal.removeEventListener("abort", onAbort)
          reject(error)
        }
      )
    })
  }

  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    get aborts() {
      return aborts
    }
  }
}

/** A handler answering the n-th request with the n-th step, repeating the last one afterwards. */
export const sequence =
  (...steps: ReadonlyArray<(request: RecordedRequest) => Response | Promise<Response>>): Handler =>
  (request, index) => {
    const step = steps[Math.min(index, steps.length - 1)]
    if (step === undefined) throw new Error("sequence() needs at least one step")
    return step(request)
  }

/** A JSON response. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })

/** Cal.com's error body: `{ status: "error", timestamp, path, error: { code, message, details } }`. */
export const errorEnvelope = (
  status: number,
  code: string,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {}
): Response =>
  json(
    status,
    {
      status: "error",
      timestamp: "2026-01-01T00:00:00.000Z",
      path: "/v2/test",
      error: { code, message, ...(details === undefined ? {} : { details }) }
    },
    headers
  )

/** An answer that never comes: only an abort of the request's signal ends it (see `aborts`). */
export const hang = (): Promise<Response> => new Promise<Response>(() => {})

/** What undici throws for a network failure with `code` (`ECONNRESET`, `ECONNREFUSED`, ...). */
export const networkError = (code: string): TypeError =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) })
