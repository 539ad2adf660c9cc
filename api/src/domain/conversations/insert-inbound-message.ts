import { attachments, messages, newId, type Executor } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { messageLimits } from "../messages/message-limits.ts";

export const inboundAttachmentInput = z.object({
  id: z.string().min(1),
  filename: z.string().min(1).max(messageLimits.filename),
  contentType: z.string().min(1).max(messageLimits.contentType),
  contentId: z.string().max(messageLimits.contentId).nullable(),
  content: z.instanceof(Uint8Array),
});

/** What any channel says about a customer's message beyond its text: the input shared by the use cases that store one. */
export const inboundMessageContent = z.object({
  /** Sanitized by the caller; when absent the text is rendered. */
  html: z.string().optional(),
  /** The provider's id for this message; a second delivery with the same id is the same message. */
  externalId: z.string().min(1).max(messageLimits.externalId).optional(),
  channelMetadata: z.record(z.string(), z.unknown()).default({}),
  attachments: z.array(inboundAttachmentInput).default([]),
  /** The stored raw delivery this message came from, for "show original". */
  inboundDeliveryId: z.string().optional(),
  /** Addresses copied on the conversation; added to the ticket's CC list. */
  cc: z.array(z.string()).default([]),
});

export interface InboundAttachment {
  /** Assigned by the caller (newId("attachment")), so inline images can be linked in the HTML before insert. */
  id: string;
  filename: string;
  contentType: string;
  contentId: string | null;
  content: Uint8Array;
}

export interface InboundMessageFields {
  ticketId: string;
  channelId: string;
  authorCustomerId: string;
  bodyText: string;
  /** Already sanitized. */
  bodyHtml: string;
  channelMetadata?: Record<string, unknown>;
  externalId?: string | null;
  inboundDeliveryId?: string | null;
  attachments?: InboundAttachment[];
  createdAt: Date;
}

/** Writes a customer's message and its files, inside the caller's transaction. */
export async function insertInboundMessage(tx: Executor, fields: InboundMessageFields): Promise<string> {
  const id = newId("message");
  await tx.insert(messages).values({
    id,
    ticketId: fields.ticketId,
    channelId: fields.channelId,
    direction: "inbound",
    authorKind: "customer",
    authorCustomerId: fields.authorCustomerId,
    bodyText: fields.bodyText,
    bodyHtml: fields.bodyHtml,
    channelMetadata: fields.channelMetadata ?? {},
    externalId: fields.externalId ?? null,
    inboundDeliveryId: fields.inboundDeliveryId ?? null,
    createdAt: fields.createdAt,
  });
  const files = fields.attachments ?? [];
  if (files.length > 0) {
    await tx.insert(attachments).values(
      files.map((file) => ({
        id: file.id,
        messageId: id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.content.byteLength,
        contentId: file.contentId,
        content: file.content,
      })),
    );
  }
  return id;
}

/** Finds a message already stored for this provider id: the idempotency check before a second insert. */
export async function findMessageByExternalId(tx: Executor, channelId: string, externalId: string) {
  const [row] = await tx
    .select({ id: messages.id, ticketId: messages.ticketId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.externalId, externalId)))
    .limit(1);
  return row ?? null;
}
