import { expectPatched, type Json, operations, type SpecPatch } from "./Patch.js"

const id = "07-security-schemes"

/** Header parameters that are really credentials, and the scheme each becomes. */
const CREDENTIALS: Record<string, string> = {
  authorization: "ApiKey",
  "x-cal-client-id": "PlatformClientId",
  "x-cal-secret-key": "PlatformSecretKey"
}

/**
 * The document has no `securitySchemes`: authentication is an ordinary header parameter on each
 * operation (`Authorization`, and `x-cal-client-id` / `x-cal-secret-key` for platform OAuth
 * clients). Generated types then demand the key on every call. The patch removes those
 * parameters and declares them as security schemes, per operation:
 * - a required credential header becomes a required scheme;
 * - where every credential header is optional (public booking, slots), the operation accepts
 *   any of them or none (`{}`), as the live API does;
 * - an operation with no credential headers is public (`security: []`).
 * Prism then refuses a request without credentials where the API requires them (401).
 */
export const patch: SpecPatch = {
  id,
  reason: "credentials are header parameters on every operation; declare them as security schemes",
  apply: (doc) => {
    doc.components["securitySchemes"] = {
      ApiKey: {
        type: "http",
        scheme: "bearer",
        description: "A Cal.com API key (cal_… / cal_live_…) or an OAuth access token, as `Authorization: Bearer …`"
      },
      PlatformClientId: { type: "apiKey", in: "header", name: "x-cal-client-id" },
      PlatformSecretKey: { type: "apiKey", in: "header", name: "x-cal-secret-key" }
    }
    let changed = 0
    for (const { operation } of operations(doc)) {
      const parameters = operation.parameters ?? []
      const credentials = parameters.filter(
        (p) => p["in"] === "header" && typeof p["name"] === "string" && p["name"].toLowerCase() in CREDENTIALS
      )
      operation.parameters = parameters.filter((p) => !credentials.includes(p))
      const scheme = (p: Json) => CREDENTIALS[String(p["name"]).toLowerCase()] as string
      const required = credentials.filter((p) => p["required"] === true)
      if (required.length > 0) {
        operation["security"] = [Object.fromEntries(required.map((p) => [scheme(p), []]))]
      } else if (credentials.length > 0) {
        const names = credentials.map(scheme)
        const platform = names.filter((n) => n !== "ApiKey")
        operation["security"] = [
          ...(names.includes("ApiKey") ? [{ ApiKey: [] }] : []),
          ...(platform.length > 0 ? [Object.fromEntries(platform.map((n) => [n, []]))] : []),
          {}
        ]
      } else {
        operation["security"] = []
      }
      changed += credentials.length
    }
    return expectPatched(id, changed)
  }
}
