import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamps } from "./columns.ts";
import { channels } from "./channels.ts";
import { customers } from "./customers.ts";
import { tickets } from "./tickets.ts";

/** Where the answer came from: the chat widget's question after a chat; later, survey e-mails and the portal. */
export const satisfactionSources = ["chat"] as const;
export const satisfactionSource = pgEnum("satisfaction_source", satisfactionSources);
export type SatisfactionSource = (typeof satisfactionSources)[number];

/**
 * A customer's satisfaction answer about one ticket (1 to 5, optional comment): the CSAT that reports and the
 * customer's history read. One per ticket; answering again replaces it.
 */
export const satisfactionRatings = pgTable(
  "satisfaction_ratings",
  {
    id: text("id").primaryKey(),
    ticketId: text("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    customerId: text("customer_id").references(() => customers.id, { onDelete: "set null" }),
    channelId: text("channel_id").references(() => channels.id, { onDelete: "set null" }),
    source: satisfactionSource("source").notNull(),
    rating: integer("rating").notNull(),
    comment: text("comment"),
    ratedAt: timestamp("rated_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("satisfaction_ratings_ticket_key").on(t.ticketId),
    index("satisfaction_ratings_rated_idx").on(t.ratedAt),
    index("satisfaction_ratings_customer_idx").on(t.customerId),
    check("satisfaction_ratings_rating_range", sql`${t.rating} between 1 and 5`),
  ],
);

export type SatisfactionRating = typeof satisfactionRatings.$inferSelect;
