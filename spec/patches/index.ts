/**
 * The patches to the upstream document, in the order they apply. Each file says why it exists.
 * Codegen: 01, 02 (and the generator flag `--default-non-nullable false` for defect 6).
 * Prism truthfulness: 03, 04, 05. 09. Errors, auth and versions: 06, 07, 08.
 * What the live API sends where the document says otherwise: 13, 14, 15 (and 05's seat counts), 16, 17, 18.
 * What the live API reads where the document says otherwise: 21, 23. Calendars: 22. Routing forms: 24 (after 05).
 */
import { patch as stringEnums } from "./01-string-enums-typed-as-object.js"
import { patch as scalars } from "./02-scalars-typed-as-object.js"
import { patch as bookingBody } from "./03-booking-body-variants-overlap.js"
import { patch as formats } from "./04-schedule-and-phone-formats.js"
import { patch as slots } from "./05-slots-response-envelope.js"
import { patch as errors } from "./06-error-responses.js"
import { patch as security } from "./07-security-schemes.js"
import { patch as version } from "./08-api-version-header.js"
import { patch as variants } from "./09-untagged-variants.js"
import { patch as memberships } from "./10-team-memberships-list.js"
import { patch as arrays } from "./11-comma-separated-arrays.js"
import { patch as profile } from "./12-profile-examples.js"
import { patch as webhookIds } from "./13-webhook-ids-are-strings.js"
import { patch as bookingHosts } from "./14-booking-hosts.js"
import { patch as bookingStatus } from "./15-booking-status-values.js"
import { patch as reservedSlot } from "./16-reserved-slot-output.js"
import { patch as reassign } from "./17-reassign-output.js"
import { patch as reservedSlotUid } from "./18-booking-reserved-slot-uid.js"
import { patch as busyTimesQuery } from "./21-busy-times-calendars-query.js"
import { patch as destinationCalendarId } from "./22-destination-calendar-id.js"
import { patch as routingFormBody } from "./23-routing-form-response-body.js"
import { patch as routingFormSlots } from "./24-routing-form-slots.js"
import type { SpecPatch } from "./Patch.js"

export const patches: ReadonlyArray<SpecPatch> = [
  stringEnums,
  scalars,
  bookingBody,
  formats,
  slots,
  errors,
  security,
  version,
  variants,
  memberships,
  arrays,
  profile,
  webhookIds,
  bookingHosts,
  bookingStatus,
  reservedSlot,
  reassign,
  reservedSlotUid,
  busyTimesQuery,
  destinationCalendarId,
  routingFormBody,
  routingFormSlots
]
