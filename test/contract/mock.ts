import * as Effect from "effect/Effect"
import { CalCom } from "../../src/index.js"

/** The Prism URL that scripts/contract.ts passes in; a clear failure when run without it. */
export const mockUrl = (): string => {
  const url = process.env["CAL_COM_MOCK_URL"]
  if (!url) throw new Error("CAL_COM_MOCK_URL is not set: run contract tests with `npm run test:contract`")
  return url
}

/** Runs `f` with a client of the Prism mock (no retries: one request per call). */
export const withCal = <A, E>(f: (cal: CalCom["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(Effect.service(CalCom), f).pipe(
    Effect.provide(
      CalCom.layer({ apiKey: "cal_test_contract_key_0123456789", baseUrl: mockUrl(), retry: { maxRetries: 0 } })
    )
  )
