import type { Server, Socket } from "socket.io";
import type { StaffActor } from "../domain/actor.ts";
import type { DomainDeps } from "../domain/deps.ts";
import { markReadByAgent } from "../domain/live-chat/mark-messages-read.ts";
import type { StaffChatClientEvents, WidgetServerEvents } from "../domain/live-chat/protocol.ts";
import {
  staffChatPresencePayload,
  staffChatReadPayload,
  staffChatTypingPayload,
} from "../domain/live-chat/protocol-schemas.ts";
import { findStaffChatTicket } from "../domain/live-chat/staff-chat-ticket.ts";
import { widgetNamespace, widgetRooms } from "./rooms.ts";

/**
 * What an agent's socket says about a chat (StaffChatClientEvents): typing and "seen", relayed to the visitor.
 * Only for chats the agent may see; anything else is dropped without an answer, as for a ticket that does not exist.
 */
export function handleStaffChat(
  io: Server,
  socket: Socket<StaffChatClientEvents>,
  deps: Pick<DomainDeps, "db" | "clock">,
  onError: (error: unknown) => void,
) {
  const actor = socket.data.actor as StaffActor;
  const widget = io.of(widgetNamespace) as unknown as {
    to(room: string): { emit<E extends keyof WidgetServerEvents>(e: E, ...a: Parameters<WidgetServerEvents[E]>): void };
  };

  const visibleChat = (ticketId: string) => findStaffChatTicket(deps.db, actor, ticketId);

  socket.on("chat.typing", (payload) => {
    const parsed = staffChatTypingPayload.safeParse(payload);
    if (!parsed.success) return;
    visibleChat(parsed.data.ticketId)
      .then((ticket) => {
        if (!ticket) return;
        widget
          .to(widgetRooms.conversation(ticket.channelId, ticket.customerId))
          .emit("typing", { agent: { name: actor.name, avatarUrl: null }, typing: parsed.data.typing });
      })
      .catch(onError);
  });

  socket.on("chat.presence", (payload, ack) => {
    if (typeof ack !== "function") return;
    const parsed = staffChatPresencePayload.safeParse(payload);
    if (!parsed.success) return ack(null);
    visibleChat(parsed.data.ticketId)
      .then(async (ticket) => {
        if (!ticket) return ack(null);
        // Every instance answers through the Redis adapter: the visitor may be connected to another one.
        const sockets = await io
          .of(widgetNamespace)
          .in(widgetRooms.conversation(ticket.channelId, ticket.customerId))
          .fetchSockets();
        ack({ online: sockets.length > 0 });
      })
      .catch((error: unknown) => {
        ack(null);
        onError(error);
      });
  });

  socket.on("chat.read", (payload) => {
    const parsed = staffChatReadPayload.safeParse(payload);
    if (!parsed.success) return;
    markReadByAgent(deps, actor, parsed.data)
      .then((receipt) => {
        widget
          .to(widgetRooms.conversation(receipt.channelId, receipt.customerId))
          .emit("read", { messageId: receipt.messageId, readAt: receipt.readAt });
      })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== "NOT_FOUND") onError(error);
      });
  });
}
