/**
 * The domain models against the patched document's own examples: each decodes what the document
 * says the API returns, instants become `DateTime.Utc`, unknown fields are dropped, missing
 * required fields fail with a `SchemaError`, encoding round-trips, and the value schemas accept
 * good input and refuse bad input with a readable message.
 */
import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as M from "../../../src/facade/Models.js"

// ---------------------------------------------------------------------------------------------
// Samples built from the document: each property's `example`, or a value of its declared type
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }
type JsonRecord = { readonly [key: string]: Json }

const isRecord = (u: Json | undefined): u is JsonRecord => typeof u === "object" && u !== null && !Array.isArray(u)

const doc = JSON.parse(
  readFileSync(new URL("../../../generated/openapi.patched.json", import.meta.url), "utf8")
) as JsonRecord

const at = (node: Json | undefined, ...path: ReadonlyArray<string>): Json => {
  let current = node
  for (const key of path) current = isRecord(current) ? current[key] : undefined
  if (current === undefined) throw new Error(`The document has nothing at ${path.join(".")}`)
  return current
}

const schemaNamed = (name: string): JsonRecord => {
  const node = at(doc, "components", "schemas", name)
  if (!isRecord(node)) throw new Error(`${name} is not a schema object`)
  return node
}

/** A value for `node`: its example or default, else one built from its type (every property, required or not). */
const sampleOf = (node: Json, depth = 0): Json => {
  if (!isRecord(node) || depth > 8) return null
  if (typeof node["$ref"] === "string") return sampleOf(schemaNamed(node["$ref"].split("/").pop() ?? ""), depth + 1)
  if (node["example"] !== undefined) return node["example"]
  if (node["default"] !== undefined) return node["default"]
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const options = node[key]
    if (Array.isArray(options) && options.length > 0) return sampleOf(options[0] as Json, depth + 1)
  }
  const enumeration = node["enum"]
  if (Array.isArray(enumeration) && enumeration.length > 0) return enumeration[0] as Json
  switch (node["type"]) {
    case "array":
      return [sampleOf(node["items"] ?? null, depth + 1)]
    case "string":
      return "text"
    case "number":
    case "integer":
      return 7
    case "boolean":
      return true
    default: {
      const properties = isRecord(node["properties"]) ? node["properties"] : {}
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sampleOf(value, depth + 1)]))
    }
  }
}

/** The sample of a named component schema, as an object. */
const sample = (name: string): JsonRecord => {
  const value = sampleOf(schemaNamed(name))
  if (!isRecord(value)) throw new Error(`${name} has no object sample`)
  return value
}

const without = (record: JsonRecord, key: string): JsonRecord =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))

const isUtc = (u: unknown): boolean => DateTime.isDateTime(u) && DateTime.isUtc(u)

/** Decodes, encodes and decodes again: the two encodings must be equal. */
const roundTrip = <S extends Schema.Codec<unknown, unknown>>(schema: S, input: unknown) =>
  Effect.gen(function* () {
    const decoded = yield* Schema.decodeUnknownEffect(schema)(input)
    const encoded = yield* Schema.encodeEffect(schema)(decoded)
    const again = yield* Schema.encodeEffect(schema)(yield* Schema.decodeUnknownEffect(schema)(encoded))
    assert.deepStrictEqual(again, encoded)
    return { decoded, encoded }
  })

const bookingVariants = [
  "BookingOutput_2024_08_13",
  "RecurringBookingOutput_2024_08_13",
  "GetSeatedBookingOutput_2024_08_13",
  "GetRecurringSeatedBookingOutput_2024_08_13"
] as const

// ---------------------------------------------------------------------------------------------
// Response models
// ---------------------------------------------------------------------------------------------

describe("User", () => {
  it.effect("decodes the document's MeOutput", () =>
    Effect.gen(function* () {
      const input = sample("MeOutput")
      const user = yield* Schema.decodeUnknownEffect(M.User)(input)
      assert.strictEqual(user.id, input["id"])
      assert.strictEqual(user.email, input["email"])
      assert.strictEqual(user.timeZone, input["timeZone"])
      assert.deepStrictEqual(user.organization, { id: 7, isPlatform: true })
    })
  )

  it.effect("accepts null where the document says nullable, and an absent optional locale", () =>
    Effect.gen(function* () {
      const input = { ...sample("MeOutput"), name: null, defaultScheduleId: null, organizationId: null }
      const user = yield* Schema.decodeUnknownEffect(M.User)(input)
      assert.isNull(user.name)
      assert.isNull(user.defaultScheduleId)
      assert.isFalse("locale" in user)
    })
  )

  it.effect("requires the id and the time zone only; a missing email or name is fine", () =>
    Effect.gen(function* () {
      const user = yield* Schema.decodeUnknownEffect(M.User)(without(without(sample("MeOutput"), "email"), "name"))
      assert.isFalse("email" in user)
      for (const field of ["id", "timeZone"]) {
        const error = yield* Effect.flip(Schema.decodeUnknownEffect(M.User)(without(sample("MeOutput"), field)))
        assert.isTrue(Schema.isSchemaError(error))
        assert.include(error.message, field)
      }
    })
  )
})

describe("EventType", () => {
  it.effect("decodes a personal event type (EventTypeOutput_2024_06_14)", () =>
    Effect.gen(function* () {
      const { decoded } = yield* roundTrip(M.EventType, sample("EventTypeOutput_2024_06_14"))
      assert.strictEqual(decoded.slug, "learn-the-secrets-of-masterchief")
      assert.strictEqual(decoded.lengthInMinutes, 60)
      assert.strictEqual(decoded.ownerId, 10)
      assert.strictEqual(decoded.bookingUrl, "https://cal.com/john-doe/30min")
      assert.isArray(decoded.locations)
    })
  )

  it.effect("decodes a team event type (TeamEventTypeOutput_2024_06_14)", () =>
    Effect.gen(function* () {
      const input = { ...sample("TeamEventTypeOutput_2024_06_14"), ownerId: null }
      const { decoded } = yield* roundTrip(M.EventType, input)
      assert.strictEqual(decoded.teamId, 7)
      assert.strictEqual(decoded.schedulingType, "roundRobin")
      assert.isNull(decoded.ownerId)
    })
  )

  it.effect("drops fields it does not model", () =>
    Effect.gen(function* () {
      const decoded = yield* Schema.decodeUnknownEffect(M.EventType)(sample("EventTypeOutput_2024_06_14"))
      assert.isFalse("bookerLayouts" in decoded)
      assert.isFalse("users" in decoded)
    })
  )
})

describe("Team and TeamMember", () => {
  it.effect("decodes the document's TeamOutputDto, with nulls from nullable columns", () =>
    Effect.gen(function* () {
      const { decoded } = yield* roundTrip(M.Team, { ...sample("TeamOutputDto"), bio: null, logoUrl: null })
      assert.strictEqual(decoded.timeZone, "Europe/London")
      assert.isNull(decoded.bio)
      assert.deepStrictEqual(decoded.metadata, { key: "value" })
    })
  )

  it.effect("decodes a minimal team (only id, name, isOrganization are required)", () =>
    Effect.gen(function* () {
      const team = yield* Schema.decodeUnknownEffect(M.Team)({ id: 1, name: "Sales", isOrganization: false })
      assert.deepStrictEqual(team, { id: 1, name: "Sales", isOrganization: false })
    })
  )

  it.effect("decodes the document's TeamMembershipOutput and composes a TeamWithMembers", () =>
    Effect.gen(function* () {
      const member = yield* Schema.decodeUnknownEffect(M.TeamMember)(sample("TeamMembershipOutput"))
      assert.strictEqual(member.role, "MEMBER")
      assert.strictEqual(member.user?.email, "text")
      const team = yield* Schema.decodeUnknownEffect(M.Team)(sample("TeamOutputDto"))
      const { decoded } = yield* roundTrip(M.TeamWithMembers, { ...team, members: [sample("TeamMembershipOutput")] })
      assert.strictEqual(decoded.members.length, 1)
      assert.strictEqual(decoded.name, team.name)
    })
  )

  it.effect("keeps a role it does not know (open enum) and refuses a role that is not a string", () =>
    Effect.gen(function* () {
      const member = yield* Schema.decodeUnknownEffect(M.TeamMember)({
        ...sample("TeamMembershipOutput"),
        role: "GUEST"
      })
      assert.strictEqual(member.role, "GUEST")
      const error = yield* Effect.flip(
        Schema.decodeUnknownEffect(M.TeamMember)({ ...sample("TeamMembershipOutput"), role: 3 })
      )
      assert.include(error.message, "role")
    })
  )
})

describe("SlotsResponseData and Slot", () => {
  const example = at(
    doc,
    "paths",
    "/v2/slots",
    "get",
    "responses",
    "200",
    "content",
    "application/json",
    "schema",
    "example",
    "data"
  )

  it.effect("decodes the document's example of GET /v2/slots, instants in UTC", () =>
    Effect.gen(function* () {
      const data = yield* Schema.decodeUnknownEffect(M.SlotsResponseData)(example)
      assert.deepStrictEqual(Object.keys(data), ["2050-09-05", "2050-09-06"])
      const first = data["2050-09-05"]?.[0]
      assert.isDefined(first)
      assert.isTrue(isUtc(first?.start))
      // 09:00 at +02:00 is 07:00 UTC
      assert.strictEqual(first && DateTime.formatIso(first.start), "2050-09-05T07:00:00.000Z")
      assert.isFalse(first !== undefined && "end" in first)
    })
  )

  it.effect("decodes ranges and seated slots, and the empty map", () =>
    Effect.gen(function* () {
      const data = yield* Schema.decodeUnknownEffect(M.SlotsResponseData)({
        "2050-09-05": [
          {
            start: "2050-09-05T09:00:00.000+02:00",
            end: "2050-09-05T09:30:00.000+02:00",
            seatsBooked: 2,
            seatsRemaining: 2,
            seatsTotal: 4,
            bookingUid: "seat-holder"
          }
        ]
      })
      const slot = data["2050-09-05"]?.[0]
      assert.strictEqual(slot?.end && DateTime.formatIso(slot.end), "2050-09-05T07:30:00.000Z")
      assert.strictEqual(slot?.seatsBooked, 2)
      assert.strictEqual(slot?.seatsTotal, 4)
      assert.deepStrictEqual(yield* Schema.decodeUnknownEffect(M.SlotsResponseData)({}), {})
    })
  )

  it.effect("refuses a slot whose start is not a date-time", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Schema.decodeUnknownEffect(M.SlotsResponseData)({ "2050-09-05": [{ start: "soon" }] })
      )
      assert.isTrue(Schema.isSchemaError(error))
    })
  )

  it.effect("a flattened Slot encodes to UTC ISO strings and back", () =>
    Effect.gen(function* () {
      const slot: M.Slot = {
        start: DateTime.makeUnsafe("2050-09-05T07:00:00Z"),
        end: DateTime.makeUnsafe("2050-09-05T07:30:00Z"),
        timeZone: "Europe/Rome"
      }
      const encoded = yield* Schema.encodeEffect(M.Slot)(slot)
      assert.deepStrictEqual(encoded, {
        start: "2050-09-05T07:00:00.000Z",
        end: "2050-09-05T07:30:00.000Z",
        timeZone: "Europe/Rome"
      })
      yield* roundTrip(M.Slot, encoded)
    })
  )
})

describe("Booking", () => {
  for (const variant of bookingVariants) {
    it.effect(`decodes the document's ${variant}`, () =>
      Effect.gen(function* () {
        const { decoded, encoded } = yield* roundTrip(M.Booking, sample(variant))
        assert.strictEqual(decoded.uid, "booking_uid_123")
        assert.strictEqual(decoded.status, "accepted")
        assert.strictEqual(decoded.hosts[0]?.email, "jane100@example.com")
        assert.strictEqual(decoded.attendees[0]?.timeZone, "America/New_York")
        assert.isTrue(isUtc(decoded.start))
        assert.isTrue(isUtc(decoded.end))
        assert.isTrue(isUtc(decoded.createdAt))
        assert.strictEqual(DateTime.toEpochMillis(decoded.end) - DateTime.toEpochMillis(decoded.start), 60 * 60_000)
        assert.strictEqual(encoded.start, "2024-08-13T15:30:00.000Z")
      })
    )
  }

  it.effect("keeps what recurring and seated variants add", () =>
    Effect.gen(function* () {
      const recurring = yield* Schema.decodeUnknownEffect(M.Booking)(sample("RecurringBookingOutput_2024_08_13"))
      assert.strictEqual(recurring.recurringBookingUid, "recurring_uid_987")
      const seated = yield* Schema.decodeUnknownEffect(M.Booking)(sample("GetSeatedBookingOutput_2024_08_13"))
      assert.strictEqual(seated.attendees[0]?.seatUid, "3be561a9-31f1-4b8e-aefc-9d9a085f0dd1")
      assert.isFalse("bookingFieldsResponses" in seated)
    })
  )

  it.effect("decodes offsets to the same instant in UTC", () =>
    Effect.gen(function* () {
      const booking = yield* Schema.decodeUnknownEffect(M.Booking)({
        ...sample("BookingOutput_2024_08_13"),
        start: "2024-08-13T17:30:00+02:00"
      })
      assert.strictEqual(DateTime.formatIso(booking.start), "2024-08-13T15:30:00.000Z")
    })
  )

  it.effect("tolerates what the API omits or sends as null", () =>
    Effect.gen(function* () {
      const input = {
        ...without(
          without(without(sample("BookingOutput_2024_08_13"), "duration"), "updatedAt"),
          "bookingFieldsResponses"
        ),
        description: null,
        location: null,
        eventTypeId: null,
        eventType: null,
        attendees: [{ name: "Ada", email: "ada@example.com", timeZone: "Europe/Rome" }]
      }
      const booking = yield* Schema.decodeUnknownEffect(M.Booking)(input)
      assert.isNull(booking.location)
      assert.isFalse("duration" in booking)
      assert.isFalse("updatedAt" in booking)
      assert.deepStrictEqual(booking.attendees, [{ name: "Ada", email: "ada@example.com", timeZone: "Europe/Rome" }])
    })
  )

  it.effect("drops fields it does not model", () =>
    Effect.gen(function* () {
      const booking = yield* Schema.decodeUnknownEffect(M.Booking)({
        ...sample("BookingOutput_2024_08_13"),
        brandNewField: { nested: true }
      })
      assert.isFalse("brandNewField" in booking)
    })
  )

  it.effect("decodes without attendees and hosts (as []) and without createdAt", () =>
    Effect.gen(function* () {
      const bare = without(without(without(sample("BookingOutput_2024_08_13"), "attendees"), "hosts"), "createdAt")
      const booking = yield* Schema.decodeUnknownEffect(M.Booking)(bare)
      assert.deepStrictEqual([booking.attendees, booking.hosts], [[], []])
      assert.isFalse("createdAt" in booking)
    })
  )

  for (const field of ["id", "uid", "start", "end", "status"]) {
    it.effect(`fails with a SchemaError when ${field} is missing`, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          Schema.decodeUnknownEffect(M.Booking)(without(sample("BookingOutput_2024_08_13"), field))
        )
        assert.isTrue(Schema.isSchemaError(error))
        assert.include(error.message, field)
      })
    )
  }

  it.effect(
    "keeps a status it does not know, refuses a status that is not a string and a start that is not a date",
    () =>
      Effect.gen(function* () {
        const base = sample("BookingOutput_2024_08_13")
        const kept = yield* Schema.decodeUnknownEffect(M.Booking)({ ...base, status: "no_show_host" })
        assert.strictEqual(kept.status, "no_show_host")
        const status = yield* Effect.flip(Schema.decodeUnknownEffect(M.Booking)({ ...base, status: 1 }))
        assert.include(status.message, "status")
        const start = yield* Effect.flip(Schema.decodeUnknownEffect(M.Booking)({ ...base, start: "tomorrow" }))
        assert.include(start.message, "start")
      })
  )

  it("BookingStatus's known literals and BookingListStatus are the patched document's literal sets", () => {
    const statuses = at(schemaNamed("BookingOutput_2024_08_13"), "properties", "status", "enum")
    assert.sameMembers([...M.KnownBookingStatus.literals], Array.isArray(statuses) ? [...statuses] : [])
    const parameters = at(doc, "paths", "/v2/bookings", "get", "parameters")
    const filter = Array.isArray(parameters) ? parameters.find((p) => isRecord(p) && p["name"] === "status") : undefined
    const filters = at(filter, "schema", "items", "enum")
    assert.sameMembers([...M.BookingListStatus.literals], Array.isArray(filters) ? [...filters] : [])
  })
})

/**
 * The instants of the models (`start`, `end`, `createdAt`, `updatedAt` of a booking; slots alike):
 * what they accept and refuse today, so that a faster instant schema cannot change it unnoticed
 * (`bench/decode.ts` measures the candidates).
 */
describe("instants", () => {
  const base = sample("BookingOutput_2024_08_13")
  const instantFields = ["start", "end", "createdAt", "updatedAt"] as const
  const BookingList = Schema.Struct({ data: Schema.Array(M.Booking) })
  /** The formatter the facade reports decode failures with (`Decode.ts` `schemaIssues`). */
  const standardIssues = SchemaIssue.makeFormatterStandardSchemaV1()
  const issuesOf = (error: Schema.SchemaError) =>
    standardIssues(error.issue).issues.map((issue) => ({ path: issue.path, message: issue.message }))

  it.effect("decode ISO 8601 strings with any offset to the same instant in UTC", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [wire: string, utc: number]> = [
        ["2026-12-01T10:00:00Z", Date.UTC(2026, 11, 1, 10)],
        ["2026-12-01T10:00:00.000Z", Date.UTC(2026, 11, 1, 10)],
        ["2026-12-01T10:00:00+01:00", Date.UTC(2026, 11, 1, 9)],
        ["2026-12-01T10:00:00.5-05:30", Date.UTC(2026, 11, 1, 15, 30, 0, 500)],
        ["2026-12-01T10:00:00.123456+14:00", Date.UTC(2026, 10, 30, 20, 0, 0, 123)],
        ["2026-12-01T10:00Z", Date.UTC(2026, 11, 1, 10)],
        // Without an offset: read as UTC, whatever the machine's zone.
        ["2026-12-01T10:00:00", Date.UTC(2026, 11, 1, 10)],
        // A date alone: midnight UTC.
        ["2026-12-01", Date.UTC(2026, 11, 1)]
      ]
      for (const [wire, utc] of cases) {
        const booking = yield* Schema.decodeUnknownEffect(M.Booking)({
          ...base,
          start: wire,
          end: wire,
          createdAt: wire,
          updatedAt: wire
        })
        for (const field of instantFields) {
          const instant = booking[field]
          assert.isTrue(isUtc(instant), `${field} ${wire}`)
          assert.strictEqual(instant ? DateTime.toEpochMillis(instant) : undefined, utc, `${field} ${wire}`)
        }
      }
    })
  )

  it.effect("refuse what is not a date-time, with the field's path and a readable message", () =>
    Effect.gen(function* () {
      const bad = ["2026-13-01T00:00:00Z", "not a date", "", "2026-12-01T23:59:60Z", "2026-12-01T10:00:00+01"]
      for (const field of instantFields) {
        for (const value of bad) {
          const error = yield* Effect.flip(
            Schema.decodeUnknownEffect(BookingList)({ data: [base, { ...base, [field]: value }] })
          )
          assert.deepStrictEqual(
            issuesOf(error),
            [{ path: ["data", 1, field], message: "Expected a valid UTC DateTime string" }],
            `${field} ${JSON.stringify(value)}`
          )
        }
        const notString = yield* Effect.flip(
          Schema.decodeUnknownEffect(BookingList)({ data: [{ ...base, [field]: 0 }] })
        )
        assert.deepStrictEqual(issuesOf(notString), [
          {
            path: ["data", 0, field],
            message: field === "updatedAt" || field === "createdAt" ? "Expected string | null" : "Expected string"
          }
        ])
      }
    })
  )

  it.effect("encode back to UTC ISO strings", () =>
    Effect.gen(function* () {
      const booking = yield* Schema.decodeUnknownEffect(M.Booking)({
        ...base,
        start: "2026-12-01T10:00:00+01:00",
        end: "2026-12-01T10:30:00.25+01:00",
        createdAt: "2026-11-01T00:00:00",
        updatedAt: null
      })
      const encoded = yield* Schema.encodeEffect(M.Booking)(booking)
      assert.strictEqual(encoded.start, "2026-12-01T09:00:00.000Z")
      assert.strictEqual(encoded.end, "2026-12-01T09:30:00.250Z")
      assert.strictEqual(encoded.createdAt, "2026-11-01T00:00:00.000Z")
      assert.isNull(encoded.updatedAt)
      const built = yield* Schema.encodeEffect(M.Booking)({
        ...booking,
        start: DateTime.makeUnsafe(Date.UTC(2027, 0, 1))
      })
      assert.strictEqual(built.start, "2027-01-01T00:00:00.000Z")
    })
  )
})

describe("BookingConfirmation", () => {
  it.effect("round-trips with and without the optional details", () =>
    Effect.gen(function* () {
      const full: typeof M.BookingConfirmation.Encoded = {
        uid: "booking_uid_123",
        title: "Consultation",
        status: "accepted",
        start: "2024-08-13T15:30:00.000Z",
        end: "2024-08-13T16:30:00.000Z",
        timeZone: "America/New_York",
        meetingUrl: "https://example.com/meeting",
        location: "https://example.com/meeting",
        url: "https://app.cal.com/booking/booking_uid_123"
      }
      const { encoded } = yield* roundTrip(M.BookingConfirmation, full)
      assert.deepStrictEqual(encoded, full)
      const { decoded } = yield* roundTrip(M.BookingConfirmation, {
        uid: full.uid,
        title: full.title,
        status: "pending",
        start: full.start,
        end: full.end
      })
      assert.isTrue(isUtc(decoded.start))
      assert.isUndefined(decoded.url)
    })
  )
})

describe("Schedule", () => {
  it.effect("decodes the document's ScheduleOutput_2024_06_11", () =>
    Effect.gen(function* () {
      const { decoded } = yield* roundTrip(M.Schedule, sample("ScheduleOutput_2024_06_11"))
      assert.strictEqual(decoded.timeZone, "Europe/Rome")
      assert.deepStrictEqual(decoded.availability[0], {
        days: ["Monday", "Tuesday"],
        startTime: "17:00",
        endTime: "19:00"
      })
      assert.deepStrictEqual(decoded.overrides, [{ date: "2024-05-20", startTime: "18:00", endTime: "21:00" }])
    })
  )

  it.effect("refuses a day that is not a weekday name", () =>
    Effect.gen(function* () {
      const input = {
        ...sample("ScheduleOutput_2024_06_11"),
        availability: [{ days: ["Caturday"], startTime: "09:00", endTime: "17:00" }]
      }
      const error = yield* Effect.flip(Schema.decodeUnknownEffect(M.Schedule)(input))
      assert.include(error.message, "availability")
    })
  )
})

describe("Webhook", () => {
  it.effect("decodes the document's UserWebhookOutputDto with its secret redacted", () =>
    Effect.gen(function* () {
      const input = { ...sample("UserWebhookOutputDto"), secret: "whsec_do_not_log" }
      const webhook = yield* Schema.decodeUnknownEffect(M.Webhook)(input)
      assert.deepStrictEqual(webhook.triggers, ["BOOKING_CREATED"])
      assert.isTrue(webhook.secret !== undefined && webhook.secret !== null && Redacted.isRedacted(webhook.secret))
      assert.notInclude(String(webhook.secret), "whsec")
      assert.notInclude(JSON.stringify(webhook), "whsec")
      assert.strictEqual(webhook.secret ? Redacted.value(webhook.secret) : undefined, "whsec_do_not_log")
    })
  )

  it.effect("round-trips without a secret, with a null template", () =>
    Effect.gen(function* () {
      const input = { ...without(sample("UserWebhookOutputDto"), "secret"), payloadTemplate: null }
      const { decoded } = yield* roundTrip(M.Webhook, input)
      assert.isFalse("secret" in decoded)
      assert.isNull(decoded.payloadTemplate)
    })
  )
})

describe("Pagination", () => {
  it.effect("decodes the document's PaginationMetaDto", () =>
    Effect.gen(function* () {
      const { decoded } = yield* roundTrip(M.Pagination, sample("PaginationMetaDto"))
      assert.deepStrictEqual(decoded, {
        totalItems: 123,
        remainingItems: 103,
        returnedItems: 10,
        itemsPerPage: 10,
        currentPage: 2,
        totalPages: 13,
        hasNextPage: true,
        hasPreviousPage: true
      })
    })
  )

  it.effect("decodes without the counts the facade does not read", () =>
    Effect.gen(function* () {
      const pagination = yield* Schema.decodeUnknownEffect(M.Pagination)(
        without(without(sample("PaginationMetaDto"), "returnedItems"), "remainingItems")
      )
      assert.isFalse("returnedItems" in pagination)
      const error = yield* Effect.flip(Schema.decodeUnknownEffect(M.Pagination)({ hasNextPage: "yes" }))
      assert.include(error.message, "hasNextPage")
    })
  )
})

// ---------------------------------------------------------------------------------------------
// Request-side value schemas
// ---------------------------------------------------------------------------------------------

const accepts = <S extends Schema.Codec<unknown, unknown>>(schema: S, good: ReadonlyArray<unknown>) =>
  Effect.gen(function* () {
    for (const value of good) assert.deepStrictEqual(yield* Schema.decodeUnknownEffect(schema)(value), value)
  })

const rejects = <S extends Schema.Codec<unknown, unknown>>(schema: S, bad: ReadonlyArray<unknown>, message: string) =>
  Effect.gen(function* () {
    for (const value of bad) {
      const error = yield* Effect.flip(Schema.decodeUnknownEffect(schema)(value))
      assert.isTrue(Schema.isSchemaError(error), String(value))
      if (typeof value === "string" || typeof value === "number") assert.include(error.message, message, String(value))
    }
  })

describe("value schemas", () => {
  it.effect("TimeZone accepts IANA names and refuses the rest", () =>
    Effect.gen(function* () {
      yield* accepts(M.TimeZone, ["Europe/Rome", "America/New_York", "Asia/Kolkata", "UTC", "Etc/GMT+1"])
      yield* rejects(M.TimeZone, ["Mars/Olympus", "", "+02:00", "Europe/Rome "], "IANA time zone")
      yield* rejects(M.TimeZone, [42], "Expected TimeZone")
      const error = yield* Effect.flip(Schema.decodeUnknownEffect(M.TimeZone)("Mars/Olympus"))
      assert.include(error.message, '"Mars/Olympus"')
    })
  )

  it.effect("Email accepts ordinary addresses and refuses malformed ones", () =>
    Effect.gen(function* () {
      yield* accepts(M.Email, ["ada@example.com", "first.last+tag@sub.example.co.uk"])
      yield* rejects(
        M.Email,
        ["", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "a@b@c.com"],
        "email"
      )
    })
  )

  it.effect("Slug accepts Cal.com slugs and refuses anything slugify would change", () =>
    Effect.gen(function* () {
      yield* accepts(M.Slug, ["30min", "team-sync", "a", "intro-call-2"])
      yield* rejects(
        M.Slug,
        ["My Slug", "my slug", "My-Slug", "-lead", "trail-", "double--dash", "", "under_score"],
        "slug"
      )
    })
  )

  it.effect("BookingUid accepts a uid and refuses empty or padded strings", () =>
    Effect.gen(function* () {
      yield* accepts(M.BookingUid, ["booking_uid_123", "3be561a9-31f1-4b8e-aefc-9d9a085f0dd1"])
      yield* rejects(M.BookingUid, ["", " ", " abc", "abc\n"], "booking uid")
    })
  )

  it.effect("PositiveId accepts positive integers only", () =>
    Effect.gen(function* () {
      yield* accepts(M.PositiveId, [1, 42, 2_147_483_647])
      yield* rejects(M.PositiveId, [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY], "positive integer")
      yield* rejects(M.PositiveId, ["1"], "Expected PositiveId")
    })
  )

  it.effect("IsoDateTimeWithOffset requires a Z or ±HH:MM offset on a real day", () =>
    Effect.gen(function* () {
      yield* accepts(M.IsoDateTimeWithOffset, [
        "2026-12-01T10:00:00Z",
        "2026-12-01T10:00:00.000+01:00",
        "2026-12-01T10:00-05:30",
        "2024-02-29T23:59:59Z"
      ])
      yield* rejects(
        M.IsoDateTimeWithOffset,
        [
          "2026-12-01T10:00:00",
          "2026-12-01",
          "2026-02-30T10:00:00Z",
          "2026-12-01T24:00:00Z",
          "2026-12-01T10:00:00+0100",
          "2026-12-01 10:00:00Z"
        ],
        "offset"
      )
    })
  )

  it.effect("IsoDate requires YYYY-MM-DD naming a real day", () =>
    Effect.gen(function* () {
      yield* accepts(M.IsoDate, ["2026-02-28", "2024-02-29", "2026-12-31"])
      yield* rejects(
        M.IsoDate,
        ["2026-02-30", "2026-02-29", "2026-13-01", "2026-1-01", "2026-12-01T00:00:00Z"],
        "YYYY-MM-DD"
      )
    })
  )

  it("the value schemas are usable as plain guards", () => {
    assert.isTrue(Schema.is(M.TimeZone)("Europe/Rome"))
    assert.isFalse(Schema.is(M.TimeZone)("Mars/Olympus"))
    assert.isFalse(Schema.is(M.IsoDate)("2026-02-30"))
  })
})
