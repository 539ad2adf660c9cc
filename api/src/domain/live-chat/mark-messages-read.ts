import { messages, tickets } from "@helpdesk/db";
import { and, eq, isNull, lte } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { canSeeTicket } from "../tickets/visibility.ts";
import type { VisitorRef } from "./identify-visitor.ts";

export interface ReadReceipt {
  ticketId: string;
  channelId: string;
  customerId: string;
  teamId: string | null;
  assigneeId: string | null;
  messageId: string;
  readAt: string;
}

/**
 * "Seen up to this message": every message of the other side up to it gets its readAt (already read ones keep
 * theirs). Shared by both directions.
 */
async function markReadUpTo(
  deps: Pick<DomainDeps, "db" | "clock">,
  messageId: string,
  side: "inbound" | "outbound",
  allowed: (ticket: typeof tickets.$inferSelect) => boolean,
): Promise<ReadReceipt> {
  const [row] = await deps.db
    .select({ message: messages, ticket: tickets })
    .from(messages)
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(eq(messages.id, messageId));
  // Agents may mark up to a note they see; a visitor never learns a note's id, nor may use one.
  if (!row || (side === "outbound" && row.message.internal) || !allowed(row.ticket))
    throw new DomainError("NOT_FOUND", `Message ${messageId} does not exist.`);
  const readAt = deps.clock.now();
  await deps.db
    .update(messages)
    .set({ readAt })
    .where(
      and(
        eq(messages.ticketId, row.ticket.id),
        eq(messages.direction, side),
        eq(messages.internal, false),
        isNull(messages.readAt),
        lte(messages.createdAt, row.message.createdAt),
      ),
    );
  return {
    ticketId: row.ticket.id,
    channelId: row.ticket.channelId,
    customerId: row.ticket.customerId,
    teamId: row.ticket.teamId,
    assigneeId: row.ticket.assigneeId,
    messageId,
    readAt: readAt.toISOString(),
  };
}

/** The visitor has seen the agents' replies up to this one. Only on their own conversations of this channel. */
export function markReadByVisitor(deps: Pick<DomainDeps, "db" | "clock">, visitor: VisitorRef, messageId: string) {
  return markReadUpTo(
    deps,
    messageId,
    "outbound",
    (t) => t.customerId === visitor.customerId && t.channelId === visitor.channelId,
  );
}

/** An agent with the chat open has seen the visitor's messages up to this one. */
export function markReadByAgent(
  deps: Pick<DomainDeps, "db" | "clock">,
  actor: StaffActor,
  input: { ticketId: string; messageId: string },
) {
  return markReadUpTo(deps, input.messageId, "inbound", (t) => t.id === input.ticketId && canSeeTicket(actor, t));
}
