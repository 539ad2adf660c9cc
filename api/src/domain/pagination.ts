import type { z } from "zod";
import { DomainError } from "./errors.ts";

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients (base64url JSON).
 * Rows inserted after the first page never shift later pages, unlike OFFSET.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(raw: string, shape: S): z.infer<S> {
  try {
    return shape.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("INVALID_CURSOR", "The pagination cursor is malformed; start again without it.");
  }
}

/** Takes limit+1 rows and turns the extra one into "there is a next page". */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (last: T) => unknown) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** An ILIKE pattern matching the text anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
