/** The Prism URL that scripts/contract.ts passes in; a clear failure when run without it. */
export const mockUrl = (): string => {
  const url = process.env["CAL_COM_MOCK_URL"]
  if (!url) throw new Error("CAL_COM_MOCK_URL is not set: run contract tests with `npm run test:contract`")
  return url
}
