import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

export const ticketEventKinds = [
  "created",
  "status_changed",
  "priority_changed",
  "assignee_changed",
  "team_changed",
  "tags_changed",
  "custom_fields_changed",
  "subject_changed",
  "merged_into",
  "merged_from",
  "sla_warning",
  "sla_breached",
  /** The customer answered the satisfaction question (see satisfaction_ratings). */
  "satisfaction_rated",
] as const;
export const ticketEventKind = pgEnum("ticket_event_kind", ticketEventKinds);
export type TicketEventKind = (typeof ticketEventKinds)[number];

export const actorKinds = ["user", "customer", "system"] as const;
export const actorKind = pgEnum("actor_kind", actorKinds);
export type ActorKind = (typeof actorKinds)[number];

/** The audit trail: who changed what on a ticket and when. Also the ticket's timeline. */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: text("id").primaryKey(),
    ticketId: text("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: ticketEventKind("kind").notNull(),
    actorKind: actorKind("actor_kind").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").$type<{ from?: unknown; to?: unknown; [key: string]: unknown }>().notNull().default({}),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.createdAt)],
);

export type TicketEvent = typeof ticketEvents.$inferSelect;
