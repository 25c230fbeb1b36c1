/**
 * A fake Cal.com API v2 server with fault injection, for chaos tests and benchmarks.
 *
 * It is a real HTTP server (node:http on 127.0.0.1, OS-chosen port), so the facade runs its
 * whole stack against it: fetch, keep-alive, timeouts, retries, decoding. It keeps booking
 * state in memory, answers with the field names and types of `generated/openapi.patched.json`
 * (the facade decodes these bodies), and reproduces the live API's quirks that matter to a
 * client: 404 on a wrong `cal-api-version`, 498 for an expired key, rate-limit headers on every
 * answer and no `Retry-After` on a 429.
 *
 * A test injects faults per request through `setFaultPlan`; `attempt` counts how often the exact
 * request was seen, so "fail once, then succeed" is a one-liner. Faults named `…-after` do the
 * work first, which is what makes non-idempotent retries observable (`bookings()`).
 *
 * Test infrastructure only: plain Node, no Effect, no dependencies.
 */
import { randomBytes } from "node:crypto"
import { setMaxListeners } from "node:events"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { apiVersions } from "../../generated/versions.js"

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

export interface FakeCalComOptions {
  /** The one accepted key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string
  /** Keys that answer 498, the status Cal.com uses for an expired token. */
  readonly expiredKeys?: ReadonlyArray<string>
  /** Per-key fixed window; none by default. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number }
  /** Bookings created at start (half past, half upcoming); default 0. */
  readonly seedBookings?: number
  /** Added before every answer (including faults), to model network distance in benchmarks. */
  readonly latencyMs?: number
  /** Clock of the rate-limit window, so a test can scale or step time; default `Date.now`. */
  readonly now?: () => number
}

export type Fault =
  /** A 5xx (default 500) before any work: nothing changed on the server. */
  | { readonly kind: "error-before"; readonly status?: number }
  /** The request is processed (a booking is created…), then the answer is replaced by a 5xx. */
  | { readonly kind: "error-after"; readonly status?: number }
  /** The socket is destroyed before any work: the client sees a connection error. */
  | { readonly kind: "reset-before" }
  /** The request is processed, then the socket is destroyed without an answer. */
  | { readonly kind: "reset-after" }
  /** The request is processed at once, the answer is held back `delayMs` (client timeouts). */
  | { readonly kind: "slow"; readonly delayMs: number }
  /** The request is processed; the answer keeps its status but its body is truncated, not JSON. */
  | { readonly kind: "malformed-json" }
  /** The request is processed; a success envelope loses `id`, `uid` and `start` from its data. */
  | { readonly kind: "missing-fields" }
  /** A 429 before any work, with rate-limit headers (remaining 0) and no `Retry-After`. */
  | { readonly kind: "rate-limit" }

export interface FaultRequest {
  readonly method: string
  /** Path without the query string (`/v2/bookings/abc/cancel`). */
  readonly path: string
  /** Raw query string without `?` ("" when none). */
  readonly query: string
  /** Parsed JSON body, the raw text if it is not JSON, `undefined` when empty. */
  readonly body: unknown
  /** 1-based count of requests with this method, path, query and body, this one included. */
  readonly attempt: number
}

export type FaultPlan = (request: FaultRequest) => Fault | undefined

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  /** Wall-clock arrival time (`Date.now()`), for measuring retry spacing. */
  readonly at: number
}

export interface FakeAttendee {
  readonly name: string
  readonly email: string
  readonly displayEmail: string
  readonly timeZone: string
  readonly absent: boolean
  readonly language?: string
  readonly phoneNumber?: string
}

export interface FakeHost {
  readonly id: number
  readonly name: string
  readonly email: string
  readonly displayEmail: string
  readonly username: string
  readonly timeZone: string
}

/** A booking as the API returns it (`BookingOutput_2024_08_13`). */
export interface FakeBooking {
  readonly id: number
  readonly uid: string
  readonly title: string
  readonly description: string
  readonly hosts: ReadonlyArray<FakeHost>
  readonly status: "accepted" | "cancelled" | "rejected" | "pending"
  readonly cancellationReason?: string
  readonly reschedulingReason?: string
  readonly rescheduledByEmail?: string
  readonly rescheduledFromUid?: string
  readonly rescheduledToUid?: string
  readonly start: string
  readonly end: string
  readonly duration: number
  readonly eventTypeId: number
  readonly eventType: { readonly id: number; readonly slug: string }
  readonly meetingUrl: string
  readonly location: string
  readonly absentHost: boolean
  readonly createdAt: string
  readonly updatedAt: string
  readonly metadata: Readonly<Record<string, unknown>>
  readonly attendees: ReadonlyArray<FakeAttendee>
  readonly guests?: ReadonlyArray<string>
  readonly bookingFieldsResponses: Readonly<Record<string, unknown>>
}

export interface FakeCalCom {
  /** `http://127.0.0.1:PORT`, the origin without `/v2` (what the facade calls `baseUrl`). */
  readonly url: string
  /** Replaces the fault plan; `undefined` removes it. */
  setFaultPlan(plan: FaultPlan | undefined): void
  /** Every request received since start or the last `reset()`, in arrival order (live view). */
  readonly requests: ReadonlyArray<RecordedRequest>
  /** Current bookings, in creation order. */
  bookings(): ReadonlyArray<FakeBooking>
  /** TCP connections accepted so far / still open: keep-alive reuse and leak checks. */
  sockets(): { readonly opened: number; readonly open: number }
  /** Clears recorded requests, the fault plan, attempt counts and rate-limit windows; keeps bookings. */
  reset(): void
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>
}

export const DEFAULT_API_KEY = "cal_test_fake_key_0123456789"

/**
 * `cal-api-version` per route family (`bookings`, `event-types`, ...), read from the table the
 * transport ships (each family has one version); the live API answers 404 when it is missing or wrong.
 */
export const API_VERSIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(apiVersions).map(([operation, version]) => [operation.split("/")[2] ?? "", version])
)

// ---------------------------------------------------------------------------------------------
// Fixed data
// ---------------------------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

interface Me {
  id: number
  username: string
  email: string
  name: string | null
  avatarUrl: string | null
  bio: string | null
  timeFormat: number
  defaultScheduleId: number | null
  weekStart: string
  timeZone: string
  organizationId: number | null
}

const initialMe = (): Me => ({
  id: 1,
  username: "fake-user",
  email: "fake-user@example.com",
  name: "Fake User",
  avatarUrl: null,
  bio: null,
  timeFormat: 24,
  defaultScheduleId: 1,
  weekStart: "Monday",
  timeZone: "Europe/London",
  organizationId: null
})

interface EventTypeSpec {
  readonly id: number
  readonly slug: string
  readonly title: string
  readonly lengthInMinutes: number
  readonly lengthInMinutesOptions?: ReadonlyArray<number>
}

const EVENT_TYPE_SPECS: ReadonlyArray<EventTypeSpec> = [
  { id: 1001, slug: "30min", title: "30 Min Meeting", lengthInMinutes: 30 },
  { id: 1002, slug: "60min", title: "60 Min Meeting", lengthInMinutes: 60 },
  { id: 1003, slug: "consultation", title: "Consultation", lengthInMinutes: 30, lengthInMinutesOptions: [30, 60] }
]

/** `EventTypeOutput_2024_06_14` with every required field, as a personal event type returns it. */
const eventTypeOutput = (spec: EventTypeSpec, me: Me): Record<string, unknown> => ({
  id: spec.id,
  lengthInMinutes: spec.lengthInMinutes,
  ...(spec.lengthInMinutesOptions === undefined ? {} : { lengthInMinutesOptions: [...spec.lengthInMinutesOptions] }),
  title: spec.title,
  slug: spec.slug,
  description: `${spec.title} with ${me.name ?? me.username}`,
  locations: [{ type: "integration", integration: "cal-video" }],
  bookingFields: [
    { type: "name", label: "Your name", placeholder: "", isDefault: true, slug: "name", required: true },
    { type: "email", label: "Email address", placeholder: "", isDefault: true, slug: "email", required: true }
  ],
  disableGuests: false,
  slotInterval: null,
  minimumBookingNotice: 0,
  beforeEventBuffer: 0,
  afterEventBuffer: 0,
  recurrence: null,
  metadata: {},
  price: 0,
  currency: "usd",
  lockTimeZoneToggleOnBookingPage: false,
  seatsPerTimeSlot: null,
  forwardParamsSuccessRedirect: null,
  successRedirectUrl: null,
  isInstantEvent: false,
  seatsShowAvailabilityCount: null,
  scheduleId: null,
  hidden: false,
  bookingRequiresAuthentication: false,
  ownerId: me.id,
  users: [me.username],
  bookingUrl: `https://cal.com/${me.username}/${spec.slug}`
})

const TEAMS: ReadonlyArray<Record<string, unknown> & { readonly id: number }> = [
  {
    id: 201,
    name: "Engineering",
    slug: "engineering",
    bio: "Builds the product",
    hideBranding: false,
    isOrganization: false,
    isPrivate: false,
    hideBookATeamMember: false,
    metadata: {},
    timeFormat: 24,
    timeZone: "Europe/London",
    weekStart: "Monday"
  },
  {
    id: 202,
    name: "Sales",
    slug: "sales",
    bio: "Talks to customers",
    hideBranding: false,
    isOrganization: false,
    isPrivate: false,
    hideBookATeamMember: false,
    metadata: {},
    timeFormat: 12,
    timeZone: "America/New_York",
    weekStart: "Sunday"
  }
]

// ---------------------------------------------------------------------------------------------
// Errors and answers
// ---------------------------------------------------------------------------------------------

/** A Cal.com error answer, thrown by handlers and turned into the error envelope in one place. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
  }
}

/** Cal.com wraps Nest's validation response in `details`; mimic it so clients see the same shape. */
const badRequest = (messages: ReadonlyArray<string>): HttpError =>
  new HttpError(400, "BadRequestException", messages.join(", "), {
    message: [...messages],
    error: "Bad Request",
    statusCode: 400
  })

const notFound = (message: string): HttpError => new HttpError(404, "NotFoundException", message)

const EXCEPTION_BY_STATUS: Readonly<Record<number, readonly [code: string, message: string]>> = {
  500: ["InternalServerErrorException", "Internal server error"],
  501: ["NotImplementedException", "Not Implemented"],
  502: ["BadGatewayException", "Bad Gateway"],
  503: ["ServiceUnavailableException", "Service Unavailable"],
  504: ["GatewayTimeoutException", "Gateway Timeout"]
}

const serverError = (status: number): HttpError => {
  const [code, message] = EXCEPTION_BY_STATUS[status] ?? ["HttpException", `Http Exception ${status}`]
  return new HttpError(status, code, message)
}

interface Answer {
  readonly status: number
  readonly body: unknown
}

const success = (data: unknown, status = 200): Answer => ({ status, body: { status: "success", data } })

const errorAnswer = (error: HttpError, path: string): Answer => ({
  status: error.status,
  body: {
    status: "error",
    timestamp: new Date().toISOString(),
    path,
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details })
    }
  }
})

/** The fields whose absence a decoder must notice: identity and time of bookings, slots, users, teams. */
const DROPPED_FIELDS = new Set(["id", "uid", "start"])

/** Drops `DROPPED_FIELDS` from records; descends into arrays and maps (the slots map has no id). */
const stripRequired = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripRequired)
  if (value === null || typeof value !== "object") return value
  const entries = Object.entries(value)
  if (entries.some(([key]) => DROPPED_FIELDS.has(key))) {
    return Object.fromEntries(entries.filter(([key]) => !DROPPED_FIELDS.has(key)))
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key, stripRequired(inner)]))
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** Host availability: weekdays 09:00–17:00 UTC, starts every 30 minutes. */
const WORK_START_MINUTES = 9 * 60
const WORK_END_MINUTES = 17 * 60
const SLOT_STEP_MINUTES = 30
const MAX_BODY_BYTES = 1024 * 1024
const MAX_SLOT_RANGE_DAYS = 366

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

const newUid = (): string => randomBytes(16).toString("base64url").slice(0, 22)

const parseInstant = (value: unknown, field: string): number => {
  const ms = typeof value === "string" ? Date.parse(value) : Number.NaN
  if (Number.isNaN(ms)) throw badRequest([`${field} must be a valid ISO 8601 date string`])
  return ms
}

/** Query integer with bounds; `undefined` when absent. */
const queryInt = (params: URLSearchParams, name: string, min: number, max: number): number | undefined => {
  const raw = params.get(name)
  if (raw === null || raw === "") return undefined
  const value = Number(raw)
  if (!Number.isInteger(value)) throw badRequest([`${name} must be an integer number`])
  if (value < min) throw badRequest([`${name} must not be less than ${min}`])
  if (value > max) throw badRequest([`${name} must not be greater than ${max}`])
  return value
}

const pathId = (raw: string, name: string): number => {
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw badRequest([`Validation failed (numeric string is expected) for ${name}`])
  }
  return value
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve()
    // Resolve early on close() so a pending `slow` answer never keeps the process alive.
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort)
      resolve()
    }, ms)
    signal.addEventListener("abort", onAbort, { once: true })
  })

const zonedFormatters = new Map<string, Intl.DateTimeFormat>()

/** Local calendar date and ISO timestamp with offset of an instant in `timeZone` (400 if unknown). */
const zoned = (ms: number, timeZone: string): { readonly date: string; readonly iso: string } => {
  if (timeZone === "UTC") {
    const iso = new Date(ms).toISOString()
    return { date: iso.slice(0, 10), iso }
  }
  let format = zonedFormatters.get(timeZone)
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit"
      })
    } catch {
      throw badRequest([`timeZone must be a valid IANA time zone, got ${timeZone}`])
    }
    zonedFormatters.set(timeZone, format)
  }
  const parts: Record<string, string> = {}
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value
  const [y, mo, d, h, mi, s] = [
    parts["year"],
    parts["month"],
    parts["day"],
    parts["hour"],
    parts["minute"],
    parts["second"]
  ]
  const localAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  const offset = Math.round((localAsUtc - (ms - (ms % 1000))) / MINUTE)
  const sign = offset < 0 ? "-" : "+"
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, "0")
  const mm = String(abs % 60).padStart(2, "0")
  const millis = String(ms % 1000).padStart(3, "0")
  return { date: `${y}-${mo}-${d}`, iso: `${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${sign}${hh}:${mm}` }
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

interface RateWindow {
  start: number
  count: number
}

interface RateLimitView {
  readonly limit: number
  readonly remaining: number
  readonly resetSeconds: number
}

type StoredBooking = Mutable<FakeBooking> & { startMs: number; endMs: number }

type Handler = (ctx: {
  readonly params: ReadonlyArray<string>
  readonly query: URLSearchParams
  readonly body: unknown
}) => Answer

interface Route {
  readonly method: string
  readonly segments: ReadonlyArray<string>
  readonly handler: Handler
}

export const startFakeCalCom = async (options: FakeCalComOptions = {}): Promise<FakeCalCom> => {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const expiredKeys = new Set(options.expiredKeys ?? [])
  const rateLimit = options.rateLimit
  const latencyMs = options.latencyMs ?? 0
  const now = options.now ?? Date.now

  const me = initialMe()
  const eventTypes = new Map(EVENT_TYPE_SPECS.map((spec) => [spec.id, spec]))
  const requests: Array<RecordedRequest> = []
  const attempts = new Map<string, number>()
  const windows = new Map<string, RateWindow>()
  let faultPlan: FaultPlan | undefined
  const closing = new AbortController()
  // Every pending slow response listens for close: many at once is expected, not a leak.
  setMaxListeners(0, closing.signal)

  // Bookings: creation order for listing, plus indexes so lookups and conflict checks stay O(1)
  // with thousands of seeded bookings.
  const store: Array<StoredBooking> = []
  const byUid = new Map<string, StoredBooking>()
  const acceptedAt = new Map<string, StoredBooking>()
  let nextBookingId = 1
  const slotKey = (eventTypeId: number, startMs: number): string => `${eventTypeId}@${startMs}`

  const host = (): FakeHost => ({
    id: me.id,
    name: me.name ?? me.username,
    email: me.email,
    displayEmail: me.email,
    username: me.username,
    timeZone: me.timeZone
  })

  const insert = (booking: StoredBooking): void => {
    store.push(booking)
    byUid.set(booking.uid, booking)
    if (booking.status === "accepted") acceptedAt.set(slotKey(booking.eventTypeId, booking.startMs), booking)
  }

  const release = (booking: StoredBooking): void => {
    const key = slotKey(booking.eventTypeId, booking.startMs)
    if (acceptedAt.get(key) === booking) acceptedAt.delete(key)
  }

  interface NewBooking {
    readonly spec: EventTypeSpec
    readonly startMs: number
    readonly duration: number
    readonly attendees: ReadonlyArray<FakeAttendee>
    readonly guests: ReadonlyArray<string> | undefined
    readonly metadata: Readonly<Record<string, unknown>>
    readonly status: FakeBooking["status"]
    readonly uid: string
    readonly createdMs: number
    readonly hosts: ReadonlyArray<FakeHost>
  }

  const makeBooking = (input: NewBooking): StoredBooking => {
    const endMs = input.startMs + input.duration * MINUTE
    const created = new Date(input.createdMs).toISOString()
    const meetingUrl = `https://app.cal.com/video/${input.uid}`
    const first = input.attendees[0]
    return {
      id: nextBookingId++,
      uid: input.uid,
      title: `${input.spec.title} between ${input.hosts[0]?.name ?? me.username} and ${first?.name ?? "guest"}`,
      description: "",
      hosts: input.hosts,
      status: input.status,
      start: new Date(input.startMs).toISOString(),
      end: new Date(endMs).toISOString(),
      duration: input.duration,
      eventTypeId: input.spec.id,
      eventType: { id: input.spec.id, slug: input.spec.slug },
      meetingUrl,
      location: meetingUrl,
      absentHost: false,
      createdAt: created,
      updatedAt: created,
      metadata: input.metadata,
      attendees: input.attendees,
      ...(input.guests === undefined ? {} : { guests: input.guests }),
      bookingFieldsResponses: {
        name: first?.name ?? "",
        email: first?.email ?? "",
        ...(input.guests === undefined ? {} : { guests: input.guests })
      },
      startMs: input.startMs,
      endMs
    }
  }

  // Seeds: half in the past (before today), half upcoming (from tomorrow), hourly 09:00–16:00 UTC,
  // so "past"/"upcoming" counts do not depend on the time of day the test runs. Every 10th is
  // cancelled; attendees cycle through 50 addresses for filter tests. Objects share the host to
  // keep 10,000 seeds cheap.
  const seedCount = options.seedBookings ?? 0
  if (seedCount > 0) {
    const seedHosts = [host()]
    const today = Math.floor(Date.now() / DAY) * DAY
    const half = Math.floor(seedCount / 2)
    for (let i = 0; i < seedCount; i++) {
      const k = i < half ? i : i - half
      const dayOffset = i < half ? -(1 + Math.floor(k / 8)) : 1 + Math.floor(k / 8)
      const startMs = today + dayOffset * DAY + (9 + (k % 8)) * 60 * MINUTE
      const spec = i % 2 === 0 ? EVENT_TYPE_SPECS[0] : EVENT_TYPE_SPECS[1]
      if (spec === undefined) break
      const email = `attendee${i % 50}@example.com`
      const booking = makeBooking({
        spec,
        startMs,
        duration: spec.lengthInMinutes,
        attendees: [{ name: `Attendee ${i % 50}`, email, displayEmail: email, timeZone: "UTC", absent: false }],
        guests: undefined,
        metadata: {},
        status: i % 10 === 9 ? "cancelled" : "accepted",
        uid: `seed${String(i).padStart(18, "0")}`,
        createdMs: startMs - 7 * DAY,
        hosts: seedHosts
      })
      insert(booking)
    }
  }

  const publicBooking = (booking: StoredBooking): FakeBooking => {
    const { startMs: _start, endMs: _end, ...rest } = booking
    return rest
  }

  const eventTypeOf = (id: unknown, field: string): EventTypeSpec => {
    if (typeof id !== "number" || !Number.isInteger(id)) throw badRequest([`${field} must be an integer number`])
    const spec = eventTypes.get(id)
    if (spec === undefined) throw notFound(`Event type with id=${id} not found`)
    return spec
  }

  const bookingOf = (uid: string): StoredBooking => {
    const booking = byUid.get(uid)
    if (booking === undefined) throw notFound(`Booking with uid=${uid} was not found in the database`)
    return booking
  }

  const ensureFree = (spec: EventTypeSpec, startMs: number): void => {
    if (acceptedAt.has(slotKey(spec.id, startMs))) {
      throw new HttpError(
        409,
        "ConflictException",
        `A booking for event type ${spec.id} already exists at ${new Date(startMs).toISOString()}`
      )
    }
  }

  // --- handlers -------------------------------------------------------------------------------

  const ME_FIELDS: Readonly<Record<string, (value: unknown) => boolean>> = {
    email: (v) => typeof v === "string" && v.includes("@"),
    name: (v) => typeof v === "string",
    timeFormat: (v) => v === 12 || v === 24,
    defaultScheduleId: (v) => typeof v === "number" && Number.isInteger(v),
    weekStart: (v) =>
      typeof v === "string" &&
      ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].includes(v),
    timeZone: (v) => typeof v === "string" && v.length > 0,
    locale: (v) => typeof v === "string",
    avatarUrl: (v) => typeof v === "string",
    bio: (v) => typeof v === "string",
    metadata: isRecord
  }

  const updateMe: Handler = ({ body }) => {
    if (!isRecord(body)) throw badRequest(["body must be an object"])
    const problems: Array<string> = []
    for (const [key, value] of Object.entries(body)) {
      const valid = ME_FIELDS[key]
      if (valid === undefined) problems.push(`property ${key} should not exist`)
      else if (!valid(value)) problems.push(`${key} has an invalid value`)
    }
    if (problems.length > 0) throw badRequest(problems)
    const patch: Record<string, unknown> = body
    // `locale` and `metadata` are accepted but not part of MeOutput, so they are not stored.
    if (typeof patch["email"] === "string") me.email = patch["email"]
    if (typeof patch["name"] === "string") me.name = patch["name"]
    if (typeof patch["timeFormat"] === "number") me.timeFormat = patch["timeFormat"]
    if (typeof patch["defaultScheduleId"] === "number") me.defaultScheduleId = patch["defaultScheduleId"]
    if (typeof patch["weekStart"] === "string") me.weekStart = patch["weekStart"]
    if (typeof patch["timeZone"] === "string") me.timeZone = patch["timeZone"]
    if (typeof patch["avatarUrl"] === "string") me.avatarUrl = patch["avatarUrl"]
    if (typeof patch["bio"] === "string") me.bio = patch["bio"]
    return success({ ...me })
  }

  const getSlots: Handler = ({ query }) => {
    const rawId = query.get("eventTypeId")
    if (rawId === null || rawId === "") throw badRequest(["eventTypeId must be provided"])
    const spec = eventTypeOf(Number(rawId), "eventTypeId")
    const startRaw = query.get("start")
    const endRaw = query.get("end")
    if (startRaw === null || endRaw === null) throw badRequest(["start and end must be provided"])
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/
    const rangeStart = parseInstant(startRaw, "start")
    // A date-only `end` includes that whole day, as on the live API.
    const rangeEnd = parseInstant(endRaw, "end") + (dateOnly.test(endRaw) ? DAY - 1 : 0)
    if (rangeEnd < rangeStart) throw badRequest(["end must be after start"])
    if (rangeEnd - rangeStart > MAX_SLOT_RANGE_DAYS * DAY) {
      throw badRequest([`the range must not exceed ${MAX_SLOT_RANGE_DAYS} days`])
    }
    const timeZone = query.get("timeZone") || "UTC"
    zoned(rangeStart, timeZone) // validates the zone even when no slot is returned
    const duration = queryInt(query, "duration", 1, 24 * 60) ?? spec.lengthInMinutes
    if (spec.lengthInMinutesOptions !== undefined && !spec.lengthInMinutesOptions.includes(duration)) {
      throw badRequest([`duration must be one of ${spec.lengthInMinutesOptions.join(", ")}`])
    }

    // Taken intervals of this event type that touch the range: one scan, then per-slot overlap.
    const taken: Array<readonly [number, number]> = []
    for (const booking of acceptedAt.values()) {
      if (booking.eventTypeId === spec.id && booking.endMs > rangeStart && booking.startMs < rangeEnd) {
        taken.push([booking.startMs, booking.endMs])
      }
    }

    const data: Record<string, Array<{ start: string }>> = {}
    for (let day = Math.floor(rangeStart / DAY) * DAY; day <= rangeEnd; day += DAY) {
      const weekday = new Date(day).getUTCDay()
      if (weekday === 0 || weekday === 6) continue
      for (let m = WORK_START_MINUTES; m + duration <= WORK_END_MINUTES; m += SLOT_STEP_MINUTES) {
        const start = day + m * MINUTE
        const end = start + duration * MINUTE
        if (start < rangeStart || start > rangeEnd) continue
        if (taken.some(([s, e]) => s < end && e > start)) continue
        const local = zoned(start, timeZone)
        const list = data[local.date] ?? []
        list.push({ start: local.iso })
        data[local.date] = list
      }
    }
    return success(data)
  }

  const createBooking: Handler = ({ body }) => {
    if (!isRecord(body)) throw badRequest(["body must be an object"])
    const problems: Array<string> = []
    if (typeof body["start"] !== "string") problems.push("start must be a valid ISO 8601 date string")
    if (body["eventTypeId"] === undefined) problems.push("eventTypeId must be an integer number")
    const attendee = body["attendee"]
    if (!isRecord(attendee)) problems.push("attendee must be an object")
    else {
      for (const field of ["name", "email", "timeZone"] as const) {
        if (typeof attendee[field] !== "string" || attendee[field] === "") {
          problems.push(`attendee.${field} must be a string`)
        }
      }
    }
    const guests = body["guests"]
    if (guests !== undefined && !(Array.isArray(guests) && guests.every((g) => typeof g === "string"))) {
      problems.push("guests must be an array of strings")
    }
    const metadata = body["metadata"]
    if (metadata !== undefined && !isRecord(metadata)) problems.push("metadata must be an object")
    if (problems.length > 0 || !isRecord(attendee)) throw badRequest(problems)

    const spec = eventTypeOf(body["eventTypeId"], "eventTypeId")
    const startMs = parseInstant(body["start"], "start")
    const length = body["lengthInMinutes"]
    let duration = spec.lengthInMinutes
    if (length !== undefined) {
      const allowed = spec.lengthInMinutesOptions ?? [spec.lengthInMinutes]
      if (typeof length !== "number" || !allowed.includes(length)) {
        throw badRequest([`lengthInMinutes must be one of ${allowed.join(", ")}`])
      }
      duration = length
    }
    ensureFree(spec, startMs)

    const email = String(attendee["email"])
    const language = attendee["language"]
    const phoneNumber = attendee["phoneNumber"]
    const booking = makeBooking({
      spec,
      startMs,
      duration,
      attendees: [
        {
          name: String(attendee["name"]),
          email,
          displayEmail: email,
          timeZone: String(attendee["timeZone"]),
          absent: false,
          ...(typeof language === "string" ? { language } : { language: "en" }),
          ...(typeof phoneNumber === "string" ? { phoneNumber } : {})
        }
      ],
      guests: Array.isArray(guests) ? guests.map(String) : undefined,
      metadata: isRecord(metadata) ? { ...metadata } : {},
      status: "accepted",
      uid: newUid(),
      createdMs: Date.now(),
      hosts: [host()]
    })
    insert(booking)
    return success(publicBooking(booking), 201)
  }

  const STATUSES = new Set(["upcoming", "recurring", "past", "cancelled", "unconfirmed"])

  const listBookings: Handler = ({ query }) => {
    const take = queryInt(query, "take", 1, 250) ?? 100
    const skip = queryInt(query, "skip", 0, Number.MAX_SAFE_INTEGER) ?? 0

    // Build the filter once; each predicate is cheap so a 10,000-booking scan stays sub-millisecond.
    const predicates: Array<(b: StoredBooking) => boolean> = []
    const statusRaw = query.get("status")
    if (statusRaw !== null && statusRaw !== "") {
      const statuses = statusRaw.split(",").map((s) => s.trim())
      const unknown = statuses.filter((s) => !STATUSES.has(s))
      if (unknown.length > 0) {
        throw badRequest([`each value in status must be one of the following values: ${[...STATUSES].join(", ")}`])
      }
      const nowMs = Date.now()
      const wanted = new Set(statuses)
      predicates.push((b) => {
        const live = b.status === "accepted" || b.status === "pending"
        return (
          (wanted.has("upcoming") && live && b.endMs >= nowMs) ||
          (wanted.has("unconfirmed") && b.status === "pending" && b.endMs >= nowMs) ||
          (wanted.has("past") && live && b.endMs < nowMs) ||
          (wanted.has("cancelled") && (b.status === "cancelled" || b.status === "rejected"))
        )
      })
    }
    const attendeeEmail = query.get("attendeeEmail")?.toLowerCase()
    if (attendeeEmail) predicates.push((b) => b.attendees.some((a) => a.email.toLowerCase() === attendeeEmail))
    const attendeeName = query.get("attendeeName")?.toLowerCase()
    if (attendeeName) predicates.push((b) => b.attendees.some((a) => a.name.toLowerCase().includes(attendeeName)))
    const bookingUid = query.get("bookingUid")
    if (bookingUid) predicates.push((b) => b.uid === bookingUid)
    const ids = [query.get("eventTypeId"), query.get("eventTypeIds")]
      .filter((v): v is string => v !== null && v !== "")
      .flatMap((v) => v.split(","))
      .map((v) => pathId(v.trim(), "eventTypeId"))
    if (ids.length > 0) {
      const set = new Set(ids)
      predicates.push((b) => set.has(b.eventTypeId))
    }
    const afterStart = query.get("afterStart")
    if (afterStart) {
      const ms = parseInstant(afterStart, "afterStart")
      predicates.push((b) => b.startMs >= ms)
    }
    const beforeEnd = query.get("beforeEnd")
    if (beforeEnd) {
      const ms = parseInstant(beforeEnd, "beforeEnd")
      predicates.push((b) => b.endMs <= ms)
    }

    let matched = predicates.length === 0 ? store : store.filter((b) => predicates.every((p) => p(b)))
    const sortStart = query.get("sortStart")
    if (sortStart === "asc" || sortStart === "desc") {
      const sign = sortStart === "asc" ? 1 : -1
      matched = [...matched].sort((a, b) => sign * (a.startMs - b.startMs) || a.id - b.id)
    } else if (sortStart !== null && sortStart !== "") {
      throw badRequest(["sortStart must be one of the following values: asc, desc"])
    }

    const page = matched.slice(skip, skip + take)
    const totalItems = matched.length
    return {
      status: 200,
      body: {
        status: "success",
        data: page.map(publicBooking),
        pagination: {
          totalItems,
          remainingItems: Math.max(0, totalItems - (skip + take)),
          returnedItems: page.length,
          itemsPerPage: take,
          currentPage: Math.floor(skip / take) + 1,
          totalPages: Math.ceil(totalItems / take),
          hasNextPage: skip + page.length < totalItems,
          hasPreviousPage: skip > 0
        }
      }
    }
  }

  const cancelBooking: Handler = ({ params, body }) => {
    const booking = bookingOf(params[0] ?? "")
    if (body !== undefined && !isRecord(body)) throw badRequest(["body must be an object"])
    const reason = isRecord(body) ? body["cancellationReason"] : undefined
    if (reason !== undefined && typeof reason !== "string") throw badRequest(["cancellationReason must be a string"])
    if (booking.status === "cancelled") throw badRequest(["This booking has already been cancelled."])
    release(booking)
    booking.status = "cancelled"
    if (reason !== undefined) booking.cancellationReason = reason
    booking.updatedAt = new Date().toISOString()
    return success(publicBooking(booking))
  }

  const rescheduleBooking: Handler = ({ params, body }) => {
    const old = bookingOf(params[0] ?? "")
    if (!isRecord(body)) throw badRequest(["body must be an object"])
    const startMs = parseInstant(body["start"], "start")
    const reason = body["reschedulingReason"]
    if (reason !== undefined && typeof reason !== "string") throw badRequest(["reschedulingReason must be a string"])
    const by = body["rescheduledBy"]
    if (by !== undefined && typeof by !== "string") throw badRequest(["rescheduledBy must be a string"])
    if (old.status === "cancelled" || old.status === "rejected") {
      throw badRequest([`Can't reschedule booking with uid=${old.uid} because it has been cancelled or rejected`])
    }
    const spec = eventTypes.get(old.eventTypeId)
    if (spec === undefined) throw notFound(`Event type with id=${old.eventTypeId} not found`)
    // Moving to its own slot is allowed: free it first, restore it if the new slot is taken.
    release(old)
    try {
      ensureFree(spec, startMs)
    } catch (error) {
      acceptedAt.set(slotKey(old.eventTypeId, old.startMs), old)
      throw error
    }
    const next = makeBooking({
      spec,
      startMs,
      duration: old.duration,
      attendees: old.attendees,
      guests: old.guests,
      metadata: old.metadata,
      status: "accepted",
      uid: newUid(),
      createdMs: Date.now(),
      hosts: [host()]
    })
    next.rescheduledFromUid = old.uid
    if (reason !== undefined) next.reschedulingReason = reason
    if (by !== undefined) next.rescheduledByEmail = by
    old.status = "cancelled"
    old.rescheduledToUid = next.uid
    if (reason !== undefined) old.reschedulingReason = reason
    old.updatedAt = next.createdAt
    insert(next)
    return success(publicBooking(next), 201)
  }

  const routeSpecs: ReadonlyArray<{ readonly method: string; readonly path: string; readonly handler: Handler }> = [
    { method: "GET", path: "/v2/me", handler: () => success({ ...me }) },
    { method: "PATCH", path: "/v2/me", handler: updateMe },
    {
      method: "GET",
      path: "/v2/event-types",
      handler: () => success(EVENT_TYPE_SPECS.map((spec) => eventTypeOutput(spec, me)))
    },
    {
      method: "GET",
      path: "/v2/event-types/:id",
      handler: ({ params }) => {
        const id = pathId(params[0] ?? "", "eventTypeId")
        const spec = eventTypes.get(id)
        if (spec === undefined) throw notFound(`Event type with id=${id} not found`)
        return success(eventTypeOutput(spec, me))
      }
    },
    { method: "GET", path: "/v2/slots", handler: getSlots },
    { method: "POST", path: "/v2/bookings", handler: createBooking },
    { method: "GET", path: "/v2/bookings", handler: listBookings },
    {
      method: "GET",
      path: "/v2/bookings/:uid",
      handler: ({ params }) => success(publicBooking(bookingOf(params[0] ?? "")))
    },
    { method: "POST", path: "/v2/bookings/:uid/cancel", handler: cancelBooking },
    { method: "POST", path: "/v2/bookings/:uid/reschedule", handler: rescheduleBooking },
    { method: "GET", path: "/v2/teams", handler: () => success(TEAMS.map((team) => ({ ...team }))) },
    {
      method: "GET",
      path: "/v2/teams/:id",
      handler: ({ params }) => {
        const id = pathId(params[0] ?? "", "teamId")
        const team = TEAMS.find((t) => t.id === id)
        if (team === undefined) throw notFound(`Team with id=${id} not found`)
        return success({ ...team })
      }
    }
  ]
  const routes: ReadonlyArray<Route> = routeSpecs.map(({ method, path, handler }) => ({
    method,
    segments: path.split("/").slice(1),
    handler
  }))

  const route = (method: string, path: string): { handler: Handler; params: Array<string> } | undefined => {
    const segments = path.split("/").slice(1)
    for (const candidate of routes) {
      if (candidate.method !== method || candidate.segments.length !== segments.length) continue
      const params: Array<string> = []
      let ok = true
      for (let i = 0; i < segments.length && ok; i++) {
        const pattern = candidate.segments[i] ?? ""
        const actual = segments[i] ?? ""
        if (pattern.startsWith(":")) {
          if (actual === "") ok = false
          else {
            try {
              params.push(decodeURIComponent(actual))
            } catch {
              ok = false
            }
          }
        } else if (pattern !== actual) ok = false
      }
      if (ok) return { handler: candidate.handler, params }
    }
    return undefined
  }

  // --- rate limiting ----------------------------------------------------------------------------

  /** The caller's window, rolled over when it has expired (fixed windows, as Cal.com's throttler). */
  const windowOf = (key: string): RateWindow | undefined => {
    if (rateLimit === undefined) return undefined
    const t = now()
    let window = windows.get(key)
    if (window === undefined || t >= window.start + rateLimit.windowMs) {
      window = { start: t, count: 0 }
      windows.set(key, window)
    }
    return window
  }

  const view = (window: RateWindow | undefined): RateLimitView | undefined => {
    if (rateLimit === undefined || window === undefined) return undefined
    return {
      limit: rateLimit.limit,
      remaining: Math.max(0, rateLimit.limit - window.count),
      resetSeconds: Math.max(0, Math.ceil((window.start + rateLimit.windowMs - now()) / 1000))
    }
  }

  const rateLimitHeaders = (rl: RateLimitView | undefined): Record<string, string> =>
    rl === undefined
      ? {}
      : {
          "X-RateLimit-Limit-Default": String(rl.limit),
          "X-RateLimit-Remaining-Default": String(rl.remaining),
          "X-RateLimit-Reset-Default": String(rl.resetSeconds)
        }

  const bearer = (headers: IncomingMessage["headers"]): string | undefined => {
    const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")
    return match?.[1]?.trim()
  }

  // --- the request pipeline ---------------------------------------------------------------------

  /** Auth, rate limit, version, route: the "work" that `…-after` faults let happen. */
  const work = (
    method: string,
    path: string,
    url: URL,
    headers: IncomingMessage["headers"],
    body: unknown,
    bodyError: boolean
  ): { answer: Answer; rl: RateLimitView | undefined } => {
    const key = bearer(headers)
    // Unauthenticated answers still show the presented key's window, without counting.
    const peek = (): RateLimitView | undefined => view(windowOf(key ?? ""))
    if (key === undefined) {
      return {
        answer: errorAnswer(new HttpError(401, "UnauthorizedException", "No Authorization header provided"), path),
        rl: peek()
      }
    }
    if (expiredKeys.has(key)) {
      return {
        answer: errorAnswer(new HttpError(498, "TokenExpiredException", "ApiKeyStrategy - api key expired"), path),
        rl: peek()
      }
    }
    if (key !== apiKey) {
      return {
        answer: errorAnswer(new HttpError(401, "UnauthorizedException", "Invalid Access Token."), path),
        rl: peek()
      }
    }

    // Every authenticated request counts, whatever its outcome, as on the live API.
    const window = windowOf(key)
    if (window !== undefined && rateLimit !== undefined) {
      window.count++
      if (window.count > rateLimit.limit) {
        return {
          answer: errorAnswer(new HttpError(429, "ThrottlerException", "ThrottlerException: Too Many Requests"), path),
          rl: view(window)
        }
      }
    }
    const rl = view(window)

    try {
      // A missing or wrong version makes the versioned controller invisible: 404, like an unknown route.
      const family = path.split("/")[2] ?? ""
      const version = API_VERSIONS[family]
      if (version !== undefined && headers["cal-api-version"] !== version) throw notFound(`Cannot ${method} ${path}`)
      const matched = route(method, path)
      if (matched === undefined) throw notFound(`Cannot ${method} ${path}`)
      if (bodyError) throw badRequest(["request body is not valid JSON"])
      return { answer: matched.handler({ params: matched.params, query: url.searchParams, body }), rl }
    } catch (error) {
      if (error instanceof HttpError) return { answer: errorAnswer(error, path), rl }
      // A bug in the fake: say so loudly in the answer rather than crash the server.
      const message = error instanceof Error ? error.message : String(error)
      return {
        answer: errorAnswer(new HttpError(500, "InternalServerErrorException", `FakeCalCom bug: ${message}`), path),
        rl
      }
    }
  }

  const send = (res: ServerResponse, status: number, extraHeaders: Record<string, string>, text: string): void => {
    // The client may have gone (timeout, abort): writing then is pointless, not an error.
    if (res.destroyed || res.writableEnded || res.socket === null || res.socket.destroyed) return
    res.writeHead(status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(text)),
      ...extraHeaders
    })
    res.end(text)
  }

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Array<Buffer> = []
      let size = 0
      req.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_BODY_BYTES) {
          reject(new HttpError(413, "PayloadTooLargeException", "request entity too large"))
          req.destroy()
          return
        }
        chunks.push(chunk)
      })
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      req.on("error", reject)
      // A client gone before the end of its body: settle, so the handler does not hang forever.
      req.on("close", () => {
        if (!req.complete) reject(new Error("request aborted"))
      })
    })

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "GET"
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname
    const query = url.search.startsWith("?") ? url.search.slice(1) : url.search
    const at = Date.now()

    let raw: string
    try {
      raw = await readBody(req)
    } catch (error) {
      if (error instanceof HttpError) send(res, error.status, {}, JSON.stringify(errorAnswer(error, path).body))
      return
    }
    let body: unknown
    let bodyError = false
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw)
      } catch {
        body = raw
        bodyError = true
      }
    }

    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
    }
    requests.push({ method, path, query, headers, body, at })

    const attemptKey = `${method} ${path}?${query}\n${raw}`
    const attempt = (attempts.get(attemptKey) ?? 0) + 1
    attempts.set(attemptKey, attempt)
    const fault = faultPlan?.({ method, path, query, body, attempt })

    await sleep(latencyMs, closing.signal)

    // Faults before the work: the request never reaches auth, the throttler or the state.
    if (fault?.kind === "reset-before") {
      req.socket.destroy()
      return
    }
    if (fault?.kind === "error-before") {
      const status = fault.status ?? 500
      const answer = errorAnswer(serverError(status), path)
      send(res, status, rateLimitHeaders(view(windowOf(bearer(req.headers) ?? ""))), JSON.stringify(answer.body))
      return
    }
    if (fault?.kind === "rate-limit") {
      const current = view(windowOf(bearer(req.headers) ?? ""))
      const answer = errorAnswer(
        new HttpError(429, "ThrottlerException", "ThrottlerException: Too Many Requests"),
        path
      )
      send(res, 429, rateLimitHeaders(current && { ...current, remaining: 0 }), JSON.stringify(answer.body))
      return
    }

    const { answer, rl } = work(method, path, url, req.headers, body, bodyError)
    const headersOut = rateLimitHeaders(rl)

    switch (fault?.kind) {
      case "reset-after":
        req.socket.destroy()
        return
      case "error-after": {
        const status = fault.status ?? 500
        send(res, status, headersOut, JSON.stringify(errorAnswer(serverError(status), path).body))
        return
      }
      case "slow":
        await sleep(fault.delayMs, closing.signal)
        send(res, answer.status, headersOut, JSON.stringify(answer.body))
        return
      case "malformed-json": {
        const text = JSON.stringify(answer.body)
        // Truncating a JSON object always leaves invalid JSON; keep at least the opening brace.
        send(res, answer.status, headersOut, text.slice(0, Math.max(1, Math.floor(text.length / 2))))
        return
      }
      case "missing-fields": {
        const envelope = answer.body
        const stripped =
          isRecord(envelope) && envelope["status"] === "success"
            ? { ...envelope, data: stripRequired(envelope["data"]) }
            : envelope
        send(res, answer.status, headersOut, JSON.stringify(stripped))
        return
      }
      default:
        send(res, answer.status, headersOut, JSON.stringify(answer.body))
    }
  }

  // --- sockets and lifecycle --------------------------------------------------------------------

  const open = new Set<Socket>()
  let opened = 0
  const server = createServer((req, res) => {
    // A client that aborts mid-answer makes these emit; swallowing them keeps the server alive.
    req.on("error", () => {})
    res.on("error", () => {})
    handle(req, res).catch(() => {
      if (!res.headersSent) res.destroy()
    })
  })
  server.on("connection", (socket) => {
    opened++
    open.add(socket)
    socket.on("error", () => {})
    socket.on("close", () => open.delete(socket))
  })
  server.on("clientError", (_error, socket) => {
    socket.destroy()
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    setFaultPlan: (plan) => {
      faultPlan = plan
    },
    get requests() {
      return requests
    },
    bookings: () => store.map(publicBooking),
    sockets: () => ({ opened, open: open.size }),
    reset: () => {
      requests.length = 0
      attempts.clear()
      windows.clear()
      faultPlan = undefined
    },
    close: async () => {
      closing.abort()
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      // server.close() can call back before every socket's own "close" event has fired; wait for
      // those too, so `sockets().open` is 0 once close() resolves.
      const gone = [...open].map((socket) => new Promise<void>((resolve) => socket.once("close", () => resolve())))
      for (const socket of open) socket.destroy()
      await Promise.all([stopped, ...gone])
    }
  }
}
