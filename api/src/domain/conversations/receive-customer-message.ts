import { messages, newId, tickets } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { renderPlainText } from "../messages/message-body.ts";
import { findMessageView, lockTicket } from "../tickets/get-ticket.ts";
import { recordTicketEvents, type TicketChange } from "../tickets/ticket-events.ts";
import { findTicketView } from "../tickets/ticket-read-model.ts";
import type { MessageView, TicketView } from "../tickets/views.ts";

export const receiveCustomerMessageInput = z.object({
  ticketId: z.string().min(1),
  body: z.string().trim().min(1).max(100_000),
  /** Sanitized by us; when absent the text is rendered. */
  html: z.string().optional(),
  /** The provider's id for this message; a second delivery with the same id is the same message. */
  externalId: z.string().min(1).max(500).optional(),
  channelMetadata: z.record(z.string(), z.unknown()).default({}),
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
  const messageId = newId("message");

  const outcome = await deps.db.transaction(async (tx) => {
    const current = await lockTicket(tx, input.ticketId);
    if (current.mergedIntoId) {
      throw new DomainError("TICKET_MERGED", `Ticket #${current.number} was merged.`, { mergedIntoId: current.mergedIntoId });
    }
    if (current.status === "closed") throw new DomainError("TICKET_CLOSED", `Ticket #${current.number} is closed.`);
    if (input.externalId) {
      const [existing] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.channelId, current.channelId), eq(messages.externalId, input.externalId)));
      if (existing) return { duplicateOf: existing.id, changes: [] as TicketChange[], previous: current };
    }
    await tx.insert(messages).values({
      id: messageId,
      ticketId: current.id,
      channelId: current.channelId,
      direction: "inbound",
      authorKind: "customer",
      authorCustomerId: current.customerId,
      bodyText: input.body,
      bodyHtml: input.html ?? renderPlainText(input.body),
      channelMetadata: input.channelMetadata,
      externalId: input.externalId ?? null,
      createdAt: now,
    });
    const reopen = current.status === "pending" || current.status === "solved";
    const changes: TicketChange[] = reopen ? [{ kind: "status_changed", data: { from: current.status, to: "open" } }] : [];
    await tx
      .update(tickets)
      .set({ lastMessageAt: now, updatedAt: now, ...(reopen ? { status: "open" as const, solvedAt: null } : {}) })
      .where(eq(tickets.id, current.id));
    await recordTicketEvents(tx, current.id, { kind: "system" }, changes, now);
    return { duplicateOf: null, changes, previous: current };
  });

  const ticket = (await findTicketView(deps.db, input.ticketId))!;
  const message = (await findMessageView(deps.db, outcome.duplicateOf ?? messageId))!;
  if (outcome.duplicateOf) return { message, ticket, duplicate: true };
  await deps.events.emit({ type: "message.created", ticket, message });
  if (outcome.changes.length > 0) {
    await deps.events.emit({
      type: "ticket.updated",
      ticket,
      changes: outcome.changes.map((c) => c.kind),
      previous: { teamId: outcome.previous.teamId, assigneeId: outcome.previous.assigneeId },
    });
  }
  return { message, ticket, duplicate: false };
}
