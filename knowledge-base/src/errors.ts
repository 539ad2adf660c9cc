/**
 * The knowledge base's own closed list of error codes. It cannot throw the API's DomainError (it must not import
 * the API), so it throws KnowledgeBaseError; the API adds these codes to its closed list and maps them to statuses
 * in its one table (api/src/http/errors.ts), converting the error at the KB routes' boundary.
 */
export const knowledgeBaseErrorCodes = [
  "KB_CATEGORY_NOT_FOUND",
  "KB_SECTION_NOT_FOUND",
  "KB_ARTICLE_NOT_FOUND",
  "KB_REVISION_NOT_FOUND",
  "KB_SLUG_TAKEN",
  "KB_SECTION_NOT_EMPTY",
  "KB_FILE_NOT_FOUND",
] as const;

export type KnowledgeBaseErrorCode = (typeof knowledgeBaseErrorCodes)[number];

export class KnowledgeBaseError extends Error {
  constructor(
    readonly code: KnowledgeBaseErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "KnowledgeBaseError";
  }
}

/** Postgres unique_violation (postgres.js and PGlite report it alike, sometimes wrapped by drizzle). */
export function uniqueViolationOf(error: unknown): string | null {
  for (const e of [error, (error as { cause?: unknown } | null)?.cause]) {
    const pgError = e as { code?: string; constraint_name?: string; constraint?: string } | null;
    if (pgError?.code === "23505") return pgError.constraint_name ?? pgError.constraint ?? "";
  }
  return null;
}
