import { attachments, channels, messages, newId, tickets, ticketStatuses } from "@helpdesk/db";
import { safeFilename } from "@helpdesk/knowledge-base";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import { dispatchReply, replyDeliveryFor } from "../channels/deliver-reply.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { renderMarkdown } from "../messages/message-body.ts";
import { findMessageView, lockTicket } from "./get-ticket.ts";
import { recordTicketEvents, type TicketChange } from "./ticket-events.ts";
import { findTicketView } from "./ticket-read-model.ts";
import { assertTicketWritable, statusTimestamps } from "./update-ticket.ts";
import type { MessageView, TicketView } from "./views.ts";
import { canSeeTicket } from "./visibility.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";
import { messageLimits } from "../messages/message-limits.ts";

export const replyToTicketInput = z.object({
  /** Markdown. */
  body: z.string().trim().min(1).max(messageLimits.bodyText),
  /** An internal note: staff only, never sent to the customer. */
  internal: z.boolean().default(false),
  /** Submit as: the status to leave the ticket in (Zendesk's "Submit as Pending"). */
  status: z.enum(ticketStatuses).exclude(["new"]).optional(),
});
export type ReplyToTicketInput = z.input<typeof replyToTicketInput>;

/** What a mail server takes in one message: 10 files, 25 MB in all (Gmail's limit), 10 MB each. */
export const replyFileLimits = { count: 10, fileBytes: 10 * 1024 * 1024, totalBytes: 25 * 1024 * 1024 };

export const replyFilesInput = z
  .array(
    z.object({
      filename: z.string().transform((name) => safeFilename(name)),
      contentType: z
        .string()
        .trim()
        .toLowerCase()
        .min(3)
        .max(200)
        .regex(/^[\w.+-]+\/[\w.+-]+$/, "A MIME type such as image/png."),
      content: z
        .instanceof(Uint8Array)
        .refine((bytes) => bytes.byteLength > 0, "The file is empty.")
        .refine(
          (bytes) => bytes.byteLength <= replyFileLimits.fileBytes,
          `At most ${replyFileLimits.fileBytes / 1024 / 1024} MB per file.`,
        ),
    }),
  )
  .max(replyFileLimits.count, `At most ${replyFileLimits.count} files per reply.`)
  .refine(
    (files) => files.reduce((sum, f) => sum + f.content.byteLength, 0) <= replyFileLimits.totalBytes,
    `At most ${replyFileLimits.totalBytes / 1024 / 1024} MB of files per reply.`,
  );
export type ReplyFile = z.input<typeof replyFilesInput>[number];

/** An agent's public reply or internal note on a ticket. */
export async function replyToTicket(
  deps: DomainDeps,
  actor: StaffActor,
  ticketId: string,
  rawInput: ReplyToTicketInput,
  /** Attached files: sent with the e-mail, shown in the chat widget and the portal, kept on the ticket. */
  rawFiles: ReplyFile[] = [],
): Promise<{ message: MessageView; ticket: TicketView }> {
  const input = replyToTicketInput.parse(rawInput);
  const files = replyFilesInput.parse(rawFiles);
  const now = deps.clock.now();
  const messageId = newId("message");

  await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const current = await lockTicket(tx, ticketId);
    if (!canSeeTicket(actor, current)) throw new DomainError("TICKET_NOT_FOUND", `Ticket ${ticketId} does not exist.`);
    assertTicketWritable(current);
    const [channel] = await tx.select().from(channels).where(eq(channels.id, current.channelId));
    const delivery = input.internal
      ? { externalId: null, deliveryStatus: null }
      : replyDeliveryFor(channel!, messageId);

    await tx.insert(messages).values({
      id: messageId,
      ticketId,
      channelId: current.channelId,
      direction: "outbound",
      internal: input.internal,
      authorKind: "agent",
      authorUserId: actor.id,
      bodyText: input.body,
      bodyHtml: renderMarkdown(input.body),
      externalId: delivery.externalId,
      deliveryStatus: delivery.deliveryStatus,
      createdAt: now,
    });
    if (files.length) {
      await tx.insert(attachments).values(
        files.map((file) => ({
          id: newId("attachment"),
          messageId,
          filename: file.filename,
          contentType: file.contentType,
          size: file.content.byteLength,
          content: Buffer.from(file.content),
          createdAt: now,
        })),
      );
    }

    // A note changes nothing for the customer; only a public reply counts as a response.
    const status = input.status ?? (!input.internal && current.status === "new" ? "open" : current.status);
    const changes: TicketChange[] =
      status !== current.status ? [{ kind: "status_changed", data: { from: current.status, to: status } }] : [];
    await tx
      .update(tickets)
      .set({
        status,
        ...(status !== current.status ? statusTimestamps(status, current, now) : {}),
        ...(input.internal ? {} : { lastMessageAt: now, firstResponseAt: current.firstResponseAt ?? now }),
        updatedAt: now,
      })
      .where(eq(tickets.id, ticketId));
    await recordTicketEvents(tx, ticketId, actor, changes, now);
    // The clocks, the push and the delivery commit with the reply: none of them can be lost after it.
    await refreshTicketSla(txDeps, ticketId);
    await txDeps.events.emit({ type: "message.created", ticketId, messageId });
    if (delivery.deliveryStatus === "queued" || (!input.internal && channel!.kind === "web_chat"))
      await dispatchReply(txDeps, channel!, messageId);
    if (changes.length > 0) {
      await txDeps.events.emit({
        type: "ticket.updated",
        ticketId,
        changes: changes.map((c) => c.kind),
        previous: { teamId: current.teamId, assigneeId: current.assigneeId },
      });
    }
  });

  const ticket = (await findTicketView(deps.db, ticketId))!;
  const message = (await findMessageView(deps.db, messageId))!;
  return { message, ticket };
}
