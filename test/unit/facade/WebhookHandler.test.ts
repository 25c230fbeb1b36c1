/**
 * `webhookHandler` and `webhookRoute` (`effect-calcom/http`) with web `Request`s built as Cal.com sends them (no
 * sockets: the round trip through `node:http` is in `test/sockets`): 200 once `onEvent` succeeds,
 * 401 for a bad or missing signature, 413 over the size limit (declared or streamed), 500 when
 * `onEvent` fails so Cal.com retries, and a replayed delivery handled once with `dedupe`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as HttpRouter from "effect/http/HttpRouter"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type { WebhookEvent } from "../../../src/facade/WebhookEvents.js"
import {
  inMemoryWebhookDedupe,
  type WebhookHandlerOptions,
  webhookHandler
} from "../../../src/facade/WebhookHandler.js"
import type { CalComWebhookError } from "../../../src/facade/WebhookVerify.js"
import { webhookRoute } from "../../../src/http.js"
import { delivery, samplePayloads, toRequest } from "../../support/CalComWebhooks.js"

const SECRET = "whsec-handler-test"
const created = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: SECRET })

/** A handler whose `onEvent` records events (and fails while `failing` is set). */
const recording = (options: Partial<WebhookHandlerOptions<string>> = {}) => {
  const events: Array<WebhookEvent> = []
  const rejected: Array<CalComWebhookError> = []
  const state = { failing: false, dying: false }
  const handle = webhookHandler<string>({
    secret: Redacted.make(SECRET),
    onEvent: (event) =>
      state.dying
        ? Effect.die(new Error("bug"))
        : state.failing
          ? Effect.fail("database down")
          : Effect.sync(() => {
              events.push(event)
            }),
    onRejected: (error) =>
      Effect.sync(() => {
        rejected.push(error)
      }),
    ...options
  })
  const call = (request: Request) =>
    Effect.promise(async () => {
      const response = await handle(request)
      return { status: response.status, body: (await response.text()) as string, headers: response.headers }
    })
  return { events, rejected, state, call }
}

/** A streamed body (no Content-Length), `chunks` pieces of `size` bytes. */
const streamed = (chunks: number, size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(size).fill(0x20))
      controller.close()
    }
  })

describe("webhookHandler", () => {
  it.effect("answers 200 once onEvent has handled the verified event", () =>
    Effect.gen(function* () {
      const { events, call } = recording()
      const response = yield* call(toRequest(created))
      assert.strictEqual(response.status, 200)
      assert.deepStrictEqual(JSON.parse(response.body), { ok: true })
      assert.strictEqual(events.length, 1)
      assert.strictEqual(events[0]?.triggerEvent, "BOOKING_CREATED")
    })
  )

  it.effect(
    "answers 401 for a tampered body, a wrong secret, no header and an unsigned webhook, without running onEvent",
    () =>
      Effect.gen(function* () {
        const { events, rejected, call } = recording()
        const tampered = { ...created, body: created.body.replace("bk-1", "bk-9") }
        const wrongSecret = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: "other" })
        const unsigned = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, { secret: null })
        const { "X-Cal-Signature-256": _, ...withoutSignature } = created.headers
        for (const d of [tampered, wrongSecret, unsigned, { body: created.body, headers: withoutSignature }]) {
          const response = yield* call(toRequest(d))
          assert.strictEqual(response.status, 401)
          assert.notInclude(response.body, SECRET)
        }
        assert.deepStrictEqual(
          rejected.map((e) => e.reason),
          ["signature-mismatch", "signature-mismatch", "unsigned-webhook", "missing-signature"]
        )
        assert.strictEqual(events.length, 0)
      })
  )

  it.effect("answers 413 over maxBodyBytes, declared by Content-Length or streamed without one", () =>
    Effect.gen(function* () {
      const { events, rejected, call } = recording({ maxBodyBytes: 1000 })
      const declared = new Request("https://receiver.example.com/cal", {
        method: "POST",
        headers: { ...created.headers, "content-length": "5000" },
        body: "x".repeat(5000)
      })
      assert.strictEqual((yield* call(declared)).status, 413)
      let pulled = 0
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++
          controller.enqueue(new Uint8Array(400))
        }
      })
      const chunked = new Request("https://receiver.example.com/cal", {
        method: "POST",
        headers: created.headers,
        body: endless,
        duplex: "half"
      } as RequestInit)
      assert.strictEqual((yield* call(chunked)).status, 413)
      assert.isAtMost(pulled, 5, "stops reading once over the limit")
      assert.deepStrictEqual(
        rejected.map((e) => e.reason),
        ["body-too-large", "body-too-large"]
      )
      // the default limit (1 MiB) lets a real delivery through, and a body exactly at the limit is read
      const { call: callDefault } = recording()
      assert.strictEqual((yield* callDefault(toRequest(created))).status, 200)
      const { call: callExact } = recording({ maxBodyBytes: created.body.length })
      assert.strictEqual((yield* callExact(toRequest(created))).status, 200)
      assert.strictEqual(events.length, 0)
    })
  )

  it.effect("answers 500 when onEvent fails or dies, so Cal.com retries; the retry is handled", () =>
    Effect.gen(function* () {
      const { events, state, call } = recording({ dedupe: inMemoryWebhookDedupe() })
      state.failing = true
      const failed = yield* call(toRequest(created))
      assert.strictEqual(failed.status, 500)
      assert.notInclude(failed.body, "database down")
      state.failing = false
      state.dying = true
      assert.strictEqual((yield* call(toRequest(created))).status, 500)
      state.dying = false
      assert.strictEqual((yield* call(toRequest(created))).status, 200)
      assert.strictEqual(events.length, 1)
    })
  )

  it.effect("with dedupe, a replayed or repeated delivery is acknowledged and handled once", () =>
    Effect.gen(function* () {
      const { events, call } = recording({ dedupe: inMemoryWebhookDedupe() })
      assert.strictEqual((yield* call(toRequest(created))).status, 200)
      const replay = yield* call(toRequest(created))
      assert.strictEqual(replay.status, 200)
      assert.deepStrictEqual(JSON.parse(replay.body), { ok: true, duplicate: true })
      // another event (a later createdAt) is not a duplicate
      const later = delivery("BOOKING_CREATED", samplePayloads.BOOKING_CREATED, {
        secret: SECRET,
        createdAt: "2026-12-01T09:05:00.000Z"
      })
      assert.strictEqual((yield* call(toRequest(later))).status, 200)
      assert.strictEqual(events.length, 2)
      // without dedupe every delivery runs onEvent (the replay caveat)
      const plain = recording()
      yield* plain.call(toRequest(created))
      yield* plain.call(toRequest(created))
      assert.strictEqual(plain.events.length, 2)
    })
  )

  it.effect("with dedupe, a repeat while the first is still being handled is not acknowledged (409)", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const started = yield* Deferred.make<void>()
      const state = { runs: 0, fail: true }
      const handler = webhookHandler<string>({
        secret: Redacted.make(SECRET),
        dedupe: inMemoryWebhookDedupe(),
        onEvent: () =>
          Effect.gen(function* () {
            state.runs++
            yield* Deferred.succeed(started, undefined)
            yield* Deferred.await(gate)
            if (state.fail) return yield* Effect.fail("database down")
          })
      })
      const first = handler(toRequest(created))
      yield* Deferred.await(started)
      const repeat = yield* Effect.promise(() => handler(toRequest(created)))
      assert.strictEqual(repeat.status, 409)
      assert.deepStrictEqual(yield* Effect.promise(() => repeat.json()), { ok: false, error: "in-progress" })
      yield* Deferred.succeed(gate, undefined)
      assert.strictEqual((yield* Effect.promise(() => first)).status, 500)
      // The first failed: the sender's retry is handled, not taken for a duplicate.
      state.fail = false
      assert.strictEqual((yield* Effect.promise(() => handler(toRequest(created)))).status, 200)
      assert.strictEqual(state.runs, 2)
    })
  )

  it.effect("the in-memory dedupe keeps the newest keys only", () =>
    Effect.gen(function* () {
      const dedupe = inMemoryWebhookDedupe({ capacity: 2 })
      assert.strictEqual(yield* dedupe.claim("a"), "claimed")
      assert.strictEqual(yield* dedupe.claim("a"), "in-progress")
      yield* dedupe.complete("a")
      assert.strictEqual(yield* dedupe.claim("a"), "handled")
      assert.strictEqual(yield* dedupe.claim("b"), "claimed")
      assert.strictEqual(yield* dedupe.claim("c"), "claimed")
      assert.strictEqual(yield* dedupe.claim("a"), "claimed", "a was evicted")
      yield* dedupe.release("a")
      assert.strictEqual(yield* dedupe.claim("a"), "claimed")
    })
  )

  it.effect("answers 400 for a verified body that is not a delivery, 405 for other methods", () =>
    Effect.gen(function* () {
      const { events, call } = recording()
      const broken = delivery("BOOKING_CREATED", { title: "no uid" }, { secret: SECRET })
      const response = yield* call(toRequest(broken))
      assert.strictEqual(response.status, 400)
      assert.deepStrictEqual(JSON.parse(response.body), { ok: false, error: "unknown-shape" })
      const get = yield* call(new Request("https://receiver.example.com/cal"))
      assert.strictEqual(get.status, 405)
      assert.strictEqual(get.headers.get("allow"), "POST")
      const empty = yield* call(
        new Request("https://receiver.example.com/cal", { method: "POST", headers: created.headers })
      )
      assert.strictEqual(empty.status, 401)
      assert.strictEqual(events.length, 0)
    })
  )

  it.effect("a body stream that breaks answers 400 and runs nothing", () =>
    Effect.gen(function* () {
      const { events, call } = recording()
      const broken = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.error(new Error("connection reset"))
        }
      })
      const request = new Request("https://receiver.example.com/cal", {
        method: "POST",
        headers: created.headers,
        body: broken,
        duplex: "half"
      } as RequestInit)
      assert.strictEqual((yield* call(request)).status, 400)
      assert.strictEqual(events.length, 0)
    })
  )
})

describe("webhookRoute (effect/http)", () => {
  /** The route served in memory by `HttpRouter.toWebHandler`, `onEvent` needing a service. */
  const served = (maxBodyBytes?: number) => {
    const events: Array<string> = []
    const route = webhookRoute("/cal", {
      secret: SECRET,
      maxBodyBytes,
      dedupe: inMemoryWebhookDedupe(),
      onEvent: (event) =>
        Effect.sync(() => {
          events.push(event.triggerEvent)
        })
    })
    const app = HttpRouter.toWebHandler(HttpRouter.addAll([route]).pipe(Layer.provide(HttpRouter.layer)), {
      disableLogger: true
    })
    return { events, app }
  }

  it.effect("verifies, handles once, and answers like the web handler", () =>
    Effect.gen(function* () {
      const { events, app } = served()
      const call = (request: Request) => Effect.promise(() => app.handler(request).then((r) => r.status))
      const url = "http://localhost/cal"
      assert.strictEqual(yield* call(toRequest(created, url)), 200)
      assert.strictEqual(yield* call(toRequest(created, url)), 200)
      assert.strictEqual(yield* call(toRequest({ ...created, body: `${created.body} ` }, url)), 401)
      assert.strictEqual(
        yield* call(toRequest(delivery("BOOKING_CREATED", { title: "no uid" }, { secret: SECRET }), url)),
        400
      )
      assert.deepStrictEqual(events, ["BOOKING_CREATED"])
      yield* Effect.promise(() => app.dispose())
    })
  )

  it.effect("a handling interrupted because the sender hung up releases its key: the retry is handled", () =>
    Effect.gen(function* () {
      const started = yield* Deferred.make<void>()
      const state = { runs: 0 }
      const route = webhookRoute("/cal", {
        secret: SECRET,
        dedupe: inMemoryWebhookDedupe(),
        onEvent: () =>
          Effect.gen(function* () {
            state.runs++
            if (state.runs > 1) return
            yield* Deferred.succeed(started, undefined)
            return yield* Effect.never
          })
      })
      const app = HttpRouter.toWebHandler(HttpRouter.addAll([route]).pipe(Layer.provide(HttpRouter.layer)), {
        disableLogger: true
      })
      const hangUp = new AbortController()
      const request = toRequest(created, "http://localhost/cal")
      const first = app.handler(new Request(request, { signal: hangUp.signal })).catch(() => undefined)
      yield* Deferred.await(started)
      hangUp.abort()
      yield* Effect.promise(() => first)
      const retry = yield* Effect.promise(() => app.handler(toRequest(created, "http://localhost/cal")))
      assert.strictEqual(retry.status, 200)
      assert.strictEqual(state.runs, 2)
      yield* Effect.promise(() => app.dispose())
    })
  )

  it.effect("answers 413 over the limit", () =>
    Effect.gen(function* () {
      const { events, app } = served(100)
      const status = yield* Effect.promise(() =>
        app.handler(toRequest(created, "http://localhost/cal")).then((r) => r.status)
      )
      assert.strictEqual(status, 413)
      const chunked = new Request("http://localhost/cal", {
        method: "POST",
        headers: created.headers,
        body: streamed(10, 50),
        duplex: "half"
      } as RequestInit)
      assert.strictEqual(yield* Effect.promise(() => app.handler(chunked).then((r) => r.status)), 413)
      assert.deepStrictEqual(events, [])
      yield* Effect.promise(() => app.dispose())
    })
  )
})
