import type { Executor } from "@helpdesk/db";
import type { DomainEvent, RealtimeEvent } from "./events.ts";
import { findNotificationView } from "./notifications/notifications.ts";
import { findMessageView } from "./tickets/get-ticket.ts";
import { findTicketView } from "./tickets/ticket-read-model.ts";

/**
 * Reads the views a domain event names, as they are now: what the realtime job pushes. Null when what it
 * names is gone (a ticket erased before the push): there is nothing left to show.
 */
export async function hydrateDomainEvent(db: Executor, event: DomainEvent): Promise<RealtimeEvent | null> {
  switch (event.type) {
    case "ticket.created": {
      const ticket = await findTicketView(db, event.ticketId);
      return ticket ? { type: event.type, ticket } : null;
    }
    case "ticket.updated": {
      const ticket = await findTicketView(db, event.ticketId);
      return ticket ? { type: event.type, ticket, changes: event.changes, previous: event.previous } : null;
    }
    case "message.created":
    case "message.updated": {
      const [ticket, message] = await Promise.all([
        findTicketView(db, event.ticketId),
        findMessageView(db, event.messageId),
      ]);
      return ticket && message ? { type: event.type, ticket, message } : null;
    }
    case "notification.created": {
      const notification = await findNotificationView(db, event.notificationId);
      return notification ? { type: event.type, userId: event.userId, notification } : null;
    }
  }
}
