import { customers, tickets, type Executor } from "@helpdesk/db";
import { and, eq, or, type SQL } from "drizzle-orm";
import { DomainError } from "../errors.ts";
import type { CustomerActor } from "./customer-sessions.ts";

/**
 * Which tickets a customer sees in the portal: their own, and with organization admin rights every ticket of a
 * customer of their organization. Used with `tickets` joined to its requester (`customers`).
 */
export function visibleToCustomer(actor: CustomerActor): SQL {
  const own = eq(tickets.customerId, actor.customerId);
  if (!actor.organizationAdmin || !actor.organizationId) return own;
  return or(own, eq(customers.organizationId, actor.organizationId))!;
}

/** A ticket by number if the customer may see it; anything else is "not found", so numbers reveal nothing. */
export async function findCustomerTicket(db: Executor, actor: CustomerActor, number: number) {
  const [row] = await db
    .select({ ticket: tickets, requesterName: customers.name })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(eq(tickets.number, number), visibleToCustomer(actor)));
  if (!row) throw new DomainError("TICKET_NOT_FOUND", `Ticket #${number} does not exist.`);
  return row;
}

/** The number of a ticket if the customer may see it, else null (for links to merged or followed-up tickets). */
export async function visibleTicketNumber(
  db: Executor,
  actor: CustomerActor,
  ticketId: string | null,
): Promise<number | null> {
  if (!ticketId) return null;
  const [row] = await db
    .select({ number: tickets.number })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(eq(tickets.id, ticketId), visibleToCustomer(actor)));
  return row?.number ?? null;
}
