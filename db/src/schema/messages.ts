import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { bytea, timestamps, tsvector } from "./columns.ts";
import { customers } from "./customers.ts";
import { inboundDeliveries } from "./inbound-deliveries.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

export const messageDirections = ["inbound", "outbound"] as const;
export const messageDirection = pgEnum("message_direction", messageDirections);
export type MessageDirection = (typeof messageDirections)[number];

export const messageAuthorKinds = ["customer", "agent", "system"] as const;
export const messageAuthorKind = pgEnum("message_author_kind", messageAuthorKinds);
export type MessageAuthorKind = (typeof messageAuthorKinds)[number];

/** An outbound reply's way to the customer: queued (a job will send it), sent, or failed (with the reason). */
export const messageDeliveryStatuses = ["queued", "sent", "failed"] as const;
export const messageDeliveryStatus = pgEnum("message_delivery_status", messageDeliveryStatuses);
export type MessageDeliveryStatus = (typeof messageDeliveryStatuses)[number];

export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    ticketId: text("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    direction: messageDirection("direction").notNull(),
    /** Internal notes are seen by staff only: never sent, never shown to the customer. */
    internal: boolean("internal").notNull().default(false),
    authorKind: messageAuthorKind("author_kind").notNull(),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorCustomerId: text("author_customer_id").references(() => customers.id, { onDelete: "set null" }),
    bodyText: text("body_text").notNull(),
    /** Sanitized HTML, safe to render as is. */
    bodyHtml: text("body_html").notNull(),
    /** What the channel told us (headers, provider ids, page URL...), for display and threading. */
    channelMetadata: jsonb("channel_metadata").$type<Record<string, unknown>>().notNull().default({}),
    /** The provider's id (Message-ID, webhook message id): unique per channel, so a re-delivery is one message. */
    externalId: text("external_id"),
    /** Null for what is not sent anywhere: inbound messages, notes, replies on channels without a transport. */
    deliveryStatus: messageDeliveryStatus("delivery_status"),
    /** Why the last send failed (the server's answer or the bounce's diagnostic). */
    deliveryError: text("delivery_error"),
    /** How often an agent retried a failed delivery; part of the send job's idempotency key. */
    deliveryRound: integer("delivery_round").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    /** When the other side read it: the visitor for an agent's chat reply, an agent for a customer's message. */
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    /** The stored raw delivery (e.g. the whole original mail) this message was made from. */
    inboundDeliveryId: text("inbound_delivery_id").references((): AnyPgColumn => inboundDeliveries.id, {
      onDelete: "set null",
    }),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', coalesce(body_text, ''))`),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("messages_ticket_idx").on(t.ticketId, t.createdAt),
    uniqueIndex("messages_channel_external_idx").on(t.channelId, t.externalId),
    index("messages_search_idx").using("gin", t.search),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** Content-ID for inline images referenced as cid: in HTML bodies. */
    contentId: text("content_id"),
    content: bytea("content").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("attachments_message_idx").on(t.messageId)],
);

export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
