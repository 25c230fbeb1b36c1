/**
 * Small formatting helpers the resource modules share. Input is checked by Schema in `Input.ts`.
 *
 * @internal
 */
import * as DateTime from "effect/DateTime"

/** ISO 8601 in UTC with milliseconds, the form Cal.com sends. */
export const iso = (value: DateTime.DateTime): string => DateTime.formatIso(DateTime.toUtc(value))
