/**
 * effect-calcom/node: configuration from the environment and a `.env` file, for Node 20+ (and
 * runtimes that provide Node's `fs`, such as Bun and Deno).
 *
 * ```ts
 * import { CalCom } from "effect-calcom"
 * import { layerConfig } from "effect-calcom/node"
 *
 * program.pipe(Effect.provide(layerConfig({ dotEnvPath: ".env.local" })))
 * ```
 *
 * Why a separate entry: reading a file needs `node:fs/promises`, `node:path` and dotenv. In the
 * core entry they cost every user, measured with esbuild: a one-operation program shipped dotenv
 * (5.3 KB minified, 2.6 KB gzip) even with `CalCom.layer(options)`, since a class static cannot
 * be tree-shaken; and bundling for a fetch runtime without Node (esbuild `platform: "neutral"` or
 * `"browser"`, Cloudflare Workers without `nodejs_compat`) failed on `node:fs/promises`. So
 * `effect-calcom` reads only `Config` (`CalCom.layerConfig`), and the `.env` file is read here.
 *
 * It also serves a web-standard webhook handler on `node:http` (`nodeWebhookListener`).
 */
export { type DotEnvSource, layerConfig, loadOptions, readDotEnv } from "./facade/DotEnv.js"
export { nodeWebhookListener } from "./facade/WebhookNode.js"
