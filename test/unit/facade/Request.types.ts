/**
 * Compile-time checks of `request` (type-checked by `npx tsc -p tsconfig.json`, never run): the
 * route key, `params` and `body` are checked against the document, and the result is the
 * document's body or the schema's type. Each `@ts-expect-error` fails the type-check when the
 * line below it stops being an error.
 */
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { CalComError } from "../../../src/facade/Errors.js"
import { type RouteKey, type RouteResponse, request } from "../../../src/facade/Request.js"

type Assert<T extends true> = T
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

export const keys: ReadonlyArray<RouteKey> = [
  "GET /v2/me",
  "POST /v2/bookings/{bookingUid}/confirm",
  "DELETE /v2/webhooks/{webhookId}"
]
// @ts-expect-error a method the path does not have
export const wrongMethod: RouteKey = "DELETE /v2/me"
// @ts-expect-error a path the document does not have
export const wrongPath: RouteKey = "GET /v2/nothing-here"

export const confirm = request("POST /v2/bookings/{bookingUid}/confirm", { params: { path: { bookingUid: "abc" } } })
export type ConfirmIsTheDocumentsBody = Assert<
  Equals<
    typeof confirm,
    Effect.Effect<
      RouteResponse<"POST /v2/bookings/{bookingUid}/confirm">,
      CalComError,
      import("../../../src/facade/CalCom.js").CalCom
    >
  >
>
// @ts-expect-error the path parameter is required
export const missingPath = request("POST /v2/bookings/{bookingUid}/confirm")
// @ts-expect-error a path parameter of the wrong name
export const wrongParam = request("POST /v2/bookings/{bookingUid}/confirm", { params: { path: { uid: "abc" } } })
export const wrongBody = request("POST /v2/bookings/{bookingUid}/decline", {
  params: { path: { bookingUid: "a" } },
  // @ts-expect-error a body field of the wrong type
  body: { reason: 42 }
})

export const me = request("GET /v2/me")
export type MeHasTheDocumentsFields = Assert<Equals<Effect.Success<typeof me>["data"]["email"], string>>

const Id = Schema.Struct({ data: Schema.Struct({ id: Schema.Number }) })
export const decoded = request("GET /v2/me", { schema: Id })
export type DecodedIsTheSchemasType = Assert<
  Equals<Effect.Success<typeof decoded>, { readonly data: { readonly id: number } }>
>
