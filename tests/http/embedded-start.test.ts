import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testServerConfig } from "../support/server-config.ts";

/** No DATABASE_URL, no REDIS_URL: embedded PGlite in a data folder and in-process jobs, as on a fresh clone. */
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const dataDir = mkdtempSync(join(tmpdir(), "helpdesk-embedded-"));
let server: HelpdeskServer;

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  server = await startHelpdesk(testServerConfig({ DATA_DIR: dataDir, SEED_DEMO_DATA: "true" }), { logger: silent, serveWeb: false });
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the product on embedded defaults", () => {
  test("reports its modes, seeds the demo, and runs the core ticket flow", async () => {
    expect((await call("GET", "/api/health")).body).toEqual({
      status: "ok",
      database: "pglite",
      queue: "in-process",
      search: "postgres",
      realtime: "in-memory",
      checks: { database: { status: "up", latencyMs: expect.any(Number) }, redis: null },
      backlog: { pending: expect.any(Number), oldestSeconds: expect.any(Number) },
    });
    expect((await call("GET", "/api/ready")).body).toEqual({ ready: true, database: "up", redis: null });

    const login = await call("POST", "/api/auth/login", undefined, { email: "admin@example.com", password: "demo1234" });
    expect(login.status).toBe(200);
    const token = login.body.token as string;

    const demo = await call("GET", "/api/tickets?limit=100", token);
    expect(demo.body.items.length).toBe(100);
    expect(demo.body.nextCursor).not.toBeNull();

    const created = await call("POST", "/api/tickets", token, {
      subject: "Embedded flow",
      body: "Does it work without Postgres?",
      customer: { email: "embedded@example.test", name: "Em Bedded" },
    });
    expect(created.status).toBe(201);
    const reply = await call("POST", `/api/tickets/${created.body.id}/messages`, token, { body: "It does.", status: "solved" });
    expect(reply.status).toBe(201);
    const detail = await call("GET", `/api/tickets/${created.body.id}`, token);
    expect(detail.body).toMatchObject({ status: "solved", customer: { name: "Em Bedded" } });
    expect(detail.body.messages.map((m: { bodyText: string }) => m.bodyText)).toEqual(["Does it work without Postgres?", "It does."]);
    const found = await call("GET", "/api/tickets?q=Postgres", token);
    expect(found.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
  });

  test("keeps its data across a restart and does not seed twice", async () => {
    const before = await call("POST", "/api/auth/login", undefined, { email: "admin@example.com", password: "demo1234" });
    const countBefore = (await call("GET", "/api/users", before.body.token)).body.items.length;
    await server.close();
    server = await startHelpdesk(testServerConfig({ DATA_DIR: dataDir, SEED_DEMO_DATA: "true" }), { logger: silent, serveWeb: false });
    const login = await call("POST", "/api/auth/login", undefined, { email: "admin@example.com", password: "demo1234" });
    expect((await call("GET", "/api/users", login.body.token)).body.items.length).toBe(countBefore);
    const found = await call("GET", "/api/tickets?q=Embedded", login.body.token);
    expect(found.body.items).toHaveLength(1);
  }, 120_000);
});
