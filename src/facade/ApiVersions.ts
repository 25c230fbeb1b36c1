/**
 * The `cal-api-version` header, per operation family: the one table that says which version of
 * each family of Cal.com API v2 endpoints this client speaks.
 *
 * Cal.com versions its v2 endpoints by family with this header, and a version changes response
 * shapes. The live API has versions newer than these (booking writes `2026-02-25`, the bookings
 * list `2026-05-01` with cursor pagination, event types `2026-06-12`), but the pinned document and
 * the fidelity corpus (`test/fidelity/corpus/`) describe the ones below, and the models are
 * written for them. Moving a family to a newer version is a deliberate change: edit its row here,
 * add corpus bodies recorded under the new version, and update the models they break.
 *
 * Whether an operation takes the header at all comes from the pinned document
 * (`generated/versions.ts`); which version it gets comes from this table.
 * `test/unit/facade/ApiVersions.test.ts` fails when the two disagree for any operation, and the
 * fidelity project checks every request against the version its body was recorded under.
 */

/** The version each family is sent with. Families not listed (me, teams, webhooks) take none. */
export const API_VERSIONS = {
  /** `/v2/bookings/...`: list, get, create, reschedule, cancel and the rest. */
  bookings: "2024-08-13",
  /** `/v2/event-types/...` (team event types under `/v2/teams/...` take none). */
  eventTypes: "2024-06-14",
  /** `/v2/slots/...`: available slots and reservations. */
  slots: "2024-09-04",
  /** `/v2/schedules/...`. */
  schedules: "2024-06-11"
} as const

export type ApiFamily = keyof typeof API_VERSIONS

const FAMILIES: ReadonlyArray<readonly [prefix: string, family: ApiFamily]> = [
  ["/v2/bookings", "bookings"],
  ["/v2/event-types", "eventTypes"],
  ["/v2/slots", "slots"],
  ["/v2/schedules", "schedules"]
]

/** The family a path template belongs to (`/v2/bookings/{bookingUid}` → `bookings`), if any. */
export const familyOf = (schemaPath: string): ApiFamily | undefined =>
  FAMILIES.find(([prefix]) => schemaPath === prefix || schemaPath.startsWith(`${prefix}/`))?.[1]
