/**
 * Which part of a per-call difference is the transport and which is the models: the older
 * commit's transport and models and this one's, crossed, on the same canned body with a stub
 * `fetch`, in one process (one copy of Effect), rounds interleaved. `bench:compare` says whether a
 * figure moved; this says why.
 *
 *   git worktree add ../before ced6ead && (cd ../before && npm ci && npm run generate)
 *   # one copy of effect and openapi-fetch for both, or their classes differ:
 *   (cd ../before/node_modules && rm -rf effect openapi-fetch && ln -s ../../main/node_modules/effect && ln -s ../../main/node_modules/openapi-fetch)
 *   npm run bench          # writes the canned bodies to bench/results/bodies
 *   npx tsx bench/attribute.ts --base ../before --endpoint bookings
 *
 * The older transport is `src/facade/Http.ts` of ced6ead (its `Call` names `send`); the newer
 * one is `Transport.ts`. Models: each commit's `Models.ts` (`User`, `Booking`, `Pagination`).
 */
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { resolveOptions } from "../src/facade/Config.js"
import { decodeWith } from "../src/facade/Decode.js"
import { Booking, Pagination, User } from "../src/facade/Models.js"
import { buildTransport } from "../src/facade/Transport.js"
import { API_KEY, median, round, stubFetch } from "./shared.js"

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    endpoint: { type: "string", default: "bookings" },
    calls: { type: "string" },
    rounds: { type: "string", default: "21" }
  }
})
if (values.base === undefined) {
  console.error("usage: npx tsx bench/attribute.ts --base <checkout of the older commit> [--endpoint me|bookings]")
  process.exit(2)
}
const BASE = resolve(values.base)
const endpoint = values.endpoint === "me" ? "me" : "bookings"
const CALLS = Number(values.calls ?? (endpoint === "me" ? 2000 : 100))
const ROUNDS = Number(values.rounds)
const bodyFile = join(import.meta.dirname, "results/bodies", `${endpoint}.json`)
if (!existsSync(bodyFile)) {
  console.error(`${bodyFile} is missing: run npm run bench first (it writes the canned bodies)`)
  process.exit(2)
}
const body = readFileSync(bodyFile, "utf8")
const stub = stubFetch(body)
const path = endpoint === "me" ? "/v2/me" : "/v2/bookings"
const params = endpoint === "me" ? {} : { params: { query: { take: 100, skip: 0 } } }

/** The older commit's modules, untyped: their shapes are that commit's. */
// biome-ignore lint/suspicious/noExplicitAny: another commit's modules have no types here
type Loose = any
const older = async () => ({
  config: (await import(join(BASE, "src/facade/Config.ts"))) as Loose,
  http: (await import(join(BASE, "src/facade/Http.ts"))) as Loose,
  models: (await import(join(BASE, "src/facade/Models.ts"))) as Loose
})

const envelope = (models: { User: Schema.Top; Booking: Schema.Top; Pagination: Schema.Top }) =>
  endpoint === "me"
    ? Schema.Struct({ data: models.User })
    : Schema.Struct({ data: Schema.Array(models.Booking), pagination: models.Pagination })

const main = async () => {
  const old = await older()
  const program = Effect.gen(function* () {
    const options = { apiKey: API_KEY, baseUrl: "http://127.0.0.1:1", fetch: stub }
    const oldTransport: Loose = yield* old.http.buildTransport(yield* old.config.resolveOptions(options))
    const newTransport = yield* buildTransport(yield* resolveOptions(options))
    const schemas = { old: envelope(old.models), new: envelope({ User, Booking, Pagination }) }
    const viaOld = (schema: Schema.Top): Effect.Effect<unknown, unknown> =>
      oldTransport.call({
        operation: "X.get",
        method: "GET",
        path,
        send: (client: Loose, init: object) => client.GET(path, { ...init, ...params }),
        decode: old.http.decodeWith(schema)
      })
    const viaNew = (schema: Schema.Top): Effect.Effect<unknown, unknown> =>
      newTransport.dispatch({ operation: "X.get", method: "GET", path, ...params, decode: decodeWith(schema as Loose) })
    const variants: ReadonlyArray<readonly [string, Effect.Effect<unknown, unknown>]> = [
      ["older transport, older models", viaOld(schemas.old)],
      ["older transport, newer models", viaOld(schemas.new)],
      ["newer transport, older models", viaNew(schemas.old)],
      ["newer transport, newer models", viaNew(schemas.new)]
    ]
    const samples = variants.map(() => [] as Array<number>)
    for (const [, call] of variants) for (let i = 0; i < CALLS; i++) yield* call
    for (let r = 0; r < ROUNDS; r++) {
      for (const [index, [, call]] of variants.entries()) {
        const started = performance.now()
        for (let i = 0; i < CALLS; i++) yield* call
        samples[index]?.push(((performance.now() - started) / CALLS) * 1000)
      }
    }
    console.log(`${endpoint}: µs per call, median of ${ROUNDS} rounds of ${CALLS} [min–max]`)
    for (const [index, [name]] of variants.entries()) {
      const xs = samples[index] ?? []
      console.log(
        `  ${name.padEnd(32)} ${round(median(xs), 1)} [${round(Math.min(...xs), 0)}–${round(Math.max(...xs), 0)}]`
      )
    }
  })
  await Effect.runPromise(Effect.scoped(program) as Effect.Effect<void, unknown>)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
