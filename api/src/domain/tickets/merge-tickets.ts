import { messages, tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { lockTicket } from "./get-ticket.ts";
import { recordTicketEvents } from "./ticket-events.ts";
import { findTicketView } from "./ticket-read-model.ts";
import { assertTicketWritable } from "./update-ticket.ts";
import type { TicketView } from "./views.ts";
import { canSeeTicket } from "./visibility.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";

export const mergeTicketsInput = z.object({ targetTicketId: z.string().min(1) });
export type MergeTicketsInput = z.infer<typeof mergeTicketsInput>;

/**
 * Merges a duplicate (source) into another ticket (target), as Zammad does: the source's messages
 * move to the target so one thread holds the whole conversation, tags are united, and the source is
 * closed with a pointer to the target. Both timelines record the merge.
 */
export async function mergeTickets(
  deps: DomainDeps,
  actor: StaffActor,
  sourceTicketId: string,
  rawInput: MergeTicketsInput,
): Promise<{ source: TicketView; target: TicketView }> {
  const { targetTicketId } = mergeTicketsInput.parse(rawInput);
  if (targetTicketId === sourceTicketId) {
    throw new DomainError("MERGE_INVALID", "A ticket cannot be merged into itself.");
  }
  const now = deps.clock.now();

  await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    // Lock in a fixed order so two opposite merges cannot deadlock.
    const [firstId, secondId] = [sourceTicketId, targetTicketId].sort() as [string, string];
    const first = await lockTicket(tx, firstId);
    const second = await lockTicket(tx, secondId);
    const source = first.id === sourceTicketId ? first : second;
    const target = first.id === targetTicketId ? first : second;
    for (const ticket of [source, target]) {
      if (!canSeeTicket(actor, ticket))
        throw new DomainError("TICKET_NOT_FOUND", `Ticket ${ticket.id} does not exist.`);
      assertTicketWritable(ticket);
    }

    await tx.update(messages).set({ ticketId: target.id }).where(eq(messages.ticketId, source.id));
    await tx
      .update(tickets)
      .set({
        tags: [...new Set([...target.tags, ...source.tags])],
        lastMessageAt: source.lastMessageAt > target.lastMessageAt ? source.lastMessageAt : target.lastMessageAt,
        updatedAt: now,
      })
      .where(eq(tickets.id, target.id));
    await tx
      .update(tickets)
      .set({ status: "closed", closedAt: now, mergedIntoId: target.id, updatedAt: now })
      .where(eq(tickets.id, source.id));
    await recordTicketEvents(
      tx,
      source.id,
      actor,
      [
        { kind: "merged_into", data: { ticketId: target.id, number: target.number } },
        { kind: "status_changed", data: { from: source.status, to: "closed" } },
      ],
      now,
    );
    await recordTicketEvents(
      tx,
      target.id,
      actor,
      [{ kind: "merged_from", data: { ticketId: source.id, number: source.number } }],
      now,
    );
    await refreshTicketSla(txDeps, source.id);
    await refreshTicketSla(txDeps, target.id);
    await txDeps.events.emit({
      type: "ticket.updated",
      ticketId: source.id,
      changes: ["merged_into", "status_changed"],
      previous: { teamId: source.teamId, assigneeId: source.assigneeId },
    });
    await txDeps.events.emit({
      type: "ticket.updated",
      ticketId: target.id,
      changes: ["merged_from"],
      previous: { teamId: target.teamId, assigneeId: target.assigneeId },
    });
  });

  const [source, target] = [
    (await findTicketView(deps.db, sourceTicketId))!,
    (await findTicketView(deps.db, targetTicketId))!,
  ];
  return { source, target };
}
