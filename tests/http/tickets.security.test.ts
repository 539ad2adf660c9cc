import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

/** An agent sees their teams' tickets, the unteamed queue and what is assigned to them; nothing else. */
let h: Harness;
let admin: SignedIn;
let billingAgent: SignedIn;
let supportAgent: SignedIn;
let lead: SignedIn;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  const billing = await h.team("Billing");
  const support = await h.team("Support");
  admin = await h.signIn("admin");
  lead = await h.signIn("lead");
  billingAgent = await h.signIn("agent", { teamIds: [billing.id] });
  supportAgent = await h.signIn("agent", { teamIds: [support.id] });
  const make = async (key: string, extra: Record<string, unknown>) => {
    const res = await h.client.api.tickets.$post(
      { json: { subject: key, body: "b", customer: { email: uniqueEmail() }, ...extra } },
      { headers: admin.headers },
    );
    ids[key] = (await res.json()).id;
  };
  await make("billing", { teamId: billing.id });
  await make("support", { teamId: support.id });
  await make("unteamed", {});
  await make("support-assigned-to-billing-agent", { assigneeId: billingAgent.actor.id });
});
afterAll(() => h.close());

describe("ticket visibility", () => {
  test("the inbox lists only what an agent may see", async () => {
    const list = await (await h.client.api.tickets.$get({ query: {} }, { headers: billingAgent.headers })).json();
    expect(list.items.map((t) => t.subject).sort()).toEqual([
      "billing",
      "support-assigned-to-billing-agent",
      "unteamed",
    ]);
  });

  test.each(["admin", "lead"] as const)("a %s sees every ticket", async (role) => {
    const user = role === "admin" ? admin : lead;
    const list = await (await h.client.api.tickets.$get({ query: {} }, { headers: user.headers })).json();
    expect(list.items).toHaveLength(4);
  });

  test("another team's ticket is 404 to read, change, reply to or merge, and stays unchanged", async () => {
    const id = ids.support!;
    const read = await h.client.api.tickets[":id"].$get({ param: { id } }, { headers: billingAgent.headers });
    expect(read.status).toBe(404);
    const patch = await h.client.api.tickets[":id"].$patch(
      { param: { id }, json: { status: "solved" } },
      { headers: billingAgent.headers },
    );
    expect(patch.status).toBe(404);
    const reply = await h.client.api.tickets[":id"].messages.$post(
      { param: { id }, json: { body: "hi" } },
      { headers: billingAgent.headers },
    );
    expect(reply.status).toBe(404);
    const merge = await h.client.api.tickets[":id"].merge.$post(
      { param: { id: ids.billing! }, json: { targetTicketId: id } },
      { headers: billingAgent.headers },
    );
    expect(merge.status).toBe(404);

    const asOwner = await (
      await h.client.api.tickets[":id"].$get({ param: { id } }, { headers: supportAgent.headers })
    ).json();
    expect(asOwner.status).toBe("new");
    expect(asOwner.messages).toHaveLength(1);
  });

  test("filtering by another team does not leak its tickets", async () => {
    const list = await (
      await h.client.api.tickets.$get({ query: { q: "support" } }, { headers: billingAgent.headers })
    ).json();
    expect(list.items.map((t) => t.subject)).toEqual(["support-assigned-to-billing-agent"]);
  });
});
