import type { SlaTargetKind, SlaTargetState, TicketStatus } from "@helpdesk/db";

/** Business time arithmetic in one calendar: how long between two instants, and when a span ends. */
export interface BusinessClock {
  between(from: Date, to: Date): number;
  add(start: Date, durationMs: number): Date;
}

/** Minutes of business time allowed per target; null or absent: no such promise. */
export interface SlaTargetBudgets {
  firstResponseMinutes?: number | null;
  nextResponseMinutes?: number | null;
  resolutionMinutes?: number | null;
}

/** What happened on a ticket that moves SLA clocks, in time order. */
export type SlaTimelineEntry =
  | { at: Date; kind: "customer_message" }
  | { at: Date; kind: "agent_reply" }
  | { at: Date; kind: "status"; status: TicketStatus };

export interface SlaTarget {
  kind: SlaTargetKind;
  state: SlaTargetState;
  /** When the promise runs out; null while the clock is paused (the remaining time is kept instead). */
  dueAt: Date | null;
  /** Business time left at `now` (0 once breached). */
  remainingMs: number;
  /** Business time the clock has run (pauses excluded): the response or resolution time, for reports. */
  elapsedMs: number;
  startedAt: Date;
  achievedAt: Date | null;
  breachedAt: Date | null;
  /** Next-response only: how many customer turns have had their own clock so far. */
  cycle: number;
}

interface Clock {
  kind: SlaTargetKind;
  budgetMs: number;
  startedAt: Date;
  elapsedMs: number;
  /** Counting from this instant while running; null while paused or finished. */
  runningSince: Date | null;
  breachedAt: Date | null;
  achievedAt: Date | null;
  finished: boolean;
  cycle: number;
}

/**
 * The state of a ticket's SLA targets at `now`, recomputed from its whole timeline rather than kept as
 * counters: a change of policy, priority or calendar simply re-runs it, and it can never drift.
 *
 * Rules (as Zendesk's): first response runs from creation until the first public agent reply; each customer
 * message that waits for an answer starts a next-response cycle that the next agent reply ends; resolution
 * runs from creation until solved, and resumes if the ticket reopens. Every clock stops while the ticket
 * waits on the customer (pending, and on hold when the policy says so) and resumes when it is open again.
 * Solving ends the response clocks too: nobody is waiting for an answer on a solved ticket. A target is
 * breached at the instant its business time runs out, even if it is achieved later.
 */
export function computeSlaTargets(input: {
  budgets: SlaTargetBudgets;
  clock: BusinessClock;
  pauseOnHold: boolean;
  createdAt: Date;
  timeline: SlaTimelineEntry[];
  now: Date;
}): SlaTarget[] {
  const { budgets, clock: business, createdAt, now } = input;
  const minutes = (m: number | null | undefined) => (m === null || m === undefined ? null : m * 60_000);
  const paused = (status: TicketStatus) => status === "pending" || (status === "on_hold" && input.pauseOnHold);
  let status: TicketStatus = "new";
  let running = true;

  const start = (kind: SlaTargetKind, budgetMs: number, at: Date, cycle = 0): Clock => ({
    kind,
    budgetMs,
    startedAt: at,
    elapsedMs: 0,
    runningSince: running ? at : null,
    breachedAt: null,
    achievedAt: null,
    finished: false,
    cycle,
  });

  // Brings a clock up to `at`: adds the business time since it last resumed, noting a breach on the way.
  // An answer landing exactly at the due instant keeps the promise (strict); a clock still running when its
  // time reaches zero has broken it, so the breach job firing at the due instant finds it breached.
  const advance = (c: Clock, at: Date, strict = false) => {
    if (c.finished || !c.runningSince) return;
    const spent = business.between(c.runningSince, at);
    const total = c.elapsedMs + spent;
    if (!c.breachedAt && (strict ? total > c.budgetMs : total >= c.budgetMs))
      c.breachedAt = business.add(c.runningSince, c.budgetMs - c.elapsedMs);
    c.elapsedMs += spent;
    c.runningSince = at;
  };
  const finish = (c: Clock | null, at: Date) => {
    if (!c || c.finished) return;
    advance(c, at, true);
    c.finished = true;
    c.achievedAt = at;
    c.runningSince = null;
  };

  const firstBudget = minutes(budgets.firstResponseMinutes);
  const nextBudget = minutes(budgets.nextResponseMinutes);
  const resolutionBudget = minutes(budgets.resolutionMinutes);
  const first = firstBudget !== null ? start("first_response", firstBudget, createdAt) : null;
  let next: Clock | null = null;
  let nextCycles = 0;
  const resolution = resolutionBudget !== null ? start("resolution", resolutionBudget, createdAt) : null;
  let answeredOnce = false;
  let awaitingAnswer = true;

  const all = () => [first, next, resolution].filter((c): c is Clock => c !== null);
  const entries = [...input.timeline]
    .filter((e) => e.at >= createdAt && e.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  for (const entry of entries) {
    // Events that end a clock do it through finish(), which judges the due instant itself.
    for (const c of all())
      advance(
        c,
        entry.at,
        entry.kind === "agent_reply" ||
          (entry.kind === "status" && (entry.status === "solved" || entry.status === "closed")),
      );
    switch (entry.kind) {
      case "agent_reply":
        answeredOnce = true;
        awaitingAnswer = false;
        finish(first, entry.at);
        finish(next, entry.at);
        break;
      case "customer_message":
        // The customer writing ends a wait on them; a new turn needs an answer once the first one was given.
        if (answeredOnce && !awaitingAnswer && nextBudget !== null) {
          nextCycles += 1;
          next = start("next_response", nextBudget, entry.at, nextCycles);
        }
        awaitingAnswer = true;
        break;
      case "status": {
        const was = status;
        status = entry.status;
        if (status === "solved" || status === "closed") {
          finish(resolution, entry.at);
          finish(first, entry.at);
          finish(next, entry.at);
          running = false;
          break;
        }
        if (was === "solved" && resolution?.finished) {
          // Reopened: the resolution promise is open again and counts on from where it stopped.
          resolution.finished = false;
          resolution.achievedAt = null;
        }
        running = !paused(status);
        for (const c of all()) {
          if (c.finished) continue;
          c.runningSince = running ? entry.at : null;
        }
        break;
      }
    }
  }
  for (const c of all()) advance(c, now);

  return all().map((c) => {
    const remainingMs = Math.max(0, c.budgetMs - c.elapsedMs);
    let state: SlaTargetState;
    if (c.finished) state = c.breachedAt && c.breachedAt <= (c.achievedAt ?? now) ? "breached" : "achieved";
    else if (c.breachedAt) state = "breached";
    else state = c.runningSince ? "active" : "paused";
    const dueAt = c.finished
      ? (c.breachedAt ?? null)
      : (c.breachedAt ?? (c.runningSince ? business.add(c.runningSince, remainingMs) : null));
    return {
      kind: c.kind,
      state,
      dueAt: c.finished && !c.breachedAt ? null : dueAt,
      remainingMs,
      elapsedMs: c.elapsedMs,
      startedAt: c.startedAt,
      achievedAt: c.achievedAt,
      breachedAt: c.breachedAt,
      cycle: c.cycle,
    };
  });
}
