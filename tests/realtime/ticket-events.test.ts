import { randomBytes } from "node:crypto";
import { createTeam } from "@helpdesk/api/domain";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually } from "../support/eventually.ts";
import { uniqueEmail } from "../support/harness.ts";
import { apiClient, bodyOf } from "../support/http-client.ts";
import { startWorkerProcess, type WorkerProcess } from "../support/server-process.ts";
import { dropRedisKeys, redisUrl } from "../support/services.ts";
import { testAppSecret, testServerConfig } from "../support/server-config.ts";
import { closeAllSockets, silent, staffSocket, staffToken } from "./support.ts";

afterAll(() => closeAllSockets());

describe("one instance, in-process jobs", () => {
  let database: TestDatabase;
  let server: HelpdeskServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startHelpdesk(testServerConfig({ DATABASE_URL: database.url }), { logger: silent, serveWeb: false });
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  test("staff receive ticket and message events for what they may see, and nothing else", async () => {
    const billing = await createTeam(server.deps, { name: "Billing" });
    const support = await createTeam(server.deps, { name: "Support" });
    const leadToken = await staffToken(server, "lead");
    const billingAgent = await staffSocket(server.url, await staffToken(server, "agent", [billing.id]));
    const supportAgent = await staffSocket(server.url, await staffToken(server, "agent", [support.id]));
    const lead = await staffSocket(server.url, leadToken);
    const asLead = apiClient(server.url, leadToken);

    const created = await bodyOf(
      asLead.api.tickets.$post({
        json: {
          subject: "Invoice is wrong",
          body: "Charged twice",
          customer: { email: uniqueEmail() },
          teamId: billing.id,
        },
      }),
      201,
    );
    await bodyOf(
      asLead.api.tickets[":id"].messages.$post({ param: { id: created.id }, json: { body: "Looking into it" } }),
      201,
    );

    await eventually(() => {
      expect(billingAgent.received.length).toBeGreaterThanOrEqual(3);
      expect(lead.received.length).toBeGreaterThanOrEqual(2);
    });
    expect(billingAgent.received.map((r) => r.event)).toEqual(["ticket.created", "message.created", "ticket.updated"]);
    expect(billingAgent.of("message.created")[0]).toMatchObject({
      ticket: { id: created.id },
      message: { bodyText: "Looking into it" },
    });
    expect(lead.received.map((r) => r.event)).toContain("ticket.created");

    // Moving it to Support: Support now sees it, and Billing is told it left their view.
    await bodyOf(asLead.api.tickets[":id"].$patch({ param: { id: created.id }, json: { teamId: support.id } }), 200);
    await eventually(() => {
      expect(supportAgent.received.length).toBeGreaterThanOrEqual(1);
      expect(billingAgent.received.length).toBeGreaterThanOrEqual(4);
    });
    expect(supportAgent.received.map((r) => r.event)).toEqual(["ticket.updated"]);
    expect(billingAgent.received.at(-1)).toMatchObject({
      event: "ticket.updated",
      args: [{ previous: { teamId: billing.id }, ticket: { team: { id: support.id } } }],
    });

    // Nothing from Billing-only tickets ever reached the Support agent before the move.
    expect(supportAgent.received.some((r) => r.event === "ticket.created" || r.event === "message.created")).toBe(
      false,
    );
  });

  test("a connection without a valid session is refused", async () => {
    const socket = connect(server.url, {
      path: "/socket.io",
      auth: { token: "forged" },
      transports: ["websocket"],
      reconnection: false,
    });
    try {
      const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
      expect(error.message).toBe("UNAUTHENTICATED");
    } finally {
      socket.disconnect();
    }
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
    await dropRedisKeys(prefix);
  });

  test("a change made through one instance reaches an agent connected to the other", async () => {
    const health = await bodyOf(apiClient(first.url).api.health.$get(), 200);
    expect(health).toMatchObject({ status: "ok", queue: "bullmq", realtime: "redis-adapter", database: "postgres" });

    const adminToken = await staffToken(first, "admin");
    const onSecond = await staffSocket(second.url, await staffToken(first, "agent"));
    const created = await bodyOf(
      apiClient(first.url, adminToken).api.tickets.$post({
        json: { subject: "Across instances", body: "Hello from instance one", customer: { email: uniqueEmail() } },
      }),
      201,
    );
    const [event] = await eventually(() => {
      const events = onSecond.of("ticket.created");
      expect(events).not.toHaveLength(0);
      return events;
    });
    expect(event).toMatchObject({ ticket: { id: created.id, subject: "Across instances" } });
  });
});

describe("workers in their own process (RUN_WORKERS=false on the API)", () => {
  let database: TestDatabase;
  let server: HelpdeskServer;
  let worker: WorkerProcess;
  const prefix = `wk-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The API's APP_SECRET: the worker opens what the API sealed (and writes no key into ./data).
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, APP_SECRET: testAppSecret };
    server = await startHelpdesk(testServerConfig({ ...env, RUN_WORKERS: "false" }), {
      logger: silent,
      serveWeb: false,
    });
    worker = await startWorkerProcess(env);
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await server.close();
    await database.drop();
    await dropRedisKeys(prefix);
  });

  test("the worker process runs the fan-out job and the event reaches the API's sockets through Redis", async () => {
    const adminToken = await staffToken(server, "admin");
    const lead = await staffSocket(server.url, await staffToken(server, "lead"));
    const created = await bodyOf(
      apiClient(server.url, adminToken).api.tickets.$post({
        json: { subject: "Pushed by the worker", body: "b", customer: { email: uniqueEmail() } },
      }),
      201,
    );
    await eventually(() => expect(lead.of("ticket.created").map((e) => e.ticket.id)).toContain(created.id), 10_000);
  });
});
