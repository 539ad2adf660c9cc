import { customerIdentities, messages, outboundEmails, satisfactionRatings, ticketEvents, tickets } from "@helpdesk/db";
import { findOrCreateCustomer } from "@helpdesk/api/domain";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually, holdsFor } from "../support/eventually.ts";
import { createTestClock, uniqueEmail } from "../support/harness.ts";
import { apiClient, bodyOf, type ApiClient } from "../support/http-client.ts";
import { testServerConfig } from "../support/server-config.ts";
import {
  closeAllSockets,
  createChatChannel,
  identityHash,
  openWidget,
  refusal,
  silent,
  siteOrigin,
  staffSocket,
  staffToken,
  ticketOf,
} from "./support.ts";

let database: TestDatabase;
let server: HelpdeskServer;
let adminToken: string;
let asAdmin: ApiClient;
let channel: Awaited<ReturnType<typeof createChatChannel>>;

beforeAll(async () => {
  database = await createTestDatabase();
  // Every visitor here connects from 127.0.0.1: the per-IP limit is raised so only the per-visitor one is under test.
  server = await startHelpdesk(testServerConfig({ DATABASE_URL: database.url }), {
    logger: silent,
    serveWeb: false,
    // Windows of an hour: a burst that straddled the edge of a short fixed window would be counted in two.
    chatRateLimits: { perVisitor: 20, perIp: 10_000, windowMs: 3_600_000 },
  });
  adminToken = await staffToken(server, "admin");
  asAdmin = apiClient(server.url, adminToken);
  channel = await createChatChannel(server, adminToken);
});

afterAll(async () => {
  closeAllSockets();
  await server?.close();
  await database?.drop();
});

const db = () => server.deps.db;
const storedMessages = (ticketId: string) =>
  db()
    .select()
    .from(messages)
    .where(eq(messages.ticketId, ticketId))
    .orderBy(asc(messages.createdAt), asc(messages.id));

describe("session and history", () => {
  test("a new visitor gets a signed token; reconnecting with it restores the conversation in every tab", async () => {
    const first = await openWidget(server.url, {
      channelId: channel.id,
      page: { url: `${siteOrigin}/pricing`, title: "Pricing" },
    });
    expect(first.session).toMatchObject({
      conversation: null,
      visitor: { name: null, email: null },
      channel: {
        name: "Website chat",
        agentsAvailable: false,
        maxMessageLength: 5000,
        preChatForm: { enabled: false, requireEmail: false },
      },
    });
    expect(first.session.visitorToken).toContain(first.session.visitorId);

    const sent = await first.send("c-1", "Hello, is shipping free?");
    expect(sent).toMatchObject({
      ok: true,
      data: { clientId: "c-1", author: "visitor", text: "Hello, is shipping free?" },
    });
    first.socket.disconnect();

    const again = await openWidget(server.url, { channelId: channel.id, visitorToken: first.session.visitorToken });
    const otherTab = await openWidget(server.url, { channelId: channel.id, visitorToken: first.session.visitorToken });
    for (const tab of [again, otherTab]) {
      expect(tab.session.visitorId).toBe(first.session.visitorId);
      expect(tab.session.conversation).toMatchObject({ state: "open", rated: false });
      expect(tab.session.conversation!.messages.map((m) => [m.clientId, m.text])).toEqual([
        ["c-1", "Hello, is shipping free?"],
      ]);
    }
    // The page the visitor was on when they wrote is on the ticket for agents.
    const [ticket] = await db().select().from(tickets).where(eq(tickets.id, again.session.conversation!.ticketId));
    expect(ticket!.customFields).toMatchObject({ chat_page_url: `${siteOrigin}/pricing`, chat_page_title: "Pricing" });
    expect(ticket!.channelId).toBe(channel.id);
  });

  test("a staff member connecting makes agents available, and open widgets are told", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    const agent = await staffSocket(server.url, await staffToken(server, "agent"));
    await eventually(() => expect(widget.of("availability")).not.toHaveLength(0));
    expect(widget.of("availability").at(-1)).toEqual([{ agentsAvailable: true }]);
    const info = await bodyOf(
      apiClient(server.url).api.widget.channels[":channelId"].$get({ param: { channelId: channel.id } }),
      200,
    );
    expect(info).toMatchObject({ agentsAvailable: true, name: "Website chat" });
    agent.socket.disconnect();
  });
});

describe("messages both ways", () => {
  test("visitor messages reach the agent; agent replies reach every tab in order; internal notes never do", async () => {
    const lead = await staffSocket(server.url, await staffToken(server, "lead"));
    const asLead = apiClient(server.url, await staffToken(server, "lead"));
    const reply = (json: { body: string; internal?: boolean }) =>
      bodyOf(asLead.api.tickets[":id"].messages.$post({ param: { id: ticketId }, json }), 201);
    const tab1 = await openWidget(server.url, { channelId: channel.id });
    const tab2 = await openWidget(server.url, { channelId: channel.id, visitorToken: tab1.session.visitorToken });

    const opener = await tab1.send("m-1", "My order is late");
    expect(opener.ok).toBe(true);
    const ticketId = ticketOf(tab1);
    await eventually(() => expect(lead.of("ticket.created").map((e) => e.ticket.id)).toContain(ticketId));
    const followUp = await tab1.send("m-2", "Order 1234");
    await eventually(() => expect(lead.of("message.created").map((e) => e.message.bodyText)).toContain("Order 1234"));
    expect(lead.of("message.created").find((e) => e.message.bodyText === "Order 1234")).toMatchObject({
      ticket: { id: ticketId, channel: { kind: "web_chat" } },
      message: { id: followUp.ok && followUp.data.id, authorKind: "customer" },
    });
    // The other tab saw the visitor's own messages too.
    await eventually(() => expect(tab2.of("message").length).toBeGreaterThanOrEqual(2));
    expect(tab2.of("message").map(([m]) => m.clientId)).toEqual(["m-1", "m-2"]);

    for (const body of ["Reply one", "Reply two", "Reply three"]) await reply({ body });
    // Between two replies: pushes go out in order, so a pushed note would have come before "Reply four".
    await reply({ body: "Customer seems angry", internal: true });
    await reply({ body: "Reply four" });

    for (const tab of [tab1, tab2]) {
      await eventually(() =>
        expect(tab.of("message").filter(([m]) => m.author === "agent").length).toBeGreaterThanOrEqual(4),
      );
      const replies = tab.of("message").filter(([m]) => m.author === "agent");
      expect(replies.map(([m]) => m.text)).toEqual(["Reply one", "Reply two", "Reply three", "Reply four"]);
      expect(replies[0]![0]).toMatchObject({
        clientId: null,
        agent: { name: expect.stringContaining("lead"), avatarUrl: null },
        readAt: null,
      });
      expect(JSON.stringify(tab.received)).not.toContain("Customer seems angry");
    }
    // History after a reload has no internal note either.
    const reloaded = await openWidget(server.url, { channelId: channel.id, visitorToken: tab1.session.visitorToken });
    expect(reloaded.session.conversation!.messages.map((m) => m.text)).toEqual([
      "My order is late",
      "Order 1234",
      "Reply one",
      "Reply two",
      "Reply three",
      "Reply four",
    ]);
  });

  test("a burst of 20 messages is stored and acknowledged in the order sent", async () => {
    const staff = await staffSocket(server.url, await staffToken(server, "admin"));
    const widget = await openWidget(server.url, { channelId: channel.id });
    const acks = await Promise.all(Array.from({ length: 20 }, (_, i) => widget.send(`b-${i}`, `burst ${i}`)));
    expect(acks.every((a) => a.ok)).toBe(true);
    const ticketId = ticketOf(widget);
    const stored = await storedMessages(ticketId);
    expect(stored.map((m) => m.bodyText)).toEqual(Array.from({ length: 20 }, (_, i) => `burst ${i}`));
    await eventually(() =>
      expect(staff.of("message.created").filter((e) => e.ticket.id === ticketId)).toHaveLength(19),
    );
    expect(
      staff
        .of("message.created")
        .filter((e) => e.ticket.id === ticketId)
        .map((e) => e.message.bodyText),
    ).toEqual(Array.from({ length: 19 }, (_, i) => `burst ${i + 1}`));
  });

  test("resending the same clientIds after a reconnect stores nothing twice", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    const first = await Promise.all(["r-1", "r-2", "r-3"].map((id) => widget.send(id, `text ${id}`)));
    widget.socket.disconnect();
    const back = await openWidget(server.url, { channelId: channel.id, visitorToken: widget.session.visitorToken });
    const resent = await Promise.all(["r-1", "r-2", "r-3"].map((id) => back.send(id, `text ${id}`)));
    expect(resent.map((a) => a.ok && a.data.id)).toEqual(first.map((a) => a.ok && a.data.id));
    const ticketId = back.session.conversation!.ticketId;
    expect(await storedMessages(ticketId)).toHaveLength(3);
    // The resend pushed nothing new to the visitor's tabs either.
    expect(back.of("message")).toHaveLength(0);
  });

  test("a message over the channel's limit is refused and not stored; the rate limit answers RATE_LIMITED", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    const tooLong = await widget.send("long-1", "x".repeat(5001));
    expect(tooLong).toMatchObject({ ok: false, error: { code: "MESSAGE_TOO_LONG" } });
    expect(
      await db()
        .select()
        .from(messages)
        .where(eq(messages.externalId, `${widget.session.visitorId}:long-1`)),
    ).toHaveLength(0);
    const invalid = await widget.call("message.send", { clientId: "<script>", text: "hi" });
    expect(invalid).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });

    const acks = await Promise.all(Array.from({ length: 25 }, (_, i) => widget.send(`rl-${i}`, `flood ${i}`)));
    // The refused long message counted too: 19 of these get through.
    expect(acks.filter((a) => a.ok)).toHaveLength(19);
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(Array(6).fill("RATE_LIMITED"));
    const ticketId = (acks[0] as { data: { id: string } }).data.id;
    const [first] = await db().select().from(messages).where(eq(messages.id, ticketId));
    expect(await storedMessages(first!.ticketId)).toHaveLength(19);
  });
});

describe("business hours", () => {
  test("when a channel's hours close with widgets open, they are told no agent is available, and again when they open", async () => {
    // Its own server with a clock the test moves: Monday 16:59 UTC, a minute before the office closes.
    const clock = createTestClock(new Date("2026-12-07T16:59:00Z"));
    const office = await startHelpdesk(testServerConfig({ DATABASE_URL: database.url }), {
      logger: silent,
      serveWeb: false,
      clock,
      chatAvailabilityCheckMs: 100,
    });
    try {
      const token = await staffToken(office, "admin");
      const hours = { start: "09:00", end: "17:00" };
      const calendar = await bodyOf(
        apiClient(office.url, token).api.sla.calendars.$post({
          json: {
            name: "UTC office",
            timeZone: "UTC",
            weekly: { 1: [hours], 2: [hours], 3: [hours], 4: [hours], 5: [hours], 6: [], 7: [] },
            holidays: [],
          },
        }),
        201,
      );
      const officeChannel = await createChatChannel(office, token, { businessCalendarId: calendar.id });
      await staffSocket(office.url, token);
      const widget = await openWidget(office.url, { channelId: officeChannel.id });
      await eventually(() =>
        expect(
          widget.session.channel.agentsAvailable || widget.of("availability").some(([p]) => p.agentsAvailable),
          "open during hours",
        ).toBe(true),
      );

      clock.set(new Date("2026-12-07T17:00:30Z"));
      await eventually(() =>
        expect(widget.of("availability").at(-1), "at closing time").toEqual([{ agentsAvailable: false }]),
      );
      clock.set(new Date("2026-12-08T09:00:30Z"));
      await eventually(() =>
        expect(widget.of("availability").at(-1), "at opening time").toEqual([{ agentsAvailable: true }]),
      );
    } finally {
      closeAllSockets();
      await office.close();
    }
  });
});

describe("handshake security", () => {
  test("another site's origin, or none, is refused", async () => {
    expect(await refusal(server.url, { channelId: channel.id }, "https://evil.example")).toBe("ORIGIN_NOT_ALLOWED");
    expect(await refusal(server.url, { channelId: channel.id }, null)).toBe("ORIGIN_NOT_ALLOWED");
    expect(await refusal(server.url, { channelId: "chn_missing" })).toBe("CHANNEL_NOT_FOUND");
    const info = await bodyOf(
      apiClient(server.url).api.widget.channels[":channelId"].$get(
        { param: { channelId: channel.id } },
        { headers: { origin: "https://evil.example" } },
      ),
      403,
    );
    expect(info.error.code).toBe("ORIGIN_NOT_ALLOWED");
  });

  test("a forged visitor token, or one from another channel, is refused", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    const token = widget.session.visitorToken;
    const forged = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(await refusal(server.url, { channelId: channel.id, visitorToken: forged })).toBe("INVALID_VISITOR_TOKEN");
    const otherVisitor = token.replace(widget.session.visitorId, `vis_${"0".repeat(32)}`);
    expect(await refusal(server.url, { channelId: channel.id, visitorToken: otherVisitor })).toBe(
      "INVALID_VISITOR_TOKEN",
    );
    const other = await createChatChannel(server, adminToken);
    expect(await refusal(server.url, { channelId: other.id, visitorToken: token })).toBe("INVALID_VISITOR_TOKEN");
    expect(await refusal(server.url, { channelId: channel.id, visitorToken: 42 })).toBe("VALIDATION_FAILED");
  });

  test("a verified host user is linked to their customer; their anonymous chat moves with them; a bad hash is refused", async () => {
    const email = uniqueEmail("known");
    const known = await findOrCreateCustomer(db(), { kind: "email", value: email }, { name: "Known Customer" });
    const secret = channel.settings.identitySecret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    // Anonymous first, then they sign in on the host site.
    const anonymous = await openWidget(server.url, { channelId: channel.id });
    await anonymous.send("a-1", "Before signing in");
    const signedIn = await openWidget(server.url, {
      channelId: channel.id,
      visitorToken: anonymous.session.visitorToken,
      identity: { email, name: "Known Customer", hash: identityHash(secret, email) },
    });
    expect(signedIn.session.visitor).toEqual({ name: "Known Customer", email });
    expect(signedIn.session.conversation!.messages.map((m) => m.text)).toEqual(["Before signing in"]);
    await signedIn.send("a-2", "After signing in");
    const [ticket] = await db().select().from(tickets).where(eq(tickets.id, signedIn.session.conversation!.ticketId));
    expect(ticket!.customerId).toBe(known.id);
    // The tab still open from before the sign-in writes to the same (linked) conversation.
    const fromOldTab = await anonymous.send("a-3", "From the tab opened before");
    expect(fromOldTab.ok).toBe(true);
    expect((await storedMessages(ticket!.id)).map((m) => m.bodyText)).toEqual([
      "Before signing in",
      "After signing in",
      "From the tab opened before",
    ]);
    const identities = await db().select().from(customerIdentities).where(eq(customerIdentities.customerId, known.id));
    expect(identities.map((i) => i.kind).sort()).toEqual(["chat_visitor", "email"]);

    // Signed out on the host site (no identity any more), the same browser gets a fresh, empty chat: the next person
    // at a shared computer must not read or write the signed-in customer's conversation.
    const afterSignOut = await openWidget(server.url, {
      channelId: channel.id,
      visitorToken: anonymous.session.visitorToken,
    });
    expect(afterSignOut.session.conversation).toBeNull();
    expect(afterSignOut.session.visitorId).not.toBe(anonymous.session.visitorId);
    expect(afterSignOut.session.visitor).toEqual({ name: null, email: null });

    // By host user id: the hash signs the id only, so an e-mail sent beside it links nothing. Anyone signed up on the
    // host site holds a valid hash for their own id and could name somebody else's address.
    const userId = `u-${Date.now()}`;
    const byUser = await openWidget(server.url, {
      channelId: channel.id,
      identity: { userId, email, hash: identityHash(secret, userId) },
    });
    expect(byUser.session.conversation).toBeNull();
    expect(byUser.session.visitor.email).toBeNull();
    const [host] = await db()
      .select()
      .from(customerIdentities)
      .where(and(eq(customerIdentities.kind, "host_user"), eq(customerIdentities.value, `${channel.id}:${userId}`)));
    expect(host!.customerId).not.toBe(known.id);
    expect(
      (await db().select().from(customerIdentities).where(eq(customerIdentities.customerId, known.id)))
        .map((i) => i.kind)
        .sort(),
    ).toEqual(["chat_visitor", "email"]);
    // A second device of the same user lands on the same customer and conversation.
    await byUser.send("u-1", "From the first device");
    const secondDevice = await openWidget(server.url, {
      channelId: channel.id,
      identity: { userId, hash: identityHash(secret, userId) },
    });
    expect(secondDevice.session.conversation?.messages.map((m) => m.text)).toEqual(["From the first device"]);

    expect(
      await refusal(server.url, {
        channelId: channel.id,
        identity: { email, hash: identityHash("wrong-secret", email) },
      }),
    ).toBe("INVALID_IDENTITY");
    expect(
      await refusal(server.url, {
        channelId: channel.id,
        identity: { userId: "someone-else", hash: identityHash(secret, userId) },
      }),
    ).toBe("INVALID_IDENTITY");
  });
});

describe("typing, read receipts, end and rating", () => {
  test("typing and read receipts go both ways and are stored", async () => {
    const agentToken = await staffToken(server, "admin");
    const asAgent = apiClient(server.url, agentToken);
    const agent = await staffSocket(server.url, agentToken);
    const widget = await openWidget(server.url, { channelId: channel.id });
    const sent = await widget.send("t-1", "Anyone there?");
    const ticketId = ticketOf(widget);
    const visitorMessageId = sent.ok ? sent.data.id : "";

    widget.socket.emit("typing", { typing: true });
    await eventually(() => expect(agent.of("chat.visitor_typing")).not.toHaveLength(0));
    expect(agent.of("chat.visitor_typing")[0]).toEqual({ ticketId, typing: true });

    agent.socket.emit("chat.typing", { ticketId, typing: true });
    await eventually(() => expect(widget.of("typing")).not.toHaveLength(0));
    expect(widget.of("typing")[0]![0]).toEqual({
      agent: { name: expect.stringContaining("admin"), avatarUrl: null },
      typing: true,
    });

    agent.socket.emit("chat.read", { ticketId, messageId: visitorMessageId });
    await eventually(() => expect(widget.of("read")).not.toHaveLength(0));
    expect(widget.of("read")[0]![0]).toMatchObject({ messageId: visitorMessageId, readAt: expect.any(String) });
    const [read] = await db().select().from(messages).where(eq(messages.id, visitorMessageId));
    expect(read!.readAt).not.toBeNull();

    const reply = await bodyOf(
      asAgent.api.tickets[":id"].messages.$post({ param: { id: ticketId }, json: { body: "Yes, how can I help?" } }),
      201,
    );
    widget.socket.emit("read", { messageId: reply.message.id });
    await eventually(() => expect(agent.of("chat.read")).not.toHaveLength(0));
    const replyId = agent.of("chat.read")[0]!.messageId;
    const [replyRow] = await db().select().from(messages).where(eq(messages.id, replyId));
    expect(replyRow!.direction).toBe("outbound");
    expect(replyRow!.readAt).not.toBeNull();

    widget.socket.emit("page", { url: `${siteOrigin}/checkout`, title: "Checkout" });
    await eventually(() => expect(agent.of("chat.visitor_page")).not.toHaveLength(0));
    expect(agent.of("chat.visitor_page")[0]).toEqual({
      ticketId,
      page: { url: `${siteOrigin}/checkout`, title: "Checkout" },
    });

    // An agent opening the chat asks whether the visitor is here; after they leave, no longer.
    expect(await agent.presence(ticketId)).toEqual({ online: true });

    // An agent who may not see the ticket cannot type into it, nor learn whether its visitor is online.
    const outsider = await staffSocket(server.url, await staffToken(server, "agent", []));
    const team = await bodyOf(asAgent.api.teams.$post({ json: { name: `T${Date.now()}` } }), 201);
    await bodyOf(asAgent.api.tickets[":id"].$patch({ param: { id: ticketId }, json: { teamId: team.id } }), 200);
    outsider.socket.emit("chat.typing", { ticketId, typing: false });
    // Answered after the typing signal was taken (a socket's events are handled in the order sent).
    expect(await outsider.presence(ticketId)).toBeNull();
    // A relayed signal would follow within a few milliseconds (a ticket read, one push): watch a little longer.
    await holdsFor(() => expect(widget.of("typing").some(([p]) => p.typing === false)).toBe(false), { forMs: 200 });

    widget.socket.disconnect();
    await eventually(async () => expect(await agent.presence(ticketId)).toEqual({ online: false }));
  });

  test("a flood of page and typing signals is thinned out, and the latest page still arrives", async () => {
    const agent = await staffSocket(server.url, await staffToken(server, "admin"));
    const widget = await openWidget(server.url, { channelId: channel.id });
    await widget.send("p-0", "Looking around");
    const ticketId = ticketOf(widget);
    for (let i = 1; i <= 30; i++) {
      widget.socket.emit("page", { url: `${siteOrigin}/page-${i}`, title: `Page ${i}` });
      widget.socket.emit("typing", { typing: true });
    }
    await eventually(
      () => expect(agent.of("chat.visitor_page").map((e) => e.page.url)).toContain(`${siteOrigin}/page-30`),
      5000,
    );
    expect(agent.of("chat.visitor_page").length).toBeLessThanOrEqual(3);
    expect(agent.of("chat.visitor_typing").length).toBeLessThanOrEqual(8);
    const [ticket] = await db().select().from(tickets).where(eq(tickets.id, ticketId));
    expect(ticket!.customFields).toMatchObject({ chat_page_url: `${siteOrigin}/page-30` });
  });

  test("ending the chat solves the ticket; the rating is stored on it; the next message opens a new conversation", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    await widget.send("e-1", "Thanks, that is all");
    const ticketId = ticketOf(widget);
    expect(await widget.call("conversation.rate", { rating: 5 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
    expect(await widget.call("conversation.end", {})).toEqual({ ok: true, data: null });
    await eventually(() => expect(widget.of("conversation.state")).not.toHaveLength(0));
    expect(widget.of("conversation.state")[0]![0]).toEqual({ ticketId, state: "ended" });
    expect(await widget.call("conversation.rate", { rating: 7 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
    expect(await widget.call("conversation.rate", { rating: 4, comment: "Quick answer" })).toEqual({
      ok: true,
      data: null,
    });

    const [ticket] = await db().select().from(tickets).where(eq(tickets.id, ticketId));
    expect(ticket!.status).toBe("solved");
    const ratings = await db().select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId));
    expect(ratings).toMatchObject([
      { rating: 4, comment: "Quick answer", source: "chat", customerId: ticket!.customerId, channelId: channel.id },
    ]);
    const events = await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId));
    expect(events.find((e) => e.kind === "satisfaction_rated")).toMatchObject({
      actorKind: "customer",
      data: { rating: 4, comment: "Quick answer", source: "chat" },
    });
    // Answering again replaces the answer: one rating per ticket.
    expect(await widget.call("conversation.rate", { rating: 5 })).toEqual({ ok: true, data: null });
    expect(
      (await db().select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId))).map((r) => [
        r.rating,
        r.comment,
      ]),
    ).toEqual([[5, null]]);

    const reloaded = await openWidget(server.url, { channelId: channel.id, visitorToken: widget.session.visitorToken });
    expect(reloaded.session.conversation).toMatchObject({ ticketId, state: "ended", rated: true });
    await reloaded.send("e-2", "One more question");
    const next = ticketOf(reloaded);
    expect(next).not.toBe(ticketId);
  });
});

describe("when the visitor has left", () => {
  test("an agent reply goes by e-mail to the address the visitor gave; while connected it does not", async () => {
    await bodyOf(
      asAdmin.api.channels.$post({
        json: { kind: "email", name: "Support", address: `support-${Date.now()}@helpdesk.example` },
      }),
      201,
    );
    const agentToken = await staffToken(server, "admin");
    const agent = await staffSocket(server.url, agentToken);
    const reply = (body: string) =>
      bodyOf(
        apiClient(server.url, agentToken).api.tickets[":id"].messages.$post({
          param: { id: ticketId },
          json: { body },
        }),
        201,
      );
    const drainJobs = () => (server.deps.jobs as unknown as { drain(): Promise<void> }).drain();
    const widget = await openWidget(server.url, { channelId: channel.id });
    await widget.send("o-1", "No one is online?");
    const address = uniqueEmail("visitor");
    expect(await widget.call("visitor.update", { email: address, name: "Vera Visitor" })).toEqual({
      ok: true,
      data: { name: "Vera Visitor", email: address },
    });
    const ticketId = ticketOf(widget);

    // Connected: the reply is read in the widget, nothing is mailed.
    await reply("Reply while online");
    await eventually(() => expect(widget.of("message").map(([m]) => m.text)).toContain("Reply while online"));
    // The mail decision is the job's, made when it runs: let it run while the visitor is still here.
    await drainJobs();

    widget.socket.disconnect();
    // The job asks the socket server whether the visitor is connected, as an agent opening the chat does.
    await eventually(async () => expect(await agent.presence(ticketId)).toEqual({ online: false }));
    await reply("Reply after you left");
    // Every job both replies started has run: what was to be mailed is out, and nothing more is coming.
    await drainJobs();
    const mails = await db().select().from(outboundEmails).where(eq(outboundEmails.ticketId, ticketId));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "reply", toAddresses: [address] });
    expect(mails[0]!.subject).toContain(`#`);
    expect(Buffer.from(mails[0]!.raw).toString()).toContain("Reply after you left");
    const [message] = await db().select().from(messages).where(eq(messages.id, mails[0]!.messageId!));
    expect(message).toMatchObject({ bodyText: "Reply after you left", deliveryStatus: "sent" });
  });

  test("a typed address is only a contact: it claims no identity, links nothing, and others' mail stays out of the widget", async () => {
    // Somebody types an address that nobody uses yet...
    const stranger = await openWidget(server.url, { channelId: channel.id });
    await stranger.send("c-1", "Hello");
    const address = uniqueEmail("not-theirs");
    expect(await stranger.call("visitor.update", { email: address })).toEqual({
      ok: true,
      data: { name: null, email: address },
    });
    expect(
      await db()
        .select()
        .from(customerIdentities)
        .where(and(eq(customerIdentities.kind, "email"), eq(customerIdentities.value, address))),
    ).toEqual([]);

    // ...and the real owner, verified by the host site, is not linked to the stranger's record.
    const owner = await openWidget(server.url, {
      channelId: channel.id,
      identity: { email: address, hash: identityHash(channel.settings.identitySecret, address) },
    });
    expect(owner.session.conversation).toBeNull();
    const ticketId = ticketOf(stranger);
    const [strangerTicket] = await db().select().from(tickets).where(eq(tickets.id, ticketId));
    const [ownerIdentity] = await db()
      .select()
      .from(customerIdentities)
      .where(and(eq(customerIdentities.kind, "email"), eq(customerIdentities.value, address)));
    expect(ownerIdentity!.customerId).not.toBe(strangerTicket!.customerId);

    // A mail answer from someone else on the chat's ticket is for the agents: the widget's history leaves it out.
    await db()
      .insert(messages)
      .values({
        id: `msg_other_${Date.now()}`,
        ticketId,
        channelId: strangerTicket!.channelId,
        direction: "inbound",
        authorKind: "customer",
        authorCustomerId: ownerIdentity!.customerId,
        bodyText: "Who is this? I never wrote to you.",
        bodyHtml: "<p>Who is this? I never wrote to you.</p>",
      });
    const reloaded = await openWidget(server.url, {
      channelId: channel.id,
      visitorToken: stranger.session.visitorToken,
    });
    expect(reloaded.session.conversation!.messages.map((m) => m.text)).toEqual(["Hello"]);
  });
});

describe("HTTP side", () => {
  test("a visitor uploads a file: stored on their conversation, pushed to their tabs, downloadable by its signed link only", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    await widget.send("f-0", "I have a screenshot");
    const ticketId = ticketOf(widget);
    const upload = (token: string, origin = siteOrigin, clientId = "f-1") =>
      apiClient(server.url).api.widget.messages.$post(
        {
          header: { "x-visitor-token": token },
          form: {
            clientId,
            text: "Here it is",
            file: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], "screen.png", { type: "image/png" }),
          },
        },
        { headers: { origin } },
      );

    const preflight = await fetch(`${server.url}/api/widget/messages`, {
      method: "OPTIONS",
      headers: {
        origin: siteOrigin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-visitor-token",
      },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe(siteOrigin);
    const foreign = await fetch(`${server.url}/api/widget/messages`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    await bodyOf(upload("v1.forged"), 401);
    await bodyOf(upload(widget.session.visitorToken, "https://evil.example"), 403);
    const message = await bodyOf(upload(widget.session.visitorToken), 201);
    expect(message).toMatchObject({
      clientId: "f-1",
      author: "visitor",
      text: "Here it is",
      attachments: [{ filename: "screen.png", contentType: "image/png", size: 7 }],
    });
    await bodyOf(upload(widget.session.visitorToken), 200);
    expect(
      (await storedMessages(ticketId)).filter((m) => m.externalId === `${widget.session.visitorId}:f-1`),
    ).toHaveLength(1);
    await eventually(() => expect(widget.of("message").map(([m]) => m.clientId)).toContain("f-1"));

    const file = await fetch(message.attachments[0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toMatch(/^inline/);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const tampered = await fetch(message.attachments[0]!.url.replace(/token=.*/, "token=nope"));
    expect(tampered.status).toBe(404);
  });

  test("an agent's reply with a file reaches the widget with a link the visitor can open", async () => {
    const widget = await openWidget(server.url, { channelId: channel.id });
    await widget.send("af-0", "Can you send the manual?");
    const ticketId = ticketOf(widget);
    await bodyOf(
      asAdmin.api.tickets[":id"].messages["with-files"].$post({
        param: { id: ticketId },
        form: {
          body: "Here is the manual",
          files: [new File(["%PDF-1.4 manual"], "manual.pdf", { type: "application/pdf" })],
        },
      }),
      201,
    );

    const [reply] = await eventually(() => {
      const found = widget.of("message").find(([m]) => m.author === "agent");
      expect(found, "the agent's reply in the widget").toBeDefined();
      return found!;
    });
    expect(reply).toMatchObject({
      text: "Here is the manual",
      attachments: [{ filename: "manual.pdf", contentType: "application/pdf" }],
    });
    const file = await fetch(reply.attachments[0]!.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe("%PDF-1.4 manual");
  });

  test("web_chat channel settings: validated, the identity secret rotates, other kinds' fields are refused", async () => {
    await bodyOf(
      asAdmin.api.channels.$post({
        json: { kind: "web_chat", name: "Bad", settings: { allowedOrigins: ["not a url"], color: "blue" } },
      }),
      400,
    );
    const before = channel.settings.identitySecret;
    const other = await createChatChannel(server, adminToken, { greeting: "Hello there", maxMessageLength: 300 });
    expect(other.settings).toMatchObject({
      greeting: "Hello there",
      maxMessageLength: 300,
      allowedOrigins: [siteOrigin],
      preChatForm: { enabled: false },
    });
    const rotated = await bodyOf(
      asAdmin.api.channels[":id"].$patch({
        param: { id: other.id },
        json: { settings: { rotateIdentitySecret: true, preChatForm: { enabled: true, requireEmail: true } } },
      }),
      200,
    );
    expect(rotated.kind).toBe("web_chat");
    expect(rotated.settings).not.toMatchObject({ identitySecret: other.settings.identitySecret });
    expect(rotated.settings).toMatchObject({
      greeting: "Hello there",
      preChatForm: { enabled: true, requireEmail: true },
    });
    await bodyOf(
      asAdmin.api.channels[":id"].$patch({ param: { id: other.id }, json: { settings: { signature: "-- us" } } }),
      400,
    );
    expect(before).toBe(channel.settings.identitySecret);
    const agent = await staffToken(server, "agent");
    await bodyOf(apiClient(server.url, agent).api.channels[":id"].$get({ param: { id: other.id } }), 403);
  });
});
