import type { Channel } from "@helpdesk/db";
import { z } from "zod";

/**
 * The mail-server accounts an email channel may carry in its `settings`, as stored: `imap` (a mailbox polled for
 * inbound mail) and `smtp` (a server of its own for replies). Passwords are only ever stored sealed by the
 * SecretBox (`passwordEncrypted`); they are never returned by the API, which says `hasPassword` instead.
 */
export const storedImapSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string(),
  mailbox: z.string().default("INBOX"),
  passwordEncrypted: z.string().optional(),
});
export type StoredImapSettings = z.infer<typeof storedImapSettings>;

export const storedSmtpSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string().optional(),
  passwordEncrypted: z.string().optional(),
});
export type StoredSmtpSettings = z.infer<typeof storedSmtpSettings>;

/** The channel's IMAP account, or null when it has none (or it is unreadable, which an admin fixes by saving it again). */
export function imapSettingsOf(channel: Pick<Channel, "settings">): StoredImapSettings | null {
  const parsed = storedImapSettings.safeParse((channel.settings ?? {}).imap);
  return parsed.success ? parsed.data : null;
}

export function smtpSettingsOf(channel: Pick<Channel, "settings">): StoredSmtpSettings | null {
  const parsed = storedSmtpSettings.safeParse((channel.settings ?? {}).smtp);
  return parsed.success ? parsed.data : null;
}

/** Where an IMAP account's UIDs come from; a different account or folder means a sync from the start. */
export function imapSourceOf(imap: StoredImapSettings): string {
  return `imap://${encodeURIComponent(imap.username)}@${imap.host.toLowerCase()}:${imap.port}/${encodeURIComponent(imap.mailbox)}`;
}
