import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { timestamps, tsvector } from "./columns.ts";
import { customers } from "./customers.ts";
import { teams } from "./teams.ts";
import { users } from "./users.ts";

export const ticketStatuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const ticketStatus = pgEnum("ticket_status", ticketStatuses);
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export const ticketPriority = pgEnum("ticket_priority", ticketPriorities);
export type TicketPriority = (typeof ticketPriorities)[number];

/**
 * A ticket's SLA at a glance: the worst state of its open targets (breached, else active, else paused), or
 * achieved once every target is. The same words as the targets' states (sla.ts), which it summarises.
 */
export const ticketSlaStatuses = ["active", "paused", "breached", "achieved"] as const;
export const ticketSlaStatus = pgEnum("ticket_sla_status", ticketSlaStatuses);
export type TicketSlaStatus = (typeof ticketSlaStatuses)[number];

export type CustomFieldValue = string | number | boolean | null;

export const tickets = pgTable(
  "tickets",
  {
    id: text("id").primaryKey(),
    /** Human number shown as #1042; from an identity sequence, so unique and increasing. */
    number: integer("number").generatedAlwaysAsIdentity({ startWith: 1001 }).notNull().unique(),
    subject: text("subject").notNull(),
    status: ticketStatus("status").notNull().default("new"),
    priority: ticketPriority("priority").notNull().default("normal"),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    teamId: text("team_id").references(() => teams.id, { onDelete: "set null" }),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    customFields: jsonb("custom_fields").$type<Record<string, CustomFieldValue>>().notNull().default({}),
    /** E-mail addresses copied on the conversation: they receive the replies too. */
    cc: text("cc")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The closed ticket this one follows up (a customer answered after it was closed). */
    followUpOfId: text("follow_up_of_id").references((): AnyPgColumn => tickets.id, { onDelete: "set null" }),
    /** Set when this ticket was merged into another; it is then closed and read-only. */
    mergedIntoId: text("merged_into_id").references((): AnyPgColumn => tickets.id),
    /** The SLA policy applying now, the soonest due time of its running targets, and their worst state. */
    slaPolicyId: text("sla_policy_id"),
    slaDueAt: timestamp("sla_due_at", { withTimezone: true, mode: "date" }),
    slaStatus: ticketSlaStatus("sla_status"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true, mode: "date" }),
    solvedAt: timestamp("solved_at", { withTimezone: true, mode: "date" }),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', coalesce(subject, ''))`),
    ...timestamps,
  },
  (t) => [
    // Inbox queries filter by one of these columns and page by number (newest first).
    index("tickets_status_number_idx").on(t.status, t.number),
    index("tickets_assignee_status_idx").on(t.assigneeId, t.status, t.number),
    index("tickets_team_status_idx").on(t.teamId, t.status, t.number),
    index("tickets_customer_idx").on(t.customerId, t.number),
    index("tickets_channel_idx").on(t.channelId, t.number),
    index("tickets_updated_idx").on(t.updatedAt, t.number),
    // "Breaches soonest first" and the SLA board read open tickets by due time.
    index("tickets_sla_due_idx").on(t.slaDueAt, t.number),
    index("tickets_tags_idx").using("gin", t.tags),
    index("tickets_search_idx").using("gin", t.search),
  ],
);

export type Ticket = typeof tickets.$inferSelect;
