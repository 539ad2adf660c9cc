import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { outboxJobs, ticketEvents, tickets, messages } from "@helpdesk/db";
import { Queue } from "bullmq";
import { and, eq, inArray, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually, holdsFor } from "../support/eventually.ts";
import { freePort } from "../support/free-port.ts";
import { apiClient, bodyOf, type ApiClient } from "../support/http-client.ts";
import { startMailCapture } from "../support/mail-capture.ts";
import { finishedJobs } from "../support/outbox.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";

/**
 * Nothing acknowledged is lost: the help desk runs as a process of its own, and the test kills what it depends
 * on (or the process itself) mid-work, then counts what reached the outside world (mail at an SMTP sink, SLA
 * breaches on the timeline). Every "250 OK" and every 201 must end as exactly one mail.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** The process's API, signed in as the admin child-server.ts creates. */
async function signIn(server: ServerProcess): Promise<ApiClient> {
  const login = await bodyOf(
    apiClient(server.url).api.auth.login.$post({ json: { email: "admin@fault.test", password: "fault-password-123" } }),
    200,
  );
  return apiClient(server.url, login.token);
}

const reply = (admin: ApiClient, ticketId: string, json: { body: string; internal?: boolean }) =>
  bodyOf(admin.api.tickets[":id"].messages.$post({ param: { id: ticketId }, json }), 201);

async function sendMail(server: ServerProcess, from: string, to: string, subject: string) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: server.smtpPort, ignoreTLS: true });
  try {
    const info = await transport.sendMail({
      from,
      to,
      subject,
      text: `${subject}: please help.`,
      messageId: `<${randomBytes(8).toString("hex")}@customer.test>`,
    });
    expect(info.response).toMatch(/^250/);
  } finally {
    transport.close();
  }
}

/** Tickets of the channel by customer address, once each of `addresses` has one. */
async function ticketsFor(admin: ApiClient, addresses: string[]) {
  return eventually(async () => {
    const list = await bodyOf(admin.api.tickets.$get({ query: { limit: "100" } }), 200);
    const byAddress = new Map<string, string>();
    for (const t of list.items) {
      if (t.customer.email) byAddress.set(t.customer.email, t.id);
    }
    for (const address of addresses) expect(byAddress.has(address)).toBe(true);
    return byAddress;
  }, 60_000);
}

function mailsTo(sink: Awaited<ReturnType<typeof startMailCapture>>, address: string) {
  return sink.received.filter((m) => m.envelope.to.includes(address));
}

describe("the embedded default (PGlite, in-process jobs) killed during a burst of replies", () => {
  test("after a restart every acknowledged reply and acknowledgement is sent, each exactly once", async () => {
    const sink = await startMailCapture();
    cleanups.push(() => sink.close());
    // The mail server refuses for now: every send is retried later, so every job is in flight when the kill comes.
    sink.reject(451, "4.3.2 Try again later");
    const dataDir = mkdtempSync(join(tmpdir(), "helpdesk-kill-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, SMTP_URL: sink.url };

    const first = await startServerProcess(env);
    cleanups.push(() => first.kill("SIGKILL"));
    const admin = await signIn(first);
    await bodyOf(
      admin.api.channels.$post({
        json: { kind: "email", name: "Support", address: "support@kill.test", settings: { acknowledgement: true } },
      }),
      201,
    );

    const customers = Array.from({ length: 8 }, (_, i) => `kill-${i}-${randomBytes(3).toString("hex")}@customer.test`);
    for (const [i, address] of customers.entries())
      await sendMail(first, address, "support@kill.test", `Order ${i} is late`);
    const byAddress = await ticketsFor(admin, customers);
    for (const address of customers)
      await reply(admin, byAddress.get(address)!, { body: "Sorry for the wait: it ships today." });
    // Every reply has been tried and refused at least once before the kill.
    await eventually(async () => expect(sink.rejectedCount()).toBeGreaterThanOrEqual(customers.length), 30_000);
    expect(sink.received).toHaveLength(0);

    expect((await first.kill("SIGKILL")).signal).toBe("SIGKILL");
    sink.accept();
    const second = await startServerProcess(env);
    cleanups.push(() => second.kill("SIGKILL"));

    // Each customer: the acknowledgement of their mail and the agent's reply.
    await eventually(async () => {
      for (const address of customers) expect(mailsTo(sink, address)).toHaveLength(2);
    }, 60_000);
    for (const address of customers) {
      const texts = mailsTo(sink, address).map((m) => m.parsed.text ?? "");
      expect(texts.join("\n---\n")).toContain("it ships today.");
    }
    // And nothing twice. The outbox is in the process's own PGlite, out of the test's reach: watch the sink for a
    // second, the relay's poll, within which a job handed over twice would have run again.
    await holdsFor(() => expect(sink.received).toHaveLength(customers.length * 2), { forMs: 1_000 });
    await second.kill("SIGTERM");
  });
});

/** A Redis of the test's own, without persistence, that it can kill and start again empty on the same port. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const client = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    retryStrategy: () => 100,
    maxRetriesPerRequest: null,
  });
  // Refused until the server listens: that is what the ping below waits out.
  client.on("error", () => {});
  await eventually(async () => expect(await client.ping()).toBe("PONG"), 10_000);
  client.disconnect();
  return child;
}

describe("Redis killed without persistence during a burst of mail, replies and SLA timers, then started empty", () => {
  test("every mail becomes a ticket, every reply is sent once, every SLA timer fires, and the schedules come back", async () => {
    const sink = await startMailCapture();
    cleanups.push(() => sink.close());
    sink.reject(451, "4.3.2 Try again later");
    const database: TestDatabase = await createTestDatabase();
    cleanups.push(() => database.drop());
    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    cleanups.push(async () => redis.kill("SIGKILL"));
    const prefix = `fault-${randomBytes(4).toString("hex")}`;
    const server = await startServerProcess({
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
    });
    cleanups.push(() => server.kill("SIGKILL"));
    const admin = await signIn(server);
    await bodyOf(
      admin.api.channels.$post({
        json: { kind: "email", name: "Support", address: "support@redis.test", settings: { acknowledgement: true } },
      }),
      201,
    );
    await bodyOf(
      admin.api.sla.policies.$post({
        json: { name: "Urgent in a minute", targets: { urgent: { firstResponseMinutes: 1 } } },
      }),
      201,
    );

    // Before the fault: mails in and answered (the replies wait on the refusing mail server, as delayed jobs in Redis).
    const before = Array.from({ length: 5 }, (_, i) => `before-${i}-${randomBytes(3).toString("hex")}@customer.test`);
    for (const [i, address] of before.entries()) await sendMail(server, address, "support@redis.test", `Question ${i}`);
    const byAddress = await ticketsFor(admin, before);
    for (const address of before) await reply(admin, byAddress.get(address)!, { body: `Answer for ${address}` });
    // Urgent tickets whose first response falls due in about 15 s: their breach timers are delayed jobs in Redis.
    const urgent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await bodyOf(
        admin.api.tickets.$post({
          json: {
            subject: `Down ${i}`,
            body: "Everything is down",
            customer: { email: `urgent-${i}@customer.test` },
            priority: "urgent",
          },
        }),
        201,
      );
      urgent.push(created.id);
    }
    const shift = sql`45 * interval '1 second'`;
    const db = database.handle.db;
    await db
      .update(tickets)
      .set({ createdAt: sql`${tickets.createdAt} - ${shift}` })
      .where(inArray(tickets.id, urgent));
    await db
      .update(messages)
      .set({ createdAt: sql`${messages.createdAt} - ${shift}` })
      .where(inArray(messages.ticketId, urgent));
    await db
      .update(ticketEvents)
      .set({ createdAt: sql`${ticketEvents.createdAt} - ${shift}` })
      .where(inArray(ticketEvents.ticketId, urgent));
    for (const id of urgent)
      await bodyOf(admin.api.tickets[":id"].$patch({ param: { id }, json: { tags: ["outage"] } }), 200);
    await eventually(async () => {
      const held = await db
        .select()
        .from(outboxJobs)
        .where(and(eq(outboxJobs.name, "sla.check_timer"), eq(outboxJobs.state, "dispatched")));
      expect(held.length).toBeGreaterThanOrEqual(urgent.length);
    });
    await eventually(async () => expect(sink.rejectedCount()).toBeGreaterThanOrEqual(before.length));

    // The fault: Redis dies with everything it held.
    redis.kill("SIGKILL");
    await new Promise((r) => redis.once("exit", r));

    // While it is down, mail is still accepted and replies still answer at once: Redis is not on the write path.
    const during = Array.from({ length: 5 }, (_, i) => `during-${i}-${randomBytes(3).toString("hex")}@customer.test`);
    for (const [i, address] of during.entries())
      await sendMail(server, address, "support@redis.test", `Question during ${i}`);
    const startedAt = Date.now();
    await reply(admin, urgent[0]!, { body: "Looking at it", internal: true });
    expect(Date.now() - startedAt).toBeLessThan(2_000);

    redis = await startRedis(redisPort);
    sink.accept();

    await ticketsFor(admin, [...before, ...during]);
    await eventually(async () => {
      for (const address of before) expect(mailsTo(sink, address)).toHaveLength(2);
      for (const address of during) expect(mailsTo(sink, address)).toHaveLength(1);
    }, 90_000);
    await eventually(async () => {
      const breaches = await db
        .select()
        .from(ticketEvents)
        .where(and(inArray(ticketEvents.ticketId, urgent), eq(ticketEvents.kind, "sla_breached")));
      expect(breaches).toHaveLength(urgent.length);
    }, 90_000);
    // The recurring jobs' schedules are back in the new Redis.
    const connection = new Redis({ port: redisPort, host: "127.0.0.1", maxRetriesPerRequest: null });
    const sla = new Queue("sla", { connection, prefix });
    try {
      await eventually(async () => expect(await sla.getJobScheduler("sla.sweep")).toBeTruthy(), 30_000);
    } finally {
      await sla.close();
      connection.disconnect();
    }
    // And nothing twice: once no mail job is waiting or running, every send there will be has happened.
    await finishedJobs(db, eq(outboxJobs.queue, "email-outbound"), 60_000);
    expect(sink.received).toHaveLength(before.length * 2 + during.length);
    // The process lived through it.
    expect(server.child.exitCode).toBeNull();
  });
});
