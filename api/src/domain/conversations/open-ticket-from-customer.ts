import { newId, tickets } from "@helpdesk/db";
import { z } from "zod";
import type { DomainDeps } from "../deps.ts";
import { renderPlainText } from "../messages/message-body.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { findTicketView } from "../tickets/ticket-read-model.ts";
import type { TicketView } from "../tickets/views.ts";
import { findMessageByExternalId, inboundMessageContent, insertInboundMessage } from "./insert-inbound-message.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";
import { messageLimits } from "../messages/message-limits.ts";

export const openTicketFromCustomerInput = inboundMessageContent.extend({
  channelId: z.string().min(1),
  customerId: z.string().min(1),
  subject: z.string().trim().max(messageLimits.subject),
  body: z.string().trim().max(messageLimits.bodyText),
  /** The closed ticket this message was an answer to (Zendesk's follow-up). */
  followUpOfId: z.string().optional(),
});
export type OpenTicketFromCustomerInput = z.input<typeof openTicketFromCustomerInput>;

/**
 * A customer writes on a channel and nothing threads it to a ticket: a new ticket opens with their message.
 * Idempotent on (channel, externalId): the same inbound message twice opens one ticket.
 */
export async function openTicketFromCustomer(
  deps: DomainDeps,
  rawInput: OpenTicketFromCustomerInput,
): Promise<{ ticket: TicketView; messageId: string; duplicate: boolean }> {
  const input = openTicketFromCustomerInput.parse(rawInput);
  const now = deps.clock.now();

  const outcome = await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    if (input.externalId) {
      const existing = await findMessageByExternalId(tx, input.channelId, input.externalId);
      if (existing) return { ticketId: existing.ticketId, messageId: existing.id, duplicate: true };
    }
    const ticketId = newId("ticket");
    await tx.insert(tickets).values({
      id: ticketId,
      subject: input.subject || "(no subject)",
      channelId: input.channelId,
      customerId: input.customerId,
      cc: [...new Set(input.cc.map((a) => a.toLowerCase()))],
      followUpOfId: input.followUpOfId ?? null,
      lastMessageAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const messageId = await insertInboundMessage(tx, {
      ticketId,
      channelId: input.channelId,
      authorCustomerId: input.customerId,
      bodyText: input.body,
      bodyHtml: input.html ?? renderPlainText(input.body),
      channelMetadata: input.channelMetadata,
      externalId: input.externalId ?? null,
      inboundDeliveryId: input.inboundDeliveryId ?? null,
      attachments: input.attachments,
      createdAt: now,
    });
    await recordTicketEvents(
      tx,
      ticketId,
      { kind: "system" },
      [
        {
          kind: "created",
          data: { priority: "normal", teamId: null, assigneeId: null, followUpOfId: input.followUpOfId ?? null },
        },
      ],
      now,
    );
    await refreshTicketSla(txDeps, ticketId);
    await txDeps.events.emit({ type: "ticket.created", ticketId });
    return { ticketId, messageId, duplicate: false };
  });

  const ticket = (await findTicketView(deps.db, outcome.ticketId))!;
  return { ticket, messageId: outcome.messageId, duplicate: outcome.duplicate };
}
