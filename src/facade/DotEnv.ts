/**
 * Configuration from a `.env` file, for Node (the `effect-calcom/node` entry).
 *
 * The file is parsed with `dotenv.parse` and put under the current `ConfigProvider`: the
 * environment wins, variable by variable, and the user's `process.env` is never written.
 * This module imports `node:fs/promises`, `node:path` and dotenv, which is why it is not
 * reachable from the core entry (see `src/node.ts`).
 */
import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { parse } from "dotenv"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { type CalCom, layerLoaded } from "./CalCom.js"
import { type CalComOptions, type DotEnvSource, loadOptions as loadOptionsWith } from "./Config.js"
import { CalComConfigError, type CalComError } from "./Errors.js"

export type { DotEnvSource } from "./Config.js"

const isMissingFile = (error: unknown): error is NodeJS.ErrnoException =>
  typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT"

/**
 * Reads a `.env` file with `dotenv` (parse only: the user's `process.env` is never written).
 * `path` is absolute or relative to the working directory at the time the effect runs; default
 * `.env`. A missing default file is fine; a missing explicit one is an error.
 */
export const readDotEnv = (path?: string): Effect.Effect<DotEnvSource, CalComConfigError> =>
  Effect.gen(function* () {
    const absolute = resolve(path ?? ".env")
    const unreadable = new CalComConfigError({
      variable: "CAL_COM_DOTENV",
      message: `the .env file ${path ?? ".env"} could not be read`
    })
    const contents = yield* Effect.tryPromise({ try: () => readFile(absolute, "utf8"), catch: (error) => error }).pipe(
      Effect.map(Option.some),
      Effect.catchIf(
        isMissingFile,
        () => Effect.succeedNone,
        () => Effect.fail(unreadable)
      )
    )
    if (Option.isNone(contents)) {
      if (path !== undefined) {
        return yield* new CalComConfigError({
          variable: "CAL_COM_DOTENV",
          message: `the .env file ${absolute} does not exist`
        })
      }
      return { path: absolute, found: false, values: {} }
    }
    const values = yield* Effect.try({ try: () => parse(contents.value), catch: () => unreadable })
    return { path: absolute, found: true, values }
  })

/**
 * Options from the current `ConfigProvider` (by default the environment), then the `.env` file
 * at `dotEnvPath` (default `.env` in the working directory). A missing key's message names the
 * file, or says there was none; a debug log says where the key came from, never the key.
 */
export const loadOptions = (dotEnvPath?: string): Effect.Effect<CalComOptions, CalComConfigError> =>
  Effect.flatMap(readDotEnv(dotEnvPath), loadOptionsWith)

/**
 * A client configured from `Config`: the current `ConfigProvider` (the environment by default),
 * then the `.env` file at `dotEnvPath` (default `.env` in the working directory). With
 * `CAL_COM_REDIS_URL` (or `redisUrl` in `overrides`), the rate budget and the circuit are shared
 * through that Redis with every client of the same key (`effect-calcom/redis`).
 */
export const layerConfig = (
  options: {
    /** A `.env` file, absolute or relative to the working directory; it must exist when given. */
    readonly dotEnvPath?: string | undefined
    /** Settings that override what configuration says (e.g. a custom `fetch`). */
    readonly overrides?: Partial<CalComOptions> | undefined
  } = {}
): Layer.Layer<CalCom, CalComError> =>
  Layer.unwrap(
    Effect.map(loadOptions(options.dotEnvPath), (loaded) => {
      const settings = { ...loaded, ...options.overrides }
      const client = layerLoaded(Effect.succeed(settings), undefined)
      const { redisUrl } = settings
      // The Redis client (and `effect/persistence`) is loaded only when sharing is asked for.
      return redisUrl === undefined
        ? client
        : Layer.provide(
            client,
            Layer.unwrap(
              Effect.map(
                Effect.promise(() => import("./RedisClient.js")),
                (redis) => redis.layer({ url: redisUrl })
              )
            )
          )
    })
  )
