import { newId, tickets } from "@helpdesk/db";
import { eq, sql } from "drizzle-orm";
import { findMessageByExternalId, type InboundAttachment } from "../conversations/insert-inbound-message.ts";
import { openTicketFromCustomer } from "../conversations/open-ticket-from-customer.ts";
import { receiveCustomerMessage } from "../conversations/receive-customer-message.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError, isUniqueViolation } from "../errors.ts";
import type { ChatChannel } from "./chat-availability.ts";
import { ensureVisitorCustomer, type VisitorRef } from "./identify-visitor.ts";
import type { WidgetMessage, WidgetPage } from "./protocol.ts";
import {
  attachmentUrl,
  findLatestChatTicket,
  isEnded,
  listWidgetMessages,
  pageTitleField,
  pageUrlField,
  type WidgetLinks,
} from "./widget-views.ts";

export interface VisitorMessageInput {
  clientId: string;
  text: string;
  file?: { filename: string; contentType: string; content: Uint8Array<ArrayBuffer> };
  page?: WidgetPage;
}

export interface SentVisitorMessage {
  message: WidgetMessage;
  conversation: { ticketId: string; number: number };
  /** Already stored under this clientId (a resend after a reconnect): nothing new happened. */
  duplicate: boolean;
  /** This message opened the conversation (a new ticket). */
  opened: boolean;
}

/**
 * A visitor writes. Idempotent by the widget's clientId (stored as the message's externalId, unique per channel),
 * so a resend after a reconnect returns the stored message instead of a second one. The first message, or the
 * first after the conversation ended, opens a ticket on the chat channel; later ones join it.
 */
export async function sendVisitorMessage(
  deps: DomainDeps & { links: WidgetLinks },
  chat: ChatChannel,
  visitor: VisitorRef,
  input: VisitorMessageInput,
): Promise<SentVisitorMessage> {
  const text = input.text.trim();
  if (text.length > chat.settings.maxMessageLength) {
    throw new DomainError(
      "MESSAGE_TOO_LONG",
      `A message may have at most ${chat.settings.maxMessageLength} characters.`,
      {
        maxMessageLength: chat.settings.maxMessageLength,
      },
    );
  }
  if (!text && !input.file) throw new DomainError("VALIDATION_FAILED", "The message is empty.");

  const channelId = chat.channel.id;
  const externalId = `${visitor.visitorId}:${input.clientId}`;
  const stored = await findMessageByExternalId(deps.db, channelId, externalId);
  if (stored) return loadSent(deps, stored, { duplicate: true, opened: false });

  const customerId = await ensureVisitorCustomer(deps, visitor);
  const body = text || `📎 ${input.file!.filename}`;
  const content = {
    externalId,
    channelMetadata: { visitorId: visitor.visitorId, ...(input.page ? { page: input.page } : {}) },
    attachments: input.file
      ? [{ id: newId("attachment"), contentId: null, ...input.file } satisfies InboundAttachment]
      : [],
  };

  try {
    const current = await findLatestChatTicket(deps.db, channelId, customerId);
    if (current && !isEnded(current.status)) {
      try {
        const { message, ticket, duplicate } = await receiveCustomerMessage(deps, {
          ticketId: current.id,
          body,
          ...content,
        });
        if (duplicate) return loadSent(deps, { id: message.id, ticketId: ticket.id }, { duplicate, opened: false });
        // Built from what the use case returned: no second read on the hot path.
        return {
          message: {
            id: message.id,
            clientId: input.clientId,
            author: "visitor",
            agent: null,
            text: message.bodyText,
            attachments: message.attachments.map((a) => ({ ...a, url: attachmentUrl(deps.links, a.id) })),
            createdAt: message.createdAt,
            readAt: null,
          },
          conversation: { ticketId: ticket.id, number: ticket.number },
          duplicate: false,
          opened: false,
        };
      } catch (error) {
        // Closed or merged between the read and the write: the message opens a new conversation instead.
        if (!(error instanceof DomainError) || (error.code !== "TICKET_CLOSED" && error.code !== "TICKET_MERGED"))
          throw error;
      }
    }
    const opened = await openTicketFromCustomer(deps, {
      channelId,
      customerId,
      subject: subjectOf(body),
      body,
      ...content,
    });
    if (input.page) await recordTicketPage(deps, opened.ticket.id, input.page);
    return loadSent(
      deps,
      { id: opened.messageId, ticketId: opened.ticket.id },
      { duplicate: opened.duplicate, opened: !opened.duplicate },
    );
  } catch (error) {
    // Two tabs resending the same clientId at once: the unique (channel, externalId) key let one in.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findMessageByExternalId(deps.db, channelId, externalId);
    if (!winner) throw error;
    return loadSent(deps, winner, { duplicate: true, opened: false });
  }
}

/** The current page goes on the ticket, so agents see where the visitor is now (not only where they started). */
export async function recordTicketPage(
  deps: Pick<DomainDeps, "db">,
  ticketId: string,
  page: WidgetPage,
): Promise<void> {
  // jsonb concatenation in one statement: no read-modify-write race with an agent editing other fields.
  const patch = { [pageUrlField]: page.url, [pageTitleField]: page.title ?? null };
  await deps.db
    .update(tickets)
    .set({ customFields: sql`${tickets.customFields} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(tickets.id, ticketId));
}

function subjectOf(text: string): string {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return line.length > 80 ? `${line.slice(0, 77).trimEnd()}…` : line || "Chat";
}

async function loadSent(
  deps: Pick<DomainDeps, "db"> & { links: WidgetLinks },
  ref: { id: string; ticketId: string },
  flags: { duplicate: boolean; opened: boolean },
): Promise<SentVisitorMessage> {
  const [message] = await listWidgetMessages(deps.db, deps.links, { messageIds: [ref.id] });
  const [ticket] = await deps.db.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, ref.ticketId));
  return { message: message!, conversation: { ticketId: ref.ticketId, number: ticket!.number }, ...flags };
}
