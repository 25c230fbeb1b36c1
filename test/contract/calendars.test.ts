/**
 * `cal.calendars` against Prism (`--errors`): Prism refuses a query the patched document does not
 * allow (busy times without `calendarsToLoad[0][…]`), and each answer must decode.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { withCal } from "./mock.js"

describe("calendars against Prism", () => {
  it.live("calendars.list", () =>
    withCal((cal) =>
      Effect.map(cal.calendars.list(), (result) => {
        assert.isArray(result.connectedCalendars)
        for (const account of result.connectedCalendars) assert.isNumber(account.credentialId)
      })
    )
  )

  it.live("calendars.busyTimes", () =>
    withCal((cal) =>
      Effect.map(
        cal.calendars.busyTimes({
          credentialId: 135,
          externalId: "ada@example.com",
          dateFrom: "2026-12-01",
          dateTo: "2026-12-02",
          timeZone: "Europe/Rome"
        }),
        (times) => assert.isArray(times)
      )
    )
  )
})
