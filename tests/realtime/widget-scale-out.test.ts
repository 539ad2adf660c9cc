import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { messages, outboundEmails } from "@helpdesk/db";
import { createChatRateLimiter } from "@helpdesk/api/realtime";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { eq, inArray } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { uniqueEmail } from "../support/harness.ts";
import { redisUrl } from "../support/services.ts";
import { testAppSecret, testServerConfig } from "../support/server-config.ts";
import { api, closeAllSockets, createChatChannel, openWidget, silent, staffSocket, staffToken, waitFor } from "./widget-support.ts";

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
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

test("visitor on instance A, agent on instance B: messages, typing, presence and availability cross over Redis", async () => {
  expect(instanceA.url).not.toBe(instanceB.url);
  const health = await (await fetch(`${instanceA.url}/api/health`)).json();
  expect(health).toMatchObject({ queue: "bullmq", realtime: "redis-adapter", database: "postgres" });

  const adminToken = await staffToken(instanceB, "admin");
  const channel = await createChatChannel(instanceB, adminToken);
  await api(instanceB, adminToken, "POST", "/api/channels", { kind: "email", name: "Support", address: `support-${prefix}@helpdesk.example` });

  const visitor = await openWidget(instanceA.url, { channelId: channel.id });
  expect(visitor.session.channel.agentsAvailable).toBe(false);

  // The agent connects to B: A's widget hears that agents are available, and A's channel info agrees.
  const agent = await staffSocket(instanceB.url, adminToken);
  await waitFor(() => visitor.of("availability").some(([p]) => p.agentsAvailable), "availability across instances");
  // A caches "anyone online?" for a second; within that it may still answer from before the agent came.
  let available = false;
  for (let i = 0; i < 30 && !available; i++) {
    available = (await api(instanceA, null, "GET", `/api/widget/channels/${channel.id}`)).body.agentsAvailable;
    if (!available) await new Promise((r) => setTimeout(r, 100));
  }
  expect(available).toBe(true);

  // Visitor -> agent.
  const first = await visitor.send("x-1", "Hello from instance A");
  expect(first.ok).toBe(true);
  const ticketId = visitor.of("message")[0]![1].ticketId as string;
  await waitFor(() => agent.of("ticket.created").some((e) => e.ticket.id === ticketId), "ticket.created on B", 10_000);
  await visitor.send("x-2", "Second line");
  await waitFor(() => agent.of("message.created").some((e) => e.message.bodyText === "Second line"), "message.created on B", 10_000);

  // Typing both ways.
  visitor.socket.emit("typing", { typing: true });
  await waitFor(() => agent.of("chat.visitor_typing").length > 0, "visitor typing on B");
  agent.socket.emit("chat.typing", { ticketId, typing: true });
  await waitFor(() => visitor.of("typing").length > 0, "agent typing on A");

  // Agent (through B's HTTP API) -> visitor on A, in order; the visitor is connected, so nothing is mailed.
  const address = uniqueEmail("visitor");
  await visitor.call("visitor.update", { email: address });
  for (const body of ["Answer one", "Answer two", "Answer three"]) {
    expect((await api(instanceB, adminToken, "POST", `/api/tickets/${ticketId}/messages`, { body })).status).toBe(201);
  }
  await waitFor(() => visitor.of("message").filter(([m]) => m.author === "agent").length >= 3, "agent replies on A", 10_000);
  // BullMQ runs pushes concurrently: the widget orders by createdAt, and so do we here.
  const replies = visitor
    .of("message")
    .filter(([m]) => m.author === "agent")
    .map(([m]) => m)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  expect(replies.map((m) => m.text)).toEqual(["Answer one", "Answer two", "Answer three"]);

  // The reply-by-mail job ran on one of the instances and found the visitor connected on A.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await database.handle.db.select().from(outboundEmails).where(eq(outboundEmails.ticketId, ticketId))).toHaveLength(0);

  // Visitor presence reaches the agent when the last tab closes.
  visitor.socket.disconnect();
  await waitFor(() => agent.of("chat.visitor_presence").some((p) => p.online === false), "visitor left");
  const late = await api(instanceB, adminToken, "POST", `/api/tickets/${ticketId}/messages`, { body: "Are you still there?" });
  expect(late.status).toBe(201);
  let mailed = 0;
  const deadline = Date.now() + 10_000;
  while (mailed === 0 && Date.now() < deadline) {
    mailed = (await database.handle.db.select().from(outboundEmails).where(eq(outboundEmails.ticketId, ticketId))).length;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(mailed).toBe(1);
  const stored = await database.handle.db.select().from(messages).where(eq(messages.ticketId, ticketId));
  expect(stored.filter((m) => m.direction === "inbound").map((m) => m.bodyText).sort()).toEqual(["Hello from instance A", "Second line"]);
}, 60_000);

test("one visitor's tabs on two instances sending their first messages at once open one conversation", async () => {
  const adminToken = await staffToken(instanceA, "admin");
  const channel = await createChatChannel(instanceA, adminToken);
  const tabA = await openWidget(instanceA.url, { channelId: channel.id });
  const tabB = await openWidget(instanceB.url, { channelId: channel.id, visitorToken: tabA.session.visitorToken });
  for (let round = 0; round < 5; round++) {
    // Each round ends the conversation, so the next first messages race to open a new one.
    const [a, b] = await Promise.all([tabA.send(`race-a-${round}`, `From tab A, round ${round}`), tabB.send(`race-b-${round}`, `From tab B, round ${round}`)]);
    expect(a.ok && b.ok).toBe(true);
    const ids = [a, b].map((r) => (r.ok ? r.data.id : ""));
    const rows = await database.handle.db.select({ ticketId: messages.ticketId }).from(messages).where(inArray(messages.id, ids));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(1);
    expect((await tabA.call("conversation.end", {})).ok).toBe(true);
  }
});

describe("workers in their own process", () => {
  let db2: TestDatabase;
  let api2: HelpdeskServer;
  let worker: ChildProcess;
  const workerPrefix = `chatwk-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    db2 = await createTestDatabase();
    const env = { DATABASE_URL: db2.url, REDIS_URL: redisUrl, QUEUE_PREFIX: workerPrefix, APP_SECRET: testAppSecret };
    api2 = await startHelpdesk(testServerConfig({ ...env, RUN_WORKERS: "false" }), { logger: silent, serveWeb: false });
    worker = spawn(process.execPath, ["--import", "tsx", "workers/src/main.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    worker.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      worker.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("workers running") && resolve());
      worker.on("exit", (code) => reject(new Error(`worker exited with ${code}: ${stderr.slice(-2000)}`)));
    });
  }, 60_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await new Promise((r) => worker.once("exit", r));
    }
    await api2?.close();
    await db2?.drop();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${workerPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  test("the worker pushes agent replies to the widget and asks the API whether the visitor is still there before mailing", async () => {
    const adminToken = await staffToken(api2, "admin");
    const channel = await createChatChannel(api2, adminToken);
    await api(api2, adminToken, "POST", "/api/channels", { kind: "email", name: "Support", address: `support-${workerPrefix}@helpdesk.example` });
    const visitor = await openWidget(api2.url, { channelId: channel.id });
    await visitor.send("w-1", "Hello worker");
    await visitor.call("visitor.update", { email: uniqueEmail("visitor") });
    const ticketId = visitor.of("message")[0]![1].ticketId as string;

    await api(api2, adminToken, "POST", `/api/tickets/${ticketId}/messages`, { body: "Pushed by the worker" });
    await waitFor(() => visitor.of("message").some(([m]) => m.text === "Pushed by the worker"), "reply through the emitter", 10_000);
    const [pushed] = visitor.of("message").find(([m]) => m.text === "Pushed by the worker")!;
    await new Promise((r) => setTimeout(r, 1500));
    const mails = () => db2.handle.db.select().from(outboundEmails).where(eq(outboundEmails.ticketId, ticketId));
    expect(await mails()).toHaveLength(0);
    expect(pushed.agent).toMatchObject({ avatarUrl: null });

    visitor.socket.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    await api(api2, adminToken, "POST", `/api/tickets/${ticketId}/messages`, { body: "Mailed by the worker" });
    let count = 0;
    for (let i = 0; i < 100 && count === 0; i++) {
      count = (await mails()).length;
      if (count === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(count).toBe(1);
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
