import { attachments, channels, messages, tickets } from "@helpdesk/db";
import { safeFilename } from "@helpdesk/knowledge-base";
import { and, eq } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { assertAllowed, assertOriginAllowed, findChatChannel, type ChatRateLimiter } from "./chat-availability.ts";
import { findVisitorCustomer, type VisitorRef } from "./identify-visitor.ts";
import { clientIdInput } from "./protocol-schemas.ts";
import { sendVisitorMessage, type SentVisitorMessage } from "./send-visitor-message.ts";
import type { WidgetLinks } from "./widget-views.ts";

/** The largest file a visitor may send. */
export const maxVisitorFileBytes = 10 * 1024 * 1024;

/**
 * A visitor sends a file (with optional text) over HTTP: sockets are no place for 10 MB. Same rules as a socket
 * message (token, origin, rate limit, idempotent clientId); the stored message reaches their tabs and the agents.
 */
export async function sendVisitorFile(
  deps: DomainDeps & {
    links: WidgetLinks;
    rateLimiter: ChatRateLimiter;
    /** One visitor's messages one at a time, shared with the socket side (order; one ticket for a first message). */
    visitorLock?: { run<T>(visitorId: string, task: () => Promise<T>): Promise<T> };
  },
  request: { visitorToken: string | undefined; origin: string | undefined; ip: string },
  input: {
    clientId: unknown;
    text: unknown;
    file: { filename: string; contentType: string; content: Uint8Array<ArrayBuffer> } | null;
  },
): Promise<SentVisitorMessage & { visitor: VisitorRef }> {
  const token = request.visitorToken ? deps.links.signer.readVisitorToken(request.visitorToken) : null;
  if (!token)
    throw new DomainError("INVALID_VISITOR_TOKEN", "Send the visitor token from the session in x-visitor-token.");
  const chat = await findChatChannel(deps.db, token.channelId);
  assertOriginAllowed(chat.settings, request.origin);
  const clientId = clientIdInput.safeParse(input.clientId);
  if (!clientId.success)
    throw new DomainError("VALIDATION_FAILED", "clientId is missing or invalid.", clientId.error.issues);
  if (input.text !== undefined && typeof input.text !== "string")
    throw new DomainError("VALIDATION_FAILED", "text must be a string.");
  if (!input.file) throw new DomainError("VALIDATION_FAILED", 'Send the file as the multipart field "file".');
  if (input.file.content.byteLength > maxVisitorFileBytes) {
    throw new DomainError("PAYLOAD_TOO_LARGE", `A file may be at most ${maxVisitorFileBytes / 1024 / 1024} MB.`);
  }
  assertAllowed(await deps.rateLimiter.allow(token.visitorId, request.ip));
  const file = { ...input.file, filename: safeFilename(input.file.filename) };
  const text = typeof input.text === "string" ? input.text : "";
  const send = async () => {
    const visitor: VisitorRef = {
      channelId: chat.channel.id,
      visitorId: token.visitorId,
      customerId: await findVisitorCustomer(deps.db, token.visitorId),
    };
    const sent = await sendVisitorMessage(deps, chat, visitor, { clientId: clientId.data, text, file });
    return { ...sent, visitor };
  };
  return deps.visitorLock ? deps.visitorLock.run(token.visitorId, send) : send();
}

/** A file of a chat message, for whoever holds its signed link (the widget's <img> and <a> cannot send headers). */
export async function getVisitorAttachment(
  deps: Pick<DomainDeps, "db"> & { links: WidgetLinks },
  attachmentId: string,
  token: string | undefined,
) {
  if (!token || !deps.links.signer.verifyAttachmentToken(attachmentId, token)) {
    throw new DomainError("NOT_FOUND", `Attachment ${attachmentId} does not exist.`);
  }
  const [row] = await deps.db
    .select({ file: attachments, internal: messages.internal, kind: channels.kind })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .innerJoin(channels, eq(channels.id, tickets.channelId))
    .where(and(eq(attachments.id, attachmentId)));
  // A link to an internal note's file is never issued; refuse one anyway, as if it did not exist.
  if (!row || row.internal || row.kind !== "web_chat")
    throw new DomainError("NOT_FOUND", `Attachment ${attachmentId} does not exist.`);
  return { filename: row.file.filename, contentType: row.file.contentType, content: row.file.content };
}
