import { attachments, channels, messages, outboundEmails } from "@helpdesk/db";
import { createTicket } from "@helpdesk/api/domain";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** Agents attach files to replies and notes: stored on the message, sent with the e-mail, downloadable by staff. */
let h: Harness;
let agent: SignedIn;
const channelId = "chn_attach_email";

const pdf = new TextEncoder().encode("%PDF-1.4\n% a tiny test document\n");
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

async function newTicket() {
  return createTicket(
    h.deps,
    { kind: "system" },
    {
      subject: "Invoice copy please",
      body: "Can you send my invoice?",
      customer: { email: "ana@example.test", name: "Ana" },
      channelId,
    },
  );
}

function replyForm(fields: Record<string, string>, files: { name: string; type: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files)
    form.append("files", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return form;
}

const post = (ticketId: string, form: FormData, headers: Record<string, string> = agent.headers) =>
  h.app.request(`/api/tickets/${ticketId}/messages/with-files`, { method: "POST", body: form, headers });

beforeAll(async () => {
  h = await createHarness();
  await h.db
    .insert(channels)
    .values({ id: channelId, kind: "email", name: "Acme Billing", address: "billing@acme-help.test" });
  agent = await h.signIn("admin");
});
afterAll(() => h?.close());

describe("reply attachments", () => {
  test("a public reply with two files: stored, listed on the message, attached to the e-mail, downloadable", async () => {
    const ticket = await newTicket();
    const res = await post(
      ticket.id,
      replyForm({ body: "Here is your **invoice**.", status: "pending" }, [
        { name: "invoice-2026-11.pdf", type: "application/pdf", bytes: pdf },
        { name: "screenshot.png", type: "image/png", bytes: png },
      ]),
    );
    expect(res.status).toBe(201);
    const { message, ticket: after } = (await res.json()) as {
      message: { id: string; attachments: { id: string; filename: string; size: number }[] };
      ticket: { status: string };
    };
    expect(after.status).toBe("pending");
    expect(message.attachments.map((a) => [a.filename, a.size])).toEqual([
      ["invoice-2026-11.pdf", pdf.byteLength],
      ["screenshot.png", png.byteLength],
    ]);

    await h.jobs.drain();
    const [stored] = await h.db.select().from(messages).where(eq(messages.id, message.id));
    expect(stored!.deliveryStatus).toBe("sent");
    const [mail] = await h.db.select().from(outboundEmails).where(eq(outboundEmails.messageId, message.id));
    const parsed = await simpleParser(Buffer.from(mail!.raw));
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.byteLength])).toEqual([
      ["invoice-2026-11.pdf", "application/pdf", pdf.byteLength],
      ["screenshot.png", "image/png", png.byteLength],
    ]);
    expect(parsed.html).toContain("Here is your <strong>invoice</strong>.");
    // The text part reads as text: no Markdown marks.
    expect(parsed.text?.trim()).toBe("Here is your invoice.");

    const download = await h.app.request(`/api/attachments/${message.attachments[1]!.id}`, { headers: agent.headers });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);
  });

  test("an internal note keeps its file on the ticket and sends nothing", async () => {
    const ticket = await newTicket();
    const res = await post(
      ticket.id,
      replyForm({ body: "Customer's contract, for the team.", internal: "true" }, [
        { name: "contract.pdf", type: "application/pdf", bytes: pdf },
      ]),
    );
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: { id: string; internal: boolean; attachments: unknown[] } };
    expect(message.internal).toBe(true);
    expect(message.attachments).toHaveLength(1);
    await h.jobs.drain();
    expect(await h.db.select().from(outboundEmails).where(eq(outboundEmails.messageId, message.id))).toEqual([]);
  });

  test("too many files, an empty file or an empty body are refused and store nothing; others' tickets are a 404", async () => {
    const ticket = await newTicket();
    const many = Array.from({ length: 11 }, (_, i) => ({
      name: `f${i}.txt`,
      type: "text/plain",
      bytes: new TextEncoder().encode(`file ${i}`),
    }));
    const tooMany = await post(ticket.id, replyForm({ body: "Lots" }, many));
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
    expect(
      (
        await post(
          ticket.id,
          replyForm({ body: "Empty" }, [{ name: "empty.txt", type: "text/plain", bytes: new Uint8Array() }]),
        )
      ).status,
    ).toBe(400);
    expect(
      (await post(ticket.id, replyForm({ body: "  " }, [{ name: "a.pdf", type: "application/pdf", bytes: pdf }])))
        .status,
    ).toBe(400);
    const bareMessages = await h.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    expect(bareMessages).toHaveLength(1);
    expect(await h.db.select().from(attachments).where(eq(attachments.messageId, bareMessages[0]!.id))).toEqual([]);

    const team = await h.team();
    const outsider = await h.signIn("agent", { teamIds: [team.id] });
    const teamTicket = await createTicket(
      h.deps,
      { kind: "system" },
      {
        subject: "Private",
        body: "x",
        customer: { email: "zoe@example.test" },
        channelId,
        teamId: (await h.team()).id,
      },
    );
    const hidden = await post(
      teamTicket.id,
      replyForm({ body: "Peek" }, [{ name: "a.pdf", type: "application/pdf", bytes: pdf }]),
      outsider.headers,
    );
    expect(hidden.status).toBe(404);
  });
});
