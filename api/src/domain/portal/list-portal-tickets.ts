import { customers, tickets } from "@helpdesk/db";
import { and, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DomainDeps } from "../deps.ts";
import { decodeCursor, pageFrom } from "../pagination.ts";
import type { CustomerActor } from "./customer-sessions.ts";
import { portalStatusOf, type PortalTicketSummary } from "./portal-views.ts";
import { visibleToCustomer } from "./ticket-access.ts";

export const listPortalTicketsInput = z.object({
  /** "organization": the colleagues' tickets too (organization admins only; others get their own either way). */
  scope: z.enum(["mine", "organization"]).default("mine"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(300).optional(),
});
export type ListPortalTicketsInput = z.input<typeof listPortalTicketsInput>;

// A valid instant only: a crafted cursor must be a 400, not an Invalid Date reaching the query.
const cursorShape = z.object({ at: z.iso.datetime({ offset: true }), id: z.string().max(100) });

/** "My tickets": newest activity first. Merged tickets are left out; the ticket they went into is listed. */
export async function listPortalTickets(
  deps: Pick<DomainDeps, "db">,
  actor: CustomerActor,
  raw: ListPortalTicketsInput,
): Promise<{ items: PortalTicketSummary[]; nextCursor: string | null }> {
  const input = listPortalTicketsInput.parse(raw);
  const filters: SQL[] = [isNull(tickets.mergedIntoId)];
  filters.push(input.scope === "organization" ? visibleToCustomer(actor) : eq(tickets.customerId, actor.customerId));
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, cursorShape);
    const at = new Date(cursor.at);
    filters.push(or(lt(tickets.lastMessageAt, at), and(eq(tickets.lastMessageAt, at), lt(tickets.id, cursor.id)))!);
  }
  const rows = await deps.db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      customerId: tickets.customerId,
      requesterName: customers.name,
      createdAt: tickets.createdAt,
      lastMessageAt: tickets.lastMessageAt,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(...filters))
    .orderBy(desc(tickets.lastMessageAt), desc(tickets.id))
    .limit(input.limit + 1);
  const page = pageFrom(rows, input.limit, (last) => ({ at: last.lastMessageAt.toISOString(), id: last.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      number: r.number,
      subject: r.subject,
      status: portalStatusOf(r.status),
      requester: { name: r.requesterName },
      mine: r.customerId === actor.customerId,
      createdAt: r.createdAt.toISOString(),
      lastActivityAt: r.lastMessageAt.toISOString(),
    })),
  };
}
