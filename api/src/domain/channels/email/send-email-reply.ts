import { attachments, customerIdentities, messages } from "@helpdesk/db";
import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import type { JobRunContext } from "../../jobs.ts";
import { MailDeliveryError } from "../../mail/mailer.ts";
import { escapeHtml } from "../../messages/message-body.ts";
import { inTransaction } from "../../unit-of-work.ts";
import type { OutboundEmailParts } from "./compose-outbound-email.ts";
import { sendOutboundEmail, type MailingDeps } from "./send-outbound-email.ts";
import { emailSettingsOf } from "./email-channels.ts";
import { subjectWithTicketToken } from "./ticket-references.ts";
import { markdownToPlainText } from "../../messages/plain-text.ts";

/**
 * Sends an agent's reply on an email ticket: to the address the customer last wrote from, copying the
 * ticket's CCs, with our Message-ID and In-Reply-To/References so the customer's client threads it.
 * A transient failure is retried by the job (the message stays "queued" and shows the last error); a
 * permanent one, or the last attempt, marks it failed with the reason, and an agent can retry it.
 */
export async function sendEmailReplyMessage(
  deps: MailingDeps,
  messageId: string,
  context: JobRunContext,
): Promise<void> {
  const message = await deps.db.query.messages.findFirst({ where: (m, { eq }) => eq(m.id, messageId) });
  if (!message || message.deliveryStatus !== "queued" || !message.externalId) return;
  const ticket = (await deps.db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.id, message.ticketId) }))!;
  const channel = (await deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, message.channelId) }))!;

  const recipient = await customerAddress(deps, ticket.id, ticket.customerId);
  if (!recipient || !channel.address) {
    await markDelivery(
      deps,
      messageId,
      "failed",
      recipient ? "The channel has no sending address." : "The customer has no e-mail address.",
    );
    return;
  }
  const thread = await deps.db
    .select({ externalId: messages.externalId })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), isNotNull(messages.externalId), eq(messages.channelId, channel.id)))
    .orderBy(asc(messages.createdAt));
  const threadIds = thread.map((m) => m.externalId!).filter((id) => id !== message.externalId);
  const [lastInbound] = await deps.db
    .select({ externalId: messages.externalId })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.direction, "inbound"), isNotNull(messages.externalId)))
    .orderBy(desc(messages.createdAt))
    .limit(1);

  const files = await deps.db
    .select()
    .from(attachments)
    .where(eq(attachments.messageId, messageId))
    .orderBy(asc(attachments.createdAt));
  const settings = emailSettingsOf(channel);
  const signature = settings.signature.trim();
  const mail: OutboundEmailParts = {
    from: { name: settings.senderName ?? channel.name, address: channel.address },
    to: [recipient],
    cc: ticket.cc.filter((a) => a !== recipient),
    subject: subjectWithTicketToken(ticket.subject, ticket.number),
    messageId: message.externalId,
    inReplyTo: lastInbound?.externalId ?? threadIds.at(-1) ?? null,
    // Clients thread on References; the newest 20 are plenty and keep the header short.
    references: threadIds.slice(-20),
    // The text part for clients that show no HTML: the Markdown as a person reads it.
    text: signature
      ? `${markdownToPlainText(message.bodyText)}\n\n-- \n${signature}`
      : markdownToPlainText(message.bodyText),
    html: signature
      ? `${message.bodyHtml}<br><div class="signature">-- <br>${escapeHtml(signature).replace(/\n/g, "<br>")}</div>`
      : message.bodyHtml,
    attachments: files.map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      content: Buffer.from(file.content),
    })),
  };

  const sent = await sendOutboundEmail(deps, channel, { kind: "reply", mail, ticketId: ticket.id, messageId });
  if (sent.ok) {
    await markDelivery(deps, messageId, "sent", null);
    return;
  }
  if (sent.permanent || context.isFinalAttempt) {
    await markDelivery(deps, messageId, "failed", sent.reason);
    return;
  }
  // Still queued; the agent sees why it has not gone yet while the job backs off.
  await deps.db.update(messages).set({ deliveryError: sent.reason }).where(eq(messages.id, messageId));
  throw new MailDeliveryError(sent.reason, false);
}

async function markDelivery(deps: MailingDeps, messageId: string, status: "sent" | "failed", error: string | null) {
  const now = deps.clock.now();
  await inTransaction(deps, async (tx) => {
    const [message] = await tx.db
      .update(messages)
      .set({ deliveryStatus: status, deliveryError: error, ...(status === "sent" ? { sentAt: now } : {}) })
      .where(eq(messages.id, messageId))
      .returning({ ticketId: messages.ticketId });
    if (message) await tx.events.emit({ type: "message.updated", ticketId: message.ticketId, messageId });
  });
}

/** Where the customer is reached: the address they last wrote from on this ticket, else their first e-mail. */
async function customerAddress(deps: MailingDeps, ticketId: string, customerId: string): Promise<string | null> {
  const [lastInbound] = await deps.db
    .select({ metadata: messages.channelMetadata })
    .from(messages)
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.direction, "inbound"),
        eq(messages.authorCustomerId, customerId),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1);
  const from = (lastInbound?.metadata?.email as { from?: { address?: string } } | undefined)?.from?.address;
  if (from) return from;
  const [identity] = await deps.db
    .select({ value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.customerId, customerId), eq(customerIdentities.kind, "email")))
    .orderBy(asc(customerIdentities.createdAt))
    .limit(1);
  return identity?.value ?? null;
}
