import { newId, satisfactionRatings, ticketEvents, tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { lockTicket } from "../tickets/get-ticket.ts";
import { inTransaction } from "../unit-of-work.ts";
import type { VisitorRef } from "./identify-visitor.ts";
import { findLatestChatTicket, isEnded } from "./widget-views.ts";

/**
 * The satisfaction answer after a chat ends: one satisfaction_ratings row per ticket (CSAT for reports and the
 * customer's history; a second answer replaces the first) and a timeline event by the customer.
 */
export async function rateConversation(
  deps: DomainDeps,
  visitor: VisitorRef,
  input: { rating: number; comment?: string | undefined },
): Promise<{ ticketId: string }> {
  const latest = visitor.customerId ? await findLatestChatTicket(deps.db, visitor.channelId, visitor.customerId) : null;
  if (!latest) throw new DomainError("VALIDATION_FAILED", "There is no conversation to rate.");
  if (!isEnded(latest.status)) throw new DomainError("VALIDATION_FAILED", "End the conversation before rating it.");
  const now = deps.clock.now();
  const comment = input.comment?.trim() || null;
  await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const current = await lockTicket(tx, latest.id);
    await tx
      .insert(satisfactionRatings)
      .values({
        id: newId("satisfactionRating"),
        ticketId: current.id,
        customerId: current.customerId,
        channelId: current.channelId,
        source: "chat",
        rating: input.rating,
        comment,
        ratedAt: now,
      })
      .onConflictDoUpdate({
        target: satisfactionRatings.ticketId,
        set: { rating: input.rating, comment, ratedAt: now },
      });
    await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, current.id));
    await tx.insert(ticketEvents).values({
      id: newId("ticketEvent"),
      ticketId: current.id,
      kind: "satisfaction_rated",
      actorKind: "customer",
      data: { rating: input.rating, comment, source: "chat" },
      createdAt: now,
    });
    await txDeps.events.emit({
      type: "ticket.updated",
      ticketId: current.id,
      changes: ["satisfaction_rated"],
      previous: { teamId: current.teamId, assigneeId: current.assigneeId },
    });
  });
  return { ticketId: latest.id };
}
