/**
 * `cal.bookings` (cal-api-version 2024-08-13): list with its filters on the wire (comma-joined
 * status, UTC instants, take/skip), a stream that walks every page, get, and the writes. Create
 * and reschedule check the slot first and send nothing when it is not offered; after a failure
 * that leaves the server's state unknown, create, reschedule and cancel look up what the server
 * did and use it instead of sending again, and retry only when the lookup proves nothing was done.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { bookingUrl } from "../../../src/facade/Bookings.js"
import {
  assertInvalid,
  assertRequest,
  assertTag,
  bodyOf,
  bookingJson,
  bookingPage,
  created,
  onlyRequest,
  paginationJson,
  queryOf,
  requestAt,
  router,
  routesOf,
  setup,
  success,
  untilRequests,
  VERSIONS
} from "../support/CalComFixtures.js"
import { errorEnvelope, type FakeFetch } from "../support/FakeFetch.js"

const booking = bookingJson()
const serverError = () => errorEnvelope(500, "InternalServerErrorException", "Something went wrong")

/** `GET /v2/slots` offering these UTC starts (30 minutes each). */
const offering =
  (...starts: ReadonlyArray<string>) =>
  () =>
    success({
      "2026-12-01": starts.map((start) => ({
        start,
        end: DateTime.formatIso(DateTime.add(DateTime.makeUnsafe(start), { minutes: 30 }))
      }))
    })

const attendee = { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" } as const
const createInput = { eventTypeId: 42, start: "2026-12-01T05:00:00-05:00", attendee } as const

const posts = (fake: FakeFetch, path: string) => routesOf(fake).filter((r) => r === `POST ${path}`).length

describe("bookings.list", () => {
  it.effect("sends every filter: status comma-joined, instants in UTC, take and skip", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/bookings": () => bookingPage([booking]) }))
      yield* cal.bookings.list({
        status: ["upcoming", "past"],
        afterStart: "2026-12-01T00:00:00+01:00",
        beforeEnd: DateTime.makeUnsafe("2027-01-01T00:00:00Z"),
        eventTypeId: 42,
        attendeeEmail: "grace@example.com",
        take: 10,
        skip: 20
      })
      const request = onlyRequest(fake)
      assertRequest(request, {
        method: "GET",
        path: "/v2/bookings",
        query: {
          status: "upcoming,past",
          afterStart: "2026-11-30T23:00:00.000Z",
          beforeEnd: "2027-01-01T00:00:00.000Z",
          eventTypeId: "42",
          attendeeEmail: "grace@example.com",
          take: "10",
          skip: "20"
        },
        version: VERSIONS.bookings
      })
      assert.include(new URL(request.url).search, "status=upcoming,past")
    })
  )

  it.effect("asks for 100 from the start by default and decodes bookings and pagination", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/bookings": () => bookingPage([booking]) }))
      const page = yield* cal.bookings.list()
      assert.deepStrictEqual(queryOf(onlyRequest(fake)), { take: "100", skip: "0" })
      const [first] = page.bookings
      if (first === undefined) return assert.fail("no booking")
      assert.strictEqual(first.uid, "bk_grace_1")
      assert.strictEqual(first.status, "accepted")
      assert.isTrue(DateTime.isUtc(first.start))
      assert.isTrue(first.createdAt != null && DateTime.isUtc(first.createdAt))
      assert.strictEqual(DateTime.formatIso(first.start), "2026-12-01T10:00:00.000Z")
      assert.strictEqual(DateTime.formatIso(first.end), "2026-12-01T10:30:00.000Z")
      assert.strictEqual(first.attendees[0]?.email, "grace@example.com")
      assert.deepStrictEqual(page.pagination, paginationJson({ total: 1, returned: 1, take: 100, skip: 0 }))
    })
  )

  it.effect("reads a page without pagination (releases before mid-2025) as pagination {}", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "GET /v2/bookings": () => success([booking]) }))
      const page = yield* cal.bookings.list()
      assert.deepStrictEqual(page.pagination, {})
      assert.strictEqual(page.bookings.length, 1)
    })
  )

  it.effect("fails naming the index and uid of the one booking it cannot read", () =>
    Effect.gen(function* () {
      const broken = { ...bookingJson({ uid: "bk_broken" }), start: "tomorrow" }
      const { cal } = yield* setup(
        router({ "GET /v2/bookings": () => bookingPage([booking, broken, bookingJson({ uid: "bk_3" })]) })
      )
      const error = assertTag(yield* Effect.flip(cal.bookings.list()), "CalComDecodeError")
      assert.deepStrictEqual(
        error.issues.map((i) => i.path),
        ["data.1.start"]
      )
      assert.include(error.message, "booking 1 of 3, uid bk_broken")
    })
  )

  it.effect("refuses take 0 or 251, a negative skip and bad filters before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/bookings": () => bookingPage([]) }))
      assertInvalid(yield* Effect.flip(cal.bookings.list({ take: 0 })), "Bookings.list", ["take"])
      assertInvalid(yield* Effect.flip(cal.bookings.list({ take: 251 })), "Bookings.list", ["take"])
      assertInvalid(yield* Effect.flip(cal.bookings.list({ skip: -1 })), "Bookings.list", ["skip"])
      assertInvalid(
        yield* Effect.flip(
          cal.bookings.list({
            status: ["upcoming", "future" as "past"],
            afterStart: "2026-12-01T00:00:00",
            beforeEnd: "tomorrow",
            eventTypeId: 0,
            attendeeEmail: "grace@"
          })
        ),
        "Bookings.list",
        ["status.1", "afterStart", "beforeEnd", "eventTypeId", "attendeeEmail"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("bookings.stream", () => {
  const five = [1, 2, 3, 4, 5].map((n) => bookingJson({ id: n, uid: `bk_${n}` }))
  const paged = () =>
    router({
      "GET /v2/bookings": (request) => {
        const take = Number(queryOf(request)["take"])
        const skip = Number(queryOf(request)["skip"])
        const items = five.slice(skip, skip + take)
        return success(items, {
          pagination: paginationJson({ total: five.length, returned: items.length, take, skip })
        })
      }
    })

  it.effect("walks the pages until hasNextPage is false", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(paged())
      const all = yield* Stream.runCollect(cal.bookings.stream({ take: 2, status: ["upcoming"] }))
      assert.deepStrictEqual(
        all.map((b) => b.uid),
        ["bk_1", "bk_2", "bk_3", "bk_4", "bk_5"]
      )
      assert.deepStrictEqual(
        fake.requests.map((r) => [queryOf(r)["take"], queryOf(r)["skip"], queryOf(r)["status"]]),
        [
          ["2", "0", "upcoming"],
          ["2", "2", "upcoming"],
          ["2", "4", "upcoming"]
        ]
      )
      for (const request of fake.requests) {
        assertRequest(request, { method: "GET", path: "/v2/bookings", version: VERSIONS.bookings })
      }
    })
  )

  it.effect("stops at an empty page even if the server says there is a next one", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings": () =>
            success([], {
              pagination: { ...paginationJson({ total: 3, returned: 0, take: 2, skip: 0 }), hasNextPage: true }
            })
        })
      )
      assert.deepStrictEqual(yield* Stream.runCollect(cal.bookings.stream({ take: 2 })), [])
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("stops when the server sends the same page again (a mock that always says hasNextPage)", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings": () =>
            success(five.slice(0, 2), {
              pagination: { ...paginationJson({ total: 50, returned: 2, take: 2, skip: 0 }), hasNextPage: true }
            })
        })
      )
      const all = yield* Stream.runCollect(cal.bookings.stream({ take: 2 }))
      assert.deepStrictEqual(
        all.map((b) => b.uid),
        ["bk_1", "bk_2"]
      )
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  /** A server answering every page with one new booking and `hasNextPage: true`. */
  const inventing = (total: number) => {
    let n = 0
    return router({
      "GET /v2/bookings": () => {
        n++
        return success([bookingJson({ id: n, uid: `bk_new_${n}` })], {
          pagination: { ...paginationJson({ total, returned: 1, take: 1, skip: n - 1 }), hasNextPage: true }
        })
      }
    })
  }

  it.effect("stops once totalItems bookings came, whatever hasNextPage says", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(inventing(3))
      const all = yield* Stream.runCollect(cal.bookings.stream({ take: 1 }))
      assert.strictEqual(all.length, 3)
      assert.strictEqual(fake.requests.length, 3)
    })
  )

  it.effect("a server that keeps inventing pages past maxPages fails typed after that many pages", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(inventing(1e9))
      const collected: Array<string> = []
      const error = yield* Effect.flip(
        Stream.runForEach(cal.bookings.stream({ take: 1, maxPages: 5 }), (b) =>
          Effect.sync(() => collected.push(b.uid))
        )
      )
      assert.strictEqual(error._tag, "CalComDecodeError")
      assert.include(error.message, "5 pages")
      assert.strictEqual(collected.length, 5)
      assert.strictEqual(fake.requests.length, 5)
    })
  )

  it.effect("is lazy: nothing is sent until it runs, and only the pages pulled", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(paged())
      const stream = cal.bookings.stream({ take: 2 })
      assert.strictEqual(fake.requests.length, 0)
      const firstThree = yield* Stream.runCollect(Stream.take(stream, 3))
      assert.deepStrictEqual(
        firstThree.map((b) => b.uid),
        ["bk_1", "bk_2", "bk_3"]
      )
      assert.strictEqual(fake.requests.length, 2)
    })
  )

  it.effect("refuses a bad filter before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(paged())
      const error = yield* Effect.flip(Stream.runCollect(cal.bookings.stream({ take: 0, attendeeEmail: "x" })))
      assertInvalid(error, "Bookings.stream", ["take", "attendeeEmail"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("bookings.get", () => {
  it.effect("gets a booking by uid and decodes it", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/bookings/bk_grace_1": () => success(booking) }))
      const one = yield* cal.bookings.get("bk_grace_1")
      assertRequest(onlyRequest(fake), { method: "GET", path: "/v2/bookings/bk_grace_1", version: VERSIONS.bookings })
      assert.strictEqual(one.id, 1001)
      assert.strictEqual(one.eventType?.id, 42)
      assert.strictEqual(one.hosts[0]?.username, "ada")
      assert.strictEqual(one.duration, 30)
      assert.isNull(one.rescheduledToUid)
      assert.strictEqual(one.createdAt && DateTime.formatIso(one.createdAt), "2026-11-20T09:00:00.000Z")
    })
  )

  it.effect("turns a 404 into CalComNotFoundError naming the booking uid", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "GET /v2/bookings/bk_gone": () => errorEnvelope(404, "NotFoundException", "Booking not found") })
      )
      const error = assertTag(yield* Effect.flip(cal.bookings.get("bk_gone")), "CalComNotFoundError")
      assert.strictEqual(error.resource, "booking")
      assert.strictEqual(error.id, "bk_gone")
    })
  )

  it.effect("refuses an empty or padded uid before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.bookings.get("")), "Bookings.get", ["uid"])
      assertInvalid(yield* Effect.flip(cal.bookings.get(" bk_grace_1")), "Bookings.get", ["uid"])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("bookings.create", () => {
  it.effect("checks the slot around the start, then posts the booking and confirms it", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": offering("2026-12-01T09:30:00.000Z", "2026-12-01T10:00:00.000Z"),
          "POST /v2/bookings": () => created(booking)
        })
      )
      const result = yield* cal.bookings.create({
        ...createInput,
        attendee: { ...attendee, language: "en" },
        notes: "Agenda: compilers",
        guests: ["charles@example.com"],
        metadata: { source: "unit" }
      })
      assert.deepStrictEqual(routesOf(fake), ["GET /v2/slots", "POST /v2/bookings"])
      assertRequest(requestAt(fake, 0), {
        method: "GET",
        path: "/v2/slots",
        query: {
          eventTypeId: "42",
          start: "2026-11-28T10:00:00.000Z",
          end: "2026-12-04T10:00:00.000Z",
          timeZone: "America/New_York",
          format: "range"
        },
        version: VERSIONS.slots
      })
      assertRequest(requestAt(fake, 1), {
        method: "POST",
        path: "/v2/bookings",
        body: {
          start: "2026-12-01T10:00:00.000Z",
          eventTypeId: 42,
          attendee: { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York", language: "en" },
          guests: ["charles@example.com"],
          metadata: { source: "unit" },
          bookingFieldsResponses: { notes: "Agenda: compilers" }
        },
        version: VERSIONS.bookings
      })
      assert.strictEqual(result.booking.uid, "bk_grace_1")
      const { confirmation } = result
      assert.strictEqual(confirmation.uid, "bk_grace_1")
      assert.strictEqual(confirmation.title, "Intro call between Ada Lovelace and Grace Hopper")
      assert.strictEqual(confirmation.status, "accepted")
      assert.isTrue(DateTime.isUtc(confirmation.start))
      assert.strictEqual(DateTime.formatIso(confirmation.start), "2026-12-01T10:00:00.000Z")
      assert.strictEqual(DateTime.formatIso(confirmation.end), "2026-12-01T10:30:00.000Z")
      assert.strictEqual(confirmation.timeZone, "America/New_York")
      assert.strictEqual(confirmation.meetingUrl, "https://cal.com/video/abc123")
      assert.strictEqual(confirmation.location, "https://cal.com/video/abc123")
      assert.strictEqual(confirmation.url, "https://cal.com/booking/bk_grace_1")
    })
  )

  it.effect("checks a given end against the offered slot and sends no length it was not asked for", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": offering("2026-12-01T10:00:00.000Z"),
          "POST /v2/bookings": () => created(bookingJson({ location: null }))
        })
      )
      const result = yield* cal.bookings.create({
        eventTypeId: 42,
        start: DateTime.makeUnsafe("2026-12-01T10:00:00Z"),
        end: "2026-12-01T11:30:00+01:00",
        attendee
      })
      assert.notProperty(queryOf(requestAt(fake, 0)), "duration")
      assert.notProperty(bodyOfPost(fake), "lengthInMinutes")
      assert.notProperty(result.confirmation, "location")
    })
  )

  it.effect("sends no POST when a given end is not the offered slot's end", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({ "GET /v2/slots": offering("2026-12-01T10:00:00.000Z"), "POST /v2/bookings": () => created(booking) })
      )
      const error = assertTag(
        yield* Effect.flip(cal.bookings.create({ ...createInput, end: "2026-12-01T10:45:00Z" })),
        "CalComValidationError"
      )
      assert.deepStrictEqual(
        error.issues.map((issue) => issue.path),
        ["end"]
      )
      assert.include(error.message, "ends at 2026-12-01T10:30:00.000Z")
      // The slots were asked for, so the message must not claim that nothing was sent.
      assert.match(error.message, /only the slots were read, nothing was booked or changed$/)
      assert.deepStrictEqual(routesOf(fake), ["GET /v2/slots"])
    })
  )

  it.effect("leaves out the booking page for a self-hosted API", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "GET /v2/slots": offering("2026-12-01T10:00:00.000Z"), "POST /v2/bookings": () => created(booking) }),
        { baseUrl: "https://cal.example.org" }
      )
      const result = yield* cal.bookings.create(createInput)
      assert.notProperty(result.confirmation, "url")
      assert.strictEqual(result.confirmation.uid, "bk_grace_1")
    })
  )

  it.effect("links the booking page on Cal.com's own origins only", () =>
    Effect.sync(() => {
      assert.strictEqual(bookingUrl("https://api.cal.com", "bk 1"), "https://cal.com/booking/bk%201")
      assert.strictEqual(bookingUrl("https://api.cal.eu", "bk_1"), "https://cal.eu/booking/bk_1")
      assert.isUndefined(bookingUrl("https://api.cal.example.org", "bk_1"))
      assert.isUndefined(bookingUrl("http://localhost:3003", "bk_1"))
    })
  )

  it.effect("sends no POST when the start is not an offered slot, and offers the 5 nearest slots", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": offering(
            "2026-12-01T06:00:00.000Z",
            "2026-12-01T08:00:00.000Z",
            "2026-12-01T09:00:00.000Z",
            "2026-12-01T10:30:00.000Z",
            "2026-12-01T11:00:00.000Z",
            "2026-12-01T12:00:00.000Z",
            "2026-12-01T15:00:00.000Z"
          ),
          "POST /v2/bookings": () => created(booking)
        })
      )
      const error = assertTag(yield* Effect.flip(cal.bookings.create(createInput)), "CalComConflictError")
      assert.strictEqual(error.operation, "Bookings.create")
      assert.isUndefined(error.status)
      assert.include(error.message, "2026-12-01T10:00:00.000Z is not an offered slot of event type 42")
      assert.include(error.message, "the nearest offered: 2026-12-01T08:00:00.000Z, ")
      assert.match(error.message, /only the slots were read, nothing was booked or changed$/)
      // Closest to 10:00 first, then listed by start.
      assert.deepStrictEqual(
        error.nearestSlots?.map((slot) => DateTime.formatIso(slot.start)),
        [
          "2026-12-01T08:00:00.000Z",
          "2026-12-01T09:00:00.000Z",
          "2026-12-01T10:30:00.000Z",
          "2026-12-01T11:00:00.000Z",
          "2026-12-01T12:00:00.000Z"
        ]
      )
      assert.deepStrictEqual(routesOf(fake), ["GET /v2/slots"])
    })
  )

  it.effect("skips the slot check with checkAvailability: false", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/bookings": () => created(booking) }))
      const result = yield* cal.bookings.create({ ...createInput, checkAvailability: false, lengthInMinutes: 30 })
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/bookings"])
      assert.strictEqual((bodyOfPost(fake) as { lengthInMinutes?: number }).lengthInMinutes, 30)
      assert.strictEqual(result.booking.uid, "bk_grace_1")
    })
  )

  it.effect("after a 500 finds the booking the server made and returns it without posting again", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": offering("2026-12-01T10:00:00.000Z"),
          "POST /v2/bookings": serverError,
          "GET /v2/bookings": () =>
            bookingPage([
              bookingJson({ uid: "bk_cancelled", status: "cancelled" }),
              bookingJson({ uid: "bk_other_time", start: "2026-12-01T11:00:00.000Z", end: "2026-12-01T11:30:00.000Z" }),
              bookingJson({ uid: "bk_made", attendees: [{ ...booking.attendees[0], email: "Grace@Example.com" }] })
            ])
        }),
        { retry: { maxRetries: 3, baseDelay: "1 millis" } }
      )
      const result = yield* cal.bookings.create(createInput)
      assert.strictEqual(result.booking.uid, "bk_made")
      assert.strictEqual(result.confirmation.url, "https://cal.com/booking/bk_made")
      assert.deepStrictEqual(routesOf(fake), ["GET /v2/slots", "POST /v2/bookings", "GET /v2/bookings"])
      assertRequest(requestAt(fake, 2), {
        method: "GET",
        path: "/v2/bookings",
        query: {
          eventTypeId: "42",
          attendeeEmail: "grace@example.com",
          afterStart: "2026-12-01T09:59:00.000Z",
          beforeEnd: "2026-12-02T10:00:00.000Z",
          take: "50",
          skip: "0"
        },
        version: VERSIONS.bookings
      })
    })
  )

  it.effect("after a 500 retries the POST once when the lookup proves nothing was made", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": offering("2026-12-01T10:00:00.000Z"),
          "POST /v2/bookings": (_request, call) => (call === 0 ? serverError() : created(booking)),
          "GET /v2/bookings": () => bookingPage([bookingJson({ uid: "bk_cancelled", status: "cancelled" })])
        }),
        { retry: { maxRetries: 3, baseDelay: "1 millis" } }
      )
      const fiber = yield* Effect.forkChild(cal.bookings.create(createInput))
      yield* untilRequests(fake, 4)
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.booking.uid, "bk_grace_1")
      assert.deepStrictEqual(routesOf(fake), [
        "GET /v2/slots",
        "POST /v2/bookings",
        "GET /v2/bookings",
        "POST /v2/bookings"
      ])
      assert.deepStrictEqual(bodyOf(requestAt(fake, 3)), bodyOf(requestAt(fake, 1)))
    })
  )

  it.effect("without retries left, fails with the 500 after the lookup and never posts blindly", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/slots": offering("2026-12-01T10:00:00.000Z"),
          "POST /v2/bookings": serverError,
          "GET /v2/bookings": () => bookingPage([])
        })
      )
      const error = assertTag(yield* Effect.flip(cal.bookings.create(createInput)), "CalComApiError")
      assert.strictEqual(error.status, 500)
      assert.strictEqual(posts(fake, "/v2/bookings"), 1)
    })
  )

  it.effect("refuses every invalid field before sending anything, naming each", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(
          cal.bookings.create({
            eventTypeId: 0,
            start: "2026-12-01T10:00:00",
            attendee: { name: " ", email: "grace@", timeZone: "Mars/Base" },
            guests: ["charles@example.com", "not an email"],
            lengthInMinutes: 0,
            notes: "x".repeat(5001)
          })
        ),
        "Bookings.create",
        [
          "eventTypeId",
          "start",
          "attendee.name",
          "attendee.email",
          "attendee.timeZone",
          "guests.1",
          "lengthInMinutes",
          "notes"
        ]
      )
      assertInvalid(
        yield* Effect.flip(cal.bookings.create({ ...createInput, end: "2026-12-01T09:59:00Z" })),
        "Bookings.create",
        ["end"]
      )
      assertInvalid(
        yield* Effect.flip(cal.bookings.create({ ...createInput, end: "2026-12-01T10:30:00" })),
        "Bookings.create",
        ["end"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )

  it.effect("refuses impossible calendar instants instead of rolling them over to another day", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(cal.bookings.create({ ...createInput, start: "2026-02-30T10:00:00Z" })),
        "Bookings.create",
        ["start"]
      )
      assertInvalid(
        yield* Effect.flip(cal.bookings.create({ ...createInput, start: "2026-12-01T24:00:00Z" })),
        "Bookings.create",
        ["start"]
      )
      assertInvalid(
        yield* Effect.flip(cal.bookings.reschedule("bk_grace_1", { start: "2026-02-29T10:00:00+01:00" })),
        "Bookings.reschedule",
        ["start"]
      )
      assertInvalid(yield* Effect.flip(cal.bookings.list({ afterStart: "2026-04-31T00:00:00Z" })), "Bookings.list", [
        "afterStart"
      ])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("bookings.reschedule", () => {
  const moved = bookingJson({
    id: 1002,
    uid: "bk_grace_2",
    start: "2026-12-03T15:00:00.000Z",
    end: "2026-12-03T15:30:00.000Z",
    rescheduledFromUid: "bk_grace_1"
  })

  it.effect("checks the new slot for the booking's event type and length, then posts the move", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": () => success(booking),
          "GET /v2/slots": offering("2026-12-03T15:00:00.000Z"),
          "POST /v2/bookings/bk_grace_1/reschedule": () => created(moved)
        })
      )
      const result = yield* cal.bookings.reschedule("bk_grace_1", {
        start: "2026-12-03T16:00:00+01:00",
        reason: "Clash"
      })
      assert.deepStrictEqual(routesOf(fake), [
        "GET /v2/bookings/bk_grace_1",
        "GET /v2/slots",
        "POST /v2/bookings/bk_grace_1/reschedule"
      ])
      assertRequest(requestAt(fake, 1), {
        method: "GET",
        path: "/v2/slots",
        query: {
          eventTypeId: "42",
          start: "2026-11-30T15:00:00.000Z",
          end: "2026-12-06T15:00:00.000Z",
          timeZone: "America/New_York",
          duration: "30",
          format: "range"
        },
        version: VERSIONS.slots
      })
      assertRequest(requestAt(fake, 2), {
        method: "POST",
        path: "/v2/bookings/bk_grace_1/reschedule",
        body: { start: "2026-12-03T15:00:00.000Z", reschedulingReason: "Clash" },
        version: VERSIONS.bookings
      })
      assert.strictEqual(result.booking.uid, "bk_grace_2")
      assert.strictEqual(result.previousUid, "bk_grace_1")
      assert.strictEqual(result.confirmation.uid, "bk_grace_2")
      assert.strictEqual(result.confirmation.timeZone, "America/New_York")
      assert.strictEqual(result.confirmation.url, "https://cal.com/booking/bk_grace_2")
      assert.strictEqual(DateTime.formatIso(result.confirmation.start), "2026-12-03T15:00:00.000Z")
    })
  )

  it.effect("sends no POST when the new start is not offered", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": () => success(booking),
          "GET /v2/slots": offering("2026-12-03T15:30:00.000Z"),
          "POST /v2/bookings/bk_grace_1/reschedule": () => created(moved)
        })
      )
      const error = assertTag(
        yield* Effect.flip(cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z" })),
        "CalComConflictError"
      )
      assert.strictEqual(error.operation, "Bookings.reschedule")
      assert.deepStrictEqual(
        error.nearestSlots?.map((slot) => DateTime.formatIso(slot.start)),
        ["2026-12-03T15:30:00.000Z"]
      )
      assert.strictEqual(posts(fake, "/v2/bookings/bk_grace_1/reschedule"), 0)
    })
  )

  it.effect("skips the slot check with checkAvailability: false, and for a booking without event type", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": () => success(booking),
          "GET /v2/bookings/bk_adhoc": () =>
            success(bookingJson({ uid: "bk_adhoc", eventTypeId: null, eventType: null, attendees: [] })),
          "POST /v2/bookings/bk_grace_1/reschedule": () => created(moved),
          "POST /v2/bookings/bk_adhoc/reschedule": () => created(bookingJson({ uid: "bk_adhoc_2", attendees: [] }))
        })
      )
      yield* cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z", checkAvailability: false })
      const adhoc = yield* cal.bookings.reschedule("bk_adhoc", { start: "2026-12-03T15:00:00Z" })
      assert.notInclude(routesOf(fake), "GET /v2/slots")
      assert.deepStrictEqual(bodyOf(requestAt(fake, 3)), { start: "2026-12-03T15:00:00.000Z" })
      // With no attendee to take it from, the confirmation is in UTC.
      assert.strictEqual(adhoc.confirmation.timeZone, "UTC")
      assert.strictEqual(adhoc.previousUid, "bk_adhoc")
    })
  )

  it.effect("refuses an end that would change the booking's length, or is not after the start, before posting", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "GET /v2/bookings/bk_grace_1": () => success(booking) }))
      const longer = yield* Effect.flip(
        cal.bookings.reschedule("bk_grace_1", {
          start: "2026-12-03T15:00:00Z",
          end: "2026-12-03T16:00:00Z",
          checkAvailability: false
        })
      )
      assertInvalid(longer, "Bookings.reschedule", ["end"])
      assert.include(longer.message, "must be 2026-12-03T15:30:00.000Z")
      assert.deepStrictEqual(routesOf(fake), ["GET /v2/bookings/bk_grace_1"])
      const backwards = yield* Effect.flip(
        cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z", end: "2026-12-03T14:30:00Z" })
      )
      assertInvalid(backwards, "Bookings.reschedule", ["end"])
      assert.strictEqual(fake.requests.length, 1)
    })
  )

  it.effect("after a 500 follows rescheduledToUid to the new booking instead of posting again", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": (_request, call) =>
            success(call === 0 ? booking : bookingJson({ status: "cancelled", rescheduledToUid: "bk_grace_2" })),
          "GET /v2/bookings/bk_grace_2": () => success(moved),
          "GET /v2/slots": offering("2026-12-03T15:00:00.000Z"),
          "POST /v2/bookings/bk_grace_1/reschedule": serverError
        }),
        { retry: { maxRetries: 3, baseDelay: "1 millis" } }
      )
      const result = yield* cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z" })
      assert.strictEqual(result.booking.uid, "bk_grace_2")
      assert.strictEqual(result.previousUid, "bk_grace_1")
      assert.deepStrictEqual(routesOf(fake), [
        "GET /v2/bookings/bk_grace_1",
        "GET /v2/slots",
        "POST /v2/bookings/bk_grace_1/reschedule",
        "GET /v2/bookings/bk_grace_1",
        "GET /v2/bookings/bk_grace_2"
      ])
    })
  )

  it.effect("after a 500, an earlier move (a stale rescheduledToUid at another time) is not taken for this one", () =>
    Effect.gen(function* () {
      const earlier = bookingJson({
        ...moved,
        uid: "bk_grace_2",
        start: "2026-12-02T09:00:00.000Z",
        end: "2026-12-02T09:30:00.000Z"
      })
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": () =>
            success(bookingJson({ status: "cancelled", rescheduledToUid: "bk_grace_2" })),
          "GET /v2/bookings/bk_grace_2": () => success(earlier),
          "GET /v2/slots": offering("2026-12-03T15:00:00.000Z"),
          "POST /v2/bookings/bk_grace_1/reschedule": serverError
        }),
        { retry: { maxRetries: 0 } }
      )
      const error = yield* Effect.flip(cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z" }))
      assert.strictEqual(error._tag, "CalComApiError")
      assert.strictEqual(posts(fake, "/v2/bookings/bk_grace_1/reschedule"), 1)
    })
  )

  it.effect("after a 500, a move found further along the chain at the start asked for is this call's", () =>
    Effect.gen(function* () {
      const earlier = bookingJson({
        ...moved,
        uid: "bk_grace_2",
        start: "2026-12-02T09:00:00.000Z",
        end: "2026-12-02T09:30:00.000Z",
        status: "cancelled",
        rescheduledToUid: "bk_grace_3"
      })
      const { cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": (_request, call) =>
            success(call === 0 ? booking : bookingJson({ status: "cancelled", rescheduledToUid: "bk_grace_2" })),
          "GET /v2/bookings/bk_grace_2": () => success(earlier),
          "GET /v2/bookings/bk_grace_3": () => success({ ...moved, uid: "bk_grace_3" }),
          "GET /v2/slots": offering("2026-12-03T15:00:00.000Z"),
          "POST /v2/bookings/bk_grace_1/reschedule": serverError
        }),
        { retry: { maxRetries: 0 } }
      )
      const result = yield* cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z" })
      assert.strictEqual(result.booking.uid, "bk_grace_3")
    })
  )

  it.effect("after a 500 with the booking not moved, fails without posting again when no retry is left", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings/bk_grace_1": () => success(booking),
          "GET /v2/slots": offering("2026-12-03T15:00:00.000Z"),
          "POST /v2/bookings/bk_grace_1/reschedule": serverError
        })
      )
      const error = assertTag(
        yield* Effect.flip(cal.bookings.reschedule("bk_grace_1", { start: "2026-12-03T15:00:00Z" })),
        "CalComApiError"
      )
      assert.strictEqual(error.operation, "Bookings.reschedule")
      assert.strictEqual(posts(fake, "/v2/bookings/bk_grace_1/reschedule"), 1)
      assert.strictEqual(routesOf(fake).at(-1), "GET /v2/bookings/bk_grace_1")
    })
  )

  it.effect("refuses an empty uid, a start without offset and an overlong reason before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(
        yield* Effect.flip(cal.bookings.reschedule("", { start: "2026-12-03T15:00:00", reason: "x".repeat(5001) })),
        "Bookings.reschedule",
        ["uid", "start", "reason"]
      )
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("bookings.cancel", () => {
  const cancelled = bookingJson({ status: "cancelled", cancellationReason: "Ill" })

  it.effect("posts the cancellation with its reason and confirms the cancelled booking", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/bookings/bk_grace_1/cancel": () => success(cancelled) }))
      const result = yield* cal.bookings.cancel("bk_grace_1", { reason: "Ill" })
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/bookings/bk_grace_1/cancel",
        body: { cancellationReason: "Ill" },
        version: VERSIONS.bookings
      })
      assert.strictEqual(result.booking.cancellationReason, "Ill")
      assert.strictEqual(result.confirmation.status, "cancelled")
      assert.strictEqual(result.confirmation.timeZone, "America/New_York")
      assert.strictEqual(result.confirmation.url, "https://cal.com/booking/bk_grace_1")
    })
  )

  it.effect("sends an empty body without a reason", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/bookings/bk_grace_1/cancel": () => success(cancelled) }))
      yield* cal.bookings.cancel("bk_grace_1")
      assert.deepStrictEqual(bodyOf(onlyRequest(fake)), {})
    })
  )

  it.effect("confirms without a time zone or meeting link when the booking has neither", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_grace_1/cancel": () =>
            success(bookingJson({ status: "cancelled", attendees: [], meetingUrl: null, location: "" }))
        })
      )
      const { confirmation } = yield* cal.bookings.cancel("bk_grace_1")
      assert.notProperty(confirmation, "timeZone")
      assert.notProperty(confirmation, "meetingUrl")
      assert.notProperty(confirmation, "location")
      assert.strictEqual(confirmation.url, "https://cal.com/booking/bk_grace_1")
    })
  )

  it.effect("after a 500 sees the booking cancelled and returns it without posting again", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_grace_1/cancel": serverError,
          "GET /v2/bookings/bk_grace_1": () => success(cancelled)
        }),
        { retry: { maxRetries: 3, baseDelay: "1 millis" } }
      )
      const result = yield* cal.bookings.cancel("bk_grace_1", { reason: "Ill" })
      assert.strictEqual(result.confirmation.status, "cancelled")
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/bookings/bk_grace_1/cancel", "GET /v2/bookings/bk_grace_1"])
    })
  )

  it.effect("after a 500 with the booking still accepted, fails when no retry is left", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_grace_1/cancel": serverError,
          "GET /v2/bookings/bk_grace_1": () => success(booking)
        })
      )
      assertTag(yield* Effect.flip(cal.bookings.cancel("bk_grace_1")), "CalComApiError")
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/bookings/bk_grace_1/cancel", "GET /v2/bookings/bk_grace_1"])
    })
  )

  it.effect("refuses an empty uid and an overlong reason before sending anything", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({}))
      assertInvalid(yield* Effect.flip(cal.bookings.cancel("", { reason: "x".repeat(5001) })), "Bookings.cancel", [
        "uid",
        "reason"
      ])
      assert.strictEqual(fake.requests.length, 0)
    })
  )
})

describe("bookings.confirm", () => {
  const pending = bookingJson({ status: "pending" })
  const accepted = bookingJson({ status: "accepted" })

  it.effect("posts the confirmation without a body and returns the accepted booking", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(router({ "POST /v2/bookings/bk_grace_1/confirm": () => success(accepted) }))
      const result = yield* cal.bookings.confirm("bk_grace_1")
      assertRequest(onlyRequest(fake), {
        method: "POST",
        path: "/v2/bookings/bk_grace_1/confirm",
        version: VERSIONS.bookings
      })
      assert.isUndefined(onlyRequest(fake).body)
      assert.strictEqual(result.confirmation.status, "accepted")
      assert.strictEqual(result.confirmation.uid, "bk_grace_1")
    })
  )

  it.effect("after a 500 sees the booking accepted and returns it without posting again", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_grace_1/confirm": serverError,
          "GET /v2/bookings/bk_grace_1": () => success(accepted)
        }),
        { retry: { maxRetries: 3, baseDelay: "1 millis" } }
      )
      const result = yield* cal.bookings.confirm("bk_grace_1")
      assert.strictEqual(result.confirmation.status, "accepted")
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/bookings/bk_grace_1/confirm", "GET /v2/bookings/bk_grace_1"])
    })
  )

  it.effect("after a 500 with the booking still pending, fails when no retry is left", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_grace_1/confirm": serverError,
          "GET /v2/bookings/bk_grace_1": () => success(pending)
        })
      )
      assertTag(yield* Effect.flip(cal.bookings.confirm("bk_grace_1")), "CalComApiError")
      assert.deepStrictEqual(routesOf(fake), ["POST /v2/bookings/bk_grace_1/confirm", "GET /v2/bookings/bk_grace_1"])
    })
  )

  it.effect("turns a 404 into CalComNotFoundError naming the booking, and refuses an empty uid unsent", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_gone/confirm": () => errorEnvelope(404, "NotFoundException", "Booking not found")
        })
      )
      const missing = assertTag(yield* Effect.flip(cal.bookings.confirm("bk_gone")), "CalComNotFoundError")
      assert.strictEqual(missing.id, "bk_gone")
      assertInvalid(yield* Effect.flip(cal.bookings.confirm(" ")), "Bookings.confirm", ["uid"])
      assert.strictEqual(fake.requests.length, 1)
    })
  )
})

/** The body of the one `POST /v2/bookings`. */
const bodyOfPost = (fake: FakeFetch): object => {
  const post = fake.requests.find((r) => r.method === "POST")
  if (post === undefined) return assert.fail("no POST")
  return bodyOf(post) as object
}

describe("recurring and seated bookings", () => {
  const occurrence = (n: number, overrides: Record<string, unknown> = {}) =>
    bookingJson({
      id: 2000 + n,
      uid: `bk_series_${n}`,
      start: `2026-12-0${n}T10:00:00.000Z`,
      end: `2026-12-0${n}T10:30:00.000Z`,
      recurringBookingUid: "series_1",
      ...overrides
    })
  const input = { ...createInput, start: "2026-12-01T10:00:00Z", checkAvailability: false } as const

  it.effect("create on a recurring event type returns every occurrence, sorted by start", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "POST /v2/bookings": () => created([occurrence(3), occurrence(1), occurrence(2)]) })
      )
      const result = yield* cal.bookings.create(input)
      assert.deepStrictEqual(
        result.occurrences.map((b) => b.uid),
        ["bk_series_1", "bk_series_2", "bk_series_3"]
      )
      assert.strictEqual(result.booking.uid, "bk_series_1")
      assert.strictEqual(result.confirmation.uid, "bk_series_1")
      assert.isUndefined(result.seatUid)
    })
  )

  it.effect("create on a seated event type returns the seat taken, not as a booking field", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "POST /v2/bookings": () => created({ ...booking, seatUid: "seat_9" }) }))
      const result = yield* cal.bookings.create(input)
      assert.strictEqual(result.seatUid, "seat_9")
      assert.notProperty(result.booking, "seatUid")
    })
  )

  it.effect("an empty list of occurrences is a decode error", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(router({ "POST /v2/bookings": () => created([]) }))
      const error = assertTag(yield* Effect.flip(cal.bookings.create(input)), "CalComDecodeError")
      assert.include(error.message, "occurrences")
    })
  )

  it.effect("after a lost answer, create finds the first occurrence and then the whole series", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "POST /v2/bookings": () => serverError(),
          "GET /v2/bookings": () => bookingPage([occurrence(1)]),
          "GET /v2/bookings/series_1": () => success([occurrence(1), occurrence(2)])
        }),
        { retry: { maxRetries: 0 } }
      )
      const result = yield* cal.bookings.create(input)
      assert.deepStrictEqual(
        result.occurrences.map((b) => b.uid),
        ["bk_series_1", "bk_series_2"]
      )
      assert.strictEqual(posts(fake, "/v2/bookings"), 1)
    })
  )

  it.effect("get with a series uid returns every occurrence; the booking is the first", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({ "GET /v2/bookings/series_1": () => success([occurrence(2), occurrence(1)]) })
      )
      const found = yield* cal.bookings.get("series_1")
      assert.strictEqual(found.uid, "bk_series_1")
      assert.deepStrictEqual(
        found.occurrences.map((b) => b.uid),
        ["bk_series_1", "bk_series_2"]
      )
    })
  )

  it.effect("cancel of one occurrence answered by the series returns that occurrence as the booking", () =>
    Effect.gen(function* () {
      const { cal } = yield* setup(
        router({
          "POST /v2/bookings/bk_series_2/cancel": () =>
            success([occurrence(1), occurrence(2, { status: "cancelled" }), occurrence(3, { status: "cancelled" })])
        })
      )
      const result = yield* cal.bookings.cancel("bk_series_2")
      assert.strictEqual(result.booking.uid, "bk_series_2")
      assert.strictEqual(result.confirmation.status, "cancelled")
      assert.strictEqual(result.occurrences.length, 3)
    })
  )

  it.effect("stream without pagination (older releases) stops after a short page", () =>
    Effect.gen(function* () {
      const { fake, cal } = yield* setup(
        router({
          "GET /v2/bookings": (_, call) =>
            success(
              call === 0
                ? [
                    { ...booking, uid: "bk_1" },
                    { ...booking, uid: "bk_2" }
                  ]
                : [{ ...booking, uid: "bk_3" }]
            )
        })
      )
      const all = yield* Stream.runCollect(cal.bookings.stream({ take: 2 }))
      assert.strictEqual(all.length, 3)
      assert.strictEqual(fake.requests.length, 2)
    })
  )
})
