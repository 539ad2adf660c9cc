import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "./columns.ts";

/**
 * The Idempotency-Key of a REST write (as Stripe's API has it): the first request with a key claims the row,
 * runs, and leaves its response here; a retry with the same key and the same request gets that response back
 * instead of running again. A key belongs to one caller (`scope`) and never answers for another.
 * Rows are kept 24 hours (pruned by created_at).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** Whose key: `user:<id>` for staff (cookie or bearer), `customer:<id>` for the portal's signed-in customer. */
    scope: text("scope").notNull(),
    /** The client's Idempotency-Key header, as sent (at most 255 characters). */
    key: text("key").notNull(),
    /** What the key was first used for: a retry must be the same request. */
    method: text("method").notNull(),
    path: text("path").notNull(),
    /** sha256 (hex) of the request body (a multipart body without its random boundary). */
    requestHash: text("request_hash").notNull(),
    /** The stored response; all null while the first request is still running. */
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    responseBody: bytea("response_body"),
    /** When the running request claimed the key (a claim left by a crashed request is taken over later). */
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    // Pruning keys older than a day.
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
