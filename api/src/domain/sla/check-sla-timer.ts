import {
  notifications,
  teamMembers,
  ticketPriorities,
  ticketSlaTargets,
  tickets,
  users,
  type SlaPolicy,
  type SlaTargetKind,
} from "@helpdesk/db";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { sendNotificationEmail, type JobPayload, type checkSlaTimer } from "../jobs.ts";
import type { Mailer } from "../mail/mailer.ts";
import { inTransaction } from "../unit-of-work.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { updateTicket } from "../tickets/update-ticket.ts";
import { refreshTicketSla, refreshTicketsSla } from "./refresh-ticket-sla.ts";

type SlaDeps = DomainDeps & { mailer?: Mailer };

const kindLabels = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
} as const satisfies Record<SlaTargetKind, string>;

/**
 * A warning or breach timer fires. It recomputes the ticket's SLA first; a timer whose due time has since
 * moved (a reply, a pause, a priority change) finds nothing to do. On warning: the assignee and the team's
 * leads are told, in the app and by mail. On breach: the same, the breach goes on the ticket's timeline,
 * and the policy's escalation runs (raise priority, move to a team or a lead, add a tag). Each happens once.
 */
export async function handleSlaTimer(
  deps: SlaDeps,
  timer: JobPayload<typeof checkSlaTimer>,
): Promise<"stale" | "warned" | "breached" | "nothing"> {
  await refreshTicketSla(deps, timer.ticketId);
  const [target] = await deps.db
    .select()
    .from(ticketSlaTargets)
    .where(and(eq(ticketSlaTargets.ticketId, timer.ticketId), eq(ticketSlaTargets.kind, timer.kind)));
  if (!target || target.dueAt?.toISOString() !== timer.dueAt) return "stale";
  const [ticket] = await deps.db.select().from(tickets).where(eq(tickets.id, timer.ticketId));
  if (!ticket) return "stale";
  const policy =
    (await deps.db.query.slaPolicies.findFirst({ where: (p, { eq }) => eq(p.id, target.policyId) })) ?? null;
  const now = deps.clock.now();

  // The claim, the timeline entry, the notifications with their mail jobs and the escalation commit together:
  // a timer cut short leaves the target unclaimed, and its re-run does all of it once.
  return inTransaction(deps, async (tx) => {
    if (timer.phase === "warning") {
      if (target.state !== "active" || target.warnedForDueAt?.getTime() === target.dueAt!.getTime()) return "nothing";
      // Claim the warning first: of two racing timers only one sends it.
      const claimed = await tx.db
        .update(ticketSlaTargets)
        .set({ warnedForDueAt: target.dueAt })
        .where(
          and(
            eq(ticketSlaTargets.ticketId, ticket.id),
            eq(ticketSlaTargets.kind, target.kind),
            or(
              isNull(ticketSlaTargets.warnedForDueAt),
              sql`${ticketSlaTargets.warnedForDueAt} <> ${target.dueAt!.toISOString()}::timestamptz`,
            ),
          ),
        )
        .returning({ kind: ticketSlaTargets.kind });
      if (claimed.length === 0) return "nothing";
      await recordTicketEvents(
        tx.db,
        ticket.id,
        { kind: "system" },
        [{ kind: "sla_warning", data: { target: target.kind, dueAt: timer.dueAt, policyId: target.policyId } }],
        now,
      );
      await notifyStaff(tx, {
        ticket,
        kind: "sla.warning",
        key: `${target.kind}-${target.dueAt!.getTime()}-w`,
        title: `#${ticket.number} ${ticket.subject}: ${kindLabels[target.kind]} due ${relative(target.dueAt!, now)}`,
      });
      return "warned";
    }

    if (target.state !== "breached" || target.achievedAt || target.breachRecordedAt) return "nothing";
    const claimed = await tx.db
      .update(ticketSlaTargets)
      .set({ breachRecordedAt: now })
      .where(
        and(
          eq(ticketSlaTargets.ticketId, ticket.id),
          eq(ticketSlaTargets.kind, target.kind),
          isNull(ticketSlaTargets.breachRecordedAt),
        ),
      )
      .returning({ kind: ticketSlaTargets.kind });
    if (claimed.length === 0) return "nothing";
    await recordTicketEvents(
      tx.db,
      ticket.id,
      { kind: "system" },
      [{ kind: "sla_breached", data: { target: target.kind, dueAt: timer.dueAt, policyId: target.policyId } }],
      now,
    );
    await notifyStaff(tx, {
      ticket,
      kind: "sla.breach",
      key: `${target.kind}-${target.dueAt!.getTime()}-b`,
      title: `#${ticket.number} ${ticket.subject}: ${kindLabels[target.kind]} target breached`,
    });
    if (policy) await escalate(tx, policy, ticket);
    return "breached";
  });
}

/** The policy's escalation, as a system change on the ticket: recorded on its timeline like any other. */
async function escalate(deps: SlaDeps, policy: SlaPolicy, ticket: typeof tickets.$inferSelect) {
  const e = policy.escalation;
  const patch: Parameters<typeof updateTicket>[3] & Record<string, unknown> = {};
  if (e.raisePriority) {
    const next = ticketPriorities[ticketPriorities.indexOf(ticket.priority) + 1];
    if (next) patch.priority = next;
  }
  if (e.assignTeamId && e.assignTeamId !== ticket.teamId) {
    patch.teamId = e.assignTeamId;
    patch.assigneeId = null;
  }
  if (e.assignToLead) {
    const [lead] = await leadsOf(deps, (patch.teamId as string | null | undefined) ?? ticket.teamId);
    if (lead) patch.assigneeId = lead;
  }
  if (e.addTag && !ticket.tags.includes(e.addTag)) patch.tags = [...ticket.tags, e.addTag];
  if (Object.keys(patch).length === 0 || ticket.status === "closed" || ticket.mergedIntoId) return;
  try {
    await updateTicket(deps, { kind: "system" }, ticket.id, patch);
  } catch {
    // An escalation that no longer fits (the team was deleted, the lead left) must not undo the breach record.
  }
}

async function leadsOf(deps: SlaDeps, teamId: string | null): Promise<string[]> {
  const rows = teamId
    ? await deps.db
        .select({ id: users.id })
        .from(users)
        .innerJoin(teamMembers, eq(teamMembers.userId, users.id))
        .where(and(eq(teamMembers.teamId, teamId), eq(users.role, "lead"), eq(users.active, true)))
        .orderBy(asc(users.name))
    : await deps.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "lead"), eq(users.active, true)))
        .orderBy(asc(users.name));
  return rows.map((r) => r.id);
}

/** In-app notification (live over socket.io) and an e-mail (a job) to the assignee and the team's leads. */
async function notifyStaff(
  deps: SlaDeps,
  input: { ticket: typeof tickets.$inferSelect; kind: string; key: string; title: string },
) {
  const recipients = [
    ...new Set([
      ...(input.ticket.assigneeId ? [input.ticket.assigneeId] : []),
      ...(await leadsOf(deps, input.ticket.teamId)),
    ]),
  ];
  if (recipients.length === 0) return;
  const now = deps.clock.now();
  for (const userId of recipients) {
    // Derived ids: a retried job finds its notification and does not send it twice.
    const id = `ntf_${input.ticket.id.replace(/^tkt_/, "")}_${input.key}_${userId.replace(/^usr_/, "")}`;
    const [row] = await deps.db
      .insert(notifications)
      .values({ id, userId, kind: input.kind, ticketId: input.ticket.id, title: input.title, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    await deps.events.emit({ type: "notification.created", userId, notificationId: row.id });
    await deps.jobs.enqueue(sendNotificationEmail, { notificationId: row.id });
  }
}

function relative(due: Date, now: Date): string {
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return "now";
  if (minutes < 90) return `in ${minutes} min`;
  return `in ${Math.round(minutes / 60)} h`;
}

/** How far ahead the sweep (and bulk recomputes) arm timers; the next sweep arms the following ones. */
const timerHorizonMs = 60 * 60_000;

/**
 * Re-arms what timers may have lost (an in-process runner restarts with none) and catches anything overdue:
 * every target whose next timer (warning, breach, or an unrecorded breach) falls within the hour.
 */
export async function sweepSlaTargets(deps: DomainDeps): Promise<number> {
  const horizon = new Date(deps.clock.now().getTime() + timerHorizonMs);
  const rows = await deps.db
    .selectDistinct({ ticketId: ticketSlaTargets.ticketId })
    .from(ticketSlaTargets)
    .where(lte(ticketSlaTargets.nextTimerAt, horizon))
    .limit(5000);
  for (const batch of Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) =>
    rows.slice(i * 500, (i + 1) * 500),
  )) {
    await refreshTicketsSla(
      deps,
      batch.map((r) => r.ticketId),
      { timerHorizonMs },
    );
  }
  return rows.length;
}

/**
 * Recomputes the SLA of every ticket that is not closed, in batches by id: after a policy or calendar change.
 * Returns how many tickets it went through.
 */
export async function recomputeAllTicketSla(deps: DomainDeps, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let after = "";
  let total = 0;
  for (;;) {
    const batch = await deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(sql`${tickets.status} <> 'closed'`, isNull(tickets.mergedIntoId), sql`${tickets.id} > ${after}`))
      .orderBy(asc(tickets.id))
      .limit(batchSize);
    await refreshTicketsSla(
      deps,
      batch.map((r) => r.id),
      { timerHorizonMs },
    );
    total += batch.length;
    if (batch.length < batchSize) return total;
    after = batch.at(-1)!.id;
  }
}
