import {
  createCustomer,
  createOrganization,
  getOutboundEmail,
  openTicketFromCustomer,
  replyToTicket,
  resolvePortalChannel,
  startCustomerSession,
  updateTicket,
  systemActor,
} from "@helpdesk/api/domain";
import { attachments, customerLoginLinks, customers, messages, outboundEmails, tickets } from "@helpdesk/db";
import { and, arrayContains, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";
import { bodyOf } from "../support/http-client.ts";

/** The portal's customer accounts: sign-in by link or password, "My tickets", replies and files, and who sees what. */
let h: Harness;
let agent: SignedIn;

const cookieName = "helpdesk_portal_session";
const portal = () => h.client.api.portal;
const asCustomer = (token: string) => ({ headers: { cookie: `${cookieName}=${token}` } });

async function customer(options: { organizationId?: string; organizationAdmin?: boolean; name?: string } = {}) {
  const email = uniqueEmail("customer");
  const view = await createCustomer(h.deps, {
    name: options.name ?? "Casey Customer",
    email,
    organizationId: options.organizationId ?? null,
  });
  if (options.organizationAdmin)
    await h.db.update(customers).set({ organizationAdmin: true }).where(eq(customers.id, view.id));
  const { token } = await startCustomerSession(h.deps, view.id);
  return { id: view.id, email, token };
}

async function ticketOf(customerId: string, subject = "My printer is on fire", extra: { attachment?: boolean } = {}) {
  const channel = await resolvePortalChannel(h.db);
  const { ticket } = await openTicketFromCustomer(h.deps, {
    channelId: channel.id,
    customerId,
    subject,
    body: `About: ${subject}`,
    attachments: extra.attachment
      ? [
          {
            id: `att_${Math.random().toString(36).slice(2)}`,
            filename: "photo.png",
            contentType: "image/png",
            contentId: null,
            content: new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
          },
        ]
      : [],
  });
  return ticket;
}

/** The mails the help desk composed to an address, newest first, as the outbox shows them. */
async function mailsTo(address: string) {
  await h.jobs.drain();
  const rows = await h.db
    .select({ id: outboundEmails.id })
    .from(outboundEmails)
    .where(arrayContains(outboundEmails.toAddresses, [address]))
    .orderBy(desc(outboundEmails.id));
  return Promise.all(rows.map((r) => getOutboundEmail(h.deps, systemActor, r.id)));
}

function linkIn(text: string): URL {
  const match = /https?:\/\/\S+\/auth\/link\?token=[\w-]+/.exec(text);
  if (!match) throw new Error(`no sign-in link in: ${text}`);
  return new URL(match[0]);
}

const requestLink = (email: string, locale = "en") => portal().auth.link.$post({ json: { email, locale } });
const redeem = (token: string) => portal().auth.redeem.$post({ json: { token } });

function sessionCookieOf(res: Response): string {
  const header = res.headers.get("set-cookie") ?? "";
  const token = new RegExp(`${cookieName}=([^;]+)`).exec(header)?.[1];
  if (!token) throw new Error(`no portal cookie in: ${header}`);
  return token;
}

function multipart(body: string, files: { name: string; type: string; bytes: Uint8Array }[] = []) {
  const form = new FormData();
  form.set("body", body);
  for (const f of files) form.append("files", new File([f.bytes as BlobPart], f.name, { type: f.type }));
  return form;
}

/** A customer's ticket list (scope as given), failing the test unless it is a 200. */
const listFor = (token: string, scope?: "mine" | "organization") =>
  bodyOf(portal().tickets.$get({ query: scope ? { scope } : {} }, asCustomer(token)), 200);

/** A ticket as the customer sees it, failing the test unless it is a 200. */
const detailFor = (token: string, number: number) =>
  bodyOf(portal().tickets[":number"].$get({ param: { number: String(number) } }, asCustomer(token)), 200);

const postReply = (number: number, token: string, form: FormData) =>
  h.app.request(`/api/portal/tickets/${number}/replies`, {
    method: "POST",
    body: form,
    headers: { cookie: `${cookieName}=${token}` },
  });

beforeAll(async () => {
  h = await createHarness();
  agent = await h.signIn("admin");
});
afterAll(() => h?.close());

describe("sign-in by mailed link", () => {
  test("an unknown address gets the same answer and no mail", async () => {
    const unknown = uniqueEmail("nobody");
    const known = await customer();
    const a = await requestLink(unknown);
    const b = await requestLink(known.email);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await a.json()).toEqual(await b.json());
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await mailsTo(known.email)).toHaveLength(1);
  });

  test("a known customer gets a link in the outbox that signs them in once", async () => {
    const known = await customer({ name: "Lina Link" });
    expect((await requestLink(known.email.toUpperCase(), "de")).status).toBe(202);
    const [mail] = await mailsTo(known.email);
    expect(mail!.subject).toBe("Ihr Anmeldelink für das Hilfe-Center");
    expect(mail!.status).toBe("kept");
    const link = linkIn(mail!.text);
    expect(link.origin).toBe("http://helpdesk.test");
    expect(link.pathname).toBe("/help/de/auth/link");
    expect(mail!.html).toContain(link.search.replace("?", ""));

    // A caller naming another Host cannot make us mail a genuine link to their site.
    await h.app.request("http://evil.example/api/portal/auth/link", {
      method: "POST",
      headers: { "content-type": "application/json", host: "evil.example" },
      body: JSON.stringify({ email: known.email, locale: "en" }),
    });
    const [forged] = (await mailsTo(known.email)).filter((m) => m.id !== mail!.id);
    expect(linkIn(forged!.text).origin).toBe("http://helpdesk.test");

    const first = await redeem(link.searchParams.get("token")!);
    expect(first.status).toBe(200);
    const setCookie = first.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const body = await first.json();
    expect(body).toMatchObject({
      account: { name: "Lina Link", email: known.email, hasPassword: false, organization: null },
    });

    const session = await portal().auth.session.$get({}, asCustomer(sessionCookieOf(first)));
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ name: "Lina Link", email: known.email });

    const again = await redeem(link.searchParams.get("token")!);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: "SIGN_IN_LINK_INVALID" } });
    const [row] = await h.db.select().from(customerLoginLinks).where(eq(customerLoginLinks.customerId, known.id));
    expect(row!.usedAt).not.toBeNull();
  });

  test("an expired link is refused", async () => {
    const known = await customer();
    await requestLink(known.email);
    const [mail] = await mailsTo(known.email);
    h.clock.advance(31 * 60 * 1000);
    const res = await redeem(linkIn(mail!.text).searchParams.get("token")!);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: "SIGN_IN_LINK_INVALID", message: expect.stringContaining("expired") },
    });
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  test("an address gets at most five links an hour, and the sixth request still answers the same", async () => {
    const known = await customer();
    for (let i = 0; i < 6; i++) {
      const res = await requestLink(known.email);
      expect(res.status).toBe(202);
    }
    expect(await mailsTo(known.email)).toHaveLength(5);
    expect(
      await h.db.select().from(customerLoginLinks).where(eq(customerLoginLinks.customerId, known.id)),
    ).toHaveLength(5);
    h.clock.advance(61 * 60 * 1000);
    await requestLink(known.email);
    expect(await mailsTo(known.email)).toHaveLength(6);
  });

  test("one client asking links for many addresses is stopped; the answer says so", async () => {
    const headers = { "content-type": "application/json", "x-forwarded-for": "198.51.100.23" };
    // Not behind a trusted proxy here: every request of this file counts as the same unknown address, so the
    // cap of the harness (60 an hour) is what stops this loop.
    let status = 202;
    let sent = 0;
    while (status === 202 && sent < 80) {
      status = (
        await h.app.request("/api/portal/auth/link", {
          method: "POST",
          headers,
          body: JSON.stringify({ email: uniqueEmail("spray"), locale: "en" }),
        })
      ).status;
      sent++;
    }
    expect(status).toBe(429);
    expect(sent).toBeLessThanOrEqual(61);
  });

  test("a made-up token is refused", async () => {
    const res = await redeem("x".repeat(43));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "SIGN_IN_LINK_INVALID" } });
  });
});

describe("password sign-in", () => {
  test("a customer sets a password, then signs in with it; a wrong one is a 401 error body", async () => {
    const known = await customer({ name: "Pat Password" });
    const before = await portal().auth.password.$post({ json: { email: known.email, password: "long enough secret" } });
    expect(before.status).toBe(401); // no password set yet

    const other = await startCustomerSession(h.deps, known.id);
    const set = await portal().auth.password.$put(
      { json: { password: "long enough secret" } },
      asCustomer(known.token),
    );
    expect(set.status).toBe(200);
    const [row] = await h.db.select().from(customers).where(eq(customers.id, known.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    // Other sessions end with the change; the one that changed it stays.
    expect((await portal().auth.session.$get({}, asCustomer(other.token))).status).toBe(401);
    expect((await portal().auth.session.$get({}, asCustomer(known.token))).status).toBe(200);

    const wrong = await portal().auth.password.$post({ json: { email: known.email, password: "not the secret" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      error: {
        code: "INVALID_CREDENTIALS",
        message: "The e-mail address or password is wrong.",
        requestId: expect.any(String),
      },
    });
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const right = await portal().auth.password.$post({
      json: { email: known.email.toUpperCase(), password: "long enough secret" },
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ account: { name: "Pat Password", hasPassword: true } });
    const session = await portal().auth.session.$get({}, asCustomer(sessionCookieOf(right)));
    expect(await session.json()).toMatchObject({ name: "Pat Password" });
  });

  test("password guessing is limited per address: after ten tries even the right password waits", async () => {
    const known = await customer({ name: "Gus Guessed" });
    await portal().auth.password.$put({ json: { password: "the real long secret" } }, asCustomer(known.token));
    for (let i = 0; i < 10; i++) {
      expect(
        (await portal().auth.password.$post({ json: { email: known.email, password: `guess number ${i}` } })).status,
      ).toBe(401);
    }
    const limited = await portal().auth.password.$post({
      json: { email: known.email.toUpperCase(), password: "the real long secret" },
    });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    // Another address is not held up by it.
    const other = await customer({ name: "Olive Other" });
    await portal().auth.password.$put({ json: { password: "olive's long secret" } }, asCustomer(other.token));
    expect(
      (await portal().auth.password.$post({ json: { email: other.email, password: "olive's long secret" } })).status,
    ).toBe(200);
  });

  test("sign-out ends the session", async () => {
    const known = await customer();
    const res = await portal().auth["sign-out"].$post({}, asCustomer(known.token));
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`${cookieName}=;`));
    expect((await portal().auth.session.$get({}, asCustomer(known.token))).status).toBe(401);
  });
});

describe("customer and staff sessions are separate", () => {
  test("a portal session does not open staff routes, and a staff session does not open portal routes", async () => {
    const known = await customer();
    const staffRoute = await h.client.api.tickets.$get({ query: {} }, asCustomer(known.token));
    expect(staffRoute.status).toBe(401);
    // The customer's token under the staff cookie name or as a bearer token is no staff session either.
    expect(
      (await h.client.api.tickets.$get({ query: {} }, { headers: { cookie: `helpdesk_session=${known.token}` } }))
        .status,
    ).toBe(401);
    expect(
      (await h.client.api.tickets.$get({ query: {} }, { headers: { authorization: `Bearer ${known.token}` } })).status,
    ).toBe(401);

    const asStaff = await portal().tickets.$get(
      { query: {} },
      { headers: { ...agent.headers, cookie: `helpdesk_session=${agent.token}` } },
    );
    expect(asStaff.status).toBe(401);
    expect(await asStaff.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect((await portal().tickets.$get({ query: {} }, asCustomer(agent.token))).status).toBe(401);
    expect((await portal().tickets.$get({ query: {} }, asCustomer(known.token))).status).toBe(200);
  });
});

describe("My tickets", () => {
  test("lists the customer's own tickets only, newest activity first", async () => {
    const me = await customer();
    const stranger = await customer();
    const older = await ticketOf(me.id, "Older question");
    h.clock.advance(60_000);
    const newer = await ticketOf(me.id, "Newer question");
    await ticketOf(stranger.id, "Someone else's question");
    h.clock.advance(60_000);
    // Activity on the older one moves it to the top.
    expect((await postReply(older.number, me.token, multipart("Any news?"))).status).toBe(201);

    const { items } = await listFor(me.token);
    expect(items.map((t) => t.number)).toEqual([older.number, newer.number]);
    expect(items[0]).toMatchObject({ subject: "Older question", status: "open", mine: true });
    expect(JSON.stringify(items)).not.toContain("Someone else");
  });

  test("an organization admin sees colleagues' tickets; a plain member does not", async () => {
    const org = await createOrganization(h.deps, systemActor, {
      name: `Org ${Math.random().toString(36).slice(2, 8)}`,
    });
    const admin = await customer({ organizationId: org.id, organizationAdmin: true, name: "Ada Admin" });
    const member = await customer({ organizationId: org.id, name: "Mo Member" });
    const outsider = await customer();
    const memberTicket = await ticketOf(member.id, "Member's invoice question");
    const adminTicket = await ticketOf(admin.id, "Admin's own question");
    const outsiderTicket = await ticketOf(outsider.id, "Outsider question");

    const adminAll = await listFor(admin.token, "organization");
    expect(adminAll.items.map((t) => t.number).sort()).toEqual([memberTicket.number, adminTicket.number].sort());
    expect(adminAll.items.find((t) => t.number === memberTicket.number)).toMatchObject({
      mine: false,
      requester: { name: "Mo Member" },
    });
    const adminMine = await listFor(admin.token, "mine");
    expect(adminMine.items.map((t) => t.number)).toEqual([adminTicket.number]);
    expect(
      (
        await portal().tickets[":number"].$get(
          { param: { number: String(memberTicket.number) } },
          asCustomer(admin.token),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await portal().tickets[":number"].$get(
          { param: { number: String(outsiderTicket.number) } },
          asCustomer(admin.token),
        )
      ).status,
    ).toBe(404);

    const memberAll = await listFor(member.token, "organization");
    expect(memberAll.items.map((t) => t.number)).toEqual([memberTicket.number]);
    expect(
      (
        await portal().tickets[":number"].$get(
          { param: { number: String(adminTicket.number) } },
          asCustomer(member.token),
        )
      ).status,
    ).toBe(404);
  });

  test("another customer's ticket is a 404 on the page, for replies and for its files", async () => {
    const owner = await customer();
    const other = await customer();
    const ticket = await ticketOf(owner.id, "Private matter", { attachment: true });
    const [file] = await h.db
      .select({ id: attachments.id })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(messages.ticketId, ticket.id));

    const page = await portal().tickets[":number"].$get(
      { param: { number: String(ticket.number) } },
      asCustomer(other.token),
    );
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: { code: "TICKET_NOT_FOUND" } });
    const reply = await postReply(ticket.number, other.token, multipart("Let me in"));
    expect(reply.status).toBe(404);
    const download = await portal().attachments[":id"].$get({ param: { id: file!.id } }, asCustomer(other.token));
    expect(download.status).toBe(404);
    expect(await h.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toHaveLength(1);

    // The owner gets the file, byte for byte.
    const mine = await portal().attachments[":id"].$get({ param: { id: file!.id } }, asCustomer(owner.token));
    expect(mine.status).toBe(200);
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
    // Nor does a ticket that does not exist say anything different.
    expect(
      (await portal().tickets[":number"].$get({ param: { number: "99999999" } }, asCustomer(owner.token))).status,
    ).toBe(404);
  });

  test("the thread shows public messages only: internal notes and their files never appear", async () => {
    const me = await customer();
    const ticket = await ticketOf(me.id, "Where is my order?");
    await replyToTicket(
      h.deps,
      agent.actor,
      ticket.id,
      { body: "SECRET NOTE: customer is on the watch list", internal: true },
      [{ filename: "internal.txt", contentType: "text/plain", content: new TextEncoder().encode("internal only") }],
    );
    await replyToTicket(h.deps, agent.actor, ticket.id, { body: "It ships **tomorrow**.", status: "pending" });

    const detail = await detailFor(me.token, ticket.number);
    expect(detail.status).toBe("awaiting_reply");
    expect(detail.messages.map((m) => m.author.kind)).toEqual(["customer", "agent"]);
    expect(detail.messages[1]!.bodyHtml).toContain("<strong>tomorrow</strong>");
    expect(detail.messages[0]!.fromYou).toBe(true);
    const raw = JSON.stringify(detail);
    expect(raw).not.toContain("SECRET NOTE");
    expect(raw).not.toContain("internal.txt");
    for (const key of ["priority", "tags", "assignee", "team", "sla", "internal"])
      expect(detail).not.toHaveProperty(key);

    const [noteFile] = await h.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(eq(attachments.filename, "internal.txt"));
    expect((await portal().attachments[":id"].$get({ param: { id: noteFile!.id } }, asCustomer(me.token))).status).toBe(
      404,
    );
  });
});

describe("replies", () => {
  test("a reply with a file joins the ticket, reopens a solved one, and tells the agents", async () => {
    const me = await customer({ name: "Rae Replier" });
    const ticket = await ticketOf(me.id, "Refund please");
    await updateTicket(h.deps, agent.actor, ticket.id, { status: "solved" });
    const pdf = new TextEncoder().encode("%PDF-1.4 receipt");

    const res = await postReply(
      ticket.number,
      me.token,
      multipart("  It still has not arrived.  ", [{ name: "receipt.pdf", type: "application/pdf", bytes: pdf }]),
    );
    expect(res.status).toBe(201);
    const result = (await res.json()) as { ticketNumber: number; messageId: string; followUp: boolean };
    expect(result).toMatchObject({ ticketNumber: ticket.number, followUp: false });

    const [row] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.status).toBe("open");
    const [message] = await h.db.select().from(messages).where(eq(messages.id, result.messageId));
    expect(message).toMatchObject({
      ticketId: ticket.id,
      direction: "inbound",
      authorKind: "customer",
      authorCustomerId: me.id,
      internal: false,
      bodyText: "It still has not arrived.",
    });
    expect(message!.channelMetadata).toMatchObject({ source: "help_center" });
    const [file] = await h.db.select().from(attachments).where(eq(attachments.messageId, result.messageId));
    expect(file).toMatchObject({ filename: "receipt.pdf", contentType: "application/pdf", size: pdf.byteLength });

    await h.jobs.drain();
    const created = h.published.find((e) => e.type === "message.created" && e.message.id === result.messageId);
    expect(created).toBeDefined();
    expect(
      h.published.some((e) => e.type === "ticket.updated" && e.ticket.id === ticket.id && e.ticket.status === "open"),
    ).toBe(true);

    // The file comes back from the portal, byte for byte, with its name.
    const detail = await detailFor(me.token, ticket.number);
    const shown = detail.messages.at(-1)!;
    expect(shown).toMatchObject({
      fromYou: true,
      author: { name: "Rae Replier" },
      attachments: [{ filename: "receipt.pdf", url: `/api/portal/attachments/${file!.id}` }],
    });
    const download = await h.app.request(shown.attachments[0]!.url, {
      headers: { cookie: `${cookieName}=${me.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''receipt.pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
  });

  test("a reply carrying the cookie from another origin of the same site is refused; from the help centre it is taken", async () => {
    const me = await customer();
    const ticket = await ticketOf(me.id);
    const send = (origin: string) =>
      h.app.request(`/api/portal/tickets/${ticket.number}/replies`, {
        method: "POST",
        body: multipart("From a page"),
        headers: { cookie: `${cookieName}=${me.token}`, host: "help.example.com", origin },
      });
    const sibling = await send("https://blog.example.com");
    expect(sibling.status).toBe(403);
    expect(await sibling.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await h.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toHaveLength(1);
    expect((await send("https://help.example.com")).status).toBe(201);
  });

  test("on a closed ticket a reply opens a follow-up", async () => {
    const me = await customer();
    const ticket = await ticketOf(me.id, "Old problem");
    await updateTicket(h.deps, agent.actor, ticket.id, { status: "closed" });
    const detail = await detailFor(me.token, ticket.number);
    expect(detail).toMatchObject({ status: "closed", reply: "opens_follow_up" });

    const res = await postReply(ticket.number, me.token, multipart("It is back."));
    expect(res.status).toBe(201);
    const result = (await res.json()) as { ticketNumber: number; followUp: boolean };
    expect(result.followUp).toBe(true);
    expect(result.ticketNumber).not.toBe(ticket.number);
    const [followUp] = await h.db.select().from(tickets).where(eq(tickets.number, result.ticketNumber));
    expect(followUp).toMatchObject({ followUpOfId: ticket.id, customerId: me.id, subject: "Old problem" });
    const [old] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(old!.status).toBe("closed");
  });
});

describe("OpenAPI", () => {
  test("the portal's customer routes are described, with their cookie", async () => {
    const res = await h.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/portal/auth/link",
        "/api/portal/tickets/{number}/replies",
        "/api/portal/attachments/{id}",
      ]),
    );
    expect(doc.paths["/api/portal/tickets"]!.get!.security).toEqual([{ portalSession: [] }]);
    expect(doc.components.securitySchemes.portalSession).toEqual({ type: "apiKey", in: "cookie", name: cookieName });
  });
});

describe("validation", () => {
  test("bad input is a 400 with the error body", async () => {
    const me = await customer();
    const ticket = await ticketOf(me.id);
    const cases: Response[] = [
      await portal().auth.link.$post({ json: { email: "not-an-address", locale: "en" } }),
      await portal().auth.link.$post({ json: { email: uniqueEmail(), locale: "english" } }),
      await portal().auth.redeem.$post({ json: { token: "" } }),
      await portal().auth.password.$put({ json: { password: "short" } }, asCustomer(me.token)),
      await postReply(ticket.number, me.token, multipart("   ")),
      await h.app.request(`/api/portal/tickets/${ticket.number}/replies`, {
        method: "POST",
        body: new FormData(),
        headers: { cookie: `${cookieName}=${me.token}` },
      }),
      await portal().tickets.$get({ query: { scope: "everyone" as "mine" } }, asCustomer(me.token)),
      await h.app.request(`/api/portal/tickets/abc`, { headers: { cookie: `${cookieName}=${me.token}` } }),
    ];
    for (const res of cases) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: "VALIDATION_FAILED", message: expect.any(String), requestId: expect.any(String) },
      });
    }
    expect(
      await h.db
        .select()
        .from(messages)
        .where(and(eq(messages.ticketId, ticket.id))),
    ).toHaveLength(1);
    // A crafted page cursor (well-formed, but no instant in it) is refused, not a server error.
    const crafted = Buffer.from(JSON.stringify({ at: "garbage", id: "tkt_x" })).toString("base64url");
    const paged = await portal().tickets.$get({ query: { cursor: crafted } }, asCustomer(me.token));
    expect(paged.status).toBe(400);
    expect(await paged.json()).toMatchObject({ error: { code: "INVALID_CURSOR" } });
  });

  test("a file over 10 MB is refused with 413 and nothing is stored", async () => {
    const me = await customer();
    const ticket = await ticketOf(me.id);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const res = await postReply(
      ticket.number,
      me.token,
      multipart("Here is the log", [{ name: "huge.log", type: "text/plain", bytes: big }]),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect(await h.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toHaveLength(1);
  });
});
