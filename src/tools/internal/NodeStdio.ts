/**
 * `Stdio` for a Node process: stdin as a byte stream, stdout and stderr as sinks that respect
 * back-pressure. Effect's core has the `Stdio` contract but no Node implementation, and this
 * package does not depend on `@effect/platform-node` for one layer.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as PlatformError from "effect/PlatformError"
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

/** Writes each chunk and waits for the stream to take it before the next. */
const writer = (stream: NodeJS.WriteStream, method: string) => {
  const write = (chunk: string | Uint8Array) =>
    Effect.callback<void, PlatformError.PlatformError>((resume) => {
      stream.write(chunk, (error) => resume(error ? Effect.fail(failure(method, error)) : Effect.void))
    })
  return Sink.forEach(write)
}

/** The current process's standard streams and arguments. */
export const layer: Layer.Layer<Stdio.Stdio> = Layer.sync(Stdio.Stdio, () =>
  Stdio.make({
    args: Effect.sync(() => process.argv.slice(2)),
    stdinIsTerminal: Effect.sync(() => process.stdin.isTTY === true),
    stdoutIsTerminal: Effect.sync(() => process.stdout.isTTY === true),
    stderrIsTerminal: Effect.sync(() => process.stderr.isTTY === true),
    stdout: () => writer(process.stdout, "stdout"),
    stderr: () => writer(process.stderr, "stderr"),
    stdin: Stream.fromAsyncIterable(process.stdin as AsyncIterable<Uint8Array>, (cause) => failure("stdin", cause))
  })
)
