import { attachments, inboundDeliveries, messages, tickets, type Executor } from "@helpdesk/db";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { renderEmailHtml } from "../channels/email/email-html.ts";
import { parseInboundEmail } from "../channels/email/parse-inbound-email.ts";
import { DomainError } from "../errors.ts";
import { canSeeTicket } from "../tickets/visibility.ts";

/** A message's ticket, if the actor may see it: files and originals are served to nobody else. */
async function visibleMessage(deps: Pick<DomainDeps, "db">, actor: StaffActor, messageId: string) {
  const [row] = await deps.db
    .select({ message: messages, teamId: tickets.teamId, assigneeId: tickets.assigneeId })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(eq(messages.id, messageId));
  if (!row || !canSeeTicket(actor, row)) throw new DomainError("NOT_FOUND", `Message ${messageId} does not exist.`);
  return row.message;
}

export async function getAttachmentContent(deps: Pick<DomainDeps, "db">, actor: StaffActor, attachmentId: string) {
  const [file] = await deps.db.select().from(attachments).where(eq(attachments.id, attachmentId));
  if (!file) throw new DomainError("NOT_FOUND", `Attachment ${attachmentId} does not exist.`);
  await visibleMessage(deps, actor, file.messageId).catch(() => {
    throw new DomainError("NOT_FOUND", `Attachment ${attachmentId} does not exist.`);
  });
  return { filename: file.filename, contentType: file.contentType, content: file.content };
}

/**
 * The whole original of an inbound e-mail, quoted history and signature included: what "show original"
 * opens. Still sanitized, with remote images held back, like the trimmed version in the thread.
 */
export async function getMessageOriginal(deps: Pick<DomainDeps, "db">, actor: StaffActor, messageId: string) {
  const message = await visibleMessage(deps, actor, messageId);
  if (!message.inboundDeliveryId) throw new DomainError("NOT_FOUND", "This message has no stored original.");
  const [delivery] = await deps.db
    .select()
    .from(inboundDeliveries)
    .where(eq(inboundDeliveries.id, message.inboundDeliveryId));
  if (!delivery) throw new DomainError("NOT_FOUND", "This message has no stored original.");
  const email = await parseInboundEmail(Buffer.from(delivery.payload));
  const files = await deps.db
    .select({ id: attachments.id, contentId: attachments.contentId })
    .from(attachments)
    .where(eq(attachments.messageId, messageId));
  const bare = (id: string) => id.replace(/^<|>$/g, "");
  const rendered = email.html
    ? renderEmailHtml(email.html, {
        inlineImageUrl: (cid) => {
          const file = files.find((f) => f.contentId && bare(f.contentId) === bare(cid));
          return file ? `/api/attachments/${file.id}` : null;
        },
      })
    : null;
  return {
    messageId: message.id,
    subject: email.subject,
    from: email.from,
    to: email.to,
    cc: email.cc,
    date: email.date?.toISOString() ?? null,
    text: email.text,
    html: rendered?.html ?? null,
    blockedRemoteImages: rendered?.blockedRemoteImages ?? 0,
    /** The files as sent: their whole names, where the thread shows a name cut to fit. */
    attachments: email.attachments.map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
    })),
    size: delivery.payload.byteLength,
  };
}

/**
 * The files of these messages, without their bytes, oldest first: what a thread lists under each message. Inline
 * images (cid:) are left out where the body they belong to is not shown (`inlineImages: false`).
 */
export async function listMessageAttachments(
  db: Executor,
  messageIds: string[],
  options: { inlineImages: boolean } = { inlineImages: true },
) {
  if (messageIds.length === 0) return [];
  const ofMessages = inArray(attachments.messageId, messageIds);
  return db
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(attachments)
    .where(options.inlineImages ? ofMessages : and(ofMessages, isNull(attachments.contentId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}
