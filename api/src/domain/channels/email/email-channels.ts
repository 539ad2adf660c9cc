import { channels, type Channel, type Executor } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";

/** What an email channel's `settings` hold (IMAP/SMTP credentials join them with the channel admin UI). */
export const emailChannelSettings = z.object({
  /** Appended to every reply sent from this address. */
  signature: z.string().max(5000).default(""),
  /** Send the customer an acknowledgement, with the ticket token, when their mail opens a ticket. */
  acknowledgement: z.boolean().default(false),
  /** Mails per sender per hour before further ones are held back (stored and flagged, never dropped). */
  senderLimitPerHour: z.number().int().min(1).max(100_000).default(30),
  /** The name customers see in From; the channel's name when unset. */
  senderName: z.string().max(200).optional(),
});
export type EmailChannelSettings = z.infer<typeof emailChannelSettings>;

export function emailSettingsOf(channel: Pick<Channel, "settings">): EmailChannelSettings {
  const parsed = emailChannelSettings.safeParse(channel.settings ?? {});
  return parsed.success ? parsed.data : emailChannelSettings.parse({});
}

/** support+1234@Example.com -> support@example.com: the mailbox a (plus-addressed) recipient belongs to. */
export function mailboxOf(address: string): string {
  const [local = "", domain = ""] = address
    .trim()
    .toLowerCase()
    .split(/@(?=[^@]*$)/);
  return `${local.split("+")[0]}@${domain}`;
}

/** The active email channel one of these recipients belongs to (the first that matches), if any. */
export async function findEmailChannelForRecipients(db: Executor, recipients: string[]) {
  const emailChannels = await db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, "email"), eq(channels.active, true)));
  for (const recipient of recipients) {
    const mailbox = mailboxOf(recipient);
    const channel = emailChannels.find((c) => c.address && mailboxOf(c.address) === mailbox);
    if (channel) return { channel, recipient: recipient.trim().toLowerCase() };
  }
  return null;
}
