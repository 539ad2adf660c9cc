import { channels, customerIdentities, kbDeflections, messages, tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

/** The help centre's "Submit a request": tickets on the portal channel, deflections, the per-address limit. */
let h: Harness;
let admin: SignedIn;
let articleId: string;

const portal = () => h.client.api.portal;
const request = (email: string, extra: { deflectionIds?: string[]; subject?: string; name?: string } = {}) =>
  portal().requests.$post({
    json: {
      email,
      subject: extra.subject ?? "I cannot sign in",
      body: "The sign-in page says my password is wrong.",
      locale: "en",
      ...extra,
    },
  });
const deflect = (subject = "cannot sign in") =>
  portal().deflections.$post({ json: { articleId, locale: "en", subject } });
const period = () => ({
  from: new Date(h.clock.now().getTime() - 3600_000).toISOString(),
  to: new Date(h.clock.now().getTime() + 3600_000).toISOString(),
});
async function deflectedRequests() {
  const res = await h.client.api.kb.analytics.$get({ query: period() }, { headers: admin.headers });
  expect(res.status).toBe(200);
  const report = await res.json();
  if (!("deflectedRequests" in report)) throw new Error(JSON.stringify(report));
  return report.deflectedRequests;
}

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn("admin");
  const agent = await h.signIn("agent");
  const kb = h.client.api.kb;
  const category = (await (
    await kb.categories.$post({ json: { slug: "account", name: { en: "Account" } } }, { headers: admin.headers })
  ).json()) as { id: string };
  const section = (await (
    await kb.sections.$post(
      { json: { categoryId: category.id, slug: "sign-in", name: { en: "Signing in" } } },
      { headers: admin.headers },
    )
  ).json()) as { id: string };
  const created = await kb.articles.$post(
    {
      json: {
        sectionId: section.id,
        tags: [],
        translation: {
          locale: "en",
          slug: "reset-password",
          title: "Reset your password",
          body: "Choose **Forgot password**.",
        },
      },
    },
    { headers: agent.headers },
  );
  expect(created.status).toBe(201);
  articleId = ((await created.json()) as { article: { id: string } }).article.id;
});
afterAll(() => h?.close());

describe("POST /api/portal/requests", () => {
  test("opens a ticket on a new 'Help center' portal channel for a customer created by e-mail", async () => {
    const email = uniqueEmail("visitor");
    const res = await request(email.toUpperCase(), { name: "Vera Visitor" });
    expect(res.status).toBe(201);
    const { ticketNumber } = (await res.json()) as { ticketNumber: number };
    expect(ticketNumber).toBeGreaterThan(1000);

    const [ticket] = await h.db.select().from(tickets).where(eq(tickets.number, ticketNumber));
    expect(ticket!.subject).toBe("I cannot sign in");
    const [channel] = await h.db.select().from(channels).where(eq(channels.id, ticket!.channelId));
    expect(channel).toMatchObject({ kind: "portal", name: "Help center", active: true });
    const [identity] = await h.db
      .select()
      .from(customerIdentities)
      .where(eq(customerIdentities.customerId, ticket!.customerId));
    expect(identity).toMatchObject({ kind: "email", value: email });
    const [message] = await h.db.select().from(messages).where(eq(messages.ticketId, ticket!.id));
    expect(message).toMatchObject({
      direction: "inbound",
      authorCustomerId: ticket!.customerId,
      bodyText: "The sign-in page says my password is wrong.",
    });
  });

  test("an existing customer is found by e-mail, and the same portal channel is reused", async () => {
    const email = uniqueEmail("known");
    const first = (await (await request(email)).json()) as { ticketNumber: number };
    const second = (await (await request(email, { subject: "Another question" })).json()) as { ticketNumber: number };
    const [a] = await h.db.select().from(tickets).where(eq(tickets.number, first.ticketNumber));
    const [b] = await h.db.select().from(tickets).where(eq(tickets.number, second.ticketNumber));
    expect(b!.customerId).toBe(a!.customerId);
    expect(b!.channelId).toBe(a!.channelId);
    expect(await h.db.select().from(channels).where(eq(channels.kind, "portal"))).toHaveLength(1);
  });

  test("400 on invalid input", async () => {
    const bad = [
      { email: "not-an-address", subject: "Hi", body: "Help", locale: "en" },
      { email: uniqueEmail(), subject: "  ", body: "Help", locale: "en" },
      { email: uniqueEmail(), subject: "Hi", body: "", locale: "en" },
      { email: uniqueEmail(), subject: "Hi", body: "Help", locale: "english" },
    ];
    for (const json of bad) {
      const res = await portal().requests.$post({ json });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
    }
    const missing = await portal().deflections.$post({ json: { articleId, locale: "en", subject: "" } });
    expect(missing.status).toBe(400);
    const unknown = await portal().deflections.$post({ json: { articleId: "art_nope", locale: "en", subject: "x" } });
    expect(unknown.status).toBe(404);
  });

  test("429 RATE_LIMITED after 5 requests from one address within an hour; allowed again an hour later", async () => {
    const email = uniqueEmail("busy");
    for (let i = 0; i < 5; i++) expect((await request(email, { subject: `Question ${i}` })).status).toBe(201);
    const limited = await request(email.toUpperCase());
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    expect((await request(uniqueEmail("other"))).status).toBe(201);

    h.clock.advance(60 * 60 * 1000 + 1000);
    try {
      expect((await request(email)).status).toBe(201);
    } finally {
      h.clock.set(new Date());
    }
  });
});

describe("deflections", () => {
  test("an opened suggestion counts as a deflection until a request names it", async () => {
    const before = await deflectedRequests();

    const kept = await deflect("password reset");
    expect(kept.status).toBe(201);
    const { deflectionId: keptId } = (await kept.json()) as { deflectionId: string };
    expect(keptId).toMatch(/^kdf_/);
    const [row] = await h.db.select().from(kbDeflections).where(eq(kbDeflections.id, keptId));
    expect(row).toMatchObject({ articleId, locale: "en", subject: "password reset", ticketId: null });
    expect(await deflectedRequests()).toBe(before + 1);

    const { deflectionId: submittedId } = (await (await deflect()).json()) as { deflectionId: string };
    expect(await deflectedRequests()).toBe(before + 2);
    const res = await request(uniqueEmail("undeflected"), { deflectionIds: [submittedId] });
    expect(res.status).toBe(201);
    const { ticketNumber } = (await res.json()) as { ticketNumber: number };
    const [ticket] = await h.db.select().from(tickets).where(eq(tickets.number, ticketNumber));
    const [submitted] = await h.db.select().from(kbDeflections).where(eq(kbDeflections.id, submittedId));
    expect(submitted!.ticketId).toBe(ticket!.id);
    expect(await deflectedRequests()).toBe(before + 1);

    // A deflection already tied to a request is not moved to another one.
    await request(uniqueEmail("again"), { deflectionIds: [submittedId] });
    const [still] = await h.db.select().from(kbDeflections).where(eq(kbDeflections.id, submittedId));
    expect(still!.ticketId).toBe(ticket!.id);
  });
});
