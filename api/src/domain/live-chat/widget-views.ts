import { messages, satisfactionRatings, tickets, users, type Executor } from "@helpdesk/db";
import { and, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { WidgetConversation, WidgetMessage } from "./protocol.ts";
import type { LiveChatSigner } from "./visitor-token.ts";
import { markdownToPlainText } from "../messages/plain-text.ts";
import { listMessageAttachments } from "../messages/message-files.ts";

/** How widget-facing views build attachment links: signed, absolute when the public URL is known. */
export interface WidgetLinks {
  signer: LiveChatSigner;
  /** e.g. https://help.example.com; "" gives links relative to the help desk's host. */
  publicUrl: () => string;
}

export function attachmentUrl(links: WidgetLinks, attachmentId: string): string {
  return `${links.publicUrl()}/api/widget/attachments/${attachmentId}?token=${links.signer.attachmentToken(attachmentId)}`;
}

/** The widget's clientId back from the stored externalId `${visitorId}:${clientId}`. */
export function clientIdOf(externalId: string | null, authorKind: string): string | null {
  if (authorKind !== "customer" || !externalId) return null;
  const at = externalId.indexOf(":");
  return at > 0 && externalId.startsWith("vis_") ? externalId.slice(at + 1) : null;
}

/** Public messages as the widget shows them; internal notes never leave here. In creation order. */
export async function listWidgetMessages(
  db: Executor,
  links: WidgetLinks,
  where: { ticketId: string; limit?: number } | { messageIds: string[] },
): Promise<WidgetMessage[]> {
  const filter =
    "ticketId" in where
      ? and(eq(messages.ticketId, where.ticketId), eq(messages.internal, false))
      : and(inArray(messages.id, where.messageIds), eq(messages.internal, false));
  const rows = await db
    .select({
      id: messages.id,
      externalId: messages.externalId,
      authorKind: messages.authorKind,
      agentName: users.name,
      text: messages.bodyText,
      createdAt: messages.createdAt,
      readAt: messages.readAt,
    })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .leftJoin(users, eq(users.id, messages.authorUserId))
    // Agents' messages and the visitor's own: a mail from someone copied on the ticket is for the agents' eyes.
    .where(and(filter, or(eq(messages.direction, "outbound"), eq(messages.authorCustomerId, tickets.customerId))))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit("ticketId" in where ? (where.limit ?? 200) : where.messageIds.length);
  rows.reverse();
  // Inline images belong to e-mail bodies, which the widget does not show.
  const files = await listMessageAttachments(
    db,
    rows.map((r) => r.id),
    { inlineImages: false },
  );
  return rows.map((row) => ({
    id: row.id,
    clientId: clientIdOf(row.externalId, row.authorKind),
    author: row.authorKind === "customer" ? "visitor" : row.authorKind === "agent" ? "agent" : "system",
    agent: row.authorKind === "agent" ? { name: row.agentName ?? "Support", avatarUrl: null } : null,
    // Agents write Markdown; the widget shows text only.
    text: row.authorKind === "agent" ? markdownToPlainText(row.text) : row.text,
    attachments: files
      .filter((f) => f.messageId === row.id)
      .map((f) => ({
        id: f.id,
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        url: attachmentUrl(links, f.id),
      })),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
}

export function isEnded(status: string): boolean {
  return status === "solved" || status === "closed";
}

/** The customer's latest chat ticket on this channel (merged ones excluded), if any. */
export async function findLatestChatTicket(db: Executor, channelId: string, customerId: string) {
  const [ticket] = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.channelId, channelId), eq(tickets.customerId, customerId), isNull(tickets.mergedIntoId)))
    .orderBy(desc(tickets.createdAt), desc(tickets.number))
    .limit(1);
  return ticket ?? null;
}

export const pageUrlField = "chat_page_url";
export const pageTitleField = "chat_page_title";

/** The open conversation, or the last one if it ended; null before the first message. */
export async function getWidgetConversation(
  db: Executor,
  links: WidgetLinks,
  channelId: string,
  customerId: string | null,
): Promise<WidgetConversation | null> {
  if (!customerId) return null;
  const ticket = await findLatestChatTicket(db, channelId, customerId);
  if (!ticket) return null;
  return {
    ticketId: ticket.id,
    number: ticket.number,
    state: isEnded(ticket.status) ? "ended" : "open",
    messages: await listWidgetMessages(db, links, { ticketId: ticket.id }),
    rated:
      (
        await db
          .select({ id: satisfactionRatings.id })
          .from(satisfactionRatings)
          .where(eq(satisfactionRatings.ticketId, ticket.id))
      ).length > 0,
  };
}
