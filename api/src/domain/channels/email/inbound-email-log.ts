import { channels, inboundDeliveries, inboundDeliveryStatuses } from "@helpdesk/db";
import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { z } from "zod";
import type { Actor, StaffActor } from "../../actor.ts";
import { authorize } from "../../authorization.ts";
import type { DomainDeps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import { processInboundEmail } from "../../jobs.ts";
import { inTransaction } from "../../unit-of-work.ts";
import { decodeCursor, pageFrom } from "../../pagination.ts";

export const listInboundEmailsInput = z.object({
  /** Comma list; by default what needs a look: held back, ignored, failed. */
  status: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(inboundDeliveryStatuses)).min(1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListInboundEmailsInput = z.input<typeof listInboundEmailsInput>;

const cursorShape = z.object({ id: z.string() });

/** A subject to list, from the header block alone: a 25 MB mail is not parsed whole to show one line. */
async function subjectOf(raw: Uint8Array): Promise<string> {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const end = [buffer.indexOf("\r\n\r\n"), buffer.indexOf("\n\n")].filter((i) => i >= 0);
  const headers = buffer.subarray(0, Math.min(end.length ? Math.min(...end) : buffer.length, 64 * 1024));
  const parsed = await simpleParser(Buffer.concat([headers, Buffer.from("\r\n\r\n")]), { skipHtmlToText: true });
  return parsed.subject ?? "";
}

/**
 * Inbound mail as received, newest first. What was not turned into a message (auto-replies, bounces, a
 * flood held back, an unreadable mail) is here with the reason, so nothing disappears without a trace.
 */
export async function listInboundEmails(deps: Pick<DomainDeps, "db">, actor: Actor, rawInput: ListInboundEmailsInput) {
  authorize(actor, "inspectMail");
  const input = listInboundEmailsInput.parse(rawInput);
  const statuses = input.status ?? ["ignored", "rate_limited", "failed"];
  const filters: SQL[] = [inArray(inboundDeliveries.status, statuses)];
  if (input.cursor) filters.push(lt(inboundDeliveries.id, decodeCursor(input.cursor, cursorShape).id));
  const rows = await deps.db
    .select({
      id: inboundDeliveries.id,
      channelId: inboundDeliveries.channelId,
      channelName: channels.name,
      status: inboundDeliveries.status,
      note: inboundDeliveries.note,
      senderAddress: inboundDeliveries.senderAddress,
      ticketId: inboundDeliveries.ticketId,
      envelope: inboundDeliveries.envelope,
      payload: inboundDeliveries.payload,
      receivedAt: inboundDeliveries.receivedAt,
      processedAt: inboundDeliveries.processedAt,
    })
    .from(inboundDeliveries)
    .innerJoin(channels, eq(channels.id, inboundDeliveries.channelId))
    .where(and(...filters))
    .orderBy(desc(inboundDeliveries.id))
    .limit(input.limit + 1);
  const page = pageFrom(rows, input.limit, (last) => ({ id: last.id }));
  return {
    nextCursor: page.nextCursor,
    items: await Promise.all(
      page.items.map(async ({ payload, envelope, ...row }) => ({
        ...row,
        subject: await subjectOf(payload),
        transport: typeof envelope.transport === "string" ? envelope.transport : null,
        size: payload.byteLength,
        receivedAt: row.receivedAt.toISOString(),
        processedAt: row.processedAt?.toISOString() ?? null,
      })),
    ),
  };
}

/**
 * An admin lets a held-back, ignored or failed mail through: it is processed again as an ordinary message,
 * past the sender limit and the auto-reply rule (a person looked at it and decided).
 */
export async function releaseInboundEmail(deps: DomainDeps, actor: StaffActor, deliveryId: string) {
  authorize(actor, "inspectMail");
  const [delivery] = await deps.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.id, deliveryId));
  if (!delivery) throw new DomainError("NOT_FOUND", `Inbound mail ${deliveryId} does not exist.`);
  // Held back, ignored, failed, or still "received" (stuck): a person can always have it processed. Only a mail
  // that became a message is final.
  if (delivery.status === "processed") {
    throw new DomainError("DELIVERY_NOT_HELD", "This mail is processed already.", { status: delivery.status });
  }
  await inTransaction(deps, async (tx) => {
    await tx.db
      .update(inboundDeliveries)
      .set({ status: "received", note: `Released by ${actor.name}; previously: ${delivery.note ?? delivery.status}` })
      .where(eq(inboundDeliveries.id, deliveryId));
    await tx.jobs.enqueue(processInboundEmail, { deliveryId, release: true });
  });
  return { id: deliveryId, status: "received" as const };
}
