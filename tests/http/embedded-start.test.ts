import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiClient, bodyOf } from "../support/http-client.ts";
import { testServerConfig } from "../support/server-config.ts";

/** No DATABASE_URL, no REDIS_URL: embedded PGlite in a data folder and in-process jobs, as on a fresh clone. */
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const dataDir = mkdtempSync(join(tmpdir(), "helpdesk-embedded-"));
let server: HelpdeskServer;

/** The help desk as a client sees it, signed in as the demo admin (or not at all). */
const client = (token?: string) => apiClient(server.url, token);
async function signIn() {
  return (
    await bodyOf(client().api.auth.login.$post({ json: { email: "admin@example.com", password: "demo1234" } }), 200)
  ).token;
}

beforeAll(async () => {
  server = await startHelpdesk(testServerConfig({ DATA_DIR: dataDir, SEED_DEMO_DATA: "true" }), {
    logger: silent,
    serveWeb: false,
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the product on embedded defaults", () => {
  test("reports its modes, seeds the demo, and runs the core ticket flow", async () => {
    expect(await bodyOf(client().api.health.$get(), 200)).toEqual({
      status: "ok",
      database: "pglite",
      queue: "in-process",
      search: "postgres",
      realtime: "in-memory",
      checks: { database: { status: "up", latencyMs: expect.any(Number) }, redis: null },
      backlog: { pending: expect.any(Number), oldestSeconds: expect.any(Number) },
    });
    expect(await bodyOf(client().api.ready.$get(), 200)).toEqual({ ready: true, database: "up", redis: null });

    const admin = client(await signIn());
    const demo = await bodyOf(admin.api.tickets.$get({ query: { limit: "100" } }), 200);
    expect(demo.items.length).toBe(100);
    expect(demo.nextCursor).not.toBeNull();

    const created = await bodyOf(
      admin.api.tickets.$post({
        json: {
          subject: "Embedded flow",
          body: "Does it work without Postgres?",
          customer: { email: "embedded@example.test", name: "Em Bedded" },
        },
      }),
      201,
    );
    await bodyOf(
      admin.api.tickets[":id"].messages.$post({
        param: { id: created.id },
        json: { body: "It does.", status: "solved" },
      }),
      201,
    );
    const detail = await bodyOf(admin.api.tickets[":id"].$get({ param: { id: created.id } }), 200);
    expect(detail).toMatchObject({ status: "solved", customer: { name: "Em Bedded" } });
    expect(detail.messages.map((m) => m.bodyText)).toEqual(["Does it work without Postgres?", "It does."]);
    const found = await bodyOf(admin.api.tickets.$get({ query: { q: "Postgres" } }), 200);
    expect(found.items.map((t) => t.id)).toEqual([created.id]);
  });

  test("keeps its data across a restart and does not seed twice", async () => {
    const countBefore = (await bodyOf(client(await signIn()).api.users.$get(), 200)).items.length;
    await server.close();
    server = await startHelpdesk(testServerConfig({ DATA_DIR: dataDir, SEED_DEMO_DATA: "true" }), {
      logger: silent,
      serveWeb: false,
    });
    const admin = client(await signIn());
    expect((await bodyOf(admin.api.users.$get(), 200)).items.length).toBe(countBefore);
    const found = await bodyOf(admin.api.tickets.$get({ query: { q: "Embedded" } }), 200);
    expect(found.items).toHaveLength(1);
  }, 120_000);
});
