import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createTeam, createUser, logIn, type DomainEvent } from "@helpdesk/api/domain";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { Redis } from "ioredis";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { uniqueEmail } from "../support/harness.ts";
import { redisUrl } from "../support/services.ts";
import { testAppSecret, testServerConfig } from "../support/server-config.ts";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const sockets: Socket[] = [];

async function staff(server: HelpdeskServer, role: "admin" | "lead" | "agent", teamIds: string[] = []) {
  const email = uniqueEmail(role);
  await createUser(server.deps, { email, name: `${role} ${email.slice(0, 8)}`, role, password: "password-123", teamIds });
  const { token } = await logIn(server.deps, { email, password: "password-123" });
  return token;
}

/** A connected client that records every event it receives. */
async function listen(url: string, token: string) {
  const received: DomainEvent[] = [];
  const socket = connect(url, { path: "/socket.io", auth: { token }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  socket.onAny((_name, payload: DomainEvent) => received.push(payload));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return received;
}

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for realtime events");
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function api(server: HelpdeskServer, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

afterAll(() => {
  for (const socket of sockets) socket.disconnect();
});

describe("one instance, in-process jobs", () => {
  let database: TestDatabase;
  let server: HelpdeskServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startHelpdesk(
      testServerConfig({ DATABASE_URL: database.url }),
      { logger: silent, serveWeb: false },
    );
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  test("staff receive ticket and message events for what they may see, and nothing else", async () => {
    const billing = await createTeam(server.deps, { name: "Billing" });
    const support = await createTeam(server.deps, { name: "Support" });
    const leadToken = await staff(server, "lead");
    const billingAgent = await listen(server.url, await staff(server, "agent", [billing.id]));
    const supportAgent = await listen(server.url, await staff(server, "agent", [support.id]));
    const lead = await listen(server.url, leadToken);

    const created = await api(server, leadToken, "POST", "/api/tickets", {
      subject: "Invoice is wrong",
      body: "Charged twice",
      customer: { email: uniqueEmail() },
      teamId: billing.id,
    });
    expect(created.status).toBe(201);
    const reply = await api(server, leadToken, "POST", `/api/tickets/${created.body.id}/messages`, { body: "Looking into it" });
    expect(reply.status).toBe(201);

    await waitFor(() => billingAgent.length >= 3 && lead.length >= 2);
    expect(billingAgent.map((e) => e.type)).toEqual(["ticket.created", "message.created", "ticket.updated"]);
    const message = billingAgent.find((e) => e.type === "message.created");
    expect(message).toMatchObject({ ticket: { id: created.body.id }, message: { bodyText: "Looking into it" } });
    expect(lead.map((e) => e.type)).toContain("ticket.created");

    // Moving it to Support: Support now sees it, and Billing is told it left their view.
    await api(server, leadToken, "PATCH", `/api/tickets/${created.body.id}`, { teamId: support.id });
    await waitFor(() => supportAgent.length >= 1 && billingAgent.length >= 4);
    expect(supportAgent.map((e) => e.type)).toEqual(["ticket.updated"]);
    expect(billingAgent.at(-1)).toMatchObject({ type: "ticket.updated", previous: { teamId: billing.id }, ticket: { team: { id: support.id } } });

    // Nothing from Billing-only tickets ever reached the Support agent before the move.
    expect(supportAgent.some((e) => e.type === "ticket.created" || e.type === "message.created")).toBe(false);
  });

  test("a connection without a valid session is refused", async () => {
    const socket = connect(server.url, { path: "/socket.io", auth: { token: "forged" }, transports: ["websocket"], reconnection: false });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toBe("UNAUTHENTICATED");
  });
});

describe("two instances sharing Redis (BullMQ + socket.io Redis adapter)", () => {
  let database: TestDatabase;
  let first: HelpdeskServer;
  let second: HelpdeskServer;
  const prefix = `rt-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
    };
    first = await startHelpdesk(testServerConfig(env), { logger: silent, serveWeb: false });
    second = await startHelpdesk(testServerConfig(env), { logger: silent, serveWeb: false });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  test("a change made through one instance reaches an agent connected to the other", async () => {
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", queue: "bullmq", realtime: "redis-adapter", database: "postgres" });

    const adminToken = await staff(first, "admin");
    const onSecond = await listen(second.url, await staff(first, "agent"));
    const created = await api(first, adminToken, "POST", "/api/tickets", {
      subject: "Across instances",
      body: "Hello from instance one",
      customer: { email: uniqueEmail() },
    });
    expect(created.status).toBe(201);
    await waitFor(() => onSecond.some((e) => e.type === "ticket.created"));
    expect(onSecond.find((e) => e.type === "ticket.created")).toMatchObject({ ticket: { id: created.body.id, subject: "Across instances" } });
  });
});

describe("workers in their own process (RUN_WORKERS=false on the API)", () => {
  let database: TestDatabase;
  let server: HelpdeskServer;
  let worker: ChildProcess;
  const prefix = `wk-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The API's APP_SECRET: the worker opens what the API sealed (and writes no key into ./data).
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, APP_SECRET: testAppSecret };
    server = await startHelpdesk(
      testServerConfig({ ...env, RUN_WORKERS: "false" }),
      { logger: silent, serveWeb: false },
    );
    worker = spawn(process.execPath, ["--import", "tsx", "workers/src/main.ts"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      worker.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("workers running") && resolve());
      worker.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
  }, 60_000);
  afterAll(async () => {
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
    await server.close();
    await database.drop();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  test("the worker process runs the fan-out job and the event reaches the API's sockets through Redis", async () => {
    const adminToken = await staff(server, "admin");
    const lead = await listen(server.url, await staff(server, "lead"));
    const created = await api(server, adminToken, "POST", "/api/tickets", {
      subject: "Pushed by the worker",
      body: "b",
      customer: { email: uniqueEmail() },
    });
    await waitFor(() => lead.some((e) => e.type === "ticket.created"), 10_000);
    expect(lead.find((e) => e.type === "ticket.created")).toMatchObject({ ticket: { id: created.body.id } });
  });
});
