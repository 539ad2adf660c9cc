import { channels, inboundDeliveries, newId } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DomainDeps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import { processInboundEmail } from "../../jobs.ts";
import { inTransaction } from "../../unit-of-work.ts";
import { findEmailChannelForRecipients } from "./email-channels.ts";
import { parseInboundEmail, readMessageId } from "./parse-inbound-email.ts";

export const receiveInboundEmailInput = z.object({
  raw: z.instanceof(Uint8Array).refine((raw) => raw.byteLength > 0, "The mail is empty."),
  transport: z.enum(["smtp", "webhook", "imap"]),
  envelope: z.object({
    mailFrom: z.string().nullable(),
    rcptTo: z.array(z.string()),
    remoteAddress: z.string().optional(),
  }),
  /** Known up front when an IMAP poll reads one channel's mailbox, or a relay names the channel. */
  channelId: z.string().optional(),
});
export type ReceiveInboundEmailInput = z.input<typeof receiveInboundEmailInput>;

/**
 * The one way in for mail (SMTP listener, raw-MIME webhook, IMAP poll): store the raw message first,
 * keyed by its Message-ID, then leave the parsing and threading to a job. Only after this returns does
 * the sender get its "250 OK": a mail we accepted is never lost. The same mail twice is one delivery; sent
 * again after it failed, it is processed again (see retryFailedDelivery).
 */
export async function receiveInboundEmail(
  deps: DomainDeps,
  rawInput: ReceiveInboundEmailInput,
): Promise<{ deliveryId: string; channelId: string; duplicate: boolean }> {
  const input = receiveInboundEmailInput.parse(rawInput);
  const raw = Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength);
  const channel = await resolveChannel(deps, input, raw);
  const externalId = readMessageId(raw);

  // The raw mail and the job that processes it commit together: once the sender hears "250 OK", both exist.
  const inserted = await inTransaction(deps, async (tx) => {
    const [row] = await tx.db
      .insert(inboundDeliveries)
      .values({
        id: newId("inboundDelivery"),
        channelId: channel.id,
        externalId,
        contentType: "message/rfc822",
        payload: raw,
        envelope: { transport: input.transport, ...input.envelope },
        receivedAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: inboundDeliveries.id });
    if (row) await tx.jobs.enqueue(processInboundEmail, { deliveryId: row.id });
    return row;
  });

  if (inserted) {
    return { deliveryId: inserted.id, channelId: channel.id, duplicate: false };
  }
  const [existing] = await deps.db
    .select({ id: inboundDeliveries.id, status: inboundDeliveries.status, note: inboundDeliveries.note })
    .from(inboundDeliveries)
    .where(and(eq(inboundDeliveries.channelId, channel.id), eq(inboundDeliveries.externalId, externalId)));
  // Still unprocessed (a job that finished without processing it): the redelivery drives it again.
  if (existing!.status === "received") await deps.jobs.enqueue(processInboundEmail, { deliveryId: existing!.id });
  // Failed here before (unreadable, or a fault of ours since mended): processed again rather than answered
  // "duplicate" and forgotten; the inbound mail log says it was sent again.
  if (existing!.status === "failed") {
    const resentAt = deps.clock.now().toISOString();
    await inTransaction(deps, async (tx) => {
      // Only one of two concurrent resends takes it over.
      const [taken] = await tx.db
        .update(inboundDeliveries)
        .set({ status: "received", note: `Sent again on ${resentAt}; before that: ${existing!.note ?? "failed"}` })
        .where(and(eq(inboundDeliveries.id, existing!.id), eq(inboundDeliveries.status, "failed")))
        .returning({ id: inboundDeliveries.id });
      if (taken) await tx.jobs.enqueue(processInboundEmail, { deliveryId: existing!.id, resentAt });
    });
  }
  return { deliveryId: existing!.id, channelId: channel.id, duplicate: true };
}

async function resolveChannel(deps: DomainDeps, input: z.infer<typeof receiveInboundEmailInput>, raw: Buffer) {
  if (input.channelId) {
    const [channel] = await deps.db.select().from(channels).where(eq(channels.id, input.channelId));
    if (!channel || channel.kind !== "email")
      throw new DomainError("CHANNEL_NOT_FOUND", `There is no email channel ${input.channelId}.`);
    return channel;
  }
  const byEnvelope = await findEmailChannelForRecipients(deps.db, input.envelope.rcptTo);
  if (byEnvelope) return byEnvelope.channel;
  // A relay that forwards without an envelope: the headers say where it was going.
  const parsed = await parseInboundEmail(raw);
  const byHeaders = await findEmailChannelForRecipients(
    deps.db,
    [...parsed.to, ...parsed.cc].map((a) => a.address),
  );
  if (byHeaders) return byHeaders.channel;
  throw new DomainError("CHANNEL_NOT_FOUND", "None of the recipients is the address of an email channel.", {
    recipients: input.envelope.rcptTo,
  });
}
