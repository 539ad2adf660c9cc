import { randomBytes } from "node:crypto";
import {
  createJobEventBus,
  createTicket,
  createUser,
  loadStaffActor,
  notifyTicketAssigned,
  publishRealtimeEvent,
  type DomainDeps,
  type RealtimeEvent,
  type JobQueue,
} from "@helpdesk/api/domain";
import { notifications, outboxJobs } from "@helpdesk/db";
import { createOutboxMailer } from "@helpdesk/api/mail";
import { createBullmqQueue, createInProcessQueue, startBullmqWorkers, type WorkerDeps } from "@helpdesk/workers";
import { and, eq, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createTestClock, quietLogger, uniqueEmail } from "../support/harness.ts";
import { redisUrl } from "../support/services.ts";
import { eventually } from "../support/eventually.ts";
import { finishedJobs } from "../support/outbox.ts";

interface Runner {
  jobs: JobQueue & { mode: "bullmq" | "in-process" };
  settle(): Promise<void>;
  close(): Promise<void>;
  redis?: Redis;
  prefix?: string;
}

// No harness: its in-process runner would take the jobs of the runners under test from the same outbox.
let database: TestDatabase;
const clock = createTestClock();
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function staff(deps: DomainDeps, role: "lead" | "agent") {
  const user = await createUser(deps, {
    email: uniqueEmail(role),
    name: `Test ${role}`,
    role,
    password: "correct horse battery",
    teamIds: [],
  });
  return { actor: await loadStaffActor(deps, user) };
}

const runners: [string, (deps: (jobs: JobQueue) => WorkerDeps) => Promise<Runner>][] = [
  [
    "in-process",
    async (makeDeps) => {
      const jobs = createInProcessQueue(database.handle.db, quietLogger, { listen: database.handle.listen });
      await jobs.start(makeDeps(jobs));
      return { jobs, settle: () => jobs.drain(), close: () => jobs.close() };
    },
  ],
  [
    "bullmq",
    async (makeDeps) => {
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const prefix = `test-${randomBytes(4).toString("hex")}`;
      const jobs = createBullmqQueue({
        connection: redis,
        prefix,
        db: database.handle.db,
        relay: { listen: database.handle.listen },
      });
      await jobs.start();
      const workers = startBullmqWorkers({ connection: redis, prefix }, makeDeps(jobs));
      await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
      return {
        jobs,
        redis,
        prefix,
        settle: async () => {},
        async close() {
          await workers.close();
          await jobs.close();
          const keys = await redis.keys(`${prefix}:*`);
          if (keys.length > 0) await redis.del(...keys);
          await redis.quit();
        },
      };
    },
  ],
];

describe.each(runners)("the %s runner", (mode, startRunner) => {
  let runner: Runner;
  const published: RealtimeEvent[] = [];
  let deps: DomainDeps;

  beforeAll(async () => {
    runner = await startRunner((jobs) => {
      deps = { db: database.handle.db, jobs, events: createJobEventBus(jobs), clock };
      return {
        ...deps,
        mailer: createOutboxMailer({ info: () => {} }),
        realtime: { publish: async (event) => void published.push(event) },
      };
    });
  });
  afterAll(() => runner.close());

  test("runs the assignment notification and the realtime fan-out it causes", async () => {
    expect(runner.jobs.mode).toBe(mode);
    const lead = await staff(deps, "lead");
    const agent = await staff(deps, "agent");
    const ticket = await createTicket(deps, lead.actor, {
      subject: `Through ${mode}`,
      body: "Please help",
      customer: { email: uniqueEmail() },
      assigneeId: agent.actor.id,
    });
    await runner.settle();
    const rows = await eventually(async () => {
      const found = await database.handle.db.select().from(notifications).where(eq(notifications.ticketId, ticket.id));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rows[0]).toMatchObject({
      userId: agent.actor.id,
      title: `#${ticket.number} Through ${mode} was assigned to you`,
    });
    await eventually(async () => {
      expect(published.map((e) => e.type)).toEqual(expect.arrayContaining(["ticket.created", "notification.created"]));
    });
  });

  test("the same job enqueued twice notifies once", async () => {
    const lead = await staff(deps, "lead");
    const agent = await staff(deps, "agent");
    const silent: JobQueue = { enqueue: async () => {}, within: () => silent };
    const ticket = await createTicket({ ...deps, jobs: silent }, lead.actor, {
      subject: "Twice",
      body: "b",
      customer: { email: uniqueEmail() },
      assigneeId: agent.actor.id,
    });
    const payload = {
      ticketId: ticket.id,
      assigneeId: agent.actor.id,
      actorUserId: lead.actor.id,
      eventId: `evt_${randomBytes(6).toString("hex")}`,
    };
    await runner.jobs.enqueue(notifyTicketAssigned, payload);
    await runner.jobs.enqueue(notifyTicketAssigned, payload);
    await runner.settle();
    // And one only: once every job of this payload has run, a duplicate would be there.
    const jobs = await finishedJobs(
      database.handle.db,
      and(eq(outboxJobs.name, notifyTicketAssigned.name), sql`${outboxJobs.payload}->>'eventId' = ${payload.eventId}`),
    );
    expect(jobs.map((j) => j.state)).toContain("done");
    expect(
      await database.handle.db.select().from(notifications).where(eq(notifications.ticketId, ticket.id)),
    ).toHaveLength(1);
  });

  test("a payload that breaks the contract is refused at enqueue", async () => {
    await expect(runner.jobs.enqueue(publishRealtimeEvent, { type: "ticket.created" } as never)).rejects.toThrow();
  });
});

describe("BullMQ specifics", () => {
  test("a malformed job already in Redis fails once, without retries (non-retryable)", async () => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const prefix = `test-${randomBytes(4).toString("hex")}`;
    const jobs = createBullmqQueue({ connection: redis, prefix, db: database.handle.db });
    const db = database.handle.db;
    const workers = startBullmqWorkers(
      { connection: redis, prefix },
      {
        db,
        jobs,
        events: createJobEventBus(jobs),
        clock,
        mailer: createOutboxMailer({ info: () => {} }),
        realtime: { publish: async () => {} },
      },
    );
    try {
      const queue = jobs.queues.get("notifications")!;
      const job = await queue.add(
        notifyTicketAssigned.name,
        { ticketId: 42 },
        { attempts: 5, backoff: { type: "fixed", delay: 10 } },
      );
      const failed = await eventually(async () => {
        const state = await queue.getJob(job.id!);
        expect(await state!.getState()).toBe("failed");
        return state!;
      });
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toMatch(/Invalid payload/);
    } finally {
      await workers.close();
      await jobs.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});
