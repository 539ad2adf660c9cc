import { channels, tickets, type Executor, type Ticket } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import { canSeeTicket } from "../tickets/visibility.ts";

/**
 * The chat ticket an agent's typing or presence question is about: a ticket of a web_chat channel that the agent
 * may see, or null (also for a ticket that does not exist, so the answer reveals nothing).
 */
export async function findStaffChatTicket(db: Executor, actor: StaffActor, ticketId: string): Promise<Ticket | null> {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!ticket || !canSeeTicket(actor, ticket)) return null;
  const [channel] = await db
    .select({ kind: channels.kind })
    .from(channels)
    .where(eq(channels.id, ticket.channelId))
    .limit(1);
  return channel?.kind === "web_chat" ? ticket : null;
}
