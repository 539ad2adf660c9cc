import { messages } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findMessageView } from "../tickets/get-ticket.ts";
import { findTicketView } from "../tickets/ticket-read-model.ts";
import type { MessageView } from "../tickets/views.ts";
import { canSeeTicket } from "../tickets/visibility.ts";
import { dispatchReply } from "./deliver-reply.ts";

/** An agent sends a failed reply again ("Retry" beside the failure reason). */
export async function retryMessageDelivery(deps: DomainDeps, actor: StaffActor, messageId: string): Promise<MessageView> {
  const message = await deps.db.query.messages.findFirst({ where: (m, { eq }) => eq(m.id, messageId) });
  const ticket = message ? await deps.db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.id, message.ticketId) }) : undefined;
  if (!message || !ticket || !canSeeTicket(actor, ticket)) throw new DomainError("NOT_FOUND", `Message ${messageId} does not exist.`);
  if (message.deliveryStatus !== "failed") {
    throw new DomainError("DELIVERY_NOT_FAILED", "Only a reply whose delivery failed can be retried.", { deliveryStatus: message.deliveryStatus });
  }
  const channel = (await deps.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, message.channelId) }))!;
  await deps.db.update(messages).set({ deliveryStatus: "queued", deliveryError: null, deliveryRound: message.deliveryRound + 1 }).where(eq(messages.id, messageId));
  await dispatchReply(deps, channel, messageId, message.deliveryRound + 1);
  const view = (await findMessageView(deps.db, messageId))!;
  await deps.events.emit({ type: "message.updated", ticket: (await findTicketView(deps.db, ticket.id))!, message: view });
  return view;
}
