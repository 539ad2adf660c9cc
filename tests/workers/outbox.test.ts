import { randomBytes } from "node:crypto";
import {
  createJobEventBus,
  createOutboxQueue,
  createTicket,
  inTransaction,
  notifyTicketAssigned,
  publishRealtimeEvent,
  recomputeSla,
  type DomainDeps,
  type RealtimeEvent,
} from "@helpdesk/api/domain";
import { createOutboxMailer } from "@helpdesk/api/mail";
import { createDatabase, outboxJobs } from "@helpdesk/db";
import { createBullmqQueue, createInProcessQueue, startBullmqWorkers, type WorkerDeps } from "@helpdesk/workers";
import { and, eq, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually, holdsFor } from "../support/eventually.ts";
import { createTestClock, quietLogger } from "../support/harness.ts";
import { redisUrl } from "../support/services.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";

/** The outbox on its own: rows written in transactions, handed to runners, re-driven after faults. */
let database: TestDatabase;
const clock = createTestClock();
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const rowsNamed = (name: string, key?: string) =>
  database.handle.db
    .select()
    .from(outboxJobs)
    .where(
      key === undefined ? eq(outboxJobs.name, name) : and(eq(outboxJobs.name, name), eq(outboxJobs.dedupeKey, key)),
    );

function workerDeps(jobs: DomainDeps["jobs"], published: RealtimeEvent[]): WorkerDeps {
  const deps: DomainDeps = { db: database.handle.db, jobs, events: createJobEventBus(jobs), clock };
  return {
    ...deps,
    mailer: createOutboxMailer({ info: () => {} }),
    realtime: { publish: async (event) => void published.push(event) },
  };
}

describe("writing to the outbox", () => {
  test("a job enqueued in a transaction that rolls back never exists; one that commits does", async () => {
    const outbox = createOutboxQueue(database.handle.db);
    const deps: DomainDeps = { db: database.handle.db, jobs: outbox, events: createJobEventBus(outbox), clock };
    const reason = `rollback-${randomBytes(4).toString("hex")}`;
    await expect(
      inTransaction(deps, async (tx) => {
        await tx.jobs.enqueue(recomputeSla, { reason, at: "x" });
        throw new Error("the use case failed after enqueueing");
      }),
    ).rejects.toThrow(/use case failed/);
    const committed = `commit-${randomBytes(4).toString("hex")}`;
    await inTransaction(deps, (tx) => tx.jobs.enqueue(recomputeSla, { reason: committed, at: "x" }));
    const rows = await database.handle.db
      .select()
      .from(outboxJobs)
      .where(sql`${outboxJobs.payload}->>'reason' in (${reason}, ${committed})`);
    expect(rows.map((r) => (r.payload as { reason: string }).reason)).toEqual([committed]);
    expect(rows[0]).toMatchObject({ queue: "sla", state: "pending", name: "sla.recompute" });
  });

  test("the same idempotency key while the first waits is one row; after it finished, a new one", async () => {
    const outbox = createOutboxQueue(database.handle.db);
    const payload = {
      ticketId: "tkt_x",
      assigneeId: "usr_x",
      actorUserId: null,
      eventId: `evt_${randomBytes(4).toString("hex")}`,
    };
    await outbox.enqueue(notifyTicketAssigned, payload);
    await outbox.enqueue(notifyTicketAssigned, payload);
    const key = `assigned:${payload.eventId}`;
    expect(await rowsNamed(notifyTicketAssigned.name, key)).toHaveLength(1);
    await database.handle.db.update(outboxJobs).set({ state: "done" }).where(eq(outboxJobs.dedupeKey, key));
    await outbox.enqueue(notifyTicketAssigned, payload);
    expect((await rowsNamed(notifyTicketAssigned.name, key)).map((r) => r.state).sort()).toEqual(["done", "pending"]);
  });

  test("a delay sets the row's run time on the database clock; a payload that breaks the contract is refused", async () => {
    const outbox = createOutboxQueue(database.handle.db);
    const reason = `delayed-${randomBytes(4).toString("hex")}`;
    await outbox.enqueue(recomputeSla, { reason, at: "x" }, { delayMs: 3_600_000 });
    const [row] = await database.handle.db
      .select()
      .from(outboxJobs)
      .where(sql`${outboxJobs.payload}->>'reason' = ${reason}`);
    const inMs = row!.runAt.getTime() - Date.now();
    expect(inMs).toBeGreaterThan(3_590_000);
    expect(inMs).toBeLessThan(3_610_000);
    await expect(outbox.enqueue(publishRealtimeEvent, { type: "ticket.created" } as never)).rejects.toThrow();
  });
});

describe("the in-process runner", () => {
  test("runs what an earlier runner held when it died, and records each job done", async () => {
    // A row an earlier process took and never finished (it was killed mid-job).
    const [orphan] = await database.handle.db
      .insert(outboxJobs)
      .values({
        name: publishRealtimeEvent.name,
        queue: "realtime",
        payload: { type: "notification.created", userId: "usr_gone", notificationId: "ntf_gone" },
        state: "dispatched",
        dispatchedTo: "in-process:dead-process",
        dispatchedAt: new Date(),
        attempts: 1,
      })
      .returning();
    const jobs = createInProcessQueue(database.handle.db, quietLogger, { listen: database.handle.listen });
    try {
      await jobs.start(workerDeps(jobs, []));
      await jobs.drain();
      const [row] = await database.handle.db.select().from(outboxJobs).where(eq(outboxJobs.id, orphan!.id));
      // Handed over again (a second attempt) and finished: the notification it names is gone, so there was nothing to push.
      expect(row).toMatchObject({ state: "done", attempts: 2 });
      expect(row!.dispatchedTo).not.toBe("in-process:dead-process");
    } finally {
      await jobs.close();
    }
  });

  test("a job that keeps failing ends as failed with its error after its attempts, the last one told so", async () => {
    const jobs = createInProcessQueue(database.handle.db, quietLogger, { listen: database.handle.listen });
    try {
      const base = workerDeps(jobs, []);
      await jobs.start({
        ...base,
        realtime: {
          publish: async () => {
            throw new Error("socket server gone");
          },
        },
      });
      const ticket = await createTicket(
        base,
        { kind: "system" },
        { subject: "Pushed", body: "b", customer: { email: `push-${randomBytes(3).toString("hex")}@customer.test` } },
      );
      await jobs.drain();
      await eventually(async () => {
        const [row] = await database.handle.db
          .select()
          .from(outboxJobs)
          .where(
            and(eq(outboxJobs.name, publishRealtimeEvent.name), sql`${outboxJobs.payload}->>'ticketId' = ${ticket.id}`),
          );
        expect(row).toMatchObject({ state: "failed", attempts: publishRealtimeEvent.attempts });
        expect(row!.lastError).toMatch(/socket server gone/);
      }, 10_000);
    } finally {
      await jobs.close();
    }
  });
});

describe("the BullMQ runner", () => {
  test("a job Redis lost (its key gone while the row is unfinished) is handed over again and runs", async () => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const prefix = `test-outbox-${randomBytes(4).toString("hex")}`;
    const published: RealtimeEvent[] = [];
    const jobs = createBullmqQueue({
      connection: redis,
      prefix,
      db: database.handle.db,
      relay: { recoverMs: 200, recoverAfterMs: 0 },
    });
    try {
      // A row that was handed to Redis, whose job is not there any more (Redis restarted empty).
      const [lost] = await database.handle.db
        .insert(outboxJobs)
        .values({
          name: recomputeSla.name,
          queue: "sla",
          payload: { reason: "lost in Redis", at: "x" },
          state: "dispatched",
          dispatchedTo: "bullmq",
          dispatchedAt: new Date(Date.now() - 60_000),
          attempts: 1,
        })
        .returning();
      await jobs.start();
      const workers = startBullmqWorkers({ connection: redis, prefix }, workerDeps(jobs, published));
      try {
        await eventually(async () => {
          const [row] = await database.handle.db.select().from(outboxJobs).where(eq(outboxJobs.id, lost!.id));
          expect(row!.state).toBe("done");
        }, 20_000);
        const [row] = await database.handle.db.select().from(outboxJobs).where(eq(outboxJobs.id, lost!.id));
        expect(row!.attempts).toBe(2);
      } finally {
        await workers.close();
      }
    } finally {
      await jobs.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  test("while Redis does not answer, rows stay pending (nothing is lost), and go out once it answers", async () => {
    // A connection to a port where nothing listens: every Redis command waits, as during an outage.
    const dead = new Redis({
      host: "127.0.0.1",
      port: 1,
      maxRetriesPerRequest: null,
      lazyConnect: true,
      retryStrategy: () => 1000,
    });
    const jobs = createBullmqQueue({
      connection: dead,
      prefix: "never",
      db: database.handle.db,
      relay: { logger: quietLogger },
    });
    const reason = `outage-${randomBytes(4).toString("hex")}`;
    try {
      await jobs.enqueue(recomputeSla, { reason, at: "x" });
      await jobs.start();
      // The relay pumps at start and then every second: over both, it never claims the row it could not hand over.
      await holdsFor(
        async () => {
          const [row] = await database.handle.db
            .select()
            .from(outboxJobs)
            .where(sql`${outboxJobs.payload}->>'reason' = ${reason}`);
          expect(row).toMatchObject({ state: "pending", dispatchedTo: null });
        },
        { forMs: 1_500, intervalMs: 50 },
      );
    } finally {
      await jobs.close().catch(() => {});
      dead.disconnect();
    }
    // A relay with a working Redis takes it.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const prefix = `test-outbox-${randomBytes(4).toString("hex")}`;
    const live = createBullmqQueue({ connection: redis, prefix, db: database.handle.db });
    try {
      await live.start();
      const workers = startBullmqWorkers({ connection: redis, prefix }, workerDeps(live, []));
      try {
        await eventually(async () => {
          const [row] = await database.handle.db
            .select()
            .from(outboxJobs)
            .where(sql`${outboxJobs.payload}->>'reason' = ${reason}`);
          expect(row!.state).toBe("done");
        }, 20_000);
      } finally {
        await workers.close();
      }
    } finally {
      await live.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});

describe("a database outage longer than a job's retries", () => {
  test("does not spend the job's attempts: it waits, and finishes once the database is back", async () => {
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(database.url).port || 5432) });
    const throughProxy = new URL(database.url);
    throughProxy.port = String(proxy.port);
    const handle = await createDatabase({ url: throughProxy.toString(), maxConnections: 2 });
    const jobs = createInProcessQueue(handle.db, quietLogger);
    const published: RealtimeEvent[] = [];
    try {
      const deps: DomainDeps = { db: handle.db, jobs, events: createJobEventBus(jobs), clock };
      let calls = 0;
      await jobs.start({
        ...deps,
        mailer: createOutboxMailer({ info: () => {} }),
        realtime: {
          publish: async (event) => {
            calls++;
            published.push(event);
            // The database goes away while the job runs, before it can record that it is done.
            if (calls === 1) await proxy.cut();
          },
        },
      });
      // The ticket is written on the direct connection; its push job is taken by the runner behind the proxy.
      const ticket = await createTicket(
        {
          ...deps,
          db: database.handle.db,
          jobs: createOutboxQueue(database.handle.db),
          events: createJobEventBus(createOutboxQueue(database.handle.db)),
        },
        { kind: "system" },
        {
          subject: "Through an outage",
          body: "b",
          customer: { email: `outage-${randomBytes(3).toString("hex")}@customer.test` },
        },
      );
      await eventually(() => expect(calls).toBe(1));
      // Longer than the push's whole retry budget (3 attempts, 200 ms then 400 ms apart): a runner spending its
      // attempts on the outage would have given the job up by then, and never finish it below.
      await holdsFor(() => expect(calls).toBe(1), { forMs: 1_000 });
      await proxy.restore();
      await eventually(async () => {
        const [row] = await database.handle.db
          .select()
          .from(outboxJobs)
          .where(
            and(eq(outboxJobs.name, publishRealtimeEvent.name), sql`${outboxJobs.payload}->>'ticketId' = ${ticket.id}`),
          );
        expect(row!.state).toBe("done");
      }, 20_000);
      // Pushed again after the outage (at least once), and finished.
      expect(published.map((e) => e.type)).toEqual(["ticket.created", "ticket.created"]);
    } finally {
      await jobs.close();
      await handle.close();
      await proxy.close();
    }
  });
});
