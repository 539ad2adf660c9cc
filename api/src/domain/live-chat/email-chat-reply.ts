import { customerIdentities, customers, messages, tickets } from "@helpdesk/db";
import { and, asc, eq } from "drizzle-orm";
import { findChannelOfKind } from "../channels/default-channel.ts";
import { messageIdDomain } from "../channels/email/compose-outbound-email.ts";
import { emailSettingsOf } from "../channels/email/email-channels.ts";
import { sendOutboundEmail, type MailingDeps } from "../channels/email/send-outbound-email.ts";
import { subjectWithTicketToken } from "../channels/email/ticket-references.ts";
import { MailDeliveryError } from "../mail/mailer.ts";
import { inTransaction } from "../unit-of-work.ts";
import type { ChatPresence } from "./chat-availability.ts";
import { markdownToPlainText } from "../messages/plain-text.ts";

/**
 * An agent's public reply on a chat whose visitor has left: when the visitor gave an e-mail address, the reply goes
 * by mail from the default e-mail channel, with the ticket token in the subject so their answer comes back to the
 * same ticket. A visitor still connected reads it in the widget, and nothing is mailed. Run by a job (a mail server
 * may be slow or down); the message records how it went, like any e-mailed reply.
 */
export async function emailChatReplyIfOffline(
  deps: MailingDeps & { presence?: ChatPresence },
  messageId: string,
  context: { isFinalAttempt: boolean },
): Promise<"online" | "sent" | "no_address" | "no_email_channel" | "skipped"> {
  const message = await deps.db.query.messages.findFirst({ where: (m, { eq }) => eq(m.id, messageId) });
  if (
    !message ||
    message.internal ||
    message.direction !== "outbound" ||
    (message.deliveryStatus !== null && message.deliveryStatus !== "queued")
  )
    return "skipped";
  const [ticket] = await deps.db.select().from(tickets).where(eq(tickets.id, message.ticketId));
  if (!ticket) return "skipped";
  // Without presence (a worker started without it) the visitor counts as away: a mail too many beats a reply lost.
  if (deps.presence && (await deps.presence.visitorOnline(ticket.channelId, ticket.customerId))) return "online";

  const [identity] = await deps.db
    .select({ value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.customerId, ticket.customerId), eq(customerIdentities.kind, "email")))
    .orderBy(asc(customerIdentities.createdAt))
    .limit(1);
  // A verified address first; else the one the visitor typed in the widget (theirs to give, for this chat).
  const [customer] = await deps.db
    .select({ contactEmail: customers.contactEmail })
    .from(customers)
    .where(eq(customers.id, ticket.customerId));
  const recipient = identity?.value ?? customer?.contactEmail ?? ticket.cc[0];
  if (!recipient) return "no_address";
  const channel = await findChannelOfKind(deps.db, "email");
  if (!channel?.address) return "no_email_channel";

  const header = `${message.id}@${messageIdDomain(channel.address)}`;
  const settings = emailSettingsOf(channel);
  const sent = await sendOutboundEmail(deps, channel, {
    kind: "reply",
    ticketId: ticket.id,
    messageId: message.id,
    mail: {
      from: { name: settings.senderName ?? channel.name, address: channel.address },
      to: [recipient],
      cc: ticket.cc.filter((a) => a !== recipient),
      subject: subjectWithTicketToken(ticket.subject, ticket.number),
      messageId: header,
      inReplyTo: null,
      references: [],
      text: `${markdownToPlainText(message.bodyText)}\n\n-- \nYou left the chat; reply to this e-mail to continue the conversation.`,
      html: `${message.bodyHtml}<p style="color:#666">You left the chat; reply to this e-mail to continue the conversation.</p>`,
    },
  });
  if (!sent.ok && !sent.permanent && !context.isFinalAttempt) throw new MailDeliveryError(sent.reason, false);
  const now = deps.clock.now();
  await inTransaction(deps, async (tx) => {
    await tx.db
      .update(messages)
      // The Message-ID as externalId: the visitor's mail answer threads to this ticket by In-Reply-To as well.
      .set(
        sent.ok
          ? { deliveryStatus: "sent", externalId: header, sentAt: now, deliveryError: null }
          : { deliveryStatus: "failed", deliveryError: sent.reason },
      )
      .where(eq(messages.id, message.id));
    await tx.events.emit({ type: "message.updated", ticketId: ticket.id, messageId: message.id });
  });
  return "sent";
}
