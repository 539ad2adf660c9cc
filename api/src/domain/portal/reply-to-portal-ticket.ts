import { newId } from "@helpdesk/db";
import { safeFilename } from "@helpdesk/knowledge-base";
import { z } from "zod";
import { openTicketFromCustomer } from "../conversations/open-ticket-from-customer.ts";
import { receiveCustomerMessage } from "../conversations/receive-customer-message.ts";
import { resolvePortalChannel } from "../conversations/submit-portal-request.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import type { CustomerActor } from "./customer-sessions.ts";
import { findCustomerTicket, visibleTicketNumber } from "./ticket-access.ts";
import { messageLimits } from "../messages/message-limits.ts";

export const maxPortalFileBytes = 10 * 1024 * 1024;
export const maxPortalReplyBytes = 25 * 1024 * 1024;
export const maxPortalFiles = 10;

export const portalReplyInput = z.object({
  body: z.string().trim().min(1).max(20_000),
  files: z
    .array(
      z.object({
        filename: z.string().transform((name) => safeFilename(name)),
        contentType: z.string().min(1).max(messageLimits.contentType),
        content: z.instanceof(Uint8Array),
      }),
    )
    .max(maxPortalFiles)
    .default([]),
});
export type PortalReplyInput = z.input<typeof portalReplyInput>;

/**
 * A customer answers on a ticket from the portal. It is the same customer message as one by mail: it joins the
 * thread through receiveCustomerMessage (a pending or solved ticket reopens, agents see it live), and a closed
 * ticket is not reopened: the answer opens a follow-up, as the e-mail channel does.
 */
export async function replyToPortalTicket(
  deps: DomainDeps,
  actor: CustomerActor,
  number: number,
  raw: PortalReplyInput,
): Promise<{ ticketNumber: number; messageId: string; followUp: boolean }> {
  const input = portalReplyInput.parse(raw);
  const oversized = input.files.find((f) => f.content.byteLength > maxPortalFileBytes);
  if (oversized) {
    throw new DomainError(
      "PAYLOAD_TOO_LARGE",
      `“${oversized.filename}” is larger than ${maxPortalFileBytes / 1024 / 1024} MB.`,
      { maxFileBytes: maxPortalFileBytes },
    );
  }
  if (input.files.reduce((n, f) => n + f.content.byteLength, 0) > maxPortalReplyBytes) {
    throw new DomainError(
      "PAYLOAD_TOO_LARGE",
      `The files add up to more than ${maxPortalReplyBytes / 1024 / 1024} MB.`,
      { maxTotalBytes: maxPortalReplyBytes },
    );
  }
  const { ticket } = await findCustomerTicket(deps.db, actor, number);
  if (ticket.mergedIntoId) {
    // Only a number this customer may see: the ticket may have been merged into somebody else's.
    const mergedIntoNumber = await visibleTicketNumber(deps.db, actor, ticket.mergedIntoId);
    throw new DomainError(
      "TICKET_MERGED",
      `Ticket #${ticket.number} was merged; reply on the ticket it was merged into.`,
      { mergedIntoNumber },
    );
  }
  const files = input.files.map((f) => ({
    id: newId("attachment"),
    filename: f.filename,
    contentType: f.contentType,
    contentId: null,
    content: f.content,
  }));
  const channelMetadata = { source: "help_center" };

  if (ticket.status === "closed") {
    const channel = await resolvePortalChannel(deps.db);
    const opened = await openTicketFromCustomer(deps, {
      channelId: channel.id,
      customerId: actor.customerId,
      subject: ticket.subject,
      body: input.body,
      followUpOfId: ticket.id,
      channelMetadata,
      attachments: files,
    });
    return { ticketNumber: opened.ticket.number, messageId: opened.messageId, followUp: true };
  }
  const { message } = await receiveCustomerMessage(deps, {
    ticketId: ticket.id,
    body: input.body,
    authorCustomerId: actor.customerId,
    channelMetadata,
    attachments: files,
  });
  return { ticketNumber: ticket.number, messageId: message.id, followUp: false };
}
