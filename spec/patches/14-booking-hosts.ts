import { expectPatched, type Json, type SpecPatch } from "./Patch.js"

const id = "14-booking-hosts"

/**
 * `BookingHost` requires `id: number` and string `name`, `email`, `displayEmail`, `username` and
 * `timeZone`. What Cal.com sends (calcom/cal.com
 * `apps/api/v2/src/ee/bookings/2024-08-13/services/output.service.ts`, `getHost`):
 *
 * - the booking's user spread as selected, `{ id, name, email, username }`, where `name` is a
 *   nullable column (`null` for a user who never set a name) and a missing `username` becomes
 *   `"unknown"`;
 * - when the booking has no user (the host was deleted, or an instant meeting still waits for
 *   one): `{ id: "unknown", name: "unknown", email: "unknown", username: "unknown" }`, a string id;
 * - releases of 2024 sent `{ id, name, timeZone }` without an email (a `GET /v2/bookings` body
 *   pasted in calcom/cal.com issue #16913).
 *
 * One such host fails a whole `GET /v2/bookings` page for a client that trusts the document.
 * The patch allows a string id and a null name and requires only the id.
 */
export const patch: SpecPatch = {
  id,
  reason: 'BookingHost: the API sends id "unknown" for deleted hosts, null names, and older releases omit fields',
  apply: (doc) => {
    const host = doc.components.schemas["BookingHost"] as Json | undefined
    const properties = host?.["properties"] as Record<string, Json> | undefined
    if (!host || !properties || properties["id"]?.["type"] !== "number") return expectPatched(id, 0)
    properties["id"] = {
      oneOf: [{ type: "number" }, { type: "string", enum: ["unknown"] }],
      description: 'The host\'s user id; "unknown" when the user is gone or an instant meeting awaits a host',
      example: 1
    }
    properties["name"] = { ...properties["name"], nullable: true }
    host["required"] = ["id"]
    return expectPatched(id, 3)
  }
}
