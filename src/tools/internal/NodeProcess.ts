/**
 * The current Node process for the `calcom-mcp` bin: `Stdio` over its standard streams, and
 * `runMain`, which runs the server until it ends or a signal (SIGINT, SIGTERM) interrupts it.
 *
 * The same contract as `@effect/platform-node`'s `NodeStdio.layer` and `NodeRuntime.runMain`,
 * which this package does not depend on: that package declares engines node >= 22.19 (npm prints
 * EBADENGINE for it, `@effect/platform-node-shared` and `undici` on Node 20, which we support)
 * and brings redis (a peer npm installs), ws and undici into every consumer's tree, for one bin.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as PlatformError from "effect/PlatformError"
import * as Queue from "effect/Queue"
import * as Runtime from "effect/Runtime"
import * as Sink from "effect/Sink"
import * as Stdio from "effect/Stdio"
import * as Stream from "effect/Stream"

const failure = (method: string, cause: unknown) =>
  PlatformError.systemError({
    _tag: "Unknown",
    module: "Stdio",
    method,
    description: cause instanceof Error ? cause.message : String(cause),
    cause
  })

/** Writes each chunk and waits for the stream to take it before the next (back-pressure). */
const writer = (stream: NodeJS.WriteStream, method: string) => {
  const write = (chunk: string | Uint8Array) =>
    Effect.callback<void, PlatformError.PlatformError>((resume) => {
      stream.write(chunk, (error) => resume(error ? Effect.fail(failure(method, error)) : Effect.void))
    })
  return Sink.forEach(write)
}

/**
 * Stdin as a stream of chunks. Ending the stream (a reader that stops, an interruption) removes
 * its listeners and pauses stdin but never destroys it, so a later reader still gets the input.
 */
const stdin: Stream.Stream<Uint8Array, PlatformError.PlatformError> = Stream.callback((queue) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const input = process.stdin
      const onData = (chunk: Uint8Array) => void Queue.offerUnsafe(queue, chunk)
      const onEnd = () => void Queue.endUnsafe(queue)
      const onError = (error: unknown) => void Queue.failCauseUnsafe(queue, Cause.fail(failure("stdin", error)))
      input.on("data", onData).once("end", onEnd).once("error", onError)
      input.resume()
      return () => {
        input.off("data", onData).off("end", onEnd).off("error", onError)
        input.pause()
      }
    }),
    (detach) => Effect.sync(detach)
  )
)

/** The current process's standard streams and arguments. */
export const layer: Layer.Layer<Stdio.Stdio> = Layer.succeed(
  Stdio.Stdio,
  Stdio.make({
    args: Effect.sync(() => process.argv.slice(2)),
    stdinIsTerminal: Effect.sync(() => process.stdin.isTTY === true),
    stdoutIsTerminal: Effect.sync(() => process.stdout.isTTY === true),
    stderrIsTerminal: Effect.sync(() => process.stderr.isTTY === true),
    stdout: () => writer(process.stdout, "stdout"),
    stderr: () => writer(process.stderr, "stderr"),
    stdin
  })
)

/**
 * Runs the main effect; SIGINT or SIGTERM interrupts it (exit 130). A success lets the process
 * end by itself (exit 0); a failure exits with the teardown's code (1).
 */
export const runMain = Runtime.makeRunMain(({ fiber, teardown }) => {
  let signalled = false
  const onSignal = () => {
    signalled = true
    fiber.interruptUnsafe(fiber.id)
  }
  fiber.addObserver((exit) => {
    process.off("SIGINT", onSignal)
    process.off("SIGTERM", onSignal)
    teardown(exit, (code) => {
      if (signalled || code !== 0) process.exit(code)
    })
  })
  process.on("SIGINT", onSignal)
  process.on("SIGTERM", onSignal)
})
