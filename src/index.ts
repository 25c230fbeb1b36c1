/**
 * effect-calcom: a Cal.com API v2 client for Effect.
 *
 * Provide `CalCom.layerConfig()` (or `CalCom.layer(options)`) and call `cal.bookings.create(...)`
 * and friends; every failure is one of the `CalCom*Error` classes in `CalComError`.
 *
 * This entry is platform-neutral (any runtime with `fetch`): `CalCom.layerConfig()` reads the
 * current `ConfigProvider` (the environment by default). To read a `.env` file as well, use
 * `layerConfig` from `effect-calcom/node`.
 */
export type { AvailabilityApi, EarliestInput, EventTypeSlot, SlotsInput, SlotsTarget } from "./facade/Availability.js"
export type {
  AddAttendeeInput,
  BookingActionsApi,
  BookingLocation,
  GuestInput,
  MarkAbsentInput,
  ReassignInput
} from "./facade/BookingActions.js"
export {
  type Attendee,
  type BookingPage,
  type BookingResult,
  type BookingsApi,
  type CreateBookingInput,
  type FoundBooking,
  hasMore,
  type ListBookingsInput,
  type RescheduleBookingInput,
  type StreamBookingsInput
} from "./facade/Bookings.js"
export type { CircuitState } from "./facade/Breaker.js"
export { CalCom, type CalComApi, make } from "./facade/CalCom.js"
export type { BusyTimesInput, CalendarsApi } from "./facade/Calendars.js"
export type { ConferencingApi, ConferencingAppSlug } from "./facade/Conferencing.js"
export { type CalComOptions, DEFAULT_BASE_URL, type ResolvedOptions } from "./facade/Config.js"
export * from "./facade/Errors.js"
export type {
  CreateEventTypeInput,
  EventTypesApi,
  ListEventTypesInput,
  UpdateEventTypeInput
} from "./facade/EventTypes.js"
export type { EventTypeWebhookOptions, EventTypeWebhooksApi } from "./facade/EventTypeWebhooks.js"
export type { MeApi, UpdateMeInput } from "./facade/Me.js"
export * from "./facade/Models.js"
export { CurrentRequestOptions, type RequestOptions, withRequestOptions } from "./facade/RequestOptions.js"
export type { CalculateSlotsInput, RoutingFormsApi } from "./facade/RoutingForms.js"
export type { CreateScheduleInput, SchedulesApi, UpdateScheduleInput } from "./facade/Schedules.js"
export type { ReserveSlotInput, SlotsApi } from "./facade/Slots.js"
export type {
  CreateMembershipInput,
  TeamMembershipsApi,
  TeamRoleInput,
  UpdateMembershipInput
} from "./facade/TeamMemberships.js"
export type { TeamsApi } from "./facade/Teams.js"
export * from "./facade/WebhookEvents.js"
export {
  DEFAULT_MAX_BODY_BYTES,
  inMemoryWebhookDedupe,
  type WebhookClaim,
  type WebhookDedupe,
  type WebhookHandlerOptions,
  webhookHandler
} from "./facade/WebhookHandler.js"
export type { CreatedWebhook, CreateWebhookInput, UpdateWebhookInput, WebhooksApi } from "./facade/Webhooks.js"
export {
  CalComWebhookError,
  CalComWebhookErrorReason,
  isAuthenticationFailure,
  SIGNATURE_HEADER,
  UNSIGNED_SIGNATURE,
  VERSION_HEADER,
  type VerifyWebhookInput,
  verifyWebhook,
  verifyWebhookSignature,
  type WebhookBody,
  type WebhookSecret
} from "./facade/WebhookVerify.js"
