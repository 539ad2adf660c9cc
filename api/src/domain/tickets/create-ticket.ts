import { newId, ticketPriorities, tickets } from "@helpdesk/db";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { resolveTicketChannel } from "../channels/default-channel.ts";
import { insertInboundMessage } from "../conversations/insert-inbound-message.ts";
import { findOrCreateCustomer } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { notifyTicketAssigned } from "../jobs.ts";
import { renderPlainText } from "../messages/message-body.ts";
import { checkAssignment } from "./assignment-rules.ts";
import { recordTicketEvents } from "./ticket-events.ts";
import { findTicketView } from "./ticket-read-model.ts";
import { customFieldValue, type TicketView } from "./views.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";
import { messageLimits } from "../messages/message-limits.ts";

export const tagInput = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_\-:.]+$/u, "Tags are single words: letters, digits, _ - : .");

export const customFieldsInput = z.record(z.string().min(1).max(64), customFieldValue);

export const createTicketInput = z.object({
  subject: z.string().trim().min(1).max(messageLimits.subject),
  body: z.string().trim().min(1).max(messageLimits.bodyText),
  customer: z.object({
    email: z.string().trim().toLowerCase().pipe(z.email()),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  priority: z.enum(ticketPriorities).default("normal"),
  channelId: z.string().optional(),
  teamId: z.string().nullable().optional(),
  assigneeId: z.string().nullable().optional(),
  tags: z.array(tagInput).max(30).default([]),
  customFields: customFieldsInput.default({}),
});
export type CreateTicketInput = z.input<typeof createTicketInput>;

/** A new ticket with the customer's first message; the customer is found or created by e-mail. */
export async function createTicket(deps: DomainDeps, actor: Actor, rawInput: CreateTicketInput): Promise<TicketView> {
  const input = createTicketInput.parse(rawInput);
  const now = deps.clock.now();
  const ticketId = newId("ticket");
  const assigneeId = input.assigneeId ?? null;
  const teamId = input.teamId ?? null;

  await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    await checkAssignment(tx, { assigneeId, teamId });
    const channel = await resolveTicketChannel(tx, input.channelId);
    if (!channel.active) throw new DomainError("CHANNEL_NOT_FOUND", `Channel ${channel.id} is not active.`);
    const customer = await findOrCreateCustomer(tx, { kind: "email", value: input.customer.email }, input.customer);

    await tx.insert(tickets).values({
      id: ticketId,
      subject: input.subject,
      status: assigneeId ? "open" : "new",
      priority: input.priority,
      channelId: channel.id,
      customerId: customer.id,
      assigneeId,
      teamId,
      tags: [...new Set(input.tags)],
      customFields: input.customFields,
      lastMessageAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await insertInboundMessage(tx, {
      ticketId,
      channelId: channel.id,
      authorCustomerId: customer.id,
      bodyText: input.body,
      bodyHtml: renderPlainText(input.body),
      // Who typed it in, when an agent opened the ticket on the customer's behalf.
      channelMetadata: actor.kind === "user" ? { enteredByUserId: actor.id } : {},
      createdAt: now,
    });
    const events = await recordTicketEvents(
      tx,
      ticketId,
      actor,
      [{ kind: "created", data: { priority: input.priority, teamId, assigneeId } }],
      now,
    );
    await refreshTicketSla(txDeps, ticketId);
    await txDeps.events.emit({ type: "ticket.created", ticketId });
    if (assigneeId && !(actor.kind === "user" && actor.id === assigneeId)) {
      await txDeps.jobs.enqueue(notifyTicketAssigned, {
        ticketId,
        assigneeId,
        actorUserId: actor.kind === "user" ? actor.id : null,
        eventId: events[0]!.id,
      });
    }
  });

  return (await findTicketView(deps.db, ticketId))!;
}
