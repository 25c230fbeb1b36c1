/**
 * The core entries bundle for any runtime with `fetch`: esbuild with `platform: "neutral"` (no
 * Node built-ins, as for a browser or a Worker without `nodejs_compat`) resolves everything
 * reachable from `src/index.ts` and `src/tools/index.ts`, and none of it is dotenv or `node:*`.
 * Only the Node entry (`src/node.ts`) brings dotenv.
 */
import { resolve } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { build, type Metafile } from "esbuild"

const root = resolve(import.meta.dirname, "../..")

/** Bundles `entry` in memory and returns its metafile; a module that cannot be resolved fails the build. */
const bundle = (entry: string, platform: "neutral" | "node") =>
  Effect.promise(() =>
    build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform,
      format: "esm",
      metafile: true,
      logLevel: "silent",
      ...(platform === "neutral" ? { mainFields: ["module", "main"], conditions: ["import"] } : {})
    })
  ).pipe(Effect.map((result) => result.metafile))

/** Every module in the bundle, and every import left outside it. */
const modulesOf = (metafile: Metafile): Array<string> => [
  ...Object.keys(metafile.inputs),
  ...Object.values(metafile.outputs).flatMap((output) => output.imports.map((i) => i.path))
]

const nodeOnly = (path: string) => /(^|[/\\])dotenv([/\\]|$)|^node:/.test(path)

describe("portability", () => {
  for (const entry of ["src/index.ts", "src/tools/index.ts"]) {
    it.effect(`${entry} bundles with platform "neutral", without dotenv or node:*`, () =>
      Effect.gen(function* () {
        const modules = modulesOf(yield* bundle(entry, "neutral"))
        assert.include(modules, entry)
        assert.isTrue(
          modules.some((m) => m.includes("node_modules/effect/")),
          "effect is bundled"
        )
        assert.deepStrictEqual(modules.filter(nodeOnly), [])
      })
    )
  }

  it.effect("src/node.ts bundles for Node and brings dotenv", () =>
    Effect.gen(function* () {
      const modules = modulesOf(yield* bundle("src/node.ts", "node"))
      assert.isTrue(
        modules.some((m) => m.includes("node_modules/dotenv/")),
        "dotenv is bundled"
      )
      assert.include(modules, "src/facade/DotEnv.ts")
    })
  )
})
