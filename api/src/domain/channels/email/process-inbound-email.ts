import {
  channels,
  inboundDeliveries,
  messages,
  newId,
  outboundEmails,
  type Channel,
  type Executor,
} from "@helpdesk/db";
import { createHash } from "node:crypto";
import { and, asc, count, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { openTicketFromCustomer } from "../../conversations/open-ticket-from-customer.ts";
import { receiveCustomerMessage } from "../../conversations/receive-customer-message.ts";
import { findOrCreateCustomer } from "../../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../../deps.ts";
import { sendTicketAcknowledgement, type JobRunContext } from "../../jobs.ts";
import { renderPlainText } from "../../messages/message-body.ts";
import { inTransaction } from "../../unit-of-work.ts";
import { messageLimits, shortenFilename, shortenHtml, shortenText } from "../../messages/message-limits.ts";
import { classifyInboundEmail, type EmailClassification } from "./classify-inbound-email.ts";
import { renderEmailHtml } from "./email-html.ts";
import { emailSettingsOf, mailboxOf } from "./email-channels.ts";
import { parseInboundEmail, type ParsedInboundEmail } from "./parse-inbound-email.ts";
import { threadInboundEmail } from "./thread-inbound-email.ts";
import { separateReplyText, visibleReplyHtml } from "./visible-reply.ts";

export type InboundEmailOutcome =
  | { result: "created_ticket" | "added_to_ticket"; ticketId: string; messageId: string }
  | { result: "ignored" | "rate_limited" | "failed" | "already_processed"; ticketId: string | null; note: string };

/**
 * Turns a stored raw mail into a message: parse, classify (auto-replies and bounces never open tickets),
 * hold back floods, thread it onto its ticket (the rules are thread-inbound-email.ts), or open a new
 * ticket; a reply to a closed ticket opens a follow-up. Re-running it on a
 * processed delivery does nothing, so the job can be retried and redriven freely.
 */
export async function processInboundEmailDelivery(
  deps: DomainDeps,
  deliveryId: string,
  context: JobRunContext = { attempt: 1, isFinalAttempt: true },
  options: { release?: boolean; resentAt?: string; parentDepth?: number } = {},
): Promise<InboundEmailOutcome> {
  const delivery = await deps.db.query.inboundDeliveries.findFirst({ where: (d, { eq }) => eq(d.id, deliveryId) });
  if (!delivery) return { result: "failed", ticketId: null, note: `No delivery ${deliveryId}.` };
  if (delivery.status !== "received")
    return { result: "already_processed", ticketId: delivery.ticketId, note: delivery.status };
  const channel = (await deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, delivery.channelId) }))!;

  const resent = (note: string | null | undefined) =>
    options.resentAt ? `Sent again on ${options.resentAt} and failed again: ${note ?? "unknown reason"}` : note;
  const finishOn =
    (executor: Executor): Finish =>
    (status, fields) =>
      executor
        .update(inboundDeliveries)
        .set({
          status,
          processedAt: deps.clock.now(),
          attempts: delivery.attempts + 1,
          ...fields,
          ...(status === "failed" ? { note: resent(fields.note) } : {}),
        })
        .where(eq(inboundDeliveries.id, deliveryId));

  let email: ParsedInboundEmail;
  try {
    email = await parseInboundEmail(Buffer.from(delivery.payload));
  } catch (error) {
    const note = `Unreadable mail: ${(error as Error).message}`;
    await finishOn(deps.db)("failed", { note });
    return { result: "failed", ticketId: null, note };
  }

  await processParentsFirst(deps, delivery, email, options.parentDepth ?? 0);

  try {
    // One transaction: the ticket, the delivery's status and the acknowledgement commit together, so a run cut
    // short leaves the delivery "received" for the re-driven job, which then does all of it.
    return await inTransaction(deps, async (tx) => {
      // Locked: a re-driven job running beside the first processes the mail once.
      const [current] = await tx.db
        .select({ status: inboundDeliveries.status })
        .from(inboundDeliveries)
        .where(eq(inboundDeliveries.id, deliveryId))
        .for("update");
      if (current?.status !== "received")
        return { result: "already_processed", ticketId: delivery.ticketId, note: current?.status ?? "gone" };
      return handleParsedEmail(tx, {
        delivery,
        channel,
        email,
        finish: finishOn(tx.db),
        release: options.release ?? false,
      });
    });
  } catch (error) {
    // A mail the use cases refuse is refused again on every retry: failed now, with the reason, in the admins' list.
    if (error instanceof z.ZodError) {
      const note = `Processing failed: ${z.prettifyError(error)}`;
      await finishOn(deps.db)("failed", { note });
      return { result: "failed", ticketId: null, note };
    }
    if (context.isFinalAttempt)
      await finishOn(deps.db)("failed", { note: `Processing failed: ${(error as Error).message}` });
    throw error;
  }
}

/** How far up a chain of not yet processed parents a reply looks (a thread arriving backwards after a fault). */
const maxParentDepth = 3;

/**
 * Mail arrives out of order: a parent's job may run late (re-driven after Redis lost it, or running beside this
 * one on another worker) while its reply is already here. A reply whose parent is stored but not processed yet
 * has that parent processed first, so it threads onto the parent's ticket instead of opening a ticket of its own.
 * The parent's own job then finds it processed. A parent that fails here is left to its own job, which retries it.
 */
async function processParentsFirst(
  deps: DomainDeps,
  delivery: { id: string; channelId: string; externalId: string },
  email: ParsedInboundEmail,
  depth: number,
) {
  if (depth >= maxParentDepth) return;
  const referenced = [...new Set([...email.inReplyTo, ...email.references.slice(-20)])].filter(
    (id) => id !== delivery.externalId,
  );
  if (referenced.length === 0) return;
  const parents = await deps.db
    .select({ id: inboundDeliveries.id })
    .from(inboundDeliveries)
    .where(
      and(
        eq(inboundDeliveries.channelId, delivery.channelId),
        inArray(inboundDeliveries.externalId, referenced),
        eq(inboundDeliveries.status, "received"),
        ne(inboundDeliveries.id, delivery.id),
      ),
    )
    .orderBy(asc(inboundDeliveries.receivedAt));
  for (const parent of parents) {
    await processInboundEmailDelivery(
      deps,
      parent.id,
      { attempt: 1, isFinalAttempt: false },
      { parentDepth: depth + 1 },
    ).catch(() => undefined);
  }
}

type Finish = (
  status: "processed" | "ignored" | "rate_limited" | "failed",
  fields: { note?: string | null; ticketId?: string | null; messageId?: string | null; senderAddress?: string | null },
) => Promise<unknown>;

async function handleParsedEmail(
  deps: DomainDeps,
  {
    delivery,
    channel,
    email,
    finish,
    release,
  }: {
    delivery: { id: string; receivedAt: Date; envelope: Record<string, unknown> };
    channel: Channel;
    email: ParsedInboundEmail;
    finish: Finish;
    release: boolean;
  },
): Promise<InboundEmailOutcome> {
  const sender = email.from?.address ?? null;
  const detected = classifyInboundEmail(email);
  // A released mail was looked at by a person: it is a message, whatever the robots' markers say.
  const classification: EmailClassification =
    release && detected.kind === "auto_reply" ? { kind: "message" } : detected;

  if (classification.kind === "bounce") {
    const ticketId = await recordBounce(deps, classification);
    const note = `Bounce${classification.originalMessageId ? ` of <${classification.originalMessageId}>` : ""}: ${classification.diagnostic ?? classification.reason}`;
    await finish("ignored", { note, ticketId, senderAddress: sender });
    return { result: "ignored", ticketId, note };
  }
  if (!sender) {
    const note = "The mail has no From address.";
    await finish("failed", { note });
    return { result: "failed", ticketId: null, note };
  }

  const customer = await findOrCreateCustomer(
    deps.db,
    { kind: "email", value: sender },
    { name: email.from?.name || undefined },
  );
  const thread = await threadInboundEmail(deps.db, {
    channel,
    email,
    customerId: customer.id,
    envelopeRecipients: envelopeRecipientsOf(delivery.envelope),
  });

  if (classification.kind === "auto_reply") {
    // An out-of-office on a known thread is worth seeing (the customer is away), but it reopens nothing
    // and never gets an answer; one that threads nowhere, or to a closed ticket, opens nothing.
    if (thread.kind !== "continues") {
      const ticketId = thread.kind === "follows_up" ? thread.ticket.id : null;
      const note = `Auto-reply (${classification.reason}); no open ticket to attach it to.`;
      await finish("ignored", { note, ticketId, senderAddress: sender });
      return { result: "ignored", ticketId, note };
    }
  } else if (!release && (await senderOverLimit(deps, channel, sender, delivery.receivedAt))) {
    const limit = emailSettingsOf(channel).senderLimitPerHour;
    const note = `Held back: ${sender} sent more than ${limit} mails to this channel within an hour.`;
    await finish("rate_limited", { note, senderAddress: sender });
    return { result: "rate_limited", ticketId: null, note };
  }

  const shortened: ShortenedEmailParts = {};
  const files = email.attachments.map((file) => {
    const id = newId("attachment");
    const filename = shortenFilename(file.filename);
    if (filename !== file.filename) (shortened.attachments ??= []).push({ id, length: file.filename.length });
    return {
      id,
      filename,
      contentType: file.contentType.length <= messageLimits.contentType ? file.contentType : "application/octet-stream",
      // Too long to be a real one: the file is still kept, as an attachment rather than an embedded image.
      contentId: file.contentId && file.contentId.length <= messageLimits.contentId ? file.contentId : null,
      content: file.content,
    };
  });
  const inlineImageUrl = (contentId: string) => {
    const file = files.find(
      (f) => f.contentId && f.contentId.replace(/^<|>$/g, "") === contentId.replace(/^<|>$/g, ""),
    );
    return file ? `/api/attachments/${file.id}` : null;
  };
  const continuing = thread.kind === "continues";
  // Quoted history is cut from replies on a thread; a first mail keeps everything (it may be a forward).
  const text = continuing ? separateReplyText(email.text).visible || email.text : email.text;
  const htmlSource = email.html
    ? continuing
      ? visibleReplyHtml(email.html)
      : { html: email.html, hadQuotedHistory: false }
    : null;
  const rendered = htmlSource ? renderEmailHtml(htmlSource.html, { inlineImageUrl }) : null;
  const channelMailboxes = await emailChannelMailboxes(deps.db);
  const cc = [...email.to, ...email.cc]
    .map((a) => a.address)
    .filter((address) => address !== sender && !channelMailboxes.has(mailboxOf(address)));

  // Mail has nobody to answer "too long": what is over the limits is cut to fit, the whole mail stays the original.
  const fullText = text.trim() || "(no text)";
  const body = shortenText(fullText, messageLimits.bodyText);
  if (body !== fullText) shortened.text = { length: fullText.length };
  const fullHtml = rendered?.html || renderPlainText(body);
  const html = shortenHtml(fullHtml);
  if (html !== fullHtml) shortened.html = { length: fullHtml.length };
  const fullSubject = email.subject.trim();
  const subject = shortenText(fullSubject, messageLimits.subject);
  if (subject !== fullSubject) shortened.subject = { length: fullSubject.length };
  const wasShortened = Object.keys(shortened).length > 0;

  const shared = {
    body,
    html,
    externalId: storableMessageId(email.messageId),
    channelMetadata: {
      email: {
        messageId: email.messageId,
        from: email.from,
        to: email.to,
        cc: email.cc,
        subject,
        date: email.date?.toISOString() ?? null,
        hadQuotedHistory: (htmlSource?.hadQuotedHistory ?? false) || text.length < email.text.trim().length,
        blockedRemoteImages: rendered?.blockedRemoteImages ?? 0,
        ...(classification.kind === "auto_reply" ? { autoReply: classification.reason } : {}),
        ...(wasShortened ? { shortened } : {}),
      },
    },
    attachments: files,
    inboundDeliveryId: delivery.id,
    cc,
  };
  const shortenedNote = wasShortened ? describeShortened(shortened) : null;

  if (thread.kind === "continues") {
    const added = await receiveCustomerMessage(deps, {
      ...shared,
      ticketId: thread.ticket.id,
      authorCustomerId: customer.id,
      reopens: classification.kind !== "auto_reply",
    });
    await finish("processed", {
      ticketId: thread.ticket.id,
      messageId: added.message.id,
      senderAddress: sender,
      note:
        [
          classification.kind === "auto_reply"
            ? `Auto-reply (${classification.reason}) added without reopening.`
            : null,
          shortenedNote,
        ]
          .filter(Boolean)
          .join(" ") || null,
    });
    return { result: "added_to_ticket", ticketId: thread.ticket.id, messageId: added.message.id };
  }

  const opened = await openTicketFromCustomer(deps, {
    ...shared,
    channelId: channel.id,
    customerId: customer.id,
    subject,
    followUpOfId: thread.kind === "follows_up" ? thread.ticket.id : undefined,
  });
  await finish("processed", {
    ticketId: opened.ticket.id,
    messageId: opened.messageId,
    senderAddress: sender,
    note: shortenedNote,
  });
  if (!opened.duplicate && emailSettingsOf(channel).acknowledgement) {
    await deps.jobs.enqueue(sendTicketAcknowledgement, { ticketId: opened.ticket.id });
  }
  return { result: "created_ticket", ticketId: opened.ticket.id, messageId: opened.messageId };
}

/**
 * What of a mail was cut to fit messageLimits, with the original lengths; kept on the message as
 * `channelMetadata.email.shortened` (read back by tickets/get-ticket.ts for the agent's notice).
 */
export interface ShortenedEmailParts {
  subject?: { length: number };
  text?: { length: number };
  html?: { length: number };
  /** The attachments (by id) whose file name was cut, with the length of the name as sent. */
  attachments?: { id: string; length: number }[];
}

/** For the delivery's note in the inbound mail log. */
function describeShortened(parts: ShortenedEmailParts): string {
  const count = (n: number) => n.toLocaleString("en");
  const cut = [
    parts.subject && `the subject (${count(parts.subject.length)} characters, ${messageLimits.subject} kept)`,
    parts.text && `the text (${count(parts.text.length)} characters, ${count(messageLimits.bodyText)} kept)`,
    parts.html && `the formatted body (${count(parts.html.length)} characters)`,
    parts.attachments && `${parts.attachments.length} file ${parts.attachments.length === 1 ? "name" : "names"}`,
  ].filter(Boolean);
  return `Shortened to fit: ${cut.join(", ")}; the whole mail is kept as the message's original.`;
}

/**
 * A Message-ID longer than a message's external id may be is kept by a stable digest of it: the same mail
 * twice is still one message, and the id goes into our replies' headers, where a line has 998 characters.
 */
function storableMessageId(messageId: string): string {
  if (messageId.length <= messageLimits.externalId) return messageId;
  return `long-${createHash("sha256").update(messageId).digest("hex").slice(0, 32)}@helpdesk.invalid`;
}

/** RCPT TO, as the SMTP listener stored it with the delivery. */
function envelopeRecipientsOf(envelope: Record<string, unknown>): string[] {
  return Array.isArray(envelope.rcptTo) ? envelope.rcptTo.filter((r): r is string => typeof r === "string") : [];
}

async function emailChannelMailboxes(db: Executor): Promise<Set<string>> {
  const rows = await db.select({ address: channels.address }).from(channels).where(eq(channels.kind, "email"));
  return new Set(rows.filter((r) => r.address).map((r) => mailboxOf(r.address!)));
}

/** A flood from one sender (a loop with another robot, a script) is held back, not turned into tickets. */
async function senderOverLimit(deps: DomainDeps, channel: Channel, sender: string, receivedAt: Date): Promise<boolean> {
  const limit = emailSettingsOf(channel).senderLimitPerHour;
  const [row] = await deps.db
    .select({ n: count() })
    .from(inboundDeliveries)
    .where(
      and(
        eq(inboundDeliveries.channelId, channel.id),
        eq(inboundDeliveries.senderAddress, sender),
        eq(inboundDeliveries.status, "processed"),
        gte(inboundDeliveries.receivedAt, sql`${receivedAt.toISOString()}::timestamptz - interval '1 hour'`),
      ),
    );
  return (row?.n ?? 0) >= limit;
}

/** A bounce marks the reply it refers to as failed, with the server's reason, on the agent's screen. */
async function recordBounce(
  deps: DomainDeps,
  bounce: Extract<EmailClassification, { kind: "bounce" }>,
): Promise<string | null> {
  if (!bounce.originalMessageId) return null;
  const [outbound] = await deps.db
    .select()
    .from(outboundEmails)
    .where(eq(outboundEmails.messageIdHeader, bounce.originalMessageId));
  if (!outbound) return null;
  const reason = `Bounced${bounce.failedRecipient ? ` by ${bounce.failedRecipient}` : ""}: ${bounce.diagnostic ?? bounce.reason}`;
  await deps.db
    .update(outboundEmails)
    .set({ status: "failed", response: reason })
    .where(eq(outboundEmails.id, outbound.id));
  if (outbound.messageId) {
    await deps.db
      .update(messages)
      .set({ deliveryStatus: "failed", deliveryError: reason })
      .where(eq(messages.id, outbound.messageId));
    const [message] = await deps.db
      .select({ ticketId: messages.ticketId })
      .from(messages)
      .where(eq(messages.id, outbound.messageId));
    if (message)
      await deps.events.emit({ type: "message.updated", ticketId: message.ticketId, messageId: outbound.messageId });
  }
  return outbound.ticketId;
}
