import { messages } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findMessageView } from "../tickets/get-ticket.ts";
import { inTransaction } from "../unit-of-work.ts";
import type { MessageView } from "../tickets/views.ts";
import { canSeeTicket } from "../tickets/visibility.ts";
import { dispatchReply } from "./deliver-reply.ts";

/** An agent sends a failed reply again ("Retry" beside the failure reason). */
export async function retryMessageDelivery(
  deps: DomainDeps,
  actor: StaffActor,
  messageId: string,
): Promise<MessageView> {
  const message = await deps.db.query.messages.findFirst({ where: (m, { eq }) => eq(m.id, messageId) });
  const ticket = message
    ? await deps.db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.id, message.ticketId) })
    : undefined;
  if (!message || !ticket || !canSeeTicket(actor, ticket))
    throw new DomainError("NOT_FOUND", `Message ${messageId} does not exist.`);
  // Failed, or queued and stuck (its job failed for good, or was lost before the outbox existed): send it again.
  if (message.deliveryStatus !== "failed" && message.deliveryStatus !== "queued") {
    throw new DomainError("DELIVERY_NOT_FAILED", "Only a reply that was not sent can be retried.", {
      deliveryStatus: message.deliveryStatus,
    });
  }
  const channel = (await deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, message.channelId) }))!;
  // A new round is a new job, so a retry after a final failure is not taken for the job that failed. A queued
  // reply keeps its round: while its job still waits, the same job key makes the retry that job, not a second mail.
  const round = message.deliveryStatus === "failed" ? message.deliveryRound + 1 : message.deliveryRound;
  await inTransaction(deps, async (tx) => {
    await tx.db
      .update(messages)
      .set({ deliveryStatus: "queued", deliveryError: null, deliveryRound: round })
      .where(eq(messages.id, messageId));
    await dispatchReply(tx, channel, messageId, round);
    await tx.events.emit({ type: "message.updated", ticketId: ticket.id, messageId });
  });
  return (await findMessageView(deps.db, messageId))!;
}
