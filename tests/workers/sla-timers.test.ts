import { randomBytes } from "node:crypto";
import {
  createJobEventBus,
  createSlaPolicy,
  createTicket,
  refreshTicketSla,
  systemClock,
  updateTicket,
  type DomainDeps,
  systemActor,
} from "@helpdesk/api/domain";
import { createOutboxMailer } from "@helpdesk/api/mail";
import { messages, notifications, outboxJobs, ticketEvents, tickets } from "@helpdesk/db";
import { createBullmqQueue, startBullmqWorkers, type BullmqQueue } from "@helpdesk/workers";
import { and, eq, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";
import { redisUrl } from "../support/services.ts";
import { eventually } from "../support/eventually.ts";

/**
 * SLA timers as real delayed jobs on BullMQ/Redis, on the real clock: a breach timer fires at the due instant,
 * records the breach, escalates and notifies; a timer whose due time moved in the meantime does nothing.
 */
let h: Harness;
let redis: Redis;
let jobs: BullmqQueue;
let workers: ReturnType<typeof startBullmqWorkers>;
let deps: DomainDeps;
let agent: SignedIn;
const prefix = `sla-test-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  h = await createHarness();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  jobs = createBullmqQueue({ connection: redis, prefix, db: h.db, relay: { listen: h.database.handle.listen } });
  // The harness's in-process runner shares this outbox: stop it, so the timers run on BullMQ as under test.
  await h.jobs.close();
  await jobs.start();
  deps = { db: h.db, jobs, events: createJobEventBus(jobs), clock: systemClock };
  workers = startBullmqWorkers(
    { connection: redis, prefix },
    { ...deps, mailer: createOutboxMailer({ info: () => {} }), realtime: { publish: async () => {} } },
  );
  agent = await h.signIn("agent", { name: "Timer Agent" });
  await createSlaPolicy(deps, systemActor, {
    name: "Fast",
    targets: { urgent: { firstResponseMinutes: 1 }, normal: { firstResponseMinutes: 10 } },
    escalation: { addTag: "escalated" },
  });
});

afterAll(async () => {
  await workers?.close();
  await jobs?.close();
  await redis?.quit();
  await h?.close();
});

/** Makes a ticket look created `ms` ago, then re-runs its SLA so the timers are set from the real clock. */
async function backdate(ticketId: string, ms: number) {
  const shift = sql`${ms} * interval '1 millisecond'`;
  await h.db
    .update(tickets)
    .set({ createdAt: sql`${tickets.createdAt} - ${shift}` })
    .where(eq(tickets.id, ticketId));
  await h.db
    .update(messages)
    .set({ createdAt: sql`${messages.createdAt} - ${shift}` })
    .where(eq(messages.ticketId, ticketId));
  await h.db
    .update(ticketEvents)
    .set({ createdAt: sql`${ticketEvents.createdAt} - ${shift}` })
    .where(eq(ticketEvents.ticketId, ticketId));
  return refreshTicketSla(deps, ticketId);
}

/** The BullMQ job of a breach timer: the outbox row holds the timer's key, and the job is named after the row. */
async function timerJobId(ticketId: string, dueAt: Date) {
  const [row] = await h.db
    .select({ id: outboxJobs.id })
    .from(outboxJobs)
    .where(
      and(
        eq(outboxJobs.name, "sla.check_timer"),
        eq(outboxJobs.dedupeKey, `${ticketId}:first_response:breach:${dueAt.toISOString()}`),
      ),
    );
  expect(row).toBeDefined();
  return `outbox-${row!.id}`;
}

describe("SLA timers on BullMQ", () => {
  test("the breach timer fires at the due instant: the ticket is marked breached, escalated, and its assignee notified", async () => {
    const ticket = await createTicket(
      deps,
      { kind: "system" },
      {
        subject: "Payments failing",
        body: "All card payments fail since 10:00.",
        customer: { email: "ops@customer.test" },
        priority: "urgent",
        assigneeId: agent.actor.id,
      },
    );
    const [target] = await backdate(ticket.id, 58_500);
    const dueAt = target!.dueAt!;
    expect(dueAt.getTime() - Date.now()).toBeGreaterThan(0);

    const row = await eventually(async () => {
      const [t] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(t!.slaStatus).toBe("breached");
      expect(t!.tags).toContain("escalated");
      return t!;
    });
    expect(row.tags).toContain("escalated");
    const breach = (await h.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id))).find(
      (e) => e.kind === "sla_breached",
    );
    expect(breach!.data).toMatchObject({ target: "first_response", dueAt: dueAt.toISOString() });
    // Recorded no earlier than the due instant, and promptly after it.
    expect(breach!.createdAt.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(breach!.createdAt.getTime() - dueAt.getTime()).toBeLessThan(5_000);
    const notices = await h.db.select().from(notifications).where(eq(notifications.ticketId, ticket.id));
    expect(notices.some((n) => n.userId === agent.actor.id && n.kind === "sla.breach")).toBe(true);
  });

  test("moving the due time leaves the old timer stale: it runs and does nothing", async () => {
    const ticket = await createTicket(
      deps,
      { kind: "system" },
      {
        subject: "Cannot export report",
        body: "Export button does nothing.",
        customer: { email: "reports@customer.test" },
        priority: "urgent",
      },
    );
    const [target] = await backdate(ticket.id, 58_000);
    const oldDue = target!.dueAt!;
    // Urgent -> normal: the first response is now due in about nine minutes, not two seconds.
    await updateTicket(deps, { kind: "system" }, ticket.id, { priority: "normal" });

    const job = await eventually(async () => {
      const found = await jobs.queues.get("sla")!.getJob(await timerJobId(ticket.id, oldDue));
      expect(await found?.getState()).toBe("completed");
      // Read after completing: the job fetched just before its state flipped has no finishedOn yet.
      expect(found?.finishedOn).toBeTypeOf("number");
      return found!;
    });
    expect(job.finishedOn).toBeGreaterThanOrEqual(oldDue.getTime());
    const [row] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.slaStatus).toBe("active");
    const timeline = await h.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(timeline.some((e) => e.kind === "sla_breached")).toBe(false);
  });
});
