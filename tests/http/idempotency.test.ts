import { randomUUID } from "node:crypto";
import {
  createCustomer,
  openTicketFromCustomer,
  resolvePortalChannel,
  startCustomerSession,
} from "@helpdesk/api/domain";
import { idempotencyKeys, messages, tickets } from "@helpdesk/db";
import { and, count, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually } from "../support/eventually.ts";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

let h: Harness;
let lead: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  lead = await h.signIn("lead");
  admin = await h.signIn("admin");
});
afterAll(() => h.close());

function ticketBody(subject: string, overrides: Record<string, unknown> = {}) {
  return {
    subject,
    body: "My parcel never arrived.",
    customer: { email: uniqueEmail("customer"), name: "Carla Customer" },
    ...overrides,
  };
}

/** POST /api/tickets through the app, as a client would send it (a JSON string, so a retry is the same bytes). */
function postTicket(who: SignedIn, body: unknown, key?: string, path = "/api/tickets") {
  return h.app.request(path, {
    method: "POST",
    headers: { ...who.headers, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });
}

async function ticketsWithSubject(subject: string): Promise<number> {
  const [row] = await h.db.select({ n: count() }).from(tickets).where(eq(tickets.subject, subject));
  return row!.n;
}

const uniqueSubject = (what: string) => `${what} ${randomUUID()}`;

describe("Idempotency-Key on POST /api/tickets", () => {
  test("the same key and request twice make one ticket; the retry gets the first response, marked as replayed", async () => {
    const subject = uniqueSubject("Twice");
    const body = ticketBody(subject);
    const key = randomUUID();

    const first = await postTicket(lead, body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = await first.text();

    const retry = await postTicket(lead, body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(await retry.text()).toBe(firstBody);
    expect(await ticketsWithSubject(subject)).toBe(1);
  });

  test("without a key, the same request twice makes two tickets", async () => {
    const subject = uniqueSubject("No key");
    const body = ticketBody(subject);
    expect((await postTicket(lead, body)).status).toBe(201);
    expect((await postTicket(lead, body)).status).toBe(201);
    expect(await ticketsWithSubject(subject)).toBe(2);
  });

  test("the same key with another body, or on another path, is 422 IDEMPOTENCY_KEY_REUSED and runs nothing", async () => {
    const subject = uniqueSubject("Reused");
    const key = randomUUID();
    const body = ticketBody(subject);
    expect((await postTicket(lead, body, key)).status).toBe(201);

    const otherBody = await postTicket(lead, { ...body, subject: `${subject} (edited)` }, key);
    expect(otherBody.status).toBe(422);
    expect(await otherBody.json()).toMatchObject({
      error: {
        code: "IDEMPOTENCY_KEY_REUSED",
        details: { method: "POST", path: "/api/tickets" },
        requestId: expect.stringMatching(/^req_/),
      },
    });

    const otherPath = await postTicket(lead, body, key, "/api/customers");
    expect(otherPath.status).toBe(422);
    expect((await otherPath.json()).error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    expect(await ticketsWithSubject(subject)).toBe(1);
    expect(await ticketsWithSubject(`${subject} (edited)`)).toBe(0);
  });

  test("keys belong to their caller: another user's same key is a request of its own", async () => {
    const subject = uniqueSubject("Two callers");
    const key = randomUUID();
    const body = ticketBody(subject);

    const mine = await postTicket(lead, body, key);
    const theirs = await postTicket(admin, body, key);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect((await theirs.json()).id).not.toBe((await mine.json()).id);
    expect(await ticketsWithSubject(subject)).toBe(2);

    const rows = await h.db
      .select({ scope: idempotencyKeys.scope })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(rows.map((r) => r.scope).sort()).toEqual([`user:${admin.actor.id}`, `user:${lead.actor.id}`].sort());
  });

  test("concurrent requests with one key make one ticket; the others are told it is in progress or get the replay", async () => {
    const subject = uniqueSubject("Concurrent");
    const key = randomUUID();
    const body = ticketBody(subject);

    const responses = await Promise.all(Array.from({ length: 6 }, () => postTicket(lead, body, key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    for (const res of responses.filter((r) => r.status === 409)) {
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await res.json()).error.code).toBe("IDEMPOTENCY_KEY_IN_PROGRESS");
    }
    const created = responses.filter((r) => r.status === 201);
    const ids = new Set(await Promise.all(created.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(await ticketsWithSubject(subject)).toBe(1);
  });

  test("a retry while the first request still runs is 409 IDEMPOTENCY_KEY_IN_PROGRESS with Retry-After; afterwards it replays", async () => {
    const subject = uniqueSubject("In flight");
    const key = randomUUID();
    const body = ticketBody(subject);
    // Hold the first request inside its transaction: another connection locks the tickets table.
    const locker = postgres(h.database.url, { max: 1, onnotice: () => {} });
    try {
      let first!: Response | Promise<Response>;
      await locker.begin(async (tx) => {
        await tx`lock table tickets in exclusive mode`;
        first = postTicket(lead, body, key);
        await eventually(async () => {
          const [row] = await h.db
            .select()
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.scope, `user:${lead.actor.id}`), eq(idempotencyKeys.key, key)));
          expect(row).toMatchObject({ responseStatus: null });
        });
        const during = await postTicket(lead, body, key);
        expect(during.status).toBe(409);
        expect(during.headers.get("retry-after")).toBe("1");
        expect((await during.json()).error.code).toBe("IDEMPOTENCY_KEY_IN_PROGRESS");
      });
      expect((await first).status).toBe(201);
    } finally {
      await locker.end();
    }
    const after = await postTicket(lead, body, key);
    expect(after.status).toBe(201);
    expect(after.headers.get("idempotent-replayed")).toBe("true");
    expect(await ticketsWithSubject(subject)).toBe(1);
  });

  test("a request refused before it ran (400) keeps no response: the corrected request may use the same key", async () => {
    const subject = uniqueSubject("Corrected");
    const key = randomUUID();
    const invalid = await postTicket(lead, ticketBody(subject, { customer: { email: "not an address" } }), key);
    expect(invalid.status).toBe(400);
    const fixed = await postTicket(lead, ticketBody(subject), key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
    expect(await ticketsWithSubject(subject)).toBe(1);
  });

  test("a key expires after 24 hours: the same request then runs again", async () => {
    const subject = uniqueSubject("Expired");
    const key = randomUUID();
    const body = ticketBody(subject);
    expect((await postTicket(lead, body, key)).status).toBe(201);
    h.clock.advance(23 * 60 * 60 * 1000);
    expect((await postTicket(lead, body, key)).headers.get("idempotent-replayed")).toBe("true");
    h.clock.advance(60 * 60 * 1000 + 60_000);
    const later = await postTicket(lead, body, key);
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(await ticketsWithSubject(subject)).toBe(2);
  });

  test("a key that is too long or empty is 400; without a signed-in caller the key is ignored and the route answers 401", async () => {
    const tooLong = await postTicket(lead, ticketBody(uniqueSubject("Long key")), "k".repeat(256));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", details: { header: "Idempotency-Key" } },
    });

    const anonymous = await h.app.request("/api/tickets", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify(ticketBody(uniqueSubject("Anonymous"))),
    });
    expect(anonymous.status).toBe(401);
  });
});

describe("Idempotency-Key on the portal", () => {
  test("a customer's multipart reply retried with the same key (a new form, so a new boundary) is one message", async () => {
    const customer = await createCustomer(h.deps, {
      name: "Rita Retry",
      email: uniqueEmail("customer"),
      organizationId: null,
    });
    const { token } = await startCustomerSession(h.deps, customer.id);
    const channel = await resolvePortalChannel(h.db);
    const { ticket } = await openTicketFromCustomer(h.deps, {
      channelId: channel.id,
      customerId: customer.id,
      subject: "Where is it?",
      body: "Where is my parcel?",
      attachments: [],
    });
    const key = randomUUID();
    const text = `Any news? ${randomUUID()}`;
    const reply = () => {
      const form = new FormData();
      form.set("body", text);
      form.append("files", new File([new TextEncoder().encode("tracking: 42")], "note.txt", { type: "text/plain" }));
      return h.app.request(`/api/portal/tickets/${ticket.number}/replies`, {
        method: "POST",
        body: form,
        headers: { cookie: `helpdesk_portal_session=${token}`, "idempotency-key": key },
      });
    };

    const first = await reply();
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const retry = await reply();
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.text()).toBe(firstBody);

    const [row] = await h.db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.ticketId, ticket.id), eq(messages.bodyText, text)));
    expect(row!.n).toBe(1);
    const keys = await h.db
      .select({ scope: idempotencyKeys.scope })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(keys).toEqual([{ scope: `customer:${customer.id}` }]);
  });
});
