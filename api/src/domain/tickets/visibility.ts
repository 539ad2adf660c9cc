import { tickets } from "@helpdesk/db";
import { eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";

/**
 * Who sees which ticket. Admins and leads see every ticket; an agent sees tickets of their teams,
 * tickets with no team yet (the shared queue) and tickets assigned to them.
 * The same rule is used for queries (ticketVisibilityFilter) and for single rows (canSeeTicket),
 * and realtime rooms mirror it (api/src/realtime/rooms.ts).
 */
export function seesAllTickets(actor: StaffActor): boolean {
  return actor.role === "admin" || actor.role === "lead";
}

export function ticketVisibilityFilter(actor: StaffActor): SQL | undefined {
  if (seesAllTickets(actor)) return undefined;
  const conditions = [isNull(tickets.teamId), eq(tickets.assigneeId, actor.id)];
  if (actor.teamIds.length > 0) conditions.push(inArray(tickets.teamId, actor.teamIds));
  return or(...conditions);
}

export function canSeeTicket(actor: StaffActor, ticket: { teamId: string | null; assigneeId: string | null }): boolean {
  if (seesAllTickets(actor)) return true;
  return ticket.teamId === null || ticket.assigneeId === actor.id || actor.teamIds.includes(ticket.teamId);
}
