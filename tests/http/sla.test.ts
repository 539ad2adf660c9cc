import {
  createTicket,
  handleSlaTimer,
  receiveCustomerMessage,
  replyToTicket,
  updateTicket,
} from "@helpdesk/api/domain";
import { notifications, outboundEmails, ticketEvents, tickets } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** The SLA engine through its API and use cases, on a test clock: policies, targets, pauses, timers. */
let h: Harness;
let admin: SignedIn;
let lead: SignedIn;
let agent: SignedIn;
let teamId: string;
const minute = 60_000;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn("admin");
  const team = await h.team();
  teamId = team.id;
  lead = await h.signIn("lead", { teamIds: [teamId], name: "Lena Lead" });
  agent = await h.signIn("agent", { teamIds: [teamId], name: "Aiden Agent" });
  const res = await h.client.api.sla.policies.$post(
    {
      json: {
        name: "Standard",
        targets: {
          urgent: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 240 },
          normal: { firstResponseMinutes: 240, nextResponseMinutes: 120, resolutionMinutes: 1440 },
        },
        warnMinutesBefore: 15,
        escalation: { raisePriority: true, addTag: "sla-breached" },
      },
    },
    { headers: admin.headers },
  );
  expect(res.status).toBe(201);
});
afterAll(() => h?.close());

async function detail(ticketId: string) {
  const body = await (
    await h.client.api.tickets[":id"].$get({ param: { id: ticketId } }, { headers: admin.headers })
  ).json();
  if (!("messages" in body)) throw new Error(JSON.stringify(body));
  return body;
}
const targetsOf = async (ticketId: string) =>
  Object.fromEntries((await detail(ticketId)).sla!.targets.map((t) => [t.kind, t]));
const after = (start: Date, ms: number) => new Date(start.getTime() + ms).toISOString();

function newTicket(priority: "urgent" | "normal", extra: { teamId?: string; assigneeId?: string } = {}) {
  return createTicket(h.deps, admin.actor, {
    subject: `SLA ${priority} ${Math.random()}`,
    body: "Our checkout is down!",
    customer: { email: `sla-${Math.random()}@customer.test` },
    priority,
    ...extra,
  });
}

describe("targets", () => {
  test("a new ticket gets its policy's targets, shown on the ticket and sortable in the inbox", async () => {
    const start = h.clock.now();
    const ticket = await newTicket("urgent");
    const view = await detail(ticket.id);
    expect(view.sla).toMatchObject({
      status: "active",
      dueAt: after(start, 60 * minute),
      policy: { name: "Standard" },
    });
    expect(view.sla!.targets.map((t) => [t.kind, t.state, t.dueAt])).toEqual([
      ["first_response", "active", after(start, 60 * minute)],
      ["resolution", "active", after(start, 240 * minute)],
    ]);
    const normal = await newTicket("normal");
    const list = await (
      await h.client.api.tickets.$get({ query: { sort: "due", limit: "100" } }, { headers: admin.headers })
    ).json();
    if (!("items" in list)) throw new Error("expected a page");
    const ids = list.items.map((t) => t.id);
    expect(ids.indexOf(ticket.id)).toBeLessThan(ids.indexOf(normal.id));
    expect(list.items.find((t) => t.id === ticket.id)!.sla).toEqual({
      status: "active",
      dueAt: after(start, 60 * minute),
      target: { kind: "first_response", startedAt: start.toISOString(), breachedAt: null },
    });
  });

  test("a reply achieves first response; pending pauses; the customer's answer resumes and starts next response", async () => {
    const start = h.clock.now();
    const ticket = await newTicket("urgent");
    h.clock.advance(20 * minute);
    await replyToTicket(h.deps, admin.actor, ticket.id, { body: "Looking into it", status: "pending" });
    let targets = await targetsOf(ticket.id);
    expect(targets.first_response).toMatchObject({ state: "achieved", elapsedMs: 20 * minute });
    expect(targets.resolution).toMatchObject({ state: "paused", dueAt: null, remainingMs: 220 * minute });
    expect((await detail(ticket.id)).sla!.status).toBe("paused");

    h.clock.advance(120 * minute);
    await receiveCustomerMessage(h.deps, { ticketId: ticket.id, body: "Still broken" });
    const resumedAt = h.clock.now();
    targets = await targetsOf(ticket.id);
    expect(targets.resolution).toMatchObject({ state: "active", dueAt: after(resumedAt, 220 * minute) });
    expect(targets.next_response).toMatchObject({ state: "active", cycle: 1, dueAt: after(resumedAt, 30 * minute) });
    expect(start.getTime()).toBeLessThan(resumedAt.getTime());
  });

  test("changing the priority re-targets the ticket", async () => {
    const start = h.clock.now();
    const ticket = await newTicket("normal");
    expect((await targetsOf(ticket.id)).first_response!.dueAt).toBe(after(start, 240 * minute));
    h.clock.advance(10 * minute);
    await updateTicket(h.deps, admin.actor, ticket.id, { priority: "urgent" });
    expect((await targetsOf(ticket.id)).first_response!.dueAt).toBe(after(start, 60 * minute));
  });

  test("a ticket no policy covers has no SLA", async () => {
    const ticket = await createTicket(h.deps, admin.actor, {
      subject: "Low",
      body: "Whenever",
      customer: { email: "low@customer.test" },
      priority: "low",
    });
    expect((await detail(ticket.id)).sla).toBeNull();
  });
});

describe("timers", () => {
  test("the warning tells the assignee and the team's lead once; the breach is recorded, escalated and announced once", async () => {
    const start = h.clock.now();
    const ticket = await newTicket("urgent", { teamId, assigneeId: agent.actor.id });
    const dueAt = after(start, 60 * minute);

    h.clock.set(new Date(start.getTime() + 50 * minute));
    expect(await handleSlaTimer(h.deps, { ticketId: ticket.id, kind: "first_response", phase: "warning", dueAt })).toBe(
      "warned",
    );
    expect(await handleSlaTimer(h.deps, { ticketId: ticket.id, kind: "first_response", phase: "warning", dueAt })).toBe(
      "nothing",
    );
    const warned = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.kind, "sla.warning")));
    expect(warned.map((n) => n.userId).sort()).toEqual([agent.actor.id, lead.actor.id].sort());
    expect(warned[0]!.title).toMatch(/first response due in 10 min/);

    // Too early: the target is not breached yet, so a breach timer does nothing.
    expect(await handleSlaTimer(h.deps, { ticketId: ticket.id, kind: "first_response", phase: "breach", dueAt })).toBe(
      "nothing",
    );
    h.clock.set(new Date(start.getTime() + 60 * minute));
    expect(await handleSlaTimer(h.deps, { ticketId: ticket.id, kind: "first_response", phase: "breach", dueAt })).toBe(
      "breached",
    );
    expect(await handleSlaTimer(h.deps, { ticketId: ticket.id, kind: "first_response", phase: "breach", dueAt })).toBe(
      "nothing",
    );

    const [row] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.tags).toContain("sla-breached");
    // Already urgent: there is no higher priority to raise it to.
    expect(row!.priority).toBe("urgent");
    expect(row!.slaStatus).toBe("breached");
    const timeline = await h.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(timeline.filter((e) => e.kind === "sla_warning")).toHaveLength(1);
    expect(timeline.filter((e) => e.kind === "sla_breached")).toHaveLength(1);
    const breachNotices = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.kind, "sla.breach")));
    expect(breachNotices).toHaveLength(2);
    // Each notice is mailed too, once, by a job queued with it (the harness keeps mail in the outbox).
    await h.jobs.drain();
    const mailed = await h.db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.ticketId, ticket.id), eq(outboundEmails.kind, "notification")));
    expect(mailed).toHaveLength(4);
    expect(new Set(mailed.map((m) => m.messageIdHeader)).size).toBe(4);
    h.clock.set(new Date());
  });

  test("escalation raises the priority, which re-targets the ticket", async () => {
    const start = h.clock.now();
    const ticket = await newTicket("normal");
    h.clock.set(new Date(start.getTime() + 241 * minute));
    expect(
      await handleSlaTimer(h.deps, {
        ticketId: ticket.id,
        kind: "first_response",
        phase: "breach",
        dueAt: after(start, 240 * minute),
      }),
    ).toBe("breached");
    const [row] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.priority).toBe("high");
    h.clock.set(new Date());
  });

  test("a timer whose due time has moved finds nothing to do", async () => {
    const start = h.clock.now();
    const ticket = await newTicket("urgent");
    await replyToTicket(h.deps, admin.actor, ticket.id, { body: "On it" });
    h.clock.set(new Date(start.getTime() + 61 * minute));
    expect(
      await handleSlaTimer(h.deps, {
        ticketId: ticket.id,
        kind: "first_response",
        phase: "breach",
        dueAt: after(start, 60 * minute),
      }),
    ).toBe("stale");
    const timeline = await h.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(timeline.some((e) => e.kind === "sla_breached")).toBe(false);
    h.clock.set(new Date());
  });
});

describe("business hours", () => {
  test("a target counts only the calendar's open hours, across a weekend", async () => {
    const calendar = await h.client.api.sla.calendars.$post(
      {
        json: {
          name: "Berlin office",
          timeZone: "Europe/Berlin",
          weekly: {
            1: [{ start: "09:00", end: "17:00" }],
            2: [{ start: "09:00", end: "17:00" }],
            3: [{ start: "09:00", end: "17:00" }],
            4: [{ start: "09:00", end: "17:00" }],
            5: [{ start: "09:00", end: "17:00" }],
            6: [],
            7: [],
          },
          holidays: ["2026-11-30"],
        },
      },
      { headers: admin.headers },
    );
    expect(calendar.status).toBe(201);
    const cal = await calendar.json();
    if (!("id" in cal)) throw new Error("expected a calendar");
    const policy = await h.client.api.sla.policies.$post(
      {
        json: {
          name: "Berlin office hours",
          conditions: { tags: ["berlin"] },
          calendarId: cal.id,
          targets: { normal: { firstResponseMinutes: 60 } },
        },
      },
      { headers: admin.headers },
    );
    expect(policy.status).toBe(201);
    // "Standard" comes first and covers normal tickets: move the Berlin policy in front of it.
    const created = await policy.json();
    if (!("id" in created)) throw new Error("expected a policy");
    expect(
      (
        await h.client.api.sla.policies[":id"].$patch(
          { param: { id: created.id }, json: { position: 0 } },
          { headers: admin.headers },
        )
      ).status,
    ).toBe(200);

    // Friday 2026-11-27 16:30 in Berlin (15:30Z): 30 minutes on Friday, the rest on Tuesday (Monday is a holiday).
    h.clock.set(new Date("2026-11-27T15:30:00Z"));
    const ticket = await createTicket(h.deps, admin.actor, {
      subject: "Invoice",
      body: "Question",
      customer: { email: "berlin@customer.test" },
      tags: ["berlin"],
    });
    expect((await targetsOf(ticket.id)).first_response!.dueAt).toBe("2026-12-01T08:30:00.000Z");
    h.clock.set(new Date());
  });

  test("bad calendars and policies are refused with the reason; agents may not change them", async () => {
    const bad = await h.client.api.sla.calendars.$post(
      {
        json: {
          name: "Nowhere",
          timeZone: "Mars/Olympus",
          weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
          holidays: [],
        },
      },
      { headers: admin.headers },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()) as object).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    const noTargets = await h.client.api.sla.policies.$post(
      { json: { name: "Empty", targets: {} } },
      { headers: admin.headers },
    );
    expect(noTargets.status).toBe(400);
    const forbidden = await h.client.api.sla.policies.$post(
      { json: { name: "Mine", targets: { low: { firstResponseMinutes: 5 } } } },
      { headers: agent.headers },
    );
    expect(forbidden.status).toBe(403);
    expect((await h.client.api.sla.policies.$get({}, { headers: agent.headers })).status).toBe(200);
  });

  test("moving a policy in the match order keeps its conditions and escalation", async () => {
    const created = await h.client.api.sla.policies.$post(
      {
        json: {
          name: "Inactive VIP",
          active: false,
          conditions: { tags: ["vip"] },
          targets: { high: { firstResponseMinutes: 30 } },
          escalation: { assignToLead: true },
        },
      },
      { headers: admin.headers },
    );
    const policy = await created.json();
    if (!("id" in policy)) throw new Error(JSON.stringify(policy));
    const moved = await h.client.api.sla.policies[":id"].$patch(
      { param: { id: policy.id }, json: { position: 0 } },
      { headers: admin.headers },
    );
    expect(await moved.json()).toMatchObject({
      position: 0,
      conditions: { tags: ["vip"] },
      escalation: { assignToLead: true },
    });
  });
});
