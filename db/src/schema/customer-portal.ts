import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { customers } from "./customers.ts";

/**
 * Sign-in links mailed to customers for the self-service portal. Only a hash of the token is stored,
 * a link works once and for a short time.
 */
export const customerLoginLinks = pgTable(
  "customer_login_links",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    /** The address the link was sent to (a customer may have several). */
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("customer_login_links_customer_idx").on(t.customerId, t.createdAt)],
);

/** Portal sessions of customers; separate from staff sessions so a customer token can never act as staff. */
export const customerSessions = pgTable(
  "customer_sessions",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("customer_sessions_customer_idx").on(t.customerId)],
);

export type CustomerLoginLink = typeof customerLoginLinks.$inferSelect;
export type CustomerSession = typeof customerSessions.$inferSelect;
