/**
 * `effect-calcom/redis`: one rate budget and one circuit for every client of a key, across
 * processes and machines, kept in Redis.
 *
 * ```ts
 * import { CalCom } from "effect-calcom"
 * import * as CalComRedis from "effect-calcom/redis"
 * const client = CalCom.layer({ apiKey }).pipe(Layer.provide(CalComRedis.layer({ url: "redis://localhost:6379" })))
 * ```
 *
 * Needs the `ioredis` package (an optional peer dependency: `npm install ioredis`), or a `Redis`
 * service of your own (`layerFromRedis`). `layerConfig` from `effect-calcom/node` does this by
 * itself when `CAL_COM_REDIS_URL` is set.
 */
export { Coordination, type Gate, type GateRequest } from "./facade/Coordination.js"
export { layer, layerConfig, layerFromRedis, makeRedis, type RedisCoordinationOptions } from "./facade/RedisClient.js"
export { makeSharedCoordination, type SharedGateOptions } from "./facade/SharedGate.js"
