/**
 * Properties of the domain models over random valid values (fast-check, 2,000 runs each): a value
 * encoded, sent through JSON (as on the wire) and decoded again equals what was encoded, for
 * every model a facade operation returns.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Equal from "effect/Equal"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import {
  Booking,
  BookingConfirmation,
  EventType,
  Pagination,
  Schedule,
  Slot,
  SlotsResponseData,
  Team,
  TeamMember,
  TeamWithMembers,
  User,
  Webhook
} from "../../../src/index.js"

const RUNS = 2_000

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const utc = fc
  .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => DateTime.makeUnsafe(ms) as DateTime.Utc)
const id = fc.integer({ min: 1, max: 2 ** 31 - 1 })
/** Any JSON number except -0 (JSON writes it as 0). */
const num = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n))
const str = fc.string({ maxLength: 30 })
/** A JSON object as the wire carries it (normalised through JSON, so -0 and friends are gone). */
const json = fc
  .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4, noNullPrototype: true })
  .map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>)
const nullable = <A>(arb: fc.Arbitrary<A>) => fc.option(arb, { nil: null })
const status = fc.constantFrom("accepted", "pending", "cancelled", "rejected" as const)

const user = fc.record(
  {
    id,
    username: str,
    email: str,
    name: nullable(str),
    timeZone: str,
    weekStart: str,
    defaultScheduleId: nullable(id),
    timeFormat: fc.constantFrom(12, 24),
    avatarUrl: nullable(str),
    bio: nullable(str),
    organizationId: nullable(id),
    organization: fc.record({ id, isPlatform: fc.boolean() }, { requiredKeys: ["id"] }),
    locale: nullable(str)
  },
  { requiredKeys: ["id", "username", "email", "name", "timeZone", "weekStart", "defaultScheduleId"] }
)

const eventType = fc.record(
  {
    id,
    title: str,
    slug: str,
    lengthInMinutes: fc.integer({ min: 1, max: 1440 }),
    lengthInMinutesOptions: fc.array(fc.integer({ min: 1, max: 1440 }), { maxLength: 4 }),
    description: nullable(str),
    hidden: fc.boolean(),
    ownerId: nullable(id),
    teamId: nullable(id),
    schedulingType: nullable(fc.constantFrom("roundRobin", "collective", "managed")),
    scheduleId: nullable(id),
    slotInterval: nullable(fc.integer({ min: 1, max: 120 })),
    minimumBookingNotice: fc.nat(),
    beforeEventBuffer: fc.nat(),
    afterEventBuffer: fc.nat(),
    price: num,
    currency: str,
    bookingUrl: str,
    locations: fc.array(
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown),
      {
        maxLength: 3
      }
    ),
    bookingFields: fc.array(json, { maxLength: 3 }),
    metadata: json
  },
  { requiredKeys: ["id", "title", "slug", "lengthInMinutes"] }
)

const team = fc.record(
  {
    id,
    name: str,
    isOrganization: fc.boolean(),
    slug: nullable(str),
    parentId: nullable(id),
    bio: nullable(str),
    logoUrl: nullable(str),
    bannerUrl: nullable(str),
    isPrivate: fc.boolean(),
    hideBookATeamMember: fc.boolean(),
    timeZone: nullable(str),
    weekStart: nullable(str),
    timeFormat: nullable(fc.constantFrom(12, 24)),
    metadata: nullable(json)
  },
  { requiredKeys: ["id", "name", "isOrganization"] }
)

const teamMember = fc.record(
  {
    id,
    userId: id,
    teamId: id,
    accepted: fc.boolean(),
    role: fc.constantFrom("MEMBER", "ADMIN", "OWNER" as const),
    disableImpersonation: fc.boolean(),
    user: fc.record(
      {
        email: str,
        username: nullable(str),
        name: nullable(str),
        avatarUrl: nullable(str),
        bio: nullable(str),
        metadata: nullable(json)
      },
      { requiredKeys: ["email"] }
    )
  },
  { requiredKeys: ["id", "userId", "teamId", "accepted", "role", "user"] }
)

const slot = fc.record(
  {
    start: utc,
    end: utc,
    timeZone: str,
    seatsBooked: fc.nat(),
    seatsRemaining: fc.nat(),
    seatsTotal: fc.nat(),
    bookingUid: str
  },
  { requiredKeys: ["start", "end", "timeZone"] }
)

const rawSlot = fc.record(
  { start: utc, end: utc, seatsBooked: fc.nat(), seatsRemaining: fc.nat(), seatsTotal: fc.nat(), bookingUid: str },
  { requiredKeys: ["start"] }
)
const slotsResponse = fc.dictionary(fc.string({ maxLength: 10 }), fc.array(rawSlot, { maxLength: 3 }), {
  maxKeys: 4,
  noNullPrototype: true
})

const booking = fc.record(
  {
    id,
    uid: str,
    title: str,
    description: nullable(str),
    status,
    start: utc,
    end: utc,
    duration: fc.integer({ min: 1, max: 1440 }),
    eventTypeId: nullable(id),
    eventType: nullable(fc.record({ id, slug: str }, { requiredKeys: ["id"] })),
    location: nullable(str),
    meetingUrl: nullable(str),
    hosts: fc.array(
      fc.record(
        { id, name: str, email: str, displayEmail: str, username: nullable(str), timeZone: str },
        { requiredKeys: ["id", "name", "email"] }
      ),
      { maxLength: 2 }
    ),
    attendees: fc.array(
      fc.record(
        {
          name: str,
          email: str,
          displayEmail: str,
          timeZone: str,
          language: nullable(str),
          absent: fc.boolean(),
          phoneNumber: nullable(str),
          seatUid: str,
          bookingFieldsResponses: json,
          metadata: json
        },
        { requiredKeys: ["name", "email", "timeZone"] }
      ),
      { maxLength: 3 }
    ),
    guests: fc.array(str, { maxLength: 3 }),
    absentHost: fc.boolean(),
    createdAt: utc,
    updatedAt: nullable(utc),
    cancellationReason: nullable(str),
    cancelledByEmail: nullable(str),
    reschedulingReason: nullable(str),
    rescheduledByEmail: nullable(str),
    rescheduledFromUid: nullable(str),
    rescheduledToUid: nullable(str),
    recurringBookingUid: str,
    icsUid: nullable(str),
    rating: nullable(fc.integer({ min: 0, max: 5 })),
    metadata: nullable(json),
    bookingFieldsResponses: json
  },
  { requiredKeys: ["id", "uid", "title", "status", "start", "end", "hosts", "attendees", "createdAt"] }
)

const confirmation = fc.record(
  { uid: str, title: str, status, start: utc, end: utc, timeZone: str, meetingUrl: str, location: str, url: str },
  { requiredKeys: ["uid", "title", "status", "start", "end"] }
)

const pagination = fc.record({
  totalItems: fc.nat(),
  remainingItems: fc.nat(),
  returnedItems: fc.nat(),
  itemsPerPage: fc.nat(),
  currentPage: fc.nat(),
  totalPages: fc.nat(),
  hasNextPage: fc.boolean(),
  hasPreviousPage: fc.boolean()
})

const weekday = fc.constantFrom("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" as const)
const schedule = fc.record({
  id,
  ownerId: id,
  name: str,
  timeZone: str,
  availability: fc.array(fc.record({ days: fc.array(weekday, { maxLength: 7 }), startTime: str, endTime: str }), {
    maxLength: 3
  }),
  isDefault: fc.boolean(),
  overrides: fc.array(fc.record({ date: str, startTime: str, endTime: str }), { maxLength: 2 })
})

const webhook = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/),
    subscriberUrl: str,
    triggers: fc.array(str, { maxLength: 4 }),
    active: fc.boolean(),
    payloadTemplate: nullable(str),
    userId: nullable(id),
    eventTypeId: nullable(id),
    secret: nullable(fc.stringMatching(/^whsec_[0-9a-f]{16}$/).map((s) => Redacted.make(s)))
  },
  { requiredKeys: ["id", "subscriberUrl", "triggers", "active"] }
)

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

/** Encodes, sends through JSON, decodes: what a value becomes after a trip over the wire. */
const overTheWire =
  <S extends Schema.Codec<unknown, unknown>>(schema: S) =>
  (value: S["Type"]): S["Type"] =>
    Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))))

const roundTrips = <S extends Schema.Codec<unknown, unknown>>(name: string, schema: S, arb: fc.Arbitrary<S["Type"]>) =>
  it(`${name}: encode → JSON → decode gives back the value`, () => {
    const trip = overTheWire(schema)
    fc.assert(
      fc.property(arb, (value) => {
        const back = trip(value)
        assert.isTrue(Equal.equals(back, value), `${JSON.stringify(Schema.encodeSync(schema)(value))}`)
      }),
      { numRuns: RUNS }
    )
  })

describe("property: models survive a trip over the wire", () => {
  roundTrips("User", User, user)
  roundTrips("EventType", EventType, eventType)
  roundTrips("Team", Team, team)
  roundTrips("TeamMember", TeamMember, teamMember)
  roundTrips(
    "TeamWithMembers",
    TeamWithMembers,
    fc.tuple(team, fc.array(teamMember, { maxLength: 3 })).map(([t, members]) => ({ ...t, members }))
  )
  roundTrips("Slot", Slot, slot)
  roundTrips("SlotsResponseData", SlotsResponseData, slotsResponse)
  roundTrips("Booking", Booking, booking)
  roundTrips("BookingConfirmation", BookingConfirmation, confirmation)
  roundTrips("Pagination", Pagination, pagination)
  roundTrips("Schedule", Schedule, schedule)

  it("Webhook: encode → JSON → decode gives back the value, secret still redacted", () => {
    const trip = overTheWire(Webhook)
    fc.assert(
      fc.property(webhook, (value) => {
        const back = trip(value)
        const { secret, ...rest } = back
        const { secret: sent, ...expected } = value
        assert.isTrue(Equal.equals(rest, expected))
        if (sent === undefined || sent === null) assert.strictEqual(secret, sent)
        else {
          assert.isTrue(secret !== undefined && secret !== null && Redacted.isRedacted(secret))
          if (secret !== undefined && secret !== null) assert.strictEqual(Redacted.value(secret), Redacted.value(sent))
          assert.notInclude(String(secret), Redacted.value(sent))
        }
      }),
      { numRuns: RUNS }
    )
  })
})
