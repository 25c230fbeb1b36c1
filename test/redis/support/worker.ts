/**
 * One worker process of the scale test and the bench: a client built by `layerConfig` of
 * `effect-calcom/node` from its environment (`CAL_COM_API_KEY`, `CAL_COM_BASE_URL`, and
 * `CAL_COM_REDIS_URL` when sharing), driven by its parent over IPC:
 *
 * - `{ cmd: "calls", n }`: `n` calls of `me.get` at once; answers `{ tally }` (outcomes by tag);
 * - `{ cmd: "fail", n }`: `n` calls one after the other, without retries (the parent makes the
 *   server fail them);
 * - `{ cmd: "circuit" }`: the client's circuit state and one call's outcome.
 *
 * It says `{ ready: true }` once the client is built, and ends when the parent disconnects.
 */
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { CalCom, withRequestOptions } from "../../../src/index.js"
import { layerConfig } from "../../../src/node.js"
import { outcomeOf } from "../../support/chaos.js"

type Command =
  | { readonly cmd: "calls"; readonly n: number }
  | { readonly cmd: "fail"; readonly n: number }
  | { readonly cmd: "circuit" }

const client = layerConfig({
  overrides: {
    deadline: "60 seconds",
    retry: { maxRetries: 10, baseDelay: "5 millis", maxDelay: "20 millis" },
    circuitBreaker: { failures: 3, openDuration: "10 seconds" }
  }
})
const runtime = ManagedRuntime.make(client)

const tagOf = (exit: Exit.Exit<unknown, unknown>) => {
  const outcome = outcomeOf(exit)
  return outcome.kind === "ok" ? "ok" : outcome.kind === "error" ? outcome.error._tag : `defect ${outcome.detail}`
}

const tally = (exits: ReadonlyArray<Exit.Exit<unknown, unknown>>) => {
  const counts: Record<string, number> = {}
  for (const exit of exits) counts[tagOf(exit)] = (counts[tagOf(exit)] ?? 0) + 1
  return counts
}

const call = Effect.flatMap(Effect.service(CalCom), (cal) => Effect.exit(cal.me.get({ refresh: true })))

const handle = (command: Command): Effect.Effect<unknown, never, CalCom> => {
  switch (command.cmd) {
    case "calls":
      return Effect.map(
        Effect.all(
          Array.from({ length: command.n }, () => call),
          { concurrency: "unbounded" }
        ),
        (exits) => ({ tally: tally(exits) })
      )
    case "fail":
      return Effect.map(
        Effect.all(Array.from({ length: command.n }, () => call.pipe(withRequestOptions({ maxRetries: 0 })))),
        (exits) => ({ tally: tally(exits) })
      )
    case "circuit":
      return Effect.gen(function* () {
        const cal = yield* CalCom
        const before = yield* cal.circuit
        return { circuit: before._tag, outcome: tagOf(yield* call) }
      })
  }
}

const send = (message: unknown) => process.send?.(message)

runtime.runPromise(Effect.service(CalCom)).then(
  () => send({ ready: true }),
  (error: unknown) => {
    send({ failed: String(error) })
    process.exitCode = 1
  }
)
process.on("message", (command: Command) => {
  runtime.runPromise(handle(command)).then(send, (error: unknown) => send({ failed: String(error) }))
})
process.on("disconnect", () => {
  runtime.dispose().finally(() => process.exit())
})
