/**
 * Field schemas for decoding what Cal.com sends, shared by the response models (`Models.ts`) and
 * the webhook payloads (`WebhookEvents.ts`), so both read a missing, `null` or new value alike.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

/** An optional key that the server may also send as `null`. */
export const optionalNullable = <S extends Schema.Top>(schema: S) => Schema.optionalKey(Schema.NullOr(schema))

/** A list that decodes to `[]` when the key is absent. */
export const listOrEmpty = <S extends Schema.Top & { readonly DecodingServices: never }>(item: S) =>
  Schema.Array(item).pipe(Schema.withDecodingDefaultKey(Effect.succeed([])))

/**
 * An open enum: one of the `known` literals (typed, for autocompletion) or any other string,
 * accepted and kept as sent.
 */
export const openEnum = <const L extends ReadonlyArray<string>>(known: Schema.Literals<L>) =>
  // `string & {}` keeps the literals visible in editors instead of collapsing the union to `string`.
  Schema.Union([known, Schema.String as unknown as Schema.Codec<string & {}, string & {}>])

/** A free-form JSON object (`type: object` in the document). */
export const JsonObject = Schema.Record(Schema.String, Schema.Unknown)
