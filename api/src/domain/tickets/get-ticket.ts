import {
  customers,
  messages,
  outboundEmails,
  slaPolicies,
  slaTargetKinds,
  ticketEvents,
  ticketSlaTargets,
  tickets,
  users,
  type Executor,
} from "@helpdesk/db";
import { asc, eq, inArray, type SQL } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findTicketView } from "./ticket-read-model.ts";
import type { MessageView, TicketDetailView, TicketEventView, TicketView } from "./views.ts";
import { canSeeTicket } from "./visibility.ts";
import { listMessageAttachments } from "../messages/message-files.ts";

/** A ticket the actor may see, or TICKET_NOT_FOUND: invisible tickets do not reveal they exist. */
export async function getVisibleTicket(db: Executor, actor: StaffActor, ticketId: string): Promise<TicketView> {
  const view = await findTicketView(db, ticketId);
  if (!view || !canSeeTicket(actor, { teamId: view.team?.id ?? null, assigneeId: view.assignee?.id ?? null })) {
    throw new DomainError("TICKET_NOT_FOUND", `Ticket ${ticketId} does not exist.`);
  }
  return view;
}

export function listTicketMessages(db: Executor, ticketIds: string[]): Promise<MessageView[]> {
  return ticketIds.length === 0 ? Promise.resolve([]) : selectMessageViews(db, inArray(messages.ticketId, ticketIds));
}

export async function findMessageView(db: Executor, messageId: string): Promise<MessageView | null> {
  const [message] = await selectMessageViews(db, eq(messages.id, messageId));
  return message ?? null;
}

async function selectMessageViews(db: Executor, where: SQL): Promise<MessageView[]> {
  const rows = await db
    .select({
      id: messages.id,
      ticketId: messages.ticketId,
      direction: messages.direction,
      internal: messages.internal,
      authorKind: messages.authorKind,
      authorUserId: messages.authorUserId,
      authorCustomerId: messages.authorCustomerId,
      userName: users.name,
      customerName: customers.name,
      bodyText: messages.bodyText,
      bodyHtml: messages.bodyHtml,
      channelId: messages.channelId,
      deliveryStatus: messages.deliveryStatus,
      deliveryError: messages.deliveryError,
      sentAt: messages.sentAt,
      channelMetadata: messages.channelMetadata,
      inboundDeliveryId: messages.inboundDeliveryId,
      transport: outboundEmails.transport,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(outboundEmails, eq(outboundEmails.messageId, messages.id))
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(customers, eq(customers.id, messages.authorCustomerId))
    .where(where)
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files = await listMessageAttachments(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticketId,
    direction: row.direction,
    internal: row.internal,
    authorKind: row.authorKind,
    author:
      row.authorKind === "agent"
        ? { id: row.authorUserId, name: row.userName ?? "Former agent" }
        : row.authorKind === "customer"
          ? { id: row.authorCustomerId, name: row.customerName ?? "Customer" }
          : { id: null, name: "System" },
    bodyText: row.bodyText,
    bodyHtml: row.bodyHtml,
    channelId: row.channelId,
    attachments: files.filter((f) => f.messageId === row.id).map(({ messageId: _, ...file }) => file),
    delivery: row.deliveryStatus
      ? {
          status: row.deliveryStatus,
          error: row.deliveryError,
          sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
          keptInOutbox: row.transport === "outbox",
        }
      : null,
    email: emailViewOf(row.channelMetadata),
    hasOriginal: row.inboundDeliveryId !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}

function emailViewOf(metadata: Record<string, unknown>): MessageView["email"] {
  const email = metadata.email as Record<string, unknown> | undefined;
  if (!email) return null;
  const address = (a: unknown) => {
    const value = a as { address?: unknown; name?: unknown } | null;
    return value && typeof value.address === "string"
      ? { address: value.address, name: typeof value.name === "string" ? value.name : "" }
      : null;
  };
  const list = (v: unknown) => (Array.isArray(v) ? v.map(address).filter((a) => a !== null) : []);
  return {
    from: address(email.from),
    to: list(email.to),
    cc: list(email.cc),
    subject: typeof email.subject === "string" ? email.subject : "",
    hadQuotedHistory: email.hadQuotedHistory === true,
    blockedRemoteImages: typeof email.blockedRemoteImages === "number" ? email.blockedRemoteImages : 0,
    autoReply: typeof email.autoReply === "string" ? email.autoReply : null,
    shortened: shortenedViewOf(email.shortened),
  };
}

/** Read from what process-inbound-email.ts records as `email.shortened` (ShortenedEmailParts). */
function shortenedViewOf(value: unknown): NonNullable<MessageView["email"]>["shortened"] {
  if (!value || typeof value !== "object") return null;
  const parts = value as { subject?: unknown; text?: unknown; html?: unknown; attachments?: unknown };
  const attachmentIds = Array.isArray(parts.attachments)
    ? parts.attachments
        .map((a) => (a as { id?: unknown } | null)?.id)
        .filter((id): id is string => typeof id === "string")
    : [];
  return {
    subject: parts.subject !== undefined,
    body: parts.text !== undefined || parts.html !== undefined,
    attachmentIds,
  };
}

async function listTicketEvents(db: Executor, ticketId: string): Promise<TicketEventView[]> {
  const rows = await db
    .select({
      id: ticketEvents.id,
      ticketId: ticketEvents.ticketId,
      kind: ticketEvents.kind,
      actorKind: ticketEvents.actorKind,
      actorUserId: ticketEvents.actorUserId,
      actorName: users.name,
      data: ticketEvents.data,
      createdAt: ticketEvents.createdAt,
    })
    .from(ticketEvents)
    .leftJoin(users, eq(users.id, ticketEvents.actorUserId))
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id));
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind,
    actor: {
      kind: row.actorKind,
      id: row.actorUserId,
      name:
        row.actorKind === "user"
          ? (row.actorName ?? "Former agent")
          : row.actorKind === "customer"
            ? "Customer"
            : "System",
    },
    data: row.data,
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}

/** The ticket with its whole thread (notes included: staff only) and its timeline. */
export async function getTicket(
  deps: Pick<DomainDeps, "db">,
  actor: StaffActor,
  ticketId: string,
): Promise<TicketDetailView> {
  const view = await getVisibleTicket(deps.db, actor, ticketId);
  const [thread, events, sla] = await Promise.all([
    listTicketMessages(deps.db, [ticketId]),
    listTicketEvents(deps.db, ticketId),
    ticketSla(deps.db, ticketId),
  ]);
  return { ...view, messages: thread, events, sla: view.sla && sla ? { ...view.sla, ...sla } : null };
}

async function ticketSla(db: Executor, ticketId: string) {
  const rows = await db
    .select({ target: ticketSlaTargets, policyName: slaPolicies.name })
    .from(ticketSlaTargets)
    .innerJoin(slaPolicies, eq(slaPolicies.id, ticketSlaTargets.policyId))
    .where(eq(ticketSlaTargets.ticketId, ticketId));
  if (rows.length === 0) return null;
  const isoOrNull = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    policy: { id: rows[0]!.target.policyId, name: rows[0]!.policyName },
    targets: rows
      .map(({ target: t }) => ({
        kind: t.kind,
        state: t.state,
        dueAt: isoOrNull(t.dueAt),
        remainingMs: t.remainingMs,
        elapsedMs: t.elapsedMs,
        startedAt: new Date(t.startedAt).toISOString(),
        achievedAt: isoOrNull(t.achievedAt),
        breachedAt: isoOrNull(t.breachedAt),
        cycle: t.cycle,
      }))
      .sort((a, b) => slaTargetKinds.indexOf(a.kind) - slaTargetKinds.indexOf(b.kind)),
  };
}

export async function lockTicket(db: Executor, ticketId: string) {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, ticketId)).for("update");
  if (!row) throw new DomainError("TICKET_NOT_FOUND", `Ticket ${ticketId} does not exist.`);
  return row;
}
