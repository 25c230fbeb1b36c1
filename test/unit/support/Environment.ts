/**
 * Test helpers for configuration: a configuration source that ignores the real environment,
 * temporary `.env` files, and a scoped working directory. Everything is undone when the test's
 * scope closes.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"

/** Runs `effect` with `env` as the only configuration source (the real environment is ignored). */
export const withEnv =
  (env: Record<string, string>) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provideService(effect, ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))

/** A temporary directory, removed when the test's scope closes. */
export const tempDir = Effect.acquireRelease(
  Effect.promise(() => mkdtemp(join(tmpdir(), "effect-calcom-test-"))),
  (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true }))
)

/** A temporary `.env` file with `contents`, in a directory of its own; returns its path. */
export const dotEnvFile = (contents: string) =>
  Effect.gen(function* () {
    const dir = yield* tempDir
    const path = join(dir, ".env")
    yield* Effect.promise(() => writeFile(path, contents, "utf8"))
    return path
  })

/** Makes `dir` the working directory until the test's scope closes (for the default `.env` path). */
export const inDirectory = (dir: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const previous = process.cwd()
      process.chdir(dir)
      return previous
    }),
    (previous) => Effect.sync(() => process.chdir(previous))
  )
