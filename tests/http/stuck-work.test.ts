import {
  channels,
  customerIdentities,
  customers,
  inboundDeliveries,
  messages,
  newId,
  outboxJobs,
  tickets,
} from "@helpdesk/db";
import { createSmtpMailer } from "@helpdesk/api/mail";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";
import { startMailCapture } from "../support/mail-capture.ts";

/**
 * Work that got stuck before the outbox existed (a reply "queued" whose job was lost, a mail "received" that no
 * job will process) is not refused: an agent's Retry and an admin's Release take it, and it goes out once.
 */
let h: Harness;
let capture: Awaited<ReturnType<typeof startMailCapture>>;
let admin: SignedIn;
const support = "support@stuck.test";
const channelId = "chn_test_stuck";

beforeAll(async () => {
  capture = await startMailCapture();
  h = await createHarness({ mailer: createSmtpMailer(capture.url) });
  await h.db
    .insert(channels)
    .values({ id: channelId, kind: "email", name: "Stuck Support", address: support, settings: {} });
  admin = await h.signIn("admin");
});
afterAll(async () => {
  await h?.close();
  await capture?.close();
});

describe("stuck work can always be sent again", () => {
  test("a reply stuck in 'queued' with no job behind it is retried and sent exactly once", async () => {
    const customerId = newId("customer");
    await h.db.insert(customers).values({ id: customerId, name: "Stuck Customer", contactEmail: null });
    await h.db
      .insert(customerIdentities)
      .values({ id: newId("customerIdentity"), customerId, kind: "email", value: "stuck-customer@customer.test" });
    const ticketId = newId("ticket");
    const now = new Date();
    await h.db.insert(tickets).values({
      id: ticketId,
      subject: "Where is my refund?",
      channelId,
      customerId,
      status: "open",
      lastMessageAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const messageId = newId("message");
    // What an old crash between commit and enqueue left: the reply is "queued", and nothing will ever send it.
    await h.db.insert(messages).values({
      id: messageId,
      ticketId,
      channelId,
      direction: "outbound",
      internal: false,
      authorKind: "agent",
      authorUserId: admin.actor.id,
      bodyText: "Your refund left today.",
      bodyHtml: "<p>Your refund left today.</p>",
      externalId: `${messageId}@stuck.test`,
      deliveryStatus: "queued",
      createdAt: now,
    });
    await h.jobs.drain();
    expect(capture.received.filter((m) => m.envelope.to.includes("stuck-customer@customer.test"))).toHaveLength(0);

    const retry = await h.client.api.messages[":id"].retry.$post(
      { param: { id: messageId } },
      { headers: admin.headers },
    );
    expect(retry.status).toBe(200);
    // A second click while the first retry's job still waits is that same job, not a second mail.
    const again = await h.client.api.messages[":id"].retry.$post(
      { param: { id: messageId } },
      { headers: admin.headers },
    );
    expect([200, 409]).toContain(again.status);
    await h.jobs.drain();

    const sent = capture.received.filter((m) => m.envelope.to.includes("stuck-customer@customer.test"));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.parsed.text).toContain("Your refund left today.");
    const [row] = await h.db.select().from(messages).where(eq(messages.id, messageId));
    expect(row!.deliveryStatus).toBe("sent");
    // Sent is final: nothing to retry.
    expect(
      (await h.client.api.messages[":id"].retry.$post({ param: { id: messageId } }, { headers: admin.headers })).status,
    ).toBe(409);
  });

  test("a mail stuck in 'received' with no job behind it is released by an admin and becomes a ticket", async () => {
    const raw = Buffer.from(
      [
        `From: Rhea <rhea@customer.test>`,
        `To: ${support}`,
        `Subject: Stuck in the inbox`,
        `Message-ID: <stuck-1@customer.test>`,
        `Content-Type: text/plain`,
        ``,
        `Hello?`,
        ``,
      ].join("\r\n"),
    );
    const deliveryId = newId("inboundDelivery");
    await h.db.insert(inboundDeliveries).values({
      id: deliveryId,
      channelId,
      externalId: "stuck-1@customer.test",
      contentType: "message/rfc822",
      payload: raw,
      envelope: { transport: "smtp" },
    });
    await h.jobs.drain();
    const listed = await h.client.api["inbound-mail"].$get(
      { query: { status: "received" } as never },
      { headers: admin.headers },
    );
    expect(listed.status).toBe(200);

    const release = await h.client.api["inbound-mail"][":id"].release.$post(
      { param: { id: deliveryId } },
      { headers: admin.headers },
    );
    expect(release.status).toBe(200);
    await h.jobs.drain();
    const [delivery] = await h.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.id, deliveryId));
    expect(delivery!.status).toBe("processed");
    const [ticket] = await h.db.select().from(tickets).where(eq(tickets.id, delivery!.ticketId!));
    expect(ticket!.subject).toBe("Stuck in the inbox");
    // Its job is recorded as done in the outbox.
    const jobs = await h.db
      .select()
      .from(outboxJobs)
      .where(and(eq(outboxJobs.name, "email.process_inbound"), eq(outboxJobs.dedupeKey, `${deliveryId}:release`)));
    expect(jobs.map((j) => j.state)).toEqual(["done"]);
    // Processed is final.
    expect(
      (
        await h.client.api["inbound-mail"][":id"].release.$post(
          { param: { id: deliveryId } },
          { headers: admin.headers },
        )
      ).status,
    ).toBe(409);
  });
});
