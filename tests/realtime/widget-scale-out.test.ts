import { randomBytes } from "node:crypto";
import { messages, outboundEmails, outboxJobs, type Database } from "@helpdesk/db";
import { emailChatReply } from "@helpdesk/api/domain";
import { createChatRateLimiter } from "@helpdesk/api/realtime";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually } from "../support/eventually.ts";
import { uniqueEmail } from "../support/harness.ts";
import { apiClient, bodyOf } from "../support/http-client.ts";
import { finishedJobs } from "../support/outbox.ts";
import { startWorkerProcess, type WorkerProcess } from "../support/server-process.ts";
import { dropRedisKeys, redisUrl } from "../support/services.ts";
import { testAppSecret, testServerConfig } from "../support/server-config.ts";
import {
  closeAllSockets,
  createChatChannel,
  openWidget,
  silent,
  staffSocket,
  staffToken,
  ticketOf,
} from "./support.ts";

let database: TestDatabase;
let instanceA: HelpdeskServer;
let instanceB: HelpdeskServer;
const prefix = `chat-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix };
  instanceA = await startHelpdesk(testServerConfig(env), { logger: silent, serveWeb: false });
  instanceB = await startHelpdesk(testServerConfig(env), { logger: silent, serveWeb: false });
}, 60_000);

afterAll(async () => {
  closeAllSockets();
  await instanceA?.close();
  await instanceB?.close();
  await database?.drop();
  await dropRedisKeys(prefix);
});

/** The reply-by-mail jobs of these replies, once each has run: whether it mailed is decided by then. */
async function chatMailJobsRun(db: Database, replyIds: string[]) {
  const jobs = await finishedJobs(
    db,
    and(eq(outboxJobs.name, emailChatReply.name), inArray(sql`${outboxJobs.payload}->>'messageId'`, replyIds)),
    20_000,
  );
  expect(jobs.map((j) => j.state)).toEqual(replyIds.map(() => "done"));
}

const mailsOf = (db: Database, ticketId: string) =>
  db.select().from(outboundEmails).where(eq(outboundEmails.ticketId, ticketId));

test("visitor on instance A, agent on instance B: messages, typing, presence and availability cross over Redis", async () => {
  expect(instanceA.url).not.toBe(instanceB.url);
  expect(await bodyOf(apiClient(instanceA.url).api.health.$get(), 200)).toMatchObject({
    queue: "bullmq",
    realtime: "redis-adapter",
    database: "postgres",
  });

  const adminToken = await staffToken(instanceB, "admin");
  const onB = apiClient(instanceB.url, adminToken);
  const reply = (body: string) =>
    bodyOf(onB.api.tickets[":id"].messages.$post({ param: { id: ticketId }, json: { body } }), 201);
  const channel = await createChatChannel(instanceB, adminToken);
  await bodyOf(
    onB.api.channels.$post({ json: { kind: "email", name: "Support", address: `support-${prefix}@helpdesk.example` } }),
    201,
  );

  const visitor = await openWidget(instanceA.url, { channelId: channel.id });
  expect(visitor.session.channel.agentsAvailable).toBe(false);

  // The agent connects to B: A's widget hears that agents are available, and A's channel info agrees.
  const agent = await staffSocket(instanceB.url, adminToken);
  await eventually(() =>
    expect(
      visitor.of("availability").some(([p]) => p.agentsAvailable),
      "availability across instances",
    ).toBe(true),
  );
  // A caches "anyone online?" for a second; within that it may still answer from before the agent came.
  const channelInfo = apiClient(instanceA.url).api.widget.channels[":channelId"];
  await eventually(
    async () =>
      expect(await bodyOf(channelInfo.$get({ param: { channelId: channel.id } }), 200)).toMatchObject({
        agentsAvailable: true,
      }),
    3_000,
    100,
  );

  // Visitor -> agent.
  const first = await visitor.send("x-1", "Hello from instance A");
  expect(first.ok).toBe(true);
  const ticketId = ticketOf(visitor);
  await eventually(
    () =>
      expect(
        agent.of("ticket.created").map((e) => e.ticket.id),
        "ticket.created on B",
      ).toContain(ticketId),
    10_000,
  );
  await visitor.send("x-2", "Second line");
  await eventually(
    () =>
      expect(
        agent.of("message.created").map((e) => e.message.bodyText),
        "message.created on B",
      ).toContain("Second line"),
    10_000,
  );

  // Typing both ways.
  visitor.socket.emit("typing", { typing: true });
  await eventually(() => expect(agent.of("chat.visitor_typing"), "visitor typing on B").not.toHaveLength(0));
  agent.socket.emit("chat.typing", { ticketId, typing: true });
  await eventually(() => expect(visitor.of("typing"), "agent typing on A").not.toHaveLength(0));

  // Agent (through B's HTTP API) -> visitor on A, in order; the visitor is connected, so nothing is mailed.
  const address = uniqueEmail("visitor");
  await visitor.call("visitor.update", { email: address });
  const answers: string[] = [];
  for (const body of ["Answer one", "Answer two", "Answer three"]) answers.push((await reply(body)).message.id);
  await eventually(
    () =>
      expect(
        visitor.of("message").filter(([m]) => m.author === "agent").length,
        "agent replies on A",
      ).toBeGreaterThanOrEqual(3),
    10_000,
  );
  // BullMQ runs pushes concurrently: the widget orders by createdAt, and so do we here.
  const replies = visitor
    .of("message")
    .filter(([m]) => m.author === "agent")
    .map(([m]) => m)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  expect(replies.map((m) => m.text)).toEqual(["Answer one", "Answer two", "Answer three"]);

  // The reply-by-mail jobs ran on one of the instances and found the visitor connected on A.
  await chatMailJobsRun(database.handle.db, answers);
  expect(await mailsOf(database.handle.db, ticketId)).toHaveLength(0);

  // Visitor presence reaches the agent when the last tab closes.
  visitor.socket.disconnect();
  await eventually(() =>
    expect(
      agent.of("chat.visitor_presence").some((p) => p.online === false),
      "visitor left",
    ).toBe(true),
  );
  const late = await reply("Are you still there?");
  await chatMailJobsRun(database.handle.db, [late.message.id]);
  expect(await mailsOf(database.handle.db, ticketId)).toHaveLength(1);
  const stored = await database.handle.db.select().from(messages).where(eq(messages.ticketId, ticketId));
  expect(
    stored
      .filter((m) => m.direction === "inbound")
      .map((m) => m.bodyText)
      .sort(),
  ).toEqual(["Hello from instance A", "Second line"]);
}, 60_000);

test("one visitor's tabs on two instances sending their first messages at once open one conversation", async () => {
  const adminToken = await staffToken(instanceA, "admin");
  const channel = await createChatChannel(instanceA, adminToken);
  const tabA = await openWidget(instanceA.url, { channelId: channel.id });
  const tabB = await openWidget(instanceB.url, { channelId: channel.id, visitorToken: tabA.session.visitorToken });
  for (let round = 0; round < 5; round++) {
    // Each round ends the conversation, so the next first messages race to open a new one.
    const [a, b] = await Promise.all([
      tabA.send(`race-a-${round}`, `From tab A, round ${round}`),
      tabB.send(`race-b-${round}`, `From tab B, round ${round}`),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const ids = [a, b].map((r) => (r.ok ? r.data.id : ""));
    const rows = await database.handle.db
      .select({ ticketId: messages.ticketId })
      .from(messages)
      .where(inArray(messages.id, ids));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(1);
    expect((await tabA.call("conversation.end", {})).ok).toBe(true);
  }
});

describe("workers in their own process", () => {
  let db2: TestDatabase;
  let api2: HelpdeskServer;
  let worker: WorkerProcess;
  const workerPrefix = `chatwk-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    db2 = await createTestDatabase();
    const env = { DATABASE_URL: db2.url, REDIS_URL: redisUrl, QUEUE_PREFIX: workerPrefix, APP_SECRET: testAppSecret };
    api2 = await startHelpdesk(testServerConfig({ ...env, RUN_WORKERS: "false" }), { logger: silent, serveWeb: false });
    worker = await startWorkerProcess(env);
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await api2?.close();
    await db2?.drop();
    await dropRedisKeys(workerPrefix);
  });

  test("the worker pushes agent replies to the widget and asks the API whether the visitor is still there before mailing", async () => {
    const adminToken = await staffToken(api2, "admin");
    const asAdmin = apiClient(api2.url, adminToken);
    const reply = (body: string) =>
      bodyOf(asAdmin.api.tickets[":id"].messages.$post({ param: { id: ticketId }, json: { body } }), 201);
    const channel = await createChatChannel(api2, adminToken);
    await bodyOf(
      asAdmin.api.channels.$post({
        json: { kind: "email", name: "Support", address: `support-${workerPrefix}@helpdesk.example` },
      }),
      201,
    );
    const agent = await staffSocket(api2.url, adminToken);
    const visitor = await openWidget(api2.url, { channelId: channel.id });
    await visitor.send("w-1", "Hello worker");
    await visitor.call("visitor.update", { email: uniqueEmail("visitor") });
    const ticketId = ticketOf(visitor);

    const online = await reply("Pushed by the worker");
    const [pushed] = await eventually(() => {
      const found = visitor.of("message").find(([m]) => m.text === "Pushed by the worker");
      expect(found, "the reply through the emitter").toBeDefined();
      return found!;
    }, 10_000);
    await chatMailJobsRun(db2.handle.db, [online.message.id]);
    expect(await mailsOf(db2.handle.db, ticketId)).toHaveLength(0);
    expect(pushed.agent).toMatchObject({ avatarUrl: null });

    visitor.socket.disconnect();
    // The worker asks the API's sockets through Redis, as an agent opening the chat does: wait until the answer is no.
    await eventually(async () => expect(await agent.presence(ticketId)).toEqual({ online: false }));
    const offline = await reply("Mailed by the worker");
    await chatMailJobsRun(db2.handle.db, [offline.message.id]);
    expect(await mailsOf(db2.handle.db, ticketId)).toHaveLength(1);
  }, 60_000);
});

describe.each([
  ["Redis (shared by instances)", true],
  ["memory (one process)", false],
])("chat rate limits in %s", (_name, withRedis) => {
  test("per visitor and per IP, in fixed windows", async () => {
    const client = withRedis ? new Redis(redisUrl) : null;
    try {
      const limits = { perVisitor: 3, perIp: 5, windowMs: 3_600_000 };
      const limiter = createChatRateLimiter(limits, client ? { client, prefix: `${prefix}-rl` } : undefined);
      const sameIp = "198.51.100.7";
      const first = [];
      for (let i = 0; i < 4; i++) first.push(await limiter.allow("vis_aaaaaaaaaaaaaaaa", sameIp));
      expect(first).toEqual([true, true, true, false]);
      // Another visitor behind the same address: the address had 4 of its 5.
      expect(await limiter.allow("vis_bbbbbbbbbbbbbbbb", sameIp)).toBe(true);
      expect(await limiter.allow("vis_cccccccccccccccc", sameIp)).toBe(false);
      expect(await limiter.allow("vis_cccccccccccccccc", "203.0.113.9")).toBe(true);
      if (client) {
        // A second instance shares the counters.
        const other = createChatRateLimiter(limits, { client, prefix: `${prefix}-rl` });
        expect(await other.allow("vis_aaaaaaaaaaaaaaaa", "203.0.113.10")).toBe(false);
      }
    } finally {
      if (client) {
        const keys = await client.keys(`${prefix}-rl:*`);
        if (keys.length > 0) await client.del(...keys);
        await client.quit();
      }
    }
  });
});
