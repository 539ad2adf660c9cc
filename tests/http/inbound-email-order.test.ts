import { receiveInboundEmail } from "@helpdesk/api/domain";
import { channels, inboundDeliveries, messages, newId, tickets } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness } from "../support/harness.ts";

/**
 * Mail processed out of order (a parent's job late, re-driven after a fault, while its reply is already here)
 * still threads: the reply has its stored parent processed first.
 */
let h: Harness;
const support = "support@order.test";
const channelId = "chn_test_order";

beforeAll(async () => {
  h = await createHarness();
  await h.db
    .insert(channels)
    .values({ id: channelId, kind: "email", name: "Order Support", address: support, settings: {} });
});
afterAll(() => h?.close());

const mail = (id: string, subject: string, extra: string[] = []) =>
  Buffer.from(
    [
      `From: Orla <orla@customer.test>`,
      `To: ${support}`,
      `Subject: ${subject}`,
      `Message-ID: <${id}>`,
      ...extra,
      `Content-Type: text/plain`,
      ``,
      `${subject}.`,
      ``,
    ].join("\r\n"),
  );

describe("a reply processed before its parent", () => {
  test("threads onto the parent's ticket: one ticket, two messages, in order", async () => {
    // The parent is stored, but its job has not run (lost with Redis, and not yet handed over again).
    const parentId = newId("inboundDelivery");
    await h.db.insert(inboundDeliveries).values({
      id: parentId,
      channelId,
      externalId: "parent-1@customer.test",
      contentType: "message/rfc822",
      payload: mail("parent-1@customer.test", "My order 1187 is late"),
      envelope: { transport: "smtp" },
      receivedAt: new Date(Date.now() - 60_000),
    });

    await receiveInboundEmail(h.deps, {
      raw: mail("child-1@customer.test", "Re: My order 1187 is late", [
        "In-Reply-To: <parent-1@customer.test>",
        "References: <parent-1@customer.test>",
      ]),
      transport: "smtp",
      envelope: { mailFrom: "orla@customer.test", rcptTo: [support] },
    });
    await h.jobs.drain();

    const [parent] = await h.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.id, parentId));
    const [child] = await h.db
      .select()
      .from(inboundDeliveries)
      .where(eq(inboundDeliveries.externalId, "child-1@customer.test"));
    expect(parent!.status).toBe("processed");
    expect(child!.status).toBe("processed");
    expect(child!.ticketId).toBe(parent!.ticketId);
    const thread = await h.db.select().from(messages).where(eq(messages.ticketId, parent!.ticketId!));
    expect(thread.map((m) => m.externalId).sort()).toEqual(["child-1@customer.test", "parent-1@customer.test"]);
    const [ticket] = await h.db.select().from(tickets).where(eq(tickets.id, parent!.ticketId!));
    expect(ticket!.subject).toBe("My order 1187 is late");
  });
});
