import { z } from "zod";
import type { Executor } from "@helpdesk/db";
import { messageView, notificationView, ticketView } from "./tickets/views.ts";

/**
 * Everything the domain announces, written to the outbox with the change that caused it. Events carry ids and
 * the few facts that cannot be read back later (what changed, who could see the ticket before), never whole
 * views: a job queued by one version of the help desk still runs on the next, and the push shows the ticket as
 * it is when it goes out. The realtime job reads the views (see `realtimeEvent` and hydrate-event.ts).
 */
const previousAudience = z.object({ teamId: z.string().nullable(), assigneeId: z.string().nullable() });

export const domainEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ticket.created"), ticketId: z.string() }),
  z.object({
    type: z.literal("ticket.updated"),
    ticketId: z.string(),
    changes: z.array(z.string()),
    /** Who could see the ticket before this change, so they learn it left their view. */
    previous: previousAudience,
  }),
  z.object({ type: z.literal("message.created"), ticketId: z.string(), messageId: z.string() }),
  /** A message's delivery changed (queued, sent, failed, bounced). */
  z.object({ type: z.literal("message.updated"), ticketId: z.string(), messageId: z.string() }),
  z.object({ type: z.literal("notification.created"), userId: z.string(), notificationId: z.string() }),
]);

export type DomainEvent = z.infer<typeof domainEvent>;
export type DomainEventType = DomainEvent["type"];

/** What staff sockets receive: the domain event with the views it names, read when it is pushed. */
export const realtimeEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ticket.created"), ticket: ticketView }),
  z.object({
    type: z.literal("ticket.updated"),
    ticket: ticketView,
    changes: z.array(z.string()),
    previous: previousAudience,
  }),
  z.object({ type: z.literal("message.created"), ticket: ticketView, message: messageView }),
  z.object({ type: z.literal("message.updated"), ticket: ticketView, message: messageView }),
  z.object({ type: z.literal("notification.created"), userId: z.string(), notification: notificationView }),
]);
export type RealtimeEvent = z.infer<typeof realtimeEvent>;

/**
 * Pushes a realtime event to its audience. A port: the realtime adapter implements it (the socket.io server in the
 * API, the Redis emitter in a standalone worker), and the job that publishes events is handed one.
 */
export interface RealtimePublisher {
  publish(event: RealtimeEvent): Promise<void>;
}

export interface EventBus {
  emit(event: DomainEvent): Promise<void>;
  /** The same bus writing in a transaction: the event is announced exactly when the transaction commits. */
  within(tx: Executor): EventBus;
}
