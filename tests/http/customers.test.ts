import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

let h: Harness;
let agent: SignedIn;
let lead: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness();
  [agent, lead, admin] = await Promise.all([h.signIn("agent"), h.signIn("lead"), h.signIn("admin")]);
});
afterAll(() => h.close());

describe("organizations and customers", () => {
  test("create, search, get and update; one customer reachable on several channels", async () => {
    const org =
      await // An organization's domain is an admin's to set (see tests/http/authorization.test.ts for who may do what).
      (
        await h.client.api.organizations.$post(
          { json: { name: "Acme Robotics", domain: "Acme-Robotics.com" } },
          { headers: admin.headers },
        )
      ).json();
    expect(org).toMatchObject({ name: "Acme Robotics", domain: "acme-robotics.com", customerCount: 0 });

    const email = uniqueEmail("wile");
    const created = await h.client.api.customers.$post(
      {
        json: {
          name: "Wile E. Coyote",
          email,
          organizationId: org.id,
          identities: [{ kind: "whatsapp", value: "+1 555 0100" }],
        },
      },
      { headers: agent.headers },
    );
    expect(created.status).toBe(201);
    const customer = await created.json();
    expect(customer).toMatchObject({ email, organization: { id: org.id, name: "Acme Robotics" } });
    expect(customer.identities.map((i) => i.kind)).toEqual(["email", "whatsapp"]);

    // A ticket for the same address lands on the same customer.
    const ticket = await (
      await h.client.api.tickets.$post(
        { json: { subject: "Rocket skates", body: "They misfire.", customer: { email } } },
        { headers: agent.headers },
      )
    ).json();
    expect(ticket.customer.id).toBe(customer.id);

    const found = await (
      await h.client.api.customers.$get({ query: { q: "coyo" } }, { headers: agent.headers })
    ).json();
    expect(found.items.map((c) => c.id)).toEqual([customer.id]);
    const byPhone = await (
      await h.client.api.customers.$get({ query: { q: "555 0100" } }, { headers: agent.headers })
    ).json();
    expect(byPhone.items.map((c) => c.id)).toEqual([customer.id]);
    // A % typed by the user is a character, not a wildcard.
    const literal = await (await h.client.api.customers.$get({ query: { q: "%" } }, { headers: agent.headers })).json();
    expect(literal.items).toEqual([]);

    const got = await (
      await h.client.api.customers[":id"].$get({ param: { id: customer.id } }, { headers: agent.headers })
    ).json();
    expect(got).toMatchObject({ ticketCount: 1, openTicketCount: 1 });

    const updated = await h.client.api.customers[":id"].$patch(
      {
        param: { id: customer.id },
        json: { notes: "Prefers WhatsApp", addIdentities: [{ kind: "telegram", value: "@wile" }] },
      },
      { headers: agent.headers },
    );
    expect(await updated.json()).toMatchObject({
      notes: "Prefers WhatsApp",
      identities: [{}, {}, { kind: "telegram", value: "@wile" }],
    });

    const orgAfter = await (
      await h.client.api.organizations[":id"].$get({ param: { id: org.id } }, { headers: agent.headers })
    ).json();
    expect(orgAfter.customerCount).toBe(1);
    const inOrg = await (
      await h.client.api.customers.$get({ query: { organization: org.id } }, { headers: agent.headers })
    ).json();
    expect(inOrg.items).toHaveLength(1);
  });

  test("an organization admin: granted by a lead, kept within the organization, ended by leaving or moving it", async () => {
    const [first, second] = await Promise.all(
      ["North Co", "South Co"].map(async (name) =>
        (await h.client.api.organizations.$post({ json: { name } }, { headers: lead.headers })).json(),
      ),
    );
    const created = await (
      await h.client.api.customers.$post(
        { json: { name: "Olga Admin", email: uniqueEmail("olga"), organizationId: first!.id } },
        { headers: agent.headers },
      )
    ).json();
    expect(created.organizationAdmin).toBe(false);
    const patch = (json: Record<string, unknown>) =>
      h.client.api.customers[":id"]
        .$patch({ param: { id: created.id }, json }, { headers: lead.headers })
        .then((r) => r.json());

    expect(await patch({ organizationAdmin: true })).toMatchObject({
      organizationAdmin: true,
      organization: { id: first!.id },
    });
    // Naming the same organization again changes nothing.
    expect(await patch({ organizationId: first!.id, notes: "Main contact" })).toMatchObject({
      organizationAdmin: true,
    });
    // Moving to another organization does not carry the right along; leaving ends it.
    expect(await patch({ organizationId: second!.id })).toMatchObject({
      organizationAdmin: false,
      organization: { id: second!.id },
    });
    expect(await patch({ organizationAdmin: true })).toMatchObject({ organizationAdmin: true });
    expect(await patch({ organizationId: null })).toMatchObject({ organizationAdmin: false, organization: null });
  });

  test("an address that belongs to another customer is 409 IDENTITY_TAKEN and nothing is half-created", async () => {
    const email = uniqueEmail("taken");
    await h.client.api.customers.$post({ json: { name: "First", email } }, { headers: agent.headers });
    const res = await h.client.api.customers.$post({ json: { name: "Second", email } }, { headers: agent.headers });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: "IDENTITY_TAKEN", details: { kind: "email", value: email } },
    });
    const list = await (
      await h.client.api.customers.$get({ query: { q: "Second" } }, { headers: agent.headers })
    ).json();
    expect(list.items).toEqual([]);
  });

  test("an unknown organization is 404", async () => {
    const res = await h.client.api.customers.$post(
      { json: { name: "Lost", organizationId: "org_nope" } },
      { headers: agent.headers },
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "ORGANIZATION_NOT_FOUND" } });
  });

  test("customer search pages alphabetically by keyset", async () => {
    const prefix = `Zed${Date.now()}`;
    for (const n of ["C", "A", "B", "E", "D"]) {
      await h.client.api.customers.$post({ json: { name: `${prefix} ${n}` } }, { headers: agent.headers });
    }
    const first = await (
      await h.client.api.customers.$get({ query: { q: prefix, limit: "2" } }, { headers: agent.headers })
    ).json();
    const second = await (
      await h.client.api.customers.$get(
        { query: { q: prefix, limit: "2", cursor: first.nextCursor! } },
        { headers: agent.headers },
      )
    ).json();
    const third = await (
      await h.client.api.customers.$get(
        { query: { q: prefix, limit: "2", cursor: second.nextCursor! } },
        { headers: agent.headers },
      )
    ).json();
    expect([...first.items, ...second.items, ...third.items].map((c) => c.name.slice(-1))).toEqual([
      "A",
      "B",
      "C",
      "D",
      "E",
    ]);
    expect(third.nextCursor).toBeNull();
  });
});
