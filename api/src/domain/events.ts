import { z } from "zod";
import { messageView, notificationView, ticketView } from "./tickets/views.ts";

/**
 * Everything the domain announces after a commit. Realtime fan-out and notifications subscribe
 * to these through jobs; nothing else causes a push.
 */
const previousAudience = z.object({ teamId: z.string().nullable(), assigneeId: z.string().nullable() });

export const domainEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ticket.created"), ticket: ticketView }),
  z.object({
    type: z.literal("ticket.updated"),
    ticket: ticketView,
    changes: z.array(z.string()),
    /** Who could see the ticket before this change, so they learn it left their view. */
    previous: previousAudience,
  }),
  z.object({ type: z.literal("message.created"), ticket: ticketView, message: messageView }),
  /** A message's delivery changed (queued, sent, failed, bounced). */
  z.object({ type: z.literal("message.updated"), ticket: ticketView, message: messageView }),
  z.object({ type: z.literal("notification.created"), userId: z.string(), notification: notificationView }),
]);

export type DomainEvent = z.infer<typeof domainEvent>;
export type DomainEventType = DomainEvent["type"];

export interface EventBus {
  emit(event: DomainEvent): Promise<void>;
}
