import { tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { renderPlainText } from "../messages/message-body.ts";
import { findMessageView, lockTicket } from "../tickets/get-ticket.ts";
import { recordTicketEvents, type TicketChange } from "../tickets/ticket-events.ts";
import { findTicketView } from "../tickets/ticket-read-model.ts";
import type { MessageView, TicketView } from "../tickets/views.ts";
import { findMessageByExternalId, inboundMessageContent, insertInboundMessage } from "./insert-inbound-message.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";
import { messageLimits } from "../messages/message-limits.ts";

export const receiveCustomerMessageInput = inboundMessageContent.extend({
  ticketId: z.string().min(1),
  body: z.string().trim().min(1).max(messageLimits.bodyText),
  /** Who wrote: the ticket's customer unless someone else on the thread (a CC) did. */
  authorCustomerId: z.string().optional(),
  /** Auto-replies (out of office) join the thread but do not reopen the ticket. */
  reopens: z.boolean().default(true),
});
export type ReceiveCustomerMessageInput = z.input<typeof receiveCustomerMessageInput>;

/**
 * A customer writes on an existing ticket. The message is stored first; a ticket waiting on the
 * customer (pending) or solved comes back to open, as in Zendesk. Idempotent on (channel, externalId).
 */
export async function receiveCustomerMessage(
  deps: DomainDeps,
  rawInput: ReceiveCustomerMessageInput,
): Promise<{ message: MessageView; ticket: TicketView; duplicate: boolean }> {
  const input = receiveCustomerMessageInput.parse(rawInput);
  const now = deps.clock.now();
  const outcome = await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const current = await lockTicket(tx, input.ticketId);
    if (current.mergedIntoId) {
      throw new DomainError("TICKET_MERGED", `Ticket #${current.number} was merged.`, {
        mergedIntoId: current.mergedIntoId,
      });
    }
    if (current.status === "closed") throw new DomainError("TICKET_CLOSED", `Ticket #${current.number} is closed.`);
    if (input.externalId) {
      const existing = await findMessageByExternalId(tx, current.channelId, input.externalId);
      if (existing) return { messageId: existing.id, duplicate: true };
    }
    const messageId = await insertInboundMessage(tx, {
      ticketId: current.id,
      channelId: current.channelId,
      authorCustomerId: input.authorCustomerId ?? current.customerId,
      bodyText: input.body,
      bodyHtml: input.html ?? renderPlainText(input.body),
      channelMetadata: input.channelMetadata,
      externalId: input.externalId ?? null,
      inboundDeliveryId: input.inboundDeliveryId ?? null,
      attachments: input.attachments,
      createdAt: now,
    });
    const reopen = input.reopens && (current.status === "pending" || current.status === "solved");
    const changes: TicketChange[] = reopen
      ? [{ kind: "status_changed", data: { from: current.status, to: "open" } }]
      : [];
    const cc = [...new Set([...current.cc, ...input.cc.map((a) => a.toLowerCase())])];
    await tx
      .update(tickets)
      .set({
        lastMessageAt: now,
        updatedAt: now,
        ...(cc.length !== current.cc.length ? { cc } : {}),
        ...(reopen ? { status: "open" as const, solvedAt: null } : {}),
      })
      .where(eq(tickets.id, current.id));
    await recordTicketEvents(tx, current.id, { kind: "system" }, changes, now);
    await refreshTicketSla(txDeps, current.id);
    await txDeps.events.emit({ type: "message.created", ticketId: current.id, messageId });
    if (changes.length > 0) {
      await txDeps.events.emit({
        type: "ticket.updated",
        ticketId: current.id,
        changes: changes.map((c) => c.kind),
        previous: { teamId: current.teamId, assigneeId: current.assigneeId },
      });
    }
    return { messageId, duplicate: false };
  });

  const ticket = (await findTicketView(deps.db, input.ticketId))!;
  const message = (await findMessageView(deps.db, outcome.messageId))!;
  return { message, ticket, duplicate: outcome.duplicate };
}
