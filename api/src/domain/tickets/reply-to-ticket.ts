import { channels, messages, newId, tickets, ticketStatuses } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import { dispatchReply, replyDeliveryFor } from "../channels/deliver-reply.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { renderMarkdown } from "../messages/message-body.ts";
import { findMessageView, lockTicket } from "./get-ticket.ts";
import { recordTicketEvents, type TicketChange } from "./ticket-events.ts";
import { findTicketView } from "./ticket-read-model.ts";
import { assertTicketWritable, statusTimestamps } from "./update-ticket.ts";
import type { MessageView, TicketView } from "./views.ts";
import { canSeeTicket } from "./visibility.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";

export const replyToTicketInput = z.object({
  /** Markdown. */
  body: z.string().trim().min(1).max(100_000),
  /** An internal note: staff only, never sent to the customer. */
  internal: z.boolean().default(false),
  /** Submit as: the status to leave the ticket in (Zendesk's "Submit as Pending"). */
  status: z.enum(ticketStatuses).exclude(["new"]).optional(),
});
export type ReplyToTicketInput = z.input<typeof replyToTicketInput>;

/** An agent's public reply or internal note on a ticket. */
export async function replyToTicket(
  deps: DomainDeps,
  actor: StaffActor,
  ticketId: string,
  rawInput: ReplyToTicketInput,
): Promise<{ message: MessageView; ticket: TicketView }> {
  const input = replyToTicketInput.parse(rawInput);
  const now = deps.clock.now();
  const messageId = newId("message");

  const changes = await deps.db.transaction(async (tx) => {
    const current = await lockTicket(tx, ticketId);
    if (!canSeeTicket(actor, current)) throw new DomainError("TICKET_NOT_FOUND", `Ticket ${ticketId} does not exist.`);
    assertTicketWritable(current);
    const [channel] = await tx.select().from(channels).where(eq(channels.id, current.channelId));
    const delivery = input.internal ? { externalId: null, deliveryStatus: null } : replyDeliveryFor(channel!, messageId);

    await tx.insert(messages).values({
      id: messageId,
      ticketId,
      channelId: current.channelId,
      direction: "outbound",
      internal: input.internal,
      authorKind: "agent",
      authorUserId: actor.id,
      bodyText: input.body,
      bodyHtml: renderMarkdown(input.body),
      externalId: delivery.externalId,
      deliveryStatus: delivery.deliveryStatus,
      createdAt: now,
    });

    // A note changes nothing for the customer; only a public reply counts as a response.
    const status = input.status ?? (!input.internal && current.status === "new" ? "open" : current.status);
    const changes: TicketChange[] =
      status !== current.status ? [{ kind: "status_changed", data: { from: current.status, to: status } }] : [];
    await tx
      .update(tickets)
      .set({
        status,
        ...(status !== current.status ? statusTimestamps(status, current, now) : {}),
        ...(input.internal ? {} : { lastMessageAt: now, firstResponseAt: current.firstResponseAt ?? now }),
        updatedAt: now,
      })
      .where(eq(tickets.id, ticketId));
    await recordTicketEvents(tx, ticketId, actor, changes, now);
    return { list: changes, previous: current, channel: channel!, queued: delivery.deliveryStatus === "queued" };
  });

  await refreshTicketSla(deps, ticketId);
  const ticket = (await findTicketView(deps.db, ticketId))!;
  const message = (await findMessageView(deps.db, messageId))!;
  await deps.events.emit({ type: "message.created", ticket, message });
  if (changes.queued) await dispatchReply(deps, changes.channel, messageId);
  if (changes.list.length > 0) {
    await deps.events.emit({
      type: "ticket.updated",
      ticket,
      changes: changes.list.map((c) => c.kind),
      previous: { teamId: changes.previous.teamId, assigneeId: changes.previous.assigneeId },
    });
  }
  return { message, ticket };
}
