import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

/** In-app notifications for staff (a ticket assigned to you, an SLA warning...). */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ticketId: text("ticket_id").references(() => tickets.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

export type Notification = typeof notifications.$inferSelect;
