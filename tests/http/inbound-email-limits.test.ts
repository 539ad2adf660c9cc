import { channels, inboundDeliveries, messages, newId, tickets } from "@helpdesk/db";
import { startSmtpListener } from "@helpdesk/api/email";
import { eq } from "drizzle-orm";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/**
 * Mail over the help desk's limits (text, subject, file names) was answered 250 and then never became a
 * ticket. It is cut to fit instead: the ticket opens, the message says it was shortened, and the whole
 * mail stays available as the original. What still cannot be processed ends as "failed", in the admins'
 * list, and a resend of it is processed again rather than swallowed as a duplicate.
 */
let h: Harness;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let admin: SignedIn;
const support = "limits@acme-help.test";
const channelId = "chn_test_email_limits";
const webhookSecret = "a-long-shared-webhook-secret-for-limits";

beforeAll(async () => {
  h = await createHarness({ emailWebhookSecret: webhookSecret });
  await h.db.insert(channels).values({
    id: channelId,
    kind: "email",
    name: "Acme Limits",
    address: support,
    settings: { acknowledgement: false },
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
});

/** The mail's bytes as a real client writes them (MIME, transfer encodings, RFC 2231 file names). */
type MailOptions = Parameters<ReturnType<typeof createTransport>["sendMail"]>[0];

async function compose(mail: MailOptions): Promise<Buffer> {
  const info = await createTransport({ streamTransport: true, buffer: true }).sendMail({ to: support, ...mail });
  return info.message as Buffer;
}

async function deliverOverSmtp(raw: Buffer, from = "sender@customer.test") {
  await createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true }).sendMail({
    envelope: { from, to: [support] },
    raw,
  });
  await h.jobs.drain();
}

async function deliverOverWebhook(raw: Buffer) {
  const res = await h.app.request("/webhooks/email", {
    method: "POST",
    body: new Uint8Array(raw),
    headers: { authorization: `Bearer ${webhookSecret}`, "content-type": "message/rfc822" },
  });
  expect(res.status).toBe(202);
  await h.jobs.drain();
}

async function deliveryOf(messageId: string) {
  const [row] = await h.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.externalId, messageId));
  return row!;
}

/** The ticket an inbound mail made, as an agent sees it, with the message the mail became. */
async function threadOf(messageId: string) {
  const delivery = await deliveryOf(messageId);
  expect(delivery).toMatchObject({ status: "processed" });
  const res = await h.client.api.tickets[":id"].$get({ param: { id: delivery.ticketId! } }, { headers: admin.headers });
  const ticket = await res.json();
  if (!("messages" in ticket)) throw new Error(`expected a ticket, got ${JSON.stringify(ticket)}`);
  const message = ticket.messages.find((m) => m.id === delivery.messageId)!;
  expect(message).toBeDefined();
  return { delivery, ticket, message };
}

async function originalOf(messageId: string) {
  const res = await h.client.api.messages[":id"].original.$get(
    { param: { id: messageId } },
    { headers: admin.headers },
  );
  expect(res.status).toBe(200);
  const original = await res.json();
  if (!("text" in original)) throw new Error("expected the original");
  return original;
}

/** 150,000 characters of prose that says where it is, and a last line that must not survive the cut. */
function longText(characters: number, lastLine: string) {
  const lines: string[] = [];
  let length = 0;
  for (let i = 1; length < characters - lastLine.length; i++) {
    const line = `Line ${String(i).padStart(5, "0")} of the export log: nothing unusual happened here.`;
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join("\n")}\n${lastLine}`;
}

describe("a mail over the limits opens a ticket with what fits, says so, and keeps the whole mail", () => {
  test("a text of 150,000 characters is cut to 100,000; the notice is on the message; the original has all of it", async () => {
    const text = longText(150_000, "THE-LAST-LINE-OF-THE-MAIL");
    expect(text.length).toBeGreaterThanOrEqual(150_000);
    await deliverOverSmtp(
      await compose({
        from: "Lena Hart <lena@customer.test>",
        subject: "Export log attached inline",
        text,
        messageId: "<long-text-1@customer.test>",
      }),
    );

    const { delivery, ticket, message } = await threadOf("long-text-1@customer.test");
    expect(ticket.subject).toBe("Export log attached inline");
    expect(message.bodyText.length).toBeLessThanOrEqual(100_000);
    expect(message.bodyText.length).toBeGreaterThan(99_000);
    expect(message.bodyText.startsWith("Line 00001 of the export log")).toBe(true);
    expect(message.bodyText.endsWith("…")).toBe(true);
    expect(message.bodyText).not.toContain("THE-LAST-LINE-OF-THE-MAIL");
    expect(message.bodyHtml).not.toContain("THE-LAST-LINE-OF-THE-MAIL");
    expect(message.email!.shortened).toEqual({ subject: false, body: true, attachmentIds: [] });
    expect(message.hasOriginal).toBe(true);
    expect(delivery.note).toMatch(/Shortened to fit: the text \(150,0\d\d characters, 100,000 kept\)/);

    const original = await originalOf(message.id);
    expect(original.text.trim()).toBe(text);
    expect(Buffer.from(delivery.payload).byteLength).toBeGreaterThan(150_000);
  });

  test("a subject of 1,000 characters (over the webhook) is cut to 300 with an ellipsis; the original has it whole", async () => {
    const subject = `Order ${"very ".repeat(199)}urgent`;
    expect(subject.length).toBe(1_007);
    await deliverOverWebhook(
      await compose({
        from: "kai@customer.test",
        subject,
        text: "See the subject.",
        messageId: "<long-subject-1@customer.test>",
      }),
    );

    const { delivery, ticket, message } = await threadOf("long-subject-1@customer.test");
    expect(ticket.subject.length).toBeLessThanOrEqual(300);
    expect(ticket.subject.length).toBeGreaterThan(290);
    expect(ticket.subject).toMatch(/^Order very very .*very…$/);
    const [row] = await h.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row!.subject).toBe(ticket.subject);
    expect(message.bodyText).toBe("See the subject.");
    expect(message.email!.shortened).toEqual({ subject: true, body: false, attachmentIds: [] });
    expect(delivery.note).toMatch(/the subject \(1,007 characters, 300 kept\)/);

    expect((await originalOf(message.id)).subject).toBe(subject);
  });

  test("an attachment named with 400 characters keeps its extension and its bytes; the original has the whole name", async () => {
    const filename = `${"quarterly-figures-".repeat(22)}final.pdf`;
    expect(filename.length).toBe(405);
    const content = Buffer.from("%PDF-1.4 not really a PDF, but these are its exact bytes\n");
    await deliverOverSmtp(
      await compose({
        from: "ines@customer.test",
        subject: "Figures",
        text: "The figures are attached.",
        messageId: "<long-filename-1@customer.test>",
        attachments: [{ filename, content, contentType: "application/pdf" }],
      }),
    );

    const { message } = await threadOf("long-filename-1@customer.test");
    const [file] = message.attachments;
    expect(file!.filename.length).toBeLessThanOrEqual(255);
    expect(file!.filename.startsWith("quarterly-figures-quarterly-figures-")).toBe(true);
    expect(file!.filename.endsWith("….pdf")).toBe(true);
    expect(message.email!.shortened).toEqual({ subject: false, body: false, attachmentIds: [file!.id] });

    const download = await h.app.request(`/api/attachments/${file!.id}`, { headers: admin.headers });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);

    expect((await originalOf(message.id)).attachments).toEqual([
      { filename, contentType: "application/pdf", size: content.byteLength },
    ]);
  });

  test("a threaded reply that is too long joins its ticket, cut to fit, with the notice and its original", async () => {
    await deliverOverSmtp(
      await compose({
        from: "omar@customer.test",
        subject: "Sync fails nightly",
        text: "The nightly sync fails.",
        messageId: "<reply-1@customer.test>",
      }),
    );
    const first = await threadOf("reply-1@customer.test");
    await h.client.api.tickets[":id"].$patch(
      { param: { id: first.ticket.id }, json: { status: "pending" } },
      { headers: admin.headers },
    );

    const reply = longText(160_000, "END-OF-THE-REPLY");
    await deliverOverSmtp(
      await compose({
        from: "omar@customer.test",
        subject: `Re: Sync fails nightly [#${first.ticket.number}]`,
        inReplyTo: "<reply-1@customer.test>",
        references: ["<reply-1@customer.test>"],
        text: reply,
        messageId: "<reply-2@customer.test>",
      }),
      "omar@customer.test",
    );

    const { ticket, message } = await threadOf("reply-2@customer.test");
    expect(ticket.id).toBe(first.ticket.id);
    // The customer wrote back: a pending ticket opens again, as for any reply.
    expect(ticket.status).toBe("open");
    expect(ticket.messages).toHaveLength(2);
    expect(message.bodyText.length).toBeLessThanOrEqual(100_000);
    expect(message.bodyText).not.toContain("END-OF-THE-REPLY");
    expect(message.email!.shortened).toMatchObject({ body: true, subject: false });
    expect((await originalOf(message.id)).text).toContain("END-OF-THE-REPLY");
  });
});

describe("what cannot be processed is failed, in sight, and processed again when sent again", () => {
  test("a mail that failed here before is processed when the sender sends it again, not answered 'duplicate'", async () => {
    const raw = await compose({
      from: "pia@customer.test",
      subject: "Full report",
      text: longText(120_000, "REPORT-END"),
      messageId: "<failed-before-1@customer.test>",
    });
    // What the old code left behind: stored, answered 250, then refused by the ticket code on every attempt.
    const deliveryId = newId("inboundDelivery");
    await h.db.insert(inboundDeliveries).values({
      id: deliveryId,
      channelId,
      externalId: "failed-before-1@customer.test",
      contentType: "message/rfc822",
      payload: raw,
      envelope: { transport: "smtp", mailFrom: "pia@customer.test", rcptTo: [support] },
      status: "failed",
      note: "Processing failed: body: Too big: expected string to have <=100000 characters",
      attempts: 5,
    });

    await deliverOverSmtp(raw, "pia@customer.test");

    const { delivery, message } = await threadOf("failed-before-1@customer.test");
    expect(delivery.id).toBe(deliveryId);
    expect(message.bodyText.length).toBeLessThanOrEqual(100_000);
    expect(message.email!.shortened).toMatchObject({ body: true });
    expect(
      await h.db
        .select()
        .from(inboundDeliveries)
        .where(eq(inboundDeliveries.externalId, "failed-before-1@customer.test")),
    ).toHaveLength(1);
  });

  test("a mail that fails again is still failed, listed for the admins with a note saying it was sent again", async () => {
    // No From: nobody to open a ticket for, whatever the code does.
    const raw = Buffer.from(
      [
        `To: ${support}`,
        `Subject: Nobody wrote this`,
        `Message-ID: <no-from-1@customer.test>`,
        `Content-Type: text/plain`,
        ``,
        `Who am I?`,
        ``,
      ].join("\r\n"),
    );
    await deliverOverSmtp(raw);
    const failed = await deliveryOf("no-from-1@customer.test");
    expect(failed).toMatchObject({ status: "failed", note: "The mail has no From address." });

    await deliverOverSmtp(raw);
    const again = await deliveryOf("no-from-1@customer.test");
    expect(again.status).toBe("failed");
    expect(again.note).toMatch(/^Sent again on .+ and failed again: The mail has no From address\.$/);
    expect(again.attempts).toBe(2);

    const res = await h.client.api["inbound-mail"].$get({ query: {} }, { headers: admin.headers });
    const log = await res.json();
    if (!("items" in log)) throw new Error("expected a page");
    expect(log.items.find((i) => i.id === again.id)).toMatchObject({
      status: "failed",
      subject: "Nobody wrote this",
      note: again.note,
    });
    // The processed ones are not what needs a look: they are not in the default list.
    expect(log.items.some((i) => i.status === "processed" || i.status === "received")).toBe(false);
  });
});

describe("the notice and the original for an agent in the thread", () => {
  test("a message that fit is not marked shortened", async () => {
    await deliverOverSmtp(
      await compose({
        from: "zoe@customer.test",
        subject: "Short one",
        text: "Hello!",
        messageId: "<short-1@customer.test>",
      }),
    );
    const { message } = await threadOf("short-1@customer.test");
    expect(message.email!.shortened).toBeNull();
    const [row] = await h.db.select().from(messages).where(eq(messages.id, message.id));
    expect((row!.channelMetadata.email as Record<string, unknown>).shortened).toBeUndefined();
  });
});
