import { businessCalendars, customers, messages, slaPolicies, ticketEvents, ticketSlaTargets, tickets, type SlaPolicy } from "@helpdesk/db";
import { and, asc, eq, notInArray } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { checkSlaTimer } from "../jobs.ts";
import { compiledCalendarOf, matchSlaPolicy } from "./sla-policies.ts";
import { computeSlaTargets, type SlaTarget, type SlaTimelineEntry } from "./sla-clock.ts";

/** A ticket's SLA at a glance, for the inbox: the worst state of its open targets and the soonest due time. */
export type TicketSlaStatus = "active" | "paused" | "breached" | "achieved";

/** How long before a target runs out its warning fires, in business time; null: no warning. */
export function warningLeadMs(policy: Pick<SlaPolicy, "warnMinutesBefore" | "warnAtPercent">, budgetMs: number): number | null {
  if (policy.warnMinutesBefore) return Math.min(budgetMs, policy.warnMinutesBefore * 60_000);
  if (policy.warnAtPercent) return Math.round(budgetMs * (1 - policy.warnAtPercent / 100));
  return null;
}

/**
 * Recomputes a ticket's SLA targets from its timeline, stores them with the ticket's summary columns, and
 * schedules the warning and breach timers for the due times that result. Called after every change that can
 * move a clock (new ticket, reply, customer message, status/priority/team/tag change, merge) and by the
 * timers themselves; a timer whose due time has since moved finds nothing to do.
 */
export async function refreshTicketSla(deps: DomainDeps, ticketId: string): Promise<SlaTarget[]> {
  const now = deps.clock.now();
  const [ticket] = await deps.db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!ticket) return [];
  const [customer] = await deps.db.select({ organizationId: customers.organizationId }).from(customers).where(eq(customers.id, ticket.customerId));
  const policy = ticket.mergedIntoId ? null : matchSlaPolicy(await deps.db.select().from(slaPolicies), ticket, customer?.organizationId ?? null);
  const budgets = policy?.targets[ticket.priority];
  if (!policy || !budgets) {
    await deps.db.delete(ticketSlaTargets).where(eq(ticketSlaTargets.ticketId, ticketId));
    if (ticket.slaPolicyId !== null || ticket.slaStatus !== null) {
      await deps.db.update(tickets).set({ slaPolicyId: null, slaDueAt: null, slaStatus: null }).where(eq(tickets.id, ticketId));
    }
    return [];
  }

  const [calendarRow] = policy.calendarId
    ? await deps.db.select().from(businessCalendars).where(eq(businessCalendars.id, policy.calendarId))
    : [];
  const calendar = compiledCalendarOf(calendarRow);
  const clock = { between: calendar.businessTimeBetween, add: calendar.addBusinessTime };
  const targets = computeSlaTargets({
    budgets,
    clock,
    pauseOnHold: policy.pauseOnHold,
    createdAt: ticket.createdAt,
    timeline: await ticketTimeline(deps, ticketId),
    now,
  });

  const existing = await deps.db.select().from(ticketSlaTargets).where(eq(ticketSlaTargets.ticketId, ticketId));
  for (const target of targets) {
    const before = existing.find((e) => e.kind === target.kind);
    // A new next-response cycle is a new promise: its breach is announced afresh.
    const sameCycle = before && before.cycle === target.cycle && before.policyId === policy.id;
    const row = {
      ticketId,
      kind: target.kind,
      policyId: policy.id,
      state: target.state,
      dueAt: target.dueAt,
      startedAt: target.startedAt,
      achievedAt: target.achievedAt,
      breachedAt: target.breachedAt,
      elapsedMs: Math.round(target.elapsedMs),
      remainingMs: Math.round(target.remainingMs),
      cycle: target.cycle,
      warnedForDueAt: sameCycle ? before.warnedForDueAt : null,
      breachRecordedAt: sameCycle && target.breachedAt ? before.breachRecordedAt : null,
      updatedAt: now,
    };
    await deps.db
      .insert(ticketSlaTargets)
      .values(row)
      .onConflictDoUpdate({ target: [ticketSlaTargets.ticketId, ticketSlaTargets.kind], set: row });
  }
  await deps.db
    .delete(ticketSlaTargets)
    .where(and(eq(ticketSlaTargets.ticketId, ticketId), notInArray(ticketSlaTargets.kind, targets.map((t) => t.kind))));

  const open = targets.filter((t) => t.state !== "achieved");
  const status: TicketSlaStatus = open.some((t) => t.state === "breached")
    ? "breached"
    : open.some((t) => t.state === "active")
      ? "active"
      : open.some((t) => t.state === "paused")
        ? "paused"
        : "achieved";
  const dueTimes = targets.filter((t) => t.state === "active" && t.dueAt).map((t) => t.dueAt!.getTime());
  await deps.db
    .update(tickets)
    .set({ slaPolicyId: policy.id, slaStatus: status, slaDueAt: dueTimes.length ? new Date(Math.min(...dueTimes)) : null })
    .where(eq(tickets.id, ticketId));

  // Timers: a warning ahead of each running target, and its breach at the due instant.
  for (const target of targets) {
    const before = existing.find((e) => e.kind === target.kind);
    if (target.state === "active" && target.dueAt) {
      const dueAt = target.dueAt.toISOString();
      const budgetMs = target.elapsedMs + target.remainingMs;
      const lead = warningLeadMs(policy, budgetMs);
      const warned = before?.warnedForDueAt?.getTime() === target.dueAt.getTime();
      if (lead !== null && !warned) {
        const warnAt = target.remainingMs > lead ? calendar.addBusinessTime(now, target.remainingMs - lead) : now;
        await deps.jobs.enqueue(checkSlaTimer, { ticketId, kind: target.kind, phase: "warning", dueAt }, { delayMs: Math.max(0, warnAt.getTime() - now.getTime()) });
      }
      await deps.jobs.enqueue(checkSlaTimer, { ticketId, kind: target.kind, phase: "breach", dueAt }, { delayMs: Math.max(0, target.dueAt.getTime() - now.getTime()) });
    }
    if (target.state === "breached" && target.dueAt && !target.achievedAt && !(before?.breachRecordedAt && before.cycle === target.cycle)) {
      await deps.jobs.enqueue(checkSlaTimer, { ticketId, kind: target.kind, phase: "breach", dueAt: target.dueAt.toISOString() });
    }
  }
  return targets;
}

/** The moments that move SLA clocks: public messages by who wrote them, and status changes. */
async function ticketTimeline(deps: DomainDeps, ticketId: string): Promise<SlaTimelineEntry[]> {
  const [thread, statusChanges] = await Promise.all([
    deps.db
      .select({ at: messages.createdAt, direction: messages.direction, internal: messages.internal, authorKind: messages.authorKind })
      .from(messages)
      .where(eq(messages.ticketId, ticketId))
      .orderBy(asc(messages.createdAt)),
    deps.db
      .select({ at: ticketEvents.createdAt, data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, "status_changed")))
      .orderBy(asc(ticketEvents.createdAt)),
  ]);
  const entries: SlaTimelineEntry[] = [];
  for (const m of thread) {
    if (m.internal || m.authorKind === "system") continue;
    entries.push({ at: new Date(m.at), kind: m.direction === "outbound" ? "agent_reply" : "customer_message" });
  }
  for (const change of statusChanges) {
    const to = change.data.to;
    if (typeof to === "string") entries.push({ at: new Date(change.at), kind: "status", status: to as never });
  }
  // Stable: at the same instant a message comes before the status change it caused ("send as pending").
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
