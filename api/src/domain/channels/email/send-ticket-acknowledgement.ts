import { customerIdentities, messages, outboundEmails } from "@helpdesk/db";
import { and, asc, eq } from "drizzle-orm";
import { escapeHtml } from "../../messages/message-body.ts";
import { messageIdDomain } from "./compose-outbound-email.ts";
import { emailSettingsOf } from "./email-channels.ts";
import { sendOutboundEmail, type MailingDeps } from "./send-outbound-email.ts";
import { subjectWithTicketToken } from "./ticket-references.ts";

/**
 * "We got your request": sent once when a mail opens a ticket on a channel that asks for it, with the
 * ticket token in the subject so the customer's answer threads. Marked Auto-Submitted so that other
 * robots (out-of-office replies) do not answer it.
 */
export async function sendTicketAcknowledgementEmail(deps: MailingDeps, ticketId: string): Promise<void> {
  const ticket = await deps.db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.id, ticketId) });
  if (!ticket) return;
  const channel = (await deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, ticket.channelId) }))!;
  if (channel.kind !== "email" || !channel.address) return;
  const messageIdHeader = `ack-${ticket.id}@${messageIdDomain(channel.address)}`;
  const [already] = await deps.db
    .select({ status: outboundEmails.status })
    .from(outboundEmails)
    .where(eq(outboundEmails.messageIdHeader, messageIdHeader));
  if (already && already.status !== "failed") return;

  const [first] = await deps.db
    .select({ externalId: messages.externalId, metadata: messages.channelMetadata })
    .from(messages)
    .where(eq(messages.ticketId, ticket.id))
    .orderBy(asc(messages.createdAt))
    .limit(1);
  const from = (first?.metadata?.email as { from?: { address?: string } } | undefined)?.from?.address;
  const [identity] = from
    ? [{ value: from }]
    : await deps.db
        .select({ value: customerIdentities.value })
        .from(customerIdentities)
        .where(and(eq(customerIdentities.customerId, ticket.customerId), eq(customerIdentities.kind, "email")))
        .limit(1);
  if (!identity) return;

  const settings = emailSettingsOf(channel);
  const text =
    `Thank you for contacting us. Your request has been received as ticket #${ticket.number}: “${ticket.subject}”.\n\n` +
    `We will get back to you as soon as possible. To add anything, simply reply to this e-mail.` +
    (settings.signature ? `\n\n-- \n${settings.signature}` : "");
  const result = await sendOutboundEmail(deps, channel, {
    kind: "acknowledgement",
    ticketId: ticket.id,
    mail: {
      from: { name: settings.senderName ?? channel.name, address: channel.address },
      to: [identity.value],
      cc: [],
      subject: subjectWithTicketToken(ticket.subject, ticket.number),
      messageId: messageIdHeader,
      inReplyTo: first?.externalId ?? null,
      references: first?.externalId ? [first.externalId] : [],
      text,
      html: text
        .split("\n\n")
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
        .join(""),
      headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
    },
  });
  if (!result.ok && !result.permanent) throw new Error(result.reason);
}
