import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import type { ChatPresence, VisitorMessageNotifier } from "../domain/live-chat/chat-availability.ts";
import { rooms, widgetNamespace, widgetRooms } from "./rooms.ts";

/**
 * Presence from socket.io rooms. fetchSockets asks every instance through the Redis adapter, so the answer holds
 * across instances. Bound late: the HTTP app (channel info) is built before the socket server exists.
 */
export type SocketChatPresence = ChatPresence & { bind(io: Server): void; invalidate(): void };

export function createChatPresence(): SocketChatPresence {
  let io: Server | null = null;
  // A page load of every widget asks; one round trip per second answers them all.
  let cached: { at: number; value: Promise<boolean> } | null = null;
  return {
    bind(server) {
      io = server;
    },
    /** A staff socket came or went here: the next question is answered afresh. */
    invalidate() {
      cached = null;
    },
    agentsOnline() {
      if (!io) return Promise.resolve(false);
      const now = Date.now();
      if (!cached || now - cached.at > 1000) {
        const server = io;
        const value = server
          .in(rooms.staffOnline)
          .fetchSockets()
          .then((sockets) => sockets.length > 0);
        cached = { at: now, value };
        value.catch(() => (cached = null));
      }
      return cached.value;
    },
    async visitorOnline(channelId, customerId) {
      if (!io) return false;
      const sockets = await io.of(widgetNamespace).in(widgetRooms.conversation(channelId, customerId)).fetchSockets();
      return sockets.length > 0;
    },
  };
}

/**
 * Presence for a process without the socket server (a standalone worker): a socket.io server with no HTTP listener,
 * joined to the Redis adapter only to ask the API instances who is connected.
 */
export function createRemoteChatPresence(redis: { pub: Redis; sub: Redis }): {
  presence: SocketChatPresence;
  close(): Promise<void>;
} {
  const io = new Server({ serveClient: false });
  io.adapter(createAdapter(redis.pub, redis.sub));
  const presence = createChatPresence();
  presence.bind(io);
  return {
    presence,
    // Not io.close(): it closes the engine an attached server has, and this one has none (a TypeError that made
    // every SIGTERM of the worker exit 1). Closing the adapters unsubscribes from Redis; the caller quits the clients.
    async close() {
      await Promise.all([...io._nsps.values()].map((namespace) => namespace.adapter.close()));
    },
  };
}

/** The HTTP side's way to reach a visitor's tabs; bound to the socket server once it exists. */
export function createVisitorMessageNotifier(): VisitorMessageNotifier & { bind(io: Server): void } {
  let io: Server | null = null;
  return {
    bind(server) {
      io = server;
    },
    visitorMessage(visitor, message, conversation) {
      if (!io || !visitor.customerId) return;
      const widget = io.of(widgetNamespace);
      const room = widgetRooms.conversation(visitor.channelId, visitor.customerId);
      // A first message by upload made them a customer: their tabs join the conversation (a Redis round trip).
      widget.in(widgetRooms.visitor(visitor.visitorId)).socketsJoin(room);
      widget.to(room).emit("message", message, conversation);
    },
  };
}
