import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { channels } from "./channels.ts";
import { timestamps } from "./columns.ts";

/**
 * How far an email channel's IMAP mailbox has been read. IMAP UIDs only mean something together with the
 * mailbox's UIDVALIDITY (and the server and folder they came from): when any of those change, the numbers
 * start over and the mailbox is read again from the beginning (the stored Message-IDs keep that from doubling).
 */
export const mailboxSyncStates = pgTable("mailbox_sync_states", {
  channelId: text("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  /** imap://user@host:port/folder the UIDs belong to; a changed account or folder restarts the sync. */
  source: text("source"),
  /** UIDVALIDITY and UIDs are unsigned 32-bit: past what an integer column holds. */
  uidValidity: bigint("uid_validity", { mode: "number" }),
  /** The highest UID stored as a delivery; everything at or below it has been read. */
  lastUid: bigint("last_uid", { mode: "number" }).notNull().default(0),
  lastPolledAt: timestamp("last_polled_at", { withTimezone: true, mode: "date" }),
  lastSucceededAt: timestamp("last_succeeded_at", { withTimezone: true, mode: "date" }),
  /** Why the last poll failed (wrong password, server unreachable), shown to admins; null after a good poll. */
  lastError: text("last_error"),
  /** Held by the poll in progress, so a slow first sync and the next scheduled poll do not read the mailbox twice at once. */
  leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
  ...timestamps,
});

export type MailboxSyncState = typeof mailboxSyncStates.$inferSelect;
