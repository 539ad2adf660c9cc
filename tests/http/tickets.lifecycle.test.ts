import { messages, notifications, ticketEvents, tickets } from "@helpdesk/db";
import { receiveCustomerMessage } from "@helpdesk/api/domain";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

let h: Harness;
let lead: SignedIn;
let agent: SignedIn;
let teamId: string;

beforeAll(async () => {
  h = await createHarness();
  const team = await h.team("Support");
  teamId = team.id;
  lead = await h.signIn("lead", { name: "Lena Lead" });
  agent = await h.signIn("agent", { teamIds: [teamId], name: "Sam Agent" });
});
afterAll(() => h.close());

async function openTicket(overrides: Record<string, unknown> = {}) {
  const res = await h.client.api.tickets.$post(
    {
      json: {
        subject: "Order #5521 never arrived",
        body: "Hi,\n\nmy parcel was due last week.\nCan you check?",
        customer: { email: uniqueEmail("customer"), name: "Carla Customer" },
        ...overrides,
      },
    },
    { headers: lead.headers },
  );
  expect(res.status).toBe(201);
  return res.json();
}

describe("creating a ticket", () => {
  test("returns the ticket with id and human number, stores the first message and a created event", async () => {
    const ticket = await openTicket({ priority: "high", tags: ["Shipping", "shipping"] });
    expect(ticket.id).toMatch(/^tkt_/);
    expect(ticket.number).toBeGreaterThanOrEqual(1001);
    expect(ticket).toMatchObject({ status: "new", priority: "high", tags: ["shipping"], assignee: null });
    expect(ticket.customer).toMatchObject({ name: "Carla Customer" });

    const [message] = await h.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    expect(message).toMatchObject({ direction: "inbound", authorKind: "customer", internal: false });
    expect(message!.bodyHtml).toBe("<p>Hi,</p><p>my parcel was due last week.<br>Can you check?</p>");

    const events = await h.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.map((e) => e.kind)).toEqual(["created"]);
    expect(events[0]!.actorUserId).toBe(lead.actor.id);
  });

  test("finds the existing customer by e-mail instead of creating a second one", async () => {
    const email = uniqueEmail("repeat");
    const first = await openTicket({ customer: { email } });
    const second = await openTicket({ customer: { email: email.toUpperCase(), name: "Other Name" } });
    expect(second.customer.id).toBe(first.customer.id);
  });

  test("numbers increase", async () => {
    const a = await openTicket();
    const b = await openTicket();
    expect(b.number).toBeGreaterThan(a.number);
  });
});

describe("a ticket's life", () => {
  test("assign, reply, note, pending, customer answer, solve, close: every step on the timeline", async () => {
    const ticket = await openTicket();

    // Assigning a new ticket opens it and notifies the assignee (through a job).
    const assigned = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: { teamId, assigneeId: agent.actor.id, priority: "urgent" } },
      { headers: lead.headers },
    );
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({
      status: "open",
      priority: "urgent",
      assignee: { id: agent.actor.id, name: "Sam Agent" },
      team: { id: teamId, name: "Support" },
    });
    await h.jobs.drain();
    const [notification] = await h.db.select().from(notifications).where(eq(notifications.ticketId, ticket.id));
    expect(notification).toMatchObject({ userId: agent.actor.id, kind: "ticket.assigned" });

    // The agent replies in Markdown; raw HTML in it is neutralised.
    h.clock.advance(5 * 60_000);
    const reply = await h.client.api.tickets[":id"].messages.$post(
      {
        param: { id: ticket.id },
        json: { body: "**Sorry!** It ships today. <script>alert(1)</script>", status: "pending" },
      },
      { headers: agent.headers },
    );
    expect(reply.status).toBe(201);
    const replied = await reply.json();
    expect(replied.message).toMatchObject({ direction: "outbound", internal: false, author: { name: "Sam Agent" } });
    expect(replied.message.bodyHtml).toContain("<strong>Sorry!</strong>");
    expect(replied.message.bodyHtml).not.toContain("<script");
    expect(replied.ticket.status).toBe("pending");
    expect(replied.ticket.firstResponseAt).toBe(h.clock.now().toISOString());

    // An internal note changes neither status nor first response.
    h.clock.advance(60_000);
    const note = await h.client.api.tickets[":id"].messages.$post(
      { param: { id: ticket.id }, json: { body: "Courier confirmed pickup.", internal: true } },
      { headers: agent.headers },
    );
    expect((await note.json()).ticket).toMatchObject({
      status: "pending",
      firstResponseAt: replied.ticket.firstResponseAt,
    });

    // The customer answers: pending comes back to open.
    h.clock.advance(60 * 60_000);
    const answer = await receiveCustomerMessage(h.deps, {
      ticketId: ticket.id,
      body: "Thanks, got it!",
      externalId: "ext-1",
    });
    expect(answer.ticket.status).toBe("open");
    const again = await receiveCustomerMessage(h.deps, {
      ticketId: ticket.id,
      body: "Thanks, got it!",
      externalId: "ext-1",
    });
    expect(again.duplicate).toBe(true);
    expect(again.message.id).toBe(answer.message.id);

    // Solve, then close: closed is final.
    const solved = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: { status: "solved" } },
      { headers: agent.headers },
    );
    expect((await solved.json()).solvedAt).not.toBeNull();
    const closed = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: { status: "closed" } },
      { headers: agent.headers },
    );
    expect((await closed.json()).closedAt).not.toBeNull();
    const afterClose = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: { priority: "low" } },
      { headers: agent.headers },
    );
    expect(afterClose.status).toBe(409);
    expect(await afterClose.json()).toMatchObject({ error: { code: "TICKET_CLOSED" } });
    const replyAfterClose = await h.client.api.tickets[":id"].messages.$post(
      { param: { id: ticket.id }, json: { body: "hello?" } },
      { headers: agent.headers },
    );
    expect(replyAfterClose.status).toBe(409);

    // The full ticket: thread in order (note included for staff) and the audit trail.
    const detail = await (
      await h.client.api.tickets[":id"].$get({ param: { id: ticket.id } }, { headers: lead.headers })
    ).json();
    expect(detail.messages.map((m) => [m.authorKind, m.internal])).toEqual([
      ["customer", false],
      ["agent", false],
      ["agent", true],
      ["customer", false],
    ]);
    expect(detail.events.map((e) => [e.kind, e.data.from ?? null, e.data.to ?? null])).toEqual([
      ["created", null, null],
      ["priority_changed", "normal", "urgent"],
      ["team_changed", null, teamId],
      ["assignee_changed", null, agent.actor.id],
      ["status_changed", "new", "open"],
      ["status_changed", "open", "pending"],
      ["status_changed", "pending", "open"],
      ["status_changed", "open", "solved"],
      ["status_changed", "solved", "closed"],
    ]);
    expect(detail.events.find((e) => e.kind === "assignee_changed")!.actor).toMatchObject({
      kind: "user",
      name: "Lena Lead",
    });
    expect(detail.events.filter((e) => e.kind === "status_changed")[2]!.actor.kind).toBe("system");

    // Realtime fan-out went through the job runner.
    await h.jobs.drain();
    const types = h.published.filter((e) => "ticket" in e && e.ticket.id === ticket.id).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["ticket.created", "ticket.updated", "message.created"]));
    expect(h.published.some((e) => e.type === "notification.created" && e.userId === agent.actor.id)).toBe(true);
  });

  test("tags and custom fields: replace tags, merge fields, null removes a field", async () => {
    const ticket = await openTicket({ tags: ["refund"], customFields: { orderId: "5521", vip: false } });
    const res = await h.client.api.tickets[":id"].$patch(
      {
        param: { id: ticket.id },
        json: { tags: ["refund", "vip"], customFields: { vip: true, orderId: null, region: "EU" } },
      },
      { headers: lead.headers },
    );
    const updated = await res.json();
    expect(updated.tags).toEqual(["refund", "vip"]);
    expect(updated.customFields).toEqual({ vip: true, region: "EU" });
    const events = await h.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticket.id))
      .orderBy(asc(ticketEvents.createdAt));
    expect(events.find((e) => e.kind === "tags_changed")!.data).toMatchObject({ added: ["vip"], removed: [] });
  });

  test("an assignee outside the ticket's team is refused with 422", async () => {
    const outsider = await h.signIn("agent");
    const ticket = await openTicket({ teamId });
    const res = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: { assigneeId: outsider.actor.id } },
      { headers: lead.headers },
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "ASSIGNEE_NOT_IN_TEAM" } });
    const [row] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.assigneeId).toBeNull();
  });

  test("moving a ticket to another team unassigns an assignee who is not in it", async () => {
    const other = await h.team("Billing");
    const ticket = await openTicket({ teamId, assigneeId: agent.actor.id });
    const res = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: { teamId: other.id } },
      { headers: lead.headers },
    );
    expect(await res.json()).toMatchObject({ team: { id: other.id }, assignee: null });
  });
});

describe("invalid input", () => {
  test.each([
    ["an empty subject", { subject: "", body: "x", customer: { email: "a@example.test" } }, "subject"],
    ["a malformed e-mail", { subject: "s", body: "x", customer: { email: "not-an-email" } }, "customer"],
    [
      "an unknown priority",
      { subject: "s", body: "x", customer: { email: "a@example.test" }, priority: "asap" },
      "priority",
    ],
    [
      "a tag with spaces",
      { subject: "s", body: "x", customer: { email: "a@example.test" }, tags: ["two words"] },
      "tags",
    ],
  ])("creating with %s is 400 VALIDATION_FAILED naming the field", async (_, body, field) => {
    const res = await h.app.request("/api/tickets", {
      method: "POST",
      headers: { ...lead.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; details: { path: string[] }[] } };
    expect(json.error.code).toBe("VALIDATION_FAILED");
    expect(json.error.details.map((d) => d.path[0])).toContain(field);
  });

  test("malformed JSON is a 400 with the error body, not a crash", async () => {
    const res = await h.app.request("/api/tickets", {
      method: "POST",
      headers: { ...lead.headers, "content-type": "application/json" },
      body: "{ not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test("an empty patch is 400", async () => {
    const ticket = await openTicket();
    const res = await h.client.api.tickets[":id"].$patch(
      { param: { id: ticket.id }, json: {} },
      { headers: lead.headers },
    );
    expect(res.status).toBe(400);
  });

  test("an unknown ticket is 404 TICKET_NOT_FOUND", async () => {
    const res = await h.client.api.tickets[":id"].$get({ param: { id: "tkt_missing" } }, { headers: lead.headers });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "TICKET_NOT_FOUND" } });
  });

  test("a garbage cursor is 400 INVALID_CURSOR", async () => {
    const res = await h.client.api.tickets.$get({ query: { cursor: "%%%garbage" } }, { headers: lead.headers });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "INVALID_CURSOR" } });
  });
});
