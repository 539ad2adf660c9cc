import type { StaffActor } from "../domain/actor.ts";
import type { RealtimeEvent, RealtimePublisher } from "../domain/events.ts";
import type { WidgetMessage } from "../domain/live-chat/protocol.ts";
import { attachmentUrl, type WidgetLinks } from "../domain/live-chat/widget-views.ts";
import { seesAllTickets } from "../domain/tickets/visibility.ts";
import { markdownToPlainText } from "../domain/messages/plain-text.ts";

/** Room names, generated in one place. They mirror the ticket visibility rule in domain/tickets/visibility.ts. */
export const rooms = {
  allTickets: "tickets:all",
  unteamedTickets: "tickets:unteamed",
  team: (teamId: string) => `team:${teamId}`,
  user: (userId: string) => `user:${userId}`,
  /** Every connected staff socket: "is an agent online" for the chat widget, across instances. */
  staffOnline: "staff:online",
};

/** Rooms of the "/widget" namespace. */
export const widgetNamespace = "/widget";
export const widgetRooms = {
  /** Every tab of one visitor (one browser). */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Every widget of one customer on one channel (all their tabs and devices): where a chat's messages go. */
  conversation: (channelId: string, customerId: string) => `chat:${channelId}:${customerId}`,
  /** Every widget open on a channel: availability changes. */
  channel: (channelId: string) => `widget-channel:${channelId}`,
};

export function roomsForStaff(actor: StaffActor): string[] {
  const joined = [rooms.user(actor.id)];
  if (seesAllTickets(actor)) joined.push(rooms.allTickets);
  else joined.push(rooms.unteamedTickets, ...actor.teamIds.map(rooms.team));
  return joined;
}

export function ticketRooms(teamId: string | null, assigneeId: string | null): string[] {
  const list = [rooms.allTickets, teamId ? rooms.team(teamId) : rooms.unteamedTickets];
  if (assigneeId) list.push(rooms.user(assigneeId));
  return list;
}

/**
 * Which staff rooms receive an event; computed once, here. Customers are reached only through the "/widget"
 * namespace, whose audience widgetAudienceOf below computes: only agents' public replies and a chat's state,
 * never an internal note. The portal has no realtime rooms.
 */
export function audienceOf(event: RealtimeEvent): string[] {
  switch (event.type) {
    case "ticket.created":
    case "message.created":
    case "message.updated":
      return ticketRooms(event.ticket.team?.id ?? null, event.ticket.assignee?.id ?? null);
    case "ticket.updated":
      return [
        ...new Set([
          ...ticketRooms(event.ticket.team?.id ?? null, event.ticket.assignee?.id ?? null),
          // Those who saw it before learn that it moved out of their view.
          ...ticketRooms(event.previous.teamId, event.previous.assigneeId),
        ]),
      ];
    case "notification.created":
      return [rooms.user(event.userId)];
  }
}

interface Broadcaster {
  to(rooms: string | string[]): { emit(event: string, ...args: unknown[]): unknown };
}

/** The socket.io server in the API, or the Redis emitter in a standalone worker: both reach any namespace. */
interface NamespacedBroadcaster extends Broadcaster {
  of(namespace: string): Broadcaster;
}

/**
 * What a chat visitor learns of a domain event: agents' public replies and whether the conversation ended.
 * Internal notes, and anything about staff, never leave here. The visitor's own messages are pushed to their
 * tabs by the widget namespace when stored (it knows the clientId the widget needs to match them).
 */
export function widgetAudienceOf(
  event: RealtimeEvent,
  links: WidgetLinks,
): { room: string; event: string; args: unknown[] } | null {
  if (event.type !== "message.created" && event.type !== "ticket.updated") return null;
  const { ticket } = event;
  if (ticket.channel.kind !== "web_chat") return null;
  const room = widgetRooms.conversation(ticket.channel.id, ticket.customer.id);
  if (event.type === "ticket.updated") {
    if (!event.changes.includes("status_changed")) return null;
    const state = ticket.status === "solved" || ticket.status === "closed" ? "ended" : "open";
    return { room, event: "conversation.state", args: [{ ticketId: ticket.id, state }] };
  }
  const { message } = event;
  if (message.internal || message.direction !== "outbound") return null;
  const widgetMessage: WidgetMessage = {
    id: message.id,
    clientId: null,
    author: message.authorKind === "agent" ? "agent" : "system",
    agent: message.authorKind === "agent" ? { name: message.author.name, avatarUrl: null } : null,
    // Agents write Markdown; the widget shows text only.
    text: message.authorKind === "agent" ? markdownToPlainText(message.bodyText) : message.bodyText,
    attachments: message.attachments.map((a) => ({ ...a, url: attachmentUrl(links, a.id) })),
    createdAt: message.createdAt,
    readAt: null,
  };
  return { room, event: "message", args: [widgetMessage, { ticketId: ticket.id, number: ticket.number }] };
}

export function broadcastPublisher(
  target: NamespacedBroadcaster,
  options: { links?: WidgetLinks } = {},
): RealtimePublisher {
  const widget = target.of(widgetNamespace);
  return {
    async publish(event) {
      target.to(audienceOf(event)).emit(event.type, event);
      const toVisitor = options.links ? widgetAudienceOf(event, options.links) : null;
      if (toVisitor) widget.to(toVisitor.room).emit(toVisitor.event, ...toVisitor.args);
    },
  };
}
