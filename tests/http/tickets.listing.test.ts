import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

let h: Harness;
let admin: SignedIn;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn("admin");
});
afterAll(() => h.close());

async function create(subject: string, extra: Record<string, unknown> = {}) {
  const res = await h.client.api.tickets.$post(
    { json: { subject, body: `Body of ${subject}`, customer: { email: uniqueEmail("c") }, ...extra } },
    { headers: admin.headers },
  );
  expect(res.status).toBe(201);
  return res.json();
}

async function page(query: Record<string, string>) {
  const res = await h.client.api.tickets.$get({ query }, { headers: admin.headers });
  expect(res.status).toBe(200);
  return res.json();
}

describe("keyset pagination", () => {
  test("walks every ticket exactly once, newest first, while new tickets keep arriving", async () => {
    const tag = `batch${Date.now()}`;
    const created = [];
    for (let i = 0; i < 23; i++) created.push(await create(`Batch ticket ${i}`, { tags: [tag] }));

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: { items: { number: number }[]; nextCursor: string | null } = await page({
        tag,
        limit: "5",
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...result.items.map((t) => t.number));
      cursor = result.nextCursor;
      pages++;
      // Tickets arriving between pages land before the cursor and never shift what follows.
      await create(`Arrived during paging ${pages}`, { tags: [tag] });
    } while (cursor);

    const expected = created.map((t) => t.number).sort((a, b) => b - a);
    expect(seen).toEqual(expected);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test("sort=updated pages by last change and stays stable too", async () => {
    const tag = `upd${Date.now()}`;
    const tickets = [];
    for (let i = 0; i < 6; i++) {
      tickets.push(await create(`Updated ${i}`, { tags: [tag] }));
      h.clock.advance(1000);
    }
    // Touch the oldest: it becomes the most recently updated.
    await h.client.api.tickets[":id"].$patch(
      { param: { id: tickets[0]!.id }, json: { priority: "high" } },
      { headers: admin.headers },
    );
    const first = await page({ tag, sort: "updated", limit: "4" });
    const second = await page({ tag, sort: "updated", limit: "4", cursor: first.nextCursor! });
    const order = [...first.items, ...second.items].map((t) => t.subject);
    expect(order).toEqual(["Updated 0", "Updated 5", "Updated 4", "Updated 3", "Updated 2", "Updated 1"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("filters", () => {
  test("status, priority, tag, assignee, team, customer and full-text q", async () => {
    const team = await h.team("Filters team", [admin.actor.id]);
    const email = uniqueEmail("filter-customer");
    const a = await create("Refund for damaged blender", { priority: "urgent", tags: ["refund"], customer: { email } });
    const b = await create("Cannot log in after password reset", { teamId: team.id, assigneeId: admin.actor.id });
    const c = await create("Question about invoice 2024-118", { customer: { email } });
    await h.client.api.tickets[":id"].$patch(
      { param: { id: c.id }, json: { status: "pending" } },
      { headers: admin.headers },
    );

    const ids = (r: { items: { id: string }[] }) => r.items.map((t) => t.id);
    expect(ids(await page({ priority: "urgent" }))).toContain(a.id);
    expect(ids(await page({ priority: "urgent" }))).not.toContain(b.id);
    expect(ids(await page({ status: "pending" }))).toEqual([c.id]);
    expect(ids(await page({ status: "new,pending", customer: a.customer.id }))).toEqual([c.id, a.id]);
    expect(ids(await page({ tag: "refund" }))).toEqual([a.id]);
    expect(ids(await page({ assignee: "me" }))).toEqual([b.id]);
    expect(ids(await page({ team: team.id }))).toEqual([b.id]);
    expect(ids(await page({ q: "password" }))).toEqual([b.id]);
    // Words in the message bodies are found too, and "#number" finds the ticket.
    expect(ids(await page({ q: "Body of Question" }))).toEqual([c.id]);
    expect(ids(await page({ q: `#${a.number}` }))).toEqual([a.id]);
    expect(ids(await page({ q: "blender refund" }))).toEqual([a.id]);
    expect(ids(await page({ q: "nonexistentwordxyz" }))).toEqual([]);
  });

  test("an unknown status in the filter is a 400", async () => {
    const res = await h.client.api.tickets.$get({ query: { status: "open,done" } }, { headers: admin.headers });
    expect(res.status).toBe(400);
  });
});

describe("merging", () => {
  test("moves the source's messages to the target, unites tags, closes the source, records both sides", async () => {
    const email = uniqueEmail("dup");
    const target = await create("Parcel missing", { customer: { email }, tags: ["shipping"] });
    const source = await create("Where is my parcel??", { customer: { email }, tags: ["angry"] });

    const res = await h.client.api.tickets[":id"].merge.$post(
      { param: { id: source.id }, json: { targetTicketId: target.id } },
      { headers: admin.headers },
    );
    expect(res.status).toBe(200);
    const merged = await res.json();
    expect(merged.source).toMatchObject({ status: "closed", mergedIntoId: target.id });
    expect(merged.target.tags.sort()).toEqual(["angry", "shipping"]);

    const detail = await (
      await h.client.api.tickets[":id"].$get({ param: { id: target.id } }, { headers: admin.headers })
    ).json();
    expect(detail.messages.map((m) => m.bodyText)).toEqual(["Body of Parcel missing", "Body of Where is my parcel??"]);
    expect(detail.events.at(-1)).toMatchObject({
      kind: "merged_from",
      data: { ticketId: source.id, number: source.number },
    });
    const sourceDetail = await (
      await h.client.api.tickets[":id"].$get({ param: { id: source.id } }, { headers: admin.headers })
    ).json();
    expect(sourceDetail.messages).toEqual([]);
    expect(sourceDetail.events.map((e) => e.kind)).toEqual(["created", "merged_into", "status_changed"]);

    // A merged ticket is final.
    const again = await h.client.api.tickets[":id"].$patch(
      { param: { id: source.id }, json: { status: "open" } },
      { headers: admin.headers },
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "TICKET_MERGED" } });
  });

  test.each([
    ["into itself", "self"],
    ["into a missing ticket", "missing"],
  ])("refuses a merge %s", async (_, kind) => {
    const source = await create("Merge edge case");
    const targetTicketId = kind === "self" ? source.id : "tkt_does_not_exist";
    const res = await h.client.api.tickets[":id"].merge.$post(
      { param: { id: source.id }, json: { targetTicketId } },
      { headers: admin.headers },
    );
    expect(res.status).toBe(kind === "self" ? 400 : 404);
  });
});
