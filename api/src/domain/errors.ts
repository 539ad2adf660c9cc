import { knowledgeBaseErrorCodes } from "@helpdesk/knowledge-base";

/**
 * The closed list of domain error codes. HTTP status mapping lives in http/errors.ts, nowhere else.
 * The knowledge base throws its own KnowledgeBaseError (it may not import the API); its codes join this list.
 */
export const domainErrorCodes = [
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "FORBIDDEN",
  "NOT_FOUND",
  "TICKET_NOT_FOUND",
  "TICKET_CLOSED",
  "TICKET_MERGED",
  "MERGE_INVALID",
  "CUSTOMER_NOT_FOUND",
  "ORGANIZATION_NOT_FOUND",
  "USER_NOT_FOUND",
  "TEAM_NOT_FOUND",
  "CHANNEL_NOT_FOUND",
  "CHANNEL_ADDRESS_TAKEN",
  "ASSIGNEE_NOT_IN_TEAM",
  "ASSIGNEE_INACTIVE",
  "IDENTITY_TAKEN",
  "EMAIL_TAKEN",
  "INVALID_CURSOR",
  "DELIVERY_NOT_FAILED",
  "DELIVERY_NOT_HELD",
  "WEBHOOK_NOT_CONFIGURED",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  // Idempotency-Key on REST writes (http/idempotency.ts).
  "IDEMPOTENCY_KEY_REUSED",
  "IDEMPOTENCY_KEY_IN_PROGRESS",
  "SIGN_IN_LINK_INVALID",
  // Live chat (the widget receives these codes as they are: see live-chat/protocol.ts WidgetErrorCode).
  "ORIGIN_NOT_ALLOWED",
  "INVALID_VISITOR_TOKEN",
  "INVALID_IDENTITY",
  "MESSAGE_TOO_LONG",
  "CONVERSATION_ENDED",
  ...knowledgeBaseErrorCodes,
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Postgres unique_violation, raised the same way by postgres.js and PGlite. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const candidates = [error, (error as { cause?: unknown } | null)?.cause];
  return candidates.some((e) => {
    const pgError = e as { code?: string; constraint_name?: string; constraint?: string } | null;
    if (pgError?.code !== "23505") return false;
    if (!constraint) return true;
    return pgError.constraint_name === constraint || pgError.constraint === constraint;
  });
}
