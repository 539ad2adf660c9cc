import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { bytea } from "./columns.ts";
import { messages } from "./messages.ts";
import { tickets } from "./tickets.ts";

export const outboundEmailKinds = ["reply", "acknowledgement", "notification", "sign_in_link"] as const;
export const outboundEmailKind = pgEnum("outbound_email_kind", outboundEmailKinds);
export type OutboundEmailKind = (typeof outboundEmailKinds)[number];

/** sent: handed to SMTP; kept: held in the local outbox because no SMTP server is configured. */
export const outboundEmailStatuses = ["sent", "kept", "failed"] as const;
export const outboundEmailStatus = pgEnum("outbound_email_status", outboundEmailStatuses);
export type OutboundEmailStatus = (typeof outboundEmailStatuses)[number];

/**
 * Every mail the help desk composed, exactly as handed to the transport: the mail log, and the local
 * outbox admins read when SMTP_URL is unset. Bounces find the message they refer to by `messageIdHeader`.
 */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: text("id").primaryKey(),
    kind: outboundEmailKind("kind").notNull(),
    /** The agent reply it carries; one mail per reply however often it is retried. */
    messageId: text("message_id").references(() => messages.id, { onDelete: "set null" }),
    ticketId: text("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    channelId: text("channel_id").references(() => channels.id, { onDelete: "set null" }),
    /** Our Message-ID, without angle brackets. */
    messageIdHeader: text("message_id_header").notNull(),
    fromAddress: text("from_address").notNull(),
    toAddresses: text("to_addresses").array().notNull(),
    ccAddresses: text("cc_addresses").array().notNull(),
    subject: text("subject").notNull(),
    raw: bytea("raw").notNull(),
    transport: text("transport").notNull(),
    status: outboundEmailStatus("status").notNull(),
    /** The server's last answer: its response line when sent, the reason when it failed. */
    response: text("response"),
    attempts: integer("attempts").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("outbound_emails_message_id_header_idx").on(t.messageIdHeader),
    uniqueIndex("outbound_emails_message_idx").on(t.messageId),
    index("outbound_emails_created_idx").on(t.createdAt),
  ],
);

export type OutboundEmail = typeof outboundEmails.$inferSelect;
