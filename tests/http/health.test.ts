import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUser } from "@helpdesk/api/domain";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { isDatabaseUnavailableError, outboxJobs } from "@helpdesk/db";
import { sql } from "drizzle-orm";
import type { ClientResponse } from "hono/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually } from "../support/eventually.ts";
import { freePort } from "../support/free-port.ts";
import { uniqueEmail } from "../support/harness.ts";
import { apiClient, bodyOf, type ApiClient } from "../support/http-client.ts";
import { testServerConfig } from "../support/server-config.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const serverOnly = { SEED_DEMO_DATA: "false", SMTP_LISTEN: "false", RUN_WORKERS: "false" };

/** A response that must have `status`: its typed body, its headers, and how long it took to arrive whole. */
async function timed<R extends ClientResponse<unknown, number, string>, S extends number>(
  request: Promise<R>,
  status: S,
) {
  const started = performance.now();
  const res = await request;
  const body = await bodyOf(res, status);
  return { body, headers: res.headers, ms: performance.now() - started };
}

describe("health when Redis does not answer", () => {
  let database: TestDatabase;
  let server: HelpdeskServer;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), "helpdesk-health-"));
    const closedPort = await freePort();
    server = await startHelpdesk(
      testServerConfig({
        ...serverOnly,
        DATABASE_URL: database.url,
        REDIS_URL: `redis://127.0.0.1:${closedPort}`,
        DATA_DIR: dataDir,
      }),
      { logger: silent, serveWeb: false },
    );
  });
  afterAll(async () => {
    // Quitting a Redis client that never connected can wait for ever; the test's database goes either way.
    await Promise.race([server?.close(), new Promise((r) => setTimeout(r, 3_000))]);
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("/api/health answers within 2 s, degraded, naming Redis; /api/ready is 503", async () => {
    const health = await timed(apiClient(server.url).api.health.$get(), 200);
    expect(health.ms).toBeLessThan(2_000);
    expect(health.body).toMatchObject({
      status: "degraded",
      database: "postgres",
      queue: "bullmq",
      checks: { database: { status: "up" }, redis: { status: "down" } },
      backlog: { pending: 0, oldestSeconds: 0 },
    });

    const ready = await timed(apiClient(server.url).api.ready.$get(), 503);
    expect(ready.ms).toBeLessThan(2_000);
    expect(ready.body).toEqual({ ready: false, database: "up", redis: "down" });
  });

  test("the backlog counts outbox jobs that are due and pending, with the age of the oldest", async () => {
    await database.handle.db.insert(outboxJobs).values([
      { name: "test.job", queue: "default", payload: {}, runAt: new Date(Date.now() - 90_000) },
      { name: "test.job", queue: "default", payload: {}, runAt: new Date(Date.now() - 10_000) },
      // Not due yet, and finished: neither counts.
      { name: "test.job", queue: "default", payload: {}, runAt: new Date(Date.now() + 3_600_000) },
      { name: "test.job", queue: "default", payload: {}, state: "done", runAt: new Date(Date.now() - 600_000) },
    ]);
    const { backlog } = await bodyOf(apiClient(server.url).api.health.$get(), 200);
    expect(backlog?.pending).toBe(2);
    expect(backlog?.oldestSeconds).toBeGreaterThanOrEqual(89);
    expect(backlog?.oldestSeconds).toBeLessThan(120);
  });
});

describe("Postgres going away and coming back", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: HelpdeskServer;
  let dataDir: string;
  let admin: ApiClient;
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on("uncaughtException", recordUncaught);
    database = await createTestDatabase();
    proxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(database.url).port || 5432) });
    const throughProxy = new URL(database.url);
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    dataDir = mkdtempSync(join(tmpdir(), "helpdesk-outage-"));
    server = await startHelpdesk(
      testServerConfig({ ...serverOnly, DATABASE_URL: throughProxy.toString(), DATA_DIR: dataDir }),
      {
        logger: silent,
        serveWeb: false,
      },
    );
    const email = uniqueEmail("outage");
    await createUser(server.deps, {
      email,
      name: "Olga Outage",
      role: "admin",
      password: "correct horse battery",
      teamIds: [],
    });
    const login = await bodyOf(
      apiClient(server.url).api.auth.login.$post({ json: { email, password: "correct horse battery" } }),
      200,
    );
    admin = apiClient(server.url, login.token);
  });
  afterAll(async () => {
    process.off("uncaughtException", recordUncaught);
    await proxy?.restore();
    await server?.close();
    await proxy?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const listTickets = <S extends number>(status: S) => timed(admin.api.tickets.$get({ query: {} }), status);

  test("refused connections: requests fail fast with 503 and Retry-After, health says so, and all is well once it is back", async () => {
    await listTickets(200);

    // A transaction in flight when the connection drops: postgres.js 3.4.9 unpatched crashes the process here.
    const inFlight = server.deps.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await tx.execute(sql`select pg_sleep(10)`);
    });
    await eventually(async () => {
      const [row] = await database.handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`pg_stat_activity`)
        .where(sql`datname = ${database.name} and query like 'select pg_sleep%' and state = 'active'`);
      expect(row?.n).toBe(1);
    });
    await proxy.cut();
    const failed = await inFlight.then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailableError(failed)).toBe(true);

    const down = await listTickets(503);
    expect(down.ms).toBeLessThan(3_000);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(down.body).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String), requestId: expect.stringMatching(/^req_/) },
    });

    const ticket = {
      subject: "During the outage",
      body: "Anyone there?",
      customer: { email: uniqueEmail("customer") },
    };
    const newTicket = () => admin.api.tickets.$post({ json: ticket }, { headers: { "idempotency-key": "outage-1" } });
    const write = await timed(newTicket(), 503);
    expect(write.body.error.code).toBe("SERVICE_UNAVAILABLE");

    const health = await timed(apiClient(server.url).api.health.$get(), 200);
    expect(health.ms).toBeLessThan(2_000);
    expect(health.body).toMatchObject({
      status: "degraded",
      checks: { database: { status: "down" }, redis: null },
      backlog: null,
    });
    const ready = await timed(apiClient(server.url).api.ready.$get(), 503);
    expect(ready.body).toEqual({ ready: false, database: "down", redis: null });

    await proxy.restore();
    const back = await eventually(() => listTickets(200), 5_000);
    expect(back.body.items).toEqual([]);
    await bodyOf(apiClient(server.url).api.ready.$get(), 200);
    // The write that got a 503 kept no claim on its key: it runs now.
    const retried = await timed(newTicket(), 201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(uncaught).toEqual([]);
  }, 30_000);

  test("a database that accepts connections but never answers: health still answers within 2 s, requests 503 after the connect timeout", async () => {
    await proxy.stall();
    try {
      // Let the pool see its connections dropped: the request below has to open one, which never answers. The one
      // fixed wait left in tests/: postgres.js tells no one when it has taken a closed socket out of its pool, and
      // a half-close the proxy could watch for is not answered by every client socket.
      await new Promise((r) => setTimeout(r, 300));
      const request = listTickets(503);
      // Meanwhile the pool is stuck connecting: the probe's query waits for a connection, up to its timeout.
      await eventually(() => expect(proxy.connections(), "connections the stalled proxy holds").toBeGreaterThan(0));
      const health = await timed(apiClient(server.url).api.health.$get(), 200);
      expect(health.ms).toBeLessThan(2_000);
      expect(health.body).toMatchObject({ status: "degraded", checks: { database: { status: "down" } } });

      const down = await request;
      expect(down.headers.get("retry-after")).toBe("5");
      // connect_timeout is 5 s (postgres.js would wait 30 s).
      expect(down.ms).toBeGreaterThan(3_000);
      expect(down.ms).toBeLessThan(8_000);
    } finally {
      await proxy.restore();
    }
    await eventually(() => listTickets(200), 10_000);
    expect(uncaught).toEqual([]);
  }, 30_000);
});
