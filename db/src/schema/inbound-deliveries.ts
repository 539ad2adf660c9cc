import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { bytea } from "./columns.ts";
import { messages } from "./messages.ts";
import { tickets } from "./tickets.ts";

export const inboundDeliveryStatuses = ["received", "processed", "ignored", "rate_limited", "failed"] as const;
export const inboundDeliveryStatus = pgEnum("inbound_delivery_status", inboundDeliveryStatuses);
export type InboundDeliveryStatus = (typeof inboundDeliveryStatuses)[number];

/**
 * Everything a channel hands us, stored raw before anything else is attempted (a raw RFC 5322 mail, a
 * webhook body). Unique per (channel, external id), so the same mail or webhook twice is one row; then
 * processed by a job that can be re-run from the stored payload. Nothing is dropped silently: what is not
 * turned into a message stays here with a status and a note saying why.
 */
export const inboundDeliveries = pgTable(
  "inbound_deliveries",
  {
    id: text("id").primaryKey(),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    /** The provider's id: the Message-ID of a mail, the message id of a webhook. */
    externalId: text("external_id").notNull(),
    contentType: text("content_type").notNull(),
    payload: bytea("payload").notNull(),
    /** How it came: transport (smtp, webhook, imap), envelope sender and recipients, remote address. */
    envelope: jsonb("envelope").$type<Record<string, unknown>>().notNull().default({}),
    status: inboundDeliveryStatus("status").notNull().default("received"),
    /** Why it was ignored, held back or failed (auto-reply, bounce, rate limit, unreadable). */
    note: text("note"),
    /** Who sent it (lower-cased address), for per-sender rate limits. */
    senderAddress: text("sender_address"),
    ticketId: text("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    messageId: text("message_id").references(() => messages.id, { onDelete: "set null" }),
    attempts: integer("attempts").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("inbound_deliveries_channel_external_idx").on(t.channelId, t.externalId),
    index("inbound_deliveries_status_idx").on(t.status, t.receivedAt),
    index("inbound_deliveries_sender_idx").on(t.channelId, t.senderAddress, t.receivedAt),
  ],
);

export type InboundDelivery = typeof inboundDeliveries.$inferSelect;
