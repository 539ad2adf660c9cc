import { customers, messages, users } from "@helpdesk/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import type { CustomerActor } from "./customer-sessions.ts";
import { portalStatusOf, type PortalMessage, type PortalTicketDetail } from "./portal-views.ts";
import { findCustomerTicket, visibleTicketNumber } from "./ticket-access.ts";
import { listMessageAttachments } from "../messages/message-files.ts";

export const portalAttachmentUrl = (id: string) => `/api/portal/attachments/${id}`;

/**
 * One ticket as its customer sees it: the public thread only. Internal notes and system entries never leave
 * the database for the portal (filtered in the query, not in the page).
 */
export async function getPortalTicket(
  deps: Pick<DomainDeps, "db">,
  actor: CustomerActor,
  number: number,
): Promise<PortalTicketDetail> {
  const { ticket, requesterName } = await findCustomerTicket(deps.db, actor, number);
  const rows = await deps.db
    .select({
      id: messages.id,
      authorKind: messages.authorKind,
      authorCustomerId: messages.authorCustomerId,
      customerName: customers.name,
      userName: users.name,
      bodyHtml: messages.bodyHtml,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(customers, eq(customers.id, messages.authorCustomerId))
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .where(
      and(
        eq(messages.ticketId, ticket.id),
        eq(messages.internal, false),
        inArray(messages.authorKind, ["customer", "agent"]),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files = await listMessageAttachments(
    deps.db,
    rows.map((r) => r.id),
  );

  const thread: PortalMessage[] = rows.map((row) => ({
    id: row.id,
    author:
      row.authorKind === "agent"
        ? { kind: "agent" as const, name: row.userName ?? "Support" }
        : { kind: "customer" as const, name: row.customerName ?? "Customer" },
    fromYou: row.authorKind === "customer" && row.authorCustomerId === actor.customerId,
    // Inline images of mails point at the staff file route; customers fetch them through their own.
    bodyHtml: row.bodyHtml.replaceAll('src="/api/attachments/', 'src="/api/portal/attachments/'),
    createdAt: row.createdAt.toISOString(),
    attachments: files
      .filter((f) => f.messageId === row.id)
      .map((f) => ({
        id: f.id,
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        url: portalAttachmentUrl(f.id),
      })),
  }));

  const mergedInto = await visibleTicketNumber(deps.db, actor, ticket.mergedIntoId);
  const followUpOf = await visibleTicketNumber(deps.db, actor, ticket.followUpOfId);
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: portalStatusOf(ticket.status),
    requester: { name: requesterName },
    mine: ticket.customerId === actor.customerId,
    createdAt: ticket.createdAt.toISOString(),
    lastActivityAt: ticket.lastMessageAt.toISOString(),
    messages: thread,
    reply: ticket.mergedIntoId ? "none" : ticket.status === "closed" ? "opens_follow_up" : "joins",
    mergedInto: mergedInto === null ? null : { number: mergedInto },
    followUpOf: followUpOf === null ? null : { number: followUpOf },
  };
}
