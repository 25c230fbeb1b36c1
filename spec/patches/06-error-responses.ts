import { expectPatched, type Json, operations, type SpecPatch } from "./Patch.js"

const id = "06-error-responses"

/** Statuses the live API answers with its error envelope, with the code it sends for each. */
const ERRORS: ReadonlyArray<readonly [status: string, code: string, message: string]> = [
  ["400", "BadRequestException", "Bad request: the input failed validation"],
  ["401", "UnauthorizedException", "Invalid Access Token."],
  ["403", "ForbiddenException", "You do not have access to this resource"],
  ["404", "NotFoundException", "Resource not found"],
  ["409", "ConflictException", "The resource already exists or the slot is taken"],
  ["422", "UnprocessableEntityException", "The request could not be processed"],
  ["429", "ThrottlerException", "ThrottlerException: Too Many Requests"],
  ["500", "InternalServerErrorException", "Internal server error"]
]

const rateLimitHeader = (description: string): Json => ({ description, schema: { type: "integer" } })

/** `{"status":"error","timestamp":…,"path":…,"error":{"code","message","details"}}`, as the live API sends it. */
const envelope: Json = {
  type: "object",
  required: ["status", "error"],
  properties: {
    status: { type: "string", enum: ["error"] },
    timestamp: { type: "string", description: "When the server produced the error (ISO 8601)" },
    path: { type: "string", description: "The request path" },
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Open set: an exception name (ThrottlerException) or a code (NOT_FOUND)" },
        message: { type: "string" },
        details: { description: "Validation details or other context; shape varies" }
      }
    }
  }
}

/**
 * The document declares no error responses at all (only 200/201/204), so generated types know
 * nothing of the error body and Prism cannot serve errors (`Prefer: code=404` only works for
 * declared statuses). The patch adds the live API's error envelope as `ErrorResponse` and a
 * response for each status the API uses to every operation; 429 also declares the rate-limit
 * headers Cal.com sends (`X-RateLimit-*-Default`, no `Retry-After`).
 */
export const patch: SpecPatch = {
  id,
  reason: "no error responses are declared; add the live API's error envelope for 400/401/403/404/409/422/429/500",
  apply: (doc) => {
    doc.components.schemas["ErrorResponse"] = envelope
    const responses = (doc.components["responses"] ?? {}) as Record<string, Json>
    doc.components["responses"] = responses
    for (const [status, code, message] of ERRORS) {
      responses[`Error${status}`] = {
        description: message,
        ...(status === "429"
          ? {
              headers: {
                "X-RateLimit-Limit-Default": rateLimitHeader("Requests allowed in the window"),
                "X-RateLimit-Remaining-Default": rateLimitHeader("Requests left in the window"),
                "X-RateLimit-Reset-Default": rateLimitHeader("Seconds until the window resets")
              }
            }
          : {}),
        content: {
          "application/json": {
            schema: { $ref: "#/components/schemas/ErrorResponse" },
            example: {
              status: "error",
              timestamp: "2026-03-11T10:00:00.000Z",
              path: "/v2/resource",
              error: { code, message }
            }
          }
        }
      }
    }
    let changed = 0
    for (const { operation } of operations(doc)) {
      for (const [status] of ERRORS) {
        if (operation.responses[status] !== undefined) continue
        operation.responses[status] = { $ref: `#/components/responses/Error${status}` }
        changed++
      }
    }
    return expectPatched(id, changed)
  }
}
