import { channels, customers, slaTargetKinds, teams, tickets, users, type Executor } from "@helpdesk/db";
import { eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { previewOf } from "../messages/message-body.ts";
import type { TicketView } from "./views.ts";

const assignee = alias(users, "assignee");

// Correlated subqueries name the outer column in full: drizzle leaves columns unqualified when a query has no join.
const primaryEmail = sql<string | null>`(
  select ci.value from customer_identities ci
  where ci.customer_id = "tickets"."customer_id" and ci.kind = 'email'
  order by ci.created_at limit 1)`;

const latestPublicText = sql<string | null>`(
  select m.body_text from messages m
  where m.ticket_id = "tickets"."id" and not m.internal
  order by m.created_at desc limit 1)`;

/**
 * The target behind the ticket's SLA status (see `slaSummaryView`): the first breached, else the soonest due,
 * else a paused one. The primary key (ticket_id, kind) finds a ticket's at most three targets.
 */
const slaTargetSummary = sql<string | { kind: string; startedAt: string; breachedAt: string | null } | null>`(
  select json_build_object('kind', t.kind, 'startedAt', t.started_at, 'breachedAt', t.breached_at)
  from ticket_sla_targets t
  where t.ticket_id = "tickets"."id" and t.state <> 'achieved'
  order by case t.state when 'breached' then 0 when 'active' then 1 else 2 end, t.breached_at asc nulls last, t.due_at asc nulls last
  limit 1)`;

/** The columns behind a TicketView; one query, joined, for lists and single tickets alike. */
function ticketViewQuery(db: Executor) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      tags: tickets.tags,
      customFields: tickets.customFields,
      mergedIntoId: tickets.mergedIntoId,
      followUpOfId: tickets.followUpOfId,
      cc: tickets.cc,
      slaStatus: tickets.slaStatus,
      slaDueAt: tickets.slaDueAt,
      lastMessageAt: tickets.lastMessageAt,
      firstResponseAt: tickets.firstResponseAt,
      solvedAt: tickets.solvedAt,
      closedAt: tickets.closedAt,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
      channelId: channels.id,
      channelName: channels.name,
      channelKind: channels.kind,
      customerId: customers.id,
      customerName: customers.name,
      customerOrganizationId: customers.organizationId,
      customerEmail: primaryEmail,
      assigneeName: assignee.name,
      teamName: teams.name,
      latestText: latestPublicText,
      slaTarget: slaTargetSummary,
    })
    .from(tickets)
    .innerJoin(channels, eq(channels.id, tickets.channelId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(teams, eq(teams.id, tickets.teamId));
}

type TicketViewRow = Awaited<ReturnType<ReturnType<typeof ticketViewQuery>["execute"]>>[number];

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

function toTicketView(row: TicketViewRow): TicketView {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    tags: row.tags,
    customFields: row.customFields,
    channel: { id: row.channelId, name: row.channelName, kind: row.channelKind },
    customer: {
      id: row.customerId,
      name: row.customerName,
      email: row.customerEmail,
      organizationId: row.customerOrganizationId,
    },
    assignee: row.assigneeId && row.assigneeName ? { id: row.assigneeId, name: row.assigneeName } : null,
    team: row.teamId && row.teamName ? { id: row.teamId, name: row.teamName } : null,
    mergedIntoId: row.mergedIntoId,
    followUpOfId: row.followUpOfId,
    cc: row.cc,
    lastMessageAt: iso(row.lastMessageAt),
    firstResponseAt: isoOrNull(row.firstResponseAt),
    solvedAt: isoOrNull(row.solvedAt),
    closedAt: isoOrNull(row.closedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    preview: previewOf(row.latestText ?? ""),
    sla: row.slaStatus
      ? { status: row.slaStatus, dueAt: row.slaDueAt ? iso(row.slaDueAt) : null, target: slaTargetOf(row.slaTarget) }
      : null,
  };
}

function slaTargetOf(raw: TicketViewRow["slaTarget"]): NonNullable<TicketView["sla"]>["target"] {
  const value = typeof raw === "string" ? (JSON.parse(raw) as Exclude<typeof raw, string>) : raw;
  if (!value) return null;
  const kind = slaTargetKinds.find((k) => k === value.kind);
  if (!kind) return null;
  return { kind, startedAt: iso(value.startedAt), breachedAt: value.breachedAt ? iso(value.breachedAt) : null };
}

export async function selectTicketViews(
  db: Executor,
  query: { where?: SQL; orderBy: SQL[]; limit: number },
): Promise<TicketView[]> {
  const rows = await ticketViewQuery(db)
    .where(query.where)
    .orderBy(...query.orderBy)
    .limit(query.limit);
  return rows.map(toTicketView);
}

export async function findTicketView(db: Executor, ticketId: string): Promise<TicketView | null> {
  const [row] = await ticketViewQuery(db).where(eq(tickets.id, ticketId));
  return row ? toTicketView(row) : null;
}
