import { outboundEmails, outboundEmailStatuses } from "@helpdesk/db";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../actor.ts";
import { authorize } from "../../authorization.ts";
import type { DomainDeps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import { decodeCursor, pageFrom } from "../../pagination.ts";
import { renderEmailHtml } from "./email-html.ts";
import { parseInboundEmail } from "./parse-inbound-email.ts";

export const listOutboundEmailsInput = z.object({
  status: z.enum(outboundEmailStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListOutboundEmailsInput = z.input<typeof listOutboundEmailsInput>;

const cursorShape = z.object({ id: z.string() });

/** The mail log and local outbox, newest first: what admins read where Mailpit would show captured mail. */
export async function listOutboundEmails(
  deps: Pick<DomainDeps, "db">,
  actor: Actor,
  rawInput: ListOutboundEmailsInput,
) {
  authorize(actor, "inspectMail");
  const input = listOutboundEmailsInput.parse(rawInput);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(outboundEmails.status, input.status));
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, cursorShape);
    filters.push(lt(outboundEmails.id, cursor.id));
  }
  const rows = await deps.db
    .select({
      id: outboundEmails.id,
      kind: outboundEmails.kind,
      ticketId: outboundEmails.ticketId,
      fromAddress: outboundEmails.fromAddress,
      toAddresses: outboundEmails.toAddresses,
      ccAddresses: outboundEmails.ccAddresses,
      subject: outboundEmails.subject,
      transport: outboundEmails.transport,
      status: outboundEmails.status,
      response: outboundEmails.response,
      attempts: outboundEmails.attempts,
      createdAt: outboundEmails.createdAt,
      sentAt: outboundEmails.sentAt,
    })
    .from(outboundEmails)
    .where(and(...filters))
    // Ids sort by creation time: one key for order and cursor.
    .orderBy(desc(outboundEmails.id))
    .limit(input.limit + 1);
  const page = pageFrom(rows, input.limit, (last) => ({ id: last.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
  };
}

/** One mail as composed: headers, text, and its HTML made safe to show. */
export async function getOutboundEmail(deps: Pick<DomainDeps, "db">, actor: Actor, id: string) {
  authorize(actor, "inspectMail");
  const [row] = await deps.db.select().from(outboundEmails).where(eq(outboundEmails.id, id));
  if (!row) throw new DomainError("NOT_FOUND", `Outbound mail ${id} does not exist.`);
  const parsed = await parseInboundEmail(Buffer.from(row.raw));
  return {
    id: row.id,
    kind: row.kind,
    ticketId: row.ticketId,
    status: row.status,
    transport: row.transport,
    response: row.response,
    messageIdHeader: row.messageIdHeader,
    from: parsed.from,
    to: parsed.to,
    cc: parsed.cc,
    subject: parsed.subject,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    text: parsed.text,
    html: parsed.html ? renderEmailHtml(parsed.html, { inlineImageUrl: () => null }).html : null,
    raw: Buffer.from(row.raw).toString("utf8"),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}
