/**
 * Compile-time drift check between the generated types and the domain models (type-checked by
 * `npx tsc -p tsconfig.json`, never run).
 *
 * For each model decoded from a response, two assertions:
 *
 * 1. every key of the model is a key of the generated type, apart from a declared list of keys
 *    the document does not have: a field renamed or removed in the document fails here;
 * 2. the generated type, restricted to those shared keys, is assignable to the model's `Encoded`
 *    type: a field retyped, made nullable or made optional where the model requires it fails here.
 *
 * So when `npm run generate` picks up a document that changes a field a model relies on, `tsc`
 * fails and points at the model to update.
 */
import type { components, operations } from "../../../generated/openapi.js"
import type * as M from "../../../src/facade/Models.js"

type Schemas = components["schemas"]

type Assert<T extends true> = T
type Extends<A, B> = [A] extends [B] ? true : false
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** Keys of `Model` that `Generated` lacks, beyond the `Extra` ones the model adds on purpose. */
type MissingKeys<Generated, Model, Extra extends PropertyKey = never> = Exclude<keyof Model, keyof Generated | Extra>

/** True when no model key is missing from the generated type, and the shared keys are assignable. */
type Drift<Generated, Model, Extra extends PropertyKey = never> =
  Equals<MissingKeys<Generated, Model, Extra>, never> extends true
    ? Extends<Pick<Generated, keyof Model & keyof Generated>, Pick<Model, keyof Model & keyof Generated>>
    : false

// Users, event types, teams ---------------------------------------------------------------------

export type _user = Assert<Drift<Schemas["MeOutput"], (typeof M.User)["Encoded"], "locale">>
export type _userOrganization = Assert<Drift<Schemas["MeOrgOutput"], (typeof M.UserOrganization)["Encoded"]>>

export type _eventType = Assert<
  Drift<
    Schemas["EventTypeOutput_2024_06_14"],
    (typeof M.EventType)["Encoded"],
    "teamId" | "schedulingType" | "parentEventTypeId" | "hosts"
  >
>
export type _teamEventType = Assert<
  Drift<Schemas["TeamEventTypeOutput_2024_06_14"], (typeof M.EventType)["Encoded"], "bookingUrl">
>

export type _team = Assert<Drift<Schemas["TeamOutputDto"], (typeof M.Team)["Encoded"]>>
export type _teamMember = Assert<Drift<Schemas["TeamMembershipOutput"], (typeof M.TeamMember)["Encoded"]>>
export type _teamMemberUser = Assert<Drift<Schemas["MembershipUserOutputDto"], (typeof M.TeamMemberUser)["Encoded"]>>
export type _teamRole = Assert<Equals<Schemas["TeamMembershipOutput"]["role"], typeof M.KnownTeamRole.Type>>

// Slots ------------------------------------------------------------------------------------------

type SlotsData =
  operations["SlotsController_2024_09_04_getAvailableSlots"]["responses"][200]["content"]["application/json"]["data"]

export type _slots = Assert<Extends<SlotsData, (typeof M.SlotsResponseData)["Encoded"]>>
export type _rawSlot = Assert<Drift<SlotsData[string][number], (typeof M.RawSlot)["Encoded"]>>

// Bookings ---------------------------------------------------------------------------------------

type BookingEncoded = (typeof M.Booking)["Encoded"]

export type _booking = Assert<Drift<Schemas["BookingOutput_2024_08_13"], BookingEncoded, "recurringBookingUid">>
export type _recurringBooking = Assert<Drift<Schemas["RecurringBookingOutput_2024_08_13"], BookingEncoded>>
export type _seatedBooking = Assert<
  Drift<
    Schemas["GetSeatedBookingOutput_2024_08_13"],
    BookingEncoded,
    "recurringBookingUid" | "guests" | "bookingFieldsResponses"
  >
>
export type _recurringSeatedBooking = Assert<
  Drift<Schemas["GetRecurringSeatedBookingOutput_2024_08_13"], BookingEncoded, "guests" | "bookingFieldsResponses">
>
export type _bookingHost = Assert<Drift<Schemas["BookingHost"], (typeof M.BookingHost)["Encoded"]>>
export type _bookingAttendee = Assert<
  Drift<
    Schemas["BookingAttendee"],
    (typeof M.BookingAttendee)["Encoded"],
    "seatUid" | "bookingFieldsResponses" | "metadata"
  >
>
export type _seatedAttendee = Assert<Drift<Schemas["SeatedAttendee"], (typeof M.BookingAttendee)["Encoded"]>>

// Booking actions and slot reservations ---------------------------------------------------------

export type _attendeeItem = Assert<
  Drift<Schemas["BookingAttendeeOutput_2024_08_13"], (typeof M.BookingAttendeeItem)["Encoded"]>
>
export type _reassignedTo = Assert<Drift<Schemas["ReassignedToDto"], (typeof M.ReassignedTo)["Encoded"]>>
export type _reassignment = Assert<
  Drift<Schemas["ReassignBookingData_2024_08_13"], (typeof M.BookingReassignment)["Encoded"]>
>
export type _reservation = Assert<Drift<Schemas["ReserveSlotOutput_2024_09_04"], (typeof M.SlotReservation)["Encoded"]>>
export type _reservedSlot = Assert<
  Drift<Schemas["ReservedSlot_2024_09_04"], (typeof M.SlotReservation)["Encoded"], "reservationDuration">
>
export type _bookingEventType = Assert<Drift<Schemas["EventType"], (typeof M.BookingEventType)["Encoded"]>>

export type _bookingStatus = Assert<
  Equals<Schemas["BookingOutput_2024_08_13"]["status"], typeof M.KnownBookingStatus.Type>
>
export type _bookingListStatus = Assert<
  Equals<
    NonNullable<
      NonNullable<operations["BookingsController_2024_08_13_getBookings"]["parameters"]["query"]>["status"]
    >[number],
    M.BookingListStatus
  >
>

export type _pagination = Assert<Drift<Schemas["PaginationMetaDto"], (typeof M.Pagination)["Encoded"]>>
export type _bookingsPage = Assert<
  Extends<Schemas["GetBookingsOutput_2024_08_13"]["pagination"], (typeof M.Pagination)["Encoded"]>
>

// Schedules and webhooks -------------------------------------------------------------------------

export type _schedule = Assert<Drift<Schemas["ScheduleOutput_2024_06_11"], (typeof M.Schedule)["Encoded"]>>
export type _weekday = Assert<Equals<Schemas["ScheduleAvailabilityInput_2024_06_11"]["days"][number], M.Weekday>>

export type _webhook = Assert<Drift<Schemas["UserWebhookOutputDto"], (typeof M.Webhook)["Encoded"], "eventTypeId">>

// Calendars --------------------------------------------------------------------------------------

export type _connectedCalendars = Assert<
  Drift<Schemas["ConnectedCalendarsData"], (typeof M.ConnectedCalendars)["Encoded"]>
>
export type _connectedCalendar = Assert<Drift<Schemas["ConnectedCalendar"], (typeof M.ConnectedCalendar)["Encoded"]>>
export type _connectedCalendarEntry = Assert<Drift<Schemas["Calendar"], (typeof M.ConnectedCalendarEntry)["Encoded"]>>
export type _calendarPrimary = Assert<Drift<Schemas["Primary"], (typeof M.ConnectedCalendarEntry)["Encoded"]>>
export type _calendarIntegration = Assert<Drift<Schemas["Integration"], (typeof M.CalendarIntegration)["Encoded"]>>
export type _destinationCalendar = Assert<
  Drift<Schemas["DestinationCalendar"], (typeof M.DestinationCalendar)["Encoded"]>
>
export type _busyTime = Assert<Drift<Schemas["BusyTimesOutput"], (typeof M.BusyTime)["Encoded"]>>

export type _teamInvite = Assert<Drift<Schemas["InviteDataDto"], (typeof M.TeamInvite)["Encoded"]>>

// Conferencing, routing forms ------------------------------------------------------------------

export type _conferencingApp = Assert<
  Drift<Schemas["ConferencingAppsOutputDto"], (typeof M.ConferencingApp)["Encoded"]>
>
export type _defaultConferencingApp = Assert<
  Drift<Schemas["DefaultConferencingAppsOutputDto"], (typeof M.DefaultConferencingApp)["Encoded"]>
>
export type _routingFormSlots = Assert<
  Drift<Schemas["ResponseSlotsOutputData"], (typeof M.RoutingFormSlotsData)["Encoded"]>
>
