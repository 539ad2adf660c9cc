import {
  businessCalendars,
  customers,
  messages,
  slaPolicies,
  ticketEvents,
  ticketSlaStatus,
  ticketSlaTargets,
  tickets,
  type SlaPolicy,
  type TicketSlaStatus,
  type TicketSlaTarget,
} from "@helpdesk/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { checkSlaTimer } from "../jobs.ts";
import { compiledCalendarOf, matchSlaPolicy } from "./sla-policies.ts";
import { computeSlaTargets, type SlaTarget, type SlaTimelineEntry } from "./sla-clock.ts";

/** How long before a target runs out its warning fires, in business time; null: no warning. */
export function warningLeadMs(
  policy: Pick<SlaPolicy, "warnMinutesBefore" | "warnAtPercent">,
  budgetMs: number,
): number | null {
  if (policy.warnMinutesBefore) return Math.min(budgetMs, policy.warnMinutesBefore * 60_000);
  if (policy.warnAtPercent) return Math.round(budgetMs * (1 - policy.warnAtPercent / 100));
  return null;
}

/**
 * Recomputes one ticket's SLA targets from its timeline, stores them with the ticket's summary columns, and
 * arms the warning and breach timers for the due times that result. Called after every change that can move
 * a clock (new ticket, reply, customer message, status/priority/team/tag change, merge) and by the timers
 * themselves; a timer whose due time has since moved finds nothing to do.
 */
export async function refreshTicketSla(deps: DomainDeps, ticketId: string): Promise<SlaTarget[]> {
  return (await refreshTicketsSla(deps, [ticketId])).get(ticketId) ?? [];
}

const chunk = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * The same for many tickets at once, with a fixed number of queries per call whatever its size: what a policy
 * or calendar change runs over every open ticket. `timerHorizonMs` arms only the timers due that soon (the
 * sweep arms the rest as they come near); without it every timer is armed.
 */
export async function refreshTicketsSla(
  deps: DomainDeps,
  ticketIds: string[],
  options: { timerHorizonMs?: number } = {},
): Promise<Map<string, SlaTarget[]>> {
  const result = new Map<string, SlaTarget[]>();
  if (ticketIds.length === 0) return result;
  const now = deps.clock.now();
  const rows = await deps.db.select().from(tickets).where(inArray(tickets.id, ticketIds));
  if (rows.length === 0) return result;
  const ids = rows.map((t) => t.id);
  const [orgs, policies, calendars, thread, statusChanges, existing] = await Promise.all([
    deps.db
      .select({ id: customers.id, organizationId: customers.organizationId })
      .from(customers)
      .where(inArray(customers.id, [...new Set(rows.map((t) => t.customerId))])),
    deps.db.select().from(slaPolicies),
    deps.db.select().from(businessCalendars),
    deps.db
      .select({
        ticketId: messages.ticketId,
        at: messages.createdAt,
        direction: messages.direction,
        internal: messages.internal,
        authorKind: messages.authorKind,
      })
      .from(messages)
      .where(inArray(messages.ticketId, ids))
      .orderBy(asc(messages.createdAt)),
    deps.db
      .select({ ticketId: ticketEvents.ticketId, at: ticketEvents.createdAt, data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(inArray(ticketEvents.ticketId, ids), eq(ticketEvents.kind, "status_changed")))
      .orderBy(asc(ticketEvents.createdAt)),
    deps.db.select().from(ticketSlaTargets).where(inArray(ticketSlaTargets.ticketId, ids)),
  ]);
  const organizationOf = new Map(orgs.map((o) => [o.id, o.organizationId]));
  const timelines = new Map<string, SlaTimelineEntry[]>();
  for (const m of thread) {
    if (m.internal || m.authorKind === "system") continue;
    const list = timelines.get(m.ticketId) ?? [];
    list.push({ at: new Date(m.at), kind: m.direction === "outbound" ? "agent_reply" : "customer_message" });
    timelines.set(m.ticketId, list);
  }
  for (const change of statusChanges) {
    if (typeof change.data.to !== "string") continue;
    const list = timelines.get(change.ticketId) ?? [];
    list.push({ at: new Date(change.at), kind: "status", status: change.data.to as never });
    timelines.set(change.ticketId, list);
  }
  const existingOf = new Map<string, TicketSlaTarget[]>();
  for (const row of existing) existingOf.set(row.ticketId, [...(existingOf.get(row.ticketId) ?? []), row]);

  const upserts: (typeof ticketSlaTargets.$inferInsert)[] = [];
  const summaries: { id: string; policyId: string | null; dueAt: Date | null; status: TicketSlaStatus | null }[] = [];
  const timers: { ticketId: string; kind: SlaTarget["kind"]; phase: "warning" | "breach"; dueAt: string; at: Date }[] =
    [];

  for (const ticket of rows) {
    const policy = ticket.mergedIntoId
      ? null
      : matchSlaPolicy(policies, ticket, organizationOf.get(ticket.customerId) ?? null);
    const budgets = policy?.targets[ticket.priority];
    if (!policy || !budgets) {
      result.set(ticket.id, []);
      if (ticket.slaPolicyId !== null || ticket.slaStatus !== null)
        summaries.push({ id: ticket.id, policyId: null, dueAt: null, status: null });
      continue;
    }
    const calendar = compiledCalendarOf(calendars.find((c) => c.id === policy.calendarId));
    const targets = computeSlaTargets({
      budgets,
      clock: { between: calendar.businessTimeBetween, add: calendar.addBusinessTime },
      pauseOnHold: policy.pauseOnHold,
      createdAt: ticket.createdAt,
      // Stable sort: at the same instant a message comes before the status change it caused ("send as pending").
      timeline: (timelines.get(ticket.id) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime()),
      now,
    });
    result.set(ticket.id, targets);

    for (const target of targets) {
      const before = existingOf.get(ticket.id)?.find((e) => e.kind === target.kind);
      // A new next-response cycle (or another policy) is a new promise: warned and announced afresh.
      const sameCycle = before !== undefined && before.cycle === target.cycle && before.policyId === policy.id;
      const warnedForDueAt = sameCycle ? before.warnedForDueAt : null;
      const breachRecordedAt = sameCycle && target.breachedAt ? before.breachRecordedAt : null;
      let nextTimerAt: Date | null = null;
      if (target.state === "active" && target.dueAt) {
        const dueAt = target.dueAt.toISOString();
        const lead = warningLeadMs(policy, target.elapsedMs + target.remainingMs);
        if (lead !== null && warnedForDueAt?.getTime() !== target.dueAt.getTime()) {
          const warnAt = target.remainingMs > lead ? calendar.addBusinessTime(now, target.remainingMs - lead) : now;
          timers.push({ ticketId: ticket.id, kind: target.kind, phase: "warning", dueAt, at: warnAt });
          nextTimerAt = warnAt;
        }
        timers.push({ ticketId: ticket.id, kind: target.kind, phase: "breach", dueAt, at: target.dueAt });
        nextTimerAt ??= target.dueAt;
      } else if (target.state === "breached" && target.dueAt && !target.achievedAt && !breachRecordedAt) {
        timers.push({
          ticketId: ticket.id,
          kind: target.kind,
          phase: "breach",
          dueAt: target.dueAt.toISOString(),
          at: now,
        });
        nextTimerAt = now;
      }
      upserts.push({
        ticketId: ticket.id,
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
        warnedForDueAt,
        breachRecordedAt,
        nextTimerAt,
        updatedAt: now,
      });
    }

    const open = targets.filter((t) => t.state !== "achieved");
    const status: TicketSlaStatus = open.some((t) => t.state === "breached")
      ? "breached"
      : open.some((t) => t.state === "active")
        ? "active"
        : open.some((t) => t.state === "paused")
          ? "paused"
          : "achieved";
    const dueTimes = targets.filter((t) => t.state === "active" && t.dueAt).map((t) => t.dueAt!.getTime());
    const dueAt = dueTimes.length ? new Date(Math.min(...dueTimes)) : null;
    if (
      ticket.slaPolicyId !== policy.id ||
      ticket.slaStatus !== status ||
      ticket.slaDueAt?.getTime() !== dueAt?.getTime()
    ) {
      summaries.push({ id: ticket.id, policyId: policy.id, dueAt, status });
    }
  }

  for (const batch of chunk(upserts, 1000)) {
    const excluded = (column: string) => sql.raw(`excluded.${column}`);
    await deps.db
      .insert(ticketSlaTargets)
      .values(batch)
      .onConflictDoUpdate({
        target: [ticketSlaTargets.ticketId, ticketSlaTargets.kind],
        set: {
          policyId: excluded("policy_id"),
          state: excluded("state"),
          dueAt: excluded("due_at"),
          startedAt: excluded("started_at"),
          achievedAt: excluded("achieved_at"),
          breachedAt: excluded("breached_at"),
          elapsedMs: excluded("elapsed_ms"),
          remainingMs: excluded("remaining_ms"),
          cycle: excluded("cycle"),
          warnedForDueAt: excluded("warned_for_due_at"),
          breachRecordedAt: excluded("breach_recorded_at"),
          nextTimerAt: excluded("next_timer_at"),
          updatedAt: excluded("updated_at"),
        },
      });
  }
  // Targets a ticket no longer has (another policy, a priority without that target, no policy at all).
  const kept = upserts.map((u) => `${u.ticketId}:${u.kind}`);
  const stale = existing.filter((e) => !kept.includes(`${e.ticketId}:${e.kind}`));
  for (const row of stale) {
    await deps.db
      .delete(ticketSlaTargets)
      .where(and(eq(ticketSlaTargets.ticketId, row.ticketId), eq(ticketSlaTargets.kind, row.kind)));
  }
  for (const batch of chunk(summaries, 1000)) {
    const values = sql.join(
      batch.map(
        (s) =>
          sql`(${s.id}, ${s.policyId}, ${s.dueAt ? s.dueAt.toISOString() : null}::timestamptz, ${s.status}::${sql.identifier(ticketSlaStatus.enumName)})`,
      ),
      sql`, `,
    );
    await deps.db.execute(sql`
      update tickets set sla_policy_id = v.policy_id, sla_due_at = v.due_at, sla_status = v.status
      from (values ${values}) as v(id, policy_id, due_at, status)
      where tickets.id = v.id`);
  }

  const horizon = options.timerHorizonMs === undefined ? null : now.getTime() + options.timerHorizonMs;
  for (const timer of timers) {
    if (horizon !== null && timer.at.getTime() > horizon) continue;
    await deps.jobs.enqueue(
      checkSlaTimer,
      { ticketId: timer.ticketId, kind: timer.kind, phase: timer.phase, dueAt: timer.dueAt },
      { delayMs: Math.max(0, timer.at.getTime() - now.getTime()) },
    );
  }
  return result;
}
