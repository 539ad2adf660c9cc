import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { DomainErrorCode } from "../domain/errors.ts";
import { jsonContent } from "./openapi.ts";

/** The one table from domain error codes to HTTP statuses. */
export const statusOfCode: Record<DomainErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  MERGE_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  ORGANIZATION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  TICKET_CLOSED: 409,
  TICKET_MERGED: 409,
  IDENTITY_TAKEN: 409,
  EMAIL_TAKEN: 409,
  CHANNEL_ADDRESS_TAKEN: 409,
  ASSIGNEE_NOT_IN_TEAM: 422,
  ASSIGNEE_INACTIVE: 422,
  DELIVERY_NOT_FAILED: 409,
  DELIVERY_NOT_HELD: 409,
  WEBHOOK_NOT_CONFIGURED: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_PROGRESS: 409,
  SIGN_IN_LINK_INVALID: 401,
  ORIGIN_NOT_ALLOWED: 403,
  INVALID_VISITOR_TOKEN: 401,
  INVALID_IDENTITY: 401,
  MESSAGE_TOO_LONG: 413,
  CONVERSATION_ENDED: 409,
  KB_CATEGORY_NOT_FOUND: 404,
  KB_SECTION_NOT_FOUND: 404,
  KB_ARTICLE_NOT_FOUND: 404,
  KB_REVISION_NOT_FOUND: 404,
  KB_SLUG_TAKEN: 409,
  KB_SECTION_NOT_EMPTY: 409,
  KB_FILE_NOT_FOUND: 404,
};

/** Codes whose answer tells the client when to try again (Retry-After, in seconds). */
export const retryAfterOfCode: Partial<Record<DomainErrorCode, number>> = {
  // The first request with the key is still running; it is usually done within a second.
  IDEMPOTENCY_KEY_IN_PROGRESS: 1,
};

/** Seconds a client should wait before retrying when the database is unreachable (503 SERVICE_UNAVAILABLE). */
export const databaseUnavailableRetryAfterSeconds = 5;

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export function errorPayload(code: string, message: string, requestId: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

const errorContent = jsonContent(errorBody);

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: { description: "Invalid input", content: errorContent },
  401: { description: "Not signed in", content: errorContent },
  403: { description: "Not allowed for you", content: errorContent },
  404: { description: "Not found", content: errorContent },
  409: { description: "Conflicts with the current state", content: errorContent },
  422: { description: "Breaks a business rule", content: errorContent },
} as const;
