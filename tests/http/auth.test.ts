import { sessions } from "@helpdesk/db";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness } from "../support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function login(email: string, password: string) {
  return h.app.request("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
}

describe("login", () => {
  test("sets an httpOnly session cookie and returns a bearer token; both authenticate", async () => {
    const agent = await h.signIn("agent");
    const res = await login(agent.email.toUpperCase(), "correct horse battery");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: { email: string; role: string } };
    expect(body.user).toMatchObject({ email: agent.email, role: "agent" });

    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^helpdesk_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const byCookie = await h.app.request("/api/me", { headers: { cookie: cookie.split(";")[0]! } });
    expect(byCookie.status).toBe(200);
    const byBearer = await h.app.request("/api/me", { headers: { authorization: `Bearer ${body.token}` } });
    expect(await byBearer.json()).toMatchObject({ email: agent.email });
  });

  test("stores only a hash of the session token", async () => {
    const agent = await h.signIn("agent");
    const rows = await h.db.select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.tokenHash === agent.token)).toBe(false);
  });

  test.each([
    ["wrong password", "correct horse battery!"],
    ["empty-ish password", " "],
  ])("rejects a %s with 401 INVALID_CREDENTIALS", async (_, password) => {
    const agent = await h.signIn("agent");
    const res = await login(agent.email, password);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "INVALID_CREDENTIALS" } });
  });

  test("an unknown e-mail gets the same answer as a wrong password", async () => {
    const res = await login("nobody@example.test", "whatever-password");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "INVALID_CREDENTIALS" } });
  });

  test("a deactivated user cannot sign in, and their open sessions stop working", async () => {
    const admin = await h.signIn("admin");
    const agent = await h.signIn("agent");
    const res = await h.client.api.users[":id"].$patch(
      { param: { id: agent.actor.id }, json: { active: false } },
      { headers: admin.headers },
    );
    expect(res.status).toBe(200);
    expect((await login(agent.email, "correct horse battery")).status).toBe(401);
    expect((await h.app.request("/api/me", { headers: agent.headers })).status).toBe(401);
  });
});

describe("logout", () => {
  test("ends the session", async () => {
    const agent = await h.signIn("agent");
    const out = await h.app.request("/api/auth/logout", { method: "POST", headers: agent.headers });
    expect(out.status).toBe(200);
    const after = await h.app.request("/api/tickets", { headers: agent.headers });
    expect(after.status).toBe(401);
  });
});

describe("authentication and roles", () => {
  test.each([
    ["GET", "/api/tickets"],
    ["POST", "/api/tickets"],
    ["GET", "/api/tickets/tkt_x"],
    ["GET", "/api/customers"],
    ["GET", "/api/organizations"],
    ["GET", "/api/me"],
    ["GET", "/api/users"],
    ["GET", "/api/notifications"],
  ])("%s %s without credentials is 401 with the error body", async (method, path) => {
    const res = await h.app.request(path, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "GET" ? undefined : "{}",
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(body.error.requestId).toMatch(/^req_/);
  });

  test("a forged token is 401", async () => {
    const res = await h.app.request("/api/tickets", { headers: { authorization: "Bearer not-a-real-token" } });
    expect(res.status).toBe(401);
  });

  test.each(["agent", "lead"] as const)("a %s may not create staff users (403)", async (role) => {
    const user = await h.signIn(role);
    const res = await h.client.api.users.$post(
      { json: { email: "new@example.test", name: "New", role: "admin", password: "long-enough-pw" } },
      { headers: user.headers },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  test("an admin may create staff users and teams", async () => {
    const admin = await h.signIn("admin");
    const team = await h.client.api.teams.$post({ json: { name: "Escalations" } }, { headers: admin.headers });
    expect(team.status).toBe(201);
    const teamBody = await team.json();
    const res = await h.client.api.users.$post(
      {
        json: {
          email: "Grace@Example.test",
          name: "Grace",
          role: "lead",
          password: "long-enough-pw",
          teamIds: [teamBody.id],
        },
      },
      { headers: admin.headers },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email: "grace@example.test", role: "lead", teamIds: [teamBody.id] });
    const again = await h.client.api.users.$post(
      { json: { email: "grace@example.test", name: "Grace 2", password: "long-enough-pw" } },
      { headers: admin.headers },
    );
    expect(again.status).toBe(409);
  });
});

describe("system routes", () => {
  test("health names the modes in use", async () => {
    const res = await h.app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      database: "postgres",
      queue: "in-process",
      search: "postgres",
      realtime: "in-memory",
      checks: { database: { status: "up", latencyMs: expect.any(Number) }, redis: null },
      backlog: { pending: 0, oldestSeconds: 0 },
    });
  });

  test("ready says 200 when the database answers", async () => {
    const res = await h.app.request("/api/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, database: "up", redis: null });
  });

  test("the OpenAPI document describes the health routes and the Idempotency-Key header", async () => {
    const doc = (await (await h.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      info: { description: string };
      components: { parameters?: Record<string, { name: string; in: string }> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/ready"]));
    expect(doc.components.parameters?.IdempotencyKey).toMatchObject({ name: "Idempotency-Key", in: "header" });
    expect(doc.info.description).toContain("Idempotency-Key");
  });

  test("the OpenAPI document describes the ticket routes", async () => {
    const res = await h.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/tickets",
        "/api/tickets/{id}",
        "/api/tickets/{id}/messages",
        "/api/tickets/{id}/merge",
        "/api/auth/login",
        "/api/customers",
      ]),
    );
    expect(doc.paths["/api/tickets"]).toHaveProperty("post");
    expect(doc.paths["/api/tickets/{id}"]).toHaveProperty("patch");
  });

  test("an unknown API route is a JSON 404", async () => {
    const res = await h.app.request("/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
