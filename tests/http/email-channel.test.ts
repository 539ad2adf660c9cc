import { channels, inboundDeliveries, messages, tickets } from "@helpdesk/db";
import { replyToTicket, updateTicket } from "@helpdesk/api/domain";
import { createSmtpMailer } from "@helpdesk/api/mail";
import { startSmtpListener } from "@helpdesk/api/email";
import { eq } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";
import { startMailCapture } from "../support/mail-capture.ts";

/**
 * The email channel end to end over real SMTP: nodemailer delivers into our listener, jobs parse and
 * thread, and our replies go out through nodemailer to a real SMTP server standing in for the world.
 */
let h: Harness;
let capture: Awaited<ReturnType<typeof startMailCapture>>;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let admin: SignedIn;
const support = "support@acme-help.test";
const channelId = "chn_test_email";
const webhookSecret = "a-long-shared-webhook-secret";

beforeAll(async () => {
  capture = await startMailCapture();
  h = await createHarness({ mailer: createSmtpMailer(capture.url), emailWebhookSecret: webhookSecret });
  await h.db.insert(channels).values({
    id: channelId,
    kind: "email",
    name: "Acme Support",
    address: support,
    settings: { acknowledgement: true, senderLimitPerHour: 4, signature: "Acme Support team" },
  });
  listener = await startSmtpListener(h.deps, {
    host: "127.0.0.1",
    port: 0,
    maxMessageBytes: 30 * 1024 * 1024,
    logger: { info() {}, warn() {} },
  });
  admin = await h.signIn("admin");
});

afterAll(async () => {
  await listener?.close();
  await h?.close();
  await capture?.close();
});

const customerMailer = () =>
  createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });

async function deliver(mail: Parameters<ReturnType<typeof customerMailer>["sendMail"]>[0]) {
  const info = await customerMailer().sendMail({ to: support, ...mail });
  await h.jobs.drain();
  return info;
}

async function ticketOfMessage(externalId: string) {
  const [row] = await h.db
    .select({ ticketId: messages.ticketId })
    .from(messages)
    .where(eq(messages.externalId, externalId));
  return row ? (await h.db.select().from(tickets).where(eq(tickets.id, row.ticketId)))[0]! : null;
}

function mailsTo(address: string) {
  return capture.received.filter((m) => m.envelope.to.includes(address));
}

describe("inbound mail over SMTP", () => {
  test("a new mail opens a ticket for its sender, stored raw first, and is acknowledged with the ticket token", async () => {
    await deliver({
      from: '"Nora Quinn" <nora@customer.test>',
      subject: "Cannot log in since the update",
      text: "Hi, since this morning's update the login page just reloads.\n\nNora",
      messageId: "<first-1@customer.test>",
    });
    const ticket = await ticketOfMessage("first-1@customer.test");
    expect(ticket).toMatchObject({ subject: "Cannot log in since the update", status: "new", channelId });
    const [delivery] = await h.db
      .select()
      .from(inboundDeliveries)
      .where(eq(inboundDeliveries.externalId, "first-1@customer.test"));
    expect(delivery).toMatchObject({ status: "processed", ticketId: ticket!.id, senderAddress: "nora@customer.test" });
    expect(Buffer.from(delivery!.payload).toString()).toContain("since this morning's update");

    const detail = await h.client.api.tickets[":id"].$get({ param: { id: ticket!.id } }, { headers: admin.headers });
    const body = await detail.json();
    if (!("messages" in body)) throw new Error("expected a ticket");
    expect(body.customer).toMatchObject({ name: "Nora Quinn", email: "nora@customer.test" });
    expect(body.messages[0]!.bodyText).toContain("the login page just reloads");
    expect(body.messages[0]!.email).toMatchObject({
      from: { address: "nora@customer.test", name: "Nora Quinn" },
      subject: "Cannot log in since the update",
    });

    const [ack] = mailsTo("nora@customer.test");
    expect(ack!.parsed.subject).toBe(`Re: Cannot log in since the update [#${ticket!.number}]`);
    expect(ack!.parsed.headers.get("auto-submitted")).toBe("auto-replied");
    expect(ack!.parsed.inReplyTo).toBe("<first-1@customer.test>");
  });

  test("the same mail delivered twice (SMTP, then the webhook) is one delivery and one message", async () => {
    const mail = {
      from: "dup@customer.test",
      subject: "Duplicate?",
      text: "Only once please.",
      messageId: "<dup-1@customer.test>",
    };
    await deliver(mail);
    await deliver(mail);
    const raw = await new Promise<Buffer>((resolve, reject) =>
      createTransport({ streamTransport: true, buffer: true }).sendMail({ to: support, ...mail }, (err, info) =>
        err ? reject(err) : resolve(info.message as Buffer),
      ),
    );
    const res = await h.app.request("/webhooks/email", {
      method: "POST",
      body: new Uint8Array(raw),
      headers: { authorization: `Bearer ${webhookSecret}`, "content-type": "message/rfc822" },
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ duplicate: true });
    await h.jobs.drain();
    expect(await h.db.select().from(messages).where(eq(messages.externalId, "dup-1@customer.test"))).toHaveLength(1);
    expect(
      await h.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.externalId, "dup-1@customer.test")),
    ).toHaveLength(1);
  });

  test("mail for a mailbox that is not a channel is refused: the listener is no open relay", async () => {
    await expect(
      customerMailer().sendMail({
        from: "x@customer.test",
        to: "someone@elsewhere.test",
        subject: "relay?",
        text: "hi",
      }),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
  });

  test("the webhook wants its secret and the raw mail", async () => {
    const denied = await h.app.request("/webhooks/email", {
      method: "POST",
      body: "x",
      headers: { authorization: "Bearer wrong-secret-wrong-secret" },
    });
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.code).toBe("UNAUTHENTICATED");
    const empty = await h.app.request("/webhooks/email", {
      method: "POST",
      body: "",
      headers: { authorization: `Bearer ${webhookSecret}` },
    });
    expect(empty.status).toBe(400);
  });
});

describe("replies and threading", () => {
  test("an agent's reply goes out threaded; the customer's answer joins the ticket by In-Reply-To without the quoted history", async () => {
    await deliver({
      from: "omar@customer.test",
      subject: "Invoice 2231 is wrong",
      text: "The VAT number is missing.",
      messageId: "<inv-1@customer.test>",
    });
    const ticket = (await ticketOfMessage("inv-1@customer.test"))!;
    await replyToTicket(h.deps, admin.actor, ticket.id, {
      body: "Thanks Omar, a **corrected invoice** is attached to your account.",
      status: "pending",
    });
    await h.jobs.drain();

    const [reply] = mailsTo("omar@customer.test").filter((m) => m.parsed.headers.get("auto-submitted") === undefined);
    expect(reply!.parsed.subject).toBe(`Re: Invoice 2231 is wrong [#${ticket.number}]`);
    expect(reply!.parsed.inReplyTo).toBe("<inv-1@customer.test>");
    expect(reply!.parsed.html).toContain("<strong>corrected invoice</strong>");
    expect(reply!.parsed.text).toContain("Acme Support team");
    const [stored] = await h.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, ticket.id))
      .orderBy(messages.createdAt);
    const sent = (await h.db.select().from(messages).where(eq(messages.ticketId, ticket.id))).find(
      (m) => m.direction === "outbound",
    )!;
    expect(sent).toMatchObject({ deliveryStatus: "sent", deliveryError: null });
    expect(reply!.parsed.messageId).toBe(`<${sent.externalId}>`);
    expect(stored).toBeDefined();

    await deliver({
      from: "omar@customer.test",
      subject: `Re: Invoice 2231 is wrong [#${ticket.number}]`,
      inReplyTo: `<${sent.externalId}>`,
      references: [`<inv-1@customer.test>`, `<${sent.externalId}>`],
      text: `Got it, thank you!\n\nOn Mon, 23 Nov 2026 at 10:00, Acme Support <${support}> wrote:\n> Thanks Omar, a corrected invoice is attached to your account.\n`,
      messageId: "<inv-2@customer.test>",
    });
    const answer = (await h.db.select().from(messages).where(eq(messages.externalId, "inv-2@customer.test")))[0]!;
    expect(answer.ticketId).toBe(ticket.id);
    expect(answer.bodyText).toBe("Got it, thank you!");
    // The customer wrote back: a pending ticket opens again.
    expect((await h.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!.status).toBe("open");
  });

  test("the [#number] token threads the ticket's own customer, but not a stranger who guesses it", async () => {
    await deliver({
      from: "tina@customer.test",
      subject: "Shipping to Norway?",
      text: "Do you ship to Norway?",
      messageId: "<tok-1@customer.test>",
    });
    const ticket = (await ticketOfMessage("tok-1@customer.test"))!;
    await deliver({
      from: "tina@customer.test",
      subject: `[#${ticket.number}] one more thing`,
      text: "And to Iceland?",
      messageId: "<tok-2@customer.test>",
    });
    expect((await ticketOfMessage("tok-2@customer.test"))!.id).toBe(ticket.id);
    await deliver({
      from: "mallory@evil.test",
      subject: `Re: [#${ticket.number}]`,
      text: "Let me in",
      messageId: "<tok-3@evil.test>",
    });
    expect((await ticketOfMessage("tok-3@evil.test"))!.id).not.toBe(ticket.id);
  });

  test("copied addresses are kept on the ticket and receive the replies", async () => {
    await deliver({
      from: "lead@customer.test",
      cc: ["cfo@customer.test", support],
      subject: "Contract renewal",
      text: "Please send the renewal quote.",
      messageId: "<cc-1@customer.test>",
    });
    const ticket = (await ticketOfMessage("cc-1@customer.test"))!;
    expect(ticket.cc).toEqual(["cfo@customer.test"]);
    await replyToTicket(h.deps, admin.actor, ticket.id, { body: "Quote attached." });
    await h.jobs.drain();
    const reply = capture.received.find(
      (m) => m.parsed.subject?.startsWith("Re: Contract renewal") && m.parsed.text?.includes("Quote attached"),
    );
    expect(reply!.envelope.to.sort()).toEqual(["cfo@customer.test", "lead@customer.test"]);
    expect(reply!.parsed.headers.get("cc")).toMatchObject({ value: [{ address: "cfo@customer.test" }] });
  });

  test("a reply to a solved ticket reopens it; to a closed one opens a follow-up linked to it", async () => {
    await deliver({
      from: "sam@customer.test",
      subject: "Password reset link expired",
      text: "The link says expired.",
      messageId: "<life-1@customer.test>",
    });
    const ticket = (await ticketOfMessage("life-1@customer.test"))!;
    await updateTicket(h.deps, admin.actor, ticket.id, { status: "solved" });
    await deliver({
      from: "sam@customer.test",
      subject: "Re: Password reset link expired",
      inReplyTo: "<life-1@customer.test>",
      text: "Still broken.",
      messageId: "<life-2@customer.test>",
    });
    expect((await ticketOfMessage("life-2@customer.test"))!).toMatchObject({ id: ticket.id, status: "open" });

    await updateTicket(h.deps, admin.actor, ticket.id, { status: "closed" });
    await deliver({
      from: "sam@customer.test",
      subject: "Re: Password reset link expired",
      inReplyTo: "<life-2@customer.test>",
      text: "It happened again.",
      messageId: "<life-3@customer.test>",
    });
    const followUp = (await ticketOfMessage("life-3@customer.test"))!;
    expect(followUp.id).not.toBe(ticket.id);
    expect(followUp.followUpOfId).toBe(ticket.id);
  });
});

describe("loops and noise", () => {
  test("an out-of-office reply opens no ticket and gets no acknowledgement", async () => {
    const before = capture.received.length;
    await deliver({
      from: "away@customer.test",
      subject: "Automatic reply: Your ticket",
      headers: { "Auto-Submitted": "auto-replied" },
      text: "I am out of the office until Monday.",
      messageId: "<ooo-1@customer.test>",
    });
    expect(await ticketOfMessage("ooo-1@customer.test")).toBeNull();
    const [delivery] = await h.db
      .select()
      .from(inboundDeliveries)
      .where(eq(inboundDeliveries.externalId, "ooo-1@customer.test"));
    expect(delivery!.status).toBe("ignored");
    expect(delivery!.note).toMatch(/auto-reply/i);
    expect(capture.received.length).toBe(before);
  });

  test("a bounce marks the reply it refers to as failed, with the server's reason", async () => {
    await deliver({
      from: "gone@customer.test",
      subject: "Old address",
      text: "Hello",
      messageId: "<b-1@customer.test>",
    });
    const ticket = (await ticketOfMessage("b-1@customer.test"))!;
    const { message } = await replyToTicket(h.deps, admin.actor, ticket.id, { body: "We will look into it." });
    await h.jobs.drain();
    const ourId = (await h.db.select().from(messages).where(eq(messages.id, message.id)))[0]!.externalId!;
    const dsn = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>`,
      `To: ${support}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <bounce-1@mx.customer.test>`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="b"`,
      ``,
      `--b`,
      `Content-Type: text/plain`,
      ``,
      `Your message could not be delivered.`,
      `--b`,
      `Content-Type: message/delivery-status`,
      ``,
      `Reporting-MTA: dns; mx.customer.test`,
      ``,
      `Final-Recipient: rfc822; gone@customer.test`,
      `Action: failed`,
      `Status: 5.1.1`,
      `Diagnostic-Code: smtp; 550 5.1.1 User unknown`,
      `--b`,
      `Content-Type: text/rfc822-headers`,
      ``,
      `From: Acme Support <${support}>`,
      `To: gone@customer.test`,
      `Message-ID: <${ourId}>`,
      `Subject: Re: Old address [#${ticket.number}]`,
      `--b--`,
      ``,
    ].join("\r\n");
    await customerMailer().sendMail({ envelope: { from: "", to: [support] }, raw: dsn });
    await h.jobs.drain();
    const bounced = (await h.db.select().from(messages).where(eq(messages.id, message.id)))[0]!;
    expect(bounced.deliveryStatus).toBe("failed");
    expect(bounced.deliveryError).toMatch(/User unknown/);
    expect(await ticketOfMessage("bounce-1@mx.customer.test")).toBeNull();
    expect((await h.db.select().from(tickets).where(eq(tickets.customerId, ticket.customerId))).length).toBe(1);
  });

  test("a sender flooding the channel is held back: stored and flagged, never dropped", async () => {
    for (let i = 0; i < 6; i++) {
      await deliver({
        from: "robot@spammy.test",
        subject: `Alert ${i}`,
        text: `Alert number ${i}`,
        messageId: `<flood-${i}@spammy.test>`,
      });
    }
    const rows = await h.db
      .select()
      .from(inboundDeliveries)
      .where(eq(inboundDeliveries.senderAddress, "robot@spammy.test"));
    expect(rows.filter((r) => r.status === "processed")).toHaveLength(4);
    const held = rows.filter((r) => r.status === "rate_limited");
    expect(held).toHaveLength(2);
    expect(held[0]!.note).toMatch(/more than 4 mails/);
    expect(Buffer.from(held[0]!.payload).toString()).toMatch(/Alert number [45]/);

    // Admins see what was held back, and can let it through.
    const log = await (
      await h.client.api["inbound-mail"].$get({ query: { status: "rate_limited" } }, { headers: admin.headers })
    ).json();
    if (!("items" in log)) throw new Error("expected a page");
    expect(log.items.map((i) => i.subject).sort()).toEqual(["Alert 4", "Alert 5"]);
    const released = await h.client.api["inbound-mail"][":id"].release.$post(
      { param: { id: log.items[0]!.id } },
      { headers: admin.headers },
    );
    expect(released.status).toBe(200);
    await h.jobs.drain();
    const after = (await h.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.id, log.items[0]!.id)))[0]!;
    expect(after).toMatchObject({ status: "processed" });
    expect(after.ticketId).not.toBeNull();
    const again = await h.client.api["inbound-mail"][":id"].release.$post(
      { param: { id: log.items[0]!.id } },
      { headers: admin.headers },
    );
    expect(again.status).toBe(409);
  });
});

describe("attachments", () => {
  test("a 10 MB attachment arrives whole and is served only to staff who can see the ticket", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
    await deliver({
      from: "big@customer.test",
      subject: "Log files attached",
      text: "Here are the logs.",
      messageId: "<big-1@customer.test>",
      attachments: [{ filename: "server.log.gz", content: big, contentType: "application/gzip" }],
    });
    const ticket = (await ticketOfMessage("big-1@customer.test"))!;
    const detail = await (
      await h.client.api.tickets[":id"].$get({ param: { id: ticket.id } }, { headers: admin.headers })
    ).json();
    if (!("messages" in detail)) throw new Error("expected a ticket");
    const file = detail.messages[0]!.attachments[0]!;
    expect(file).toMatchObject({ filename: "server.log.gz", size: big.length });

    const download = await h.app.request(`/api/attachments/${file.id}`, { headers: admin.headers });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(big)).toBe(true);

    // Move the ticket to a team; an agent outside it can see neither the ticket nor its files.
    const team = await h.team();
    await updateTicket(h.deps, admin.actor, ticket.id, { teamId: team.id });
    const outsider = await h.signIn("agent");
    const denied = await h.app.request(`/api/attachments/${file.id}`, { headers: outsider.headers });
    expect(denied.status).toBe(404);
    expect((await h.app.request(`/api/attachments/${file.id}`)).status).toBe(401);
  });
});

describe("outbound delivery", () => {
  test("a reply the server refuses shows as failed with the reason, and an agent can send it again", async () => {
    await deliver({
      from: "fix@customer.test",
      subject: "Refused reply",
      text: "Please answer",
      messageId: "<r-1@customer.test>",
    });
    const ticket = (await ticketOfMessage("r-1@customer.test"))!;
    capture.reject(550, "5.7.1 Relaying denied for this sender");
    const { message } = await replyToTicket(h.deps, admin.actor, ticket.id, { body: "Here is your answer." });
    await h.jobs.drain();
    capture.accept();
    const failed = (await h.db.select().from(messages).where(eq(messages.id, message.id)))[0]!;
    expect(failed.deliveryStatus).toBe("failed");
    expect(failed.deliveryError).toMatch(/Relaying denied/);

    const res = await h.client.api.messages[":id"].retry.$post(
      { param: { id: message.id } },
      { headers: admin.headers },
    );
    expect(res.status).toBe(200);
    await h.jobs.drain();
    const resent = (await h.db.select().from(messages).where(eq(messages.id, message.id)))[0]!;
    expect(resent).toMatchObject({ deliveryStatus: "sent", deliveryError: null });
    expect(mailsTo("fix@customer.test").some((m) => m.parsed.text?.includes("Here is your answer."))).toBe(true);

    const again = await h.client.api.messages[":id"].retry.$post(
      { param: { id: message.id } },
      { headers: admin.headers },
    );
    expect(again.status).toBe(409);
  });

  test("a channel with its own SMTP account sends its replies there, logging in with the stored password", async () => {
    const own = await startMailCapture({ username: "brand-sender", password: "s3cret-smtp-pass" });
    try {
      const created = await h.client.api.channels.$post(
        {
          json: {
            kind: "email",
            name: "Brand support",
            address: "hello@brand.test",
            settings: {
              smtp: {
                host: "127.0.0.1",
                port: own.port,
                secure: false,
                username: "brand-sender",
                password: "s3cret-smtp-pass",
              },
            },
          },
        },
        { headers: admin.headers },
      );
      expect(created.status).toBe(201);
      await deliver({
        to: "hello@brand.test",
        from: "fan@customer.test",
        subject: "Love the product",
        text: "Where can I buy it?",
        messageId: "<brand-1@customer.test>",
      });
      const ticket = (await ticketOfMessage("brand-1@customer.test"))!;
      const { message } = await replyToTicket(h.deps, admin.actor, ticket.id, { body: "In our shop!" });
      await h.jobs.drain();
      expect(own.received.map((m) => m.parsed.subject)).toEqual([`Re: Love the product [#${ticket.number}]`]);
      expect(own.authenticatedAs).toEqual(["brand-sender"]);
      expect(capture.received.some((m) => m.parsed.subject === `Re: Love the product [#${ticket.number}]`)).toBe(false);
      expect((await h.db.select().from(messages).where(eq(messages.id, message.id)))[0]!.deliveryStatus).toBe("sent");
    } finally {
      await own.close();
    }
  });

  test("admins read every composed mail in the outbox; agents may not", async () => {
    const list = await h.client.api.outbox.$get({ query: {} }, { headers: admin.headers });
    const body = await list.json();
    if (!("items" in body)) throw new Error("expected a page");
    expect(body.items.length).toBeGreaterThan(3);
    const one = await h.client.api.outbox[":id"].$get({ param: { id: body.items[0]!.id } }, { headers: admin.headers });
    expect(one.status).toBe(200);
    expect((await one.json()) as object).toHaveProperty("raw");
    const agent = await h.signIn("agent");
    expect((await h.client.api.outbox.$get({ query: {} }, { headers: agent.headers })).status).toBe(403);
  });
});
