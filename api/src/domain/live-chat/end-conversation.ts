import { tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";
import { lockTicket } from "../tickets/get-ticket.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { statusTimestamps } from "../tickets/update-ticket.ts";
import type { VisitorRef } from "./identify-visitor.ts";
import { findLatestChatTicket, isEnded } from "./widget-views.ts";

/**
 * The visitor ends the chat: its ticket is solved (agents can still reopen it; the next visitor message opens a
 * new conversation). Ending an ended or absent conversation is a no-op, so a double click is harmless.
 */
export async function endConversation(deps: DomainDeps, visitor: VisitorRef): Promise<{ ticketId: string } | null> {
  if (!visitor.customerId) return null;
  const latest = await findLatestChatTicket(deps.db, visitor.channelId, visitor.customerId);
  if (!latest || isEnded(latest.status)) return null;
  const now = deps.clock.now();
  const ended = await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const current = await lockTicket(tx, latest.id);
    if (isEnded(current.status) || current.mergedIntoId) return null;
    await tx
      .update(tickets)
      .set({ status: "solved", ...statusTimestamps("solved", current, now), updatedAt: now })
      .where(eq(tickets.id, current.id));
    // The actor list has no customer yet; `by` keeps who ended it visible on the timeline.
    await recordTicketEvents(
      tx,
      current.id,
      { kind: "system" },
      [{ kind: "status_changed", data: { from: current.status, to: "solved", by: "visitor" } }],
      now,
    );
    // Solved stops the SLA clocks, as for every other status change.
    await refreshTicketSla(txDeps, current.id);
    await txDeps.events.emit({
      type: "ticket.updated",
      ticketId: current.id,
      changes: ["status_changed"],
      previous: { teamId: current.teamId, assigneeId: current.assigneeId },
    });
    return true;
  });
  return ended ? { ticketId: latest.id } : null;
}
