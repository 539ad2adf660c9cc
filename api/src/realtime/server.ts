import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import { Server } from "socket.io";
import { authenticateSession } from "../domain/auth/sessions.ts";
import type { DomainDeps } from "../domain/deps.ts";
import { sessionTokenFromHeaders } from "../http-shared/session-token.ts";
import { rooms, roomsForStaff } from "./rooms.ts";
import { handleStaffChat } from "./staff-chat.ts";
import { attachWidgetNamespace, type LiveChatRealtime } from "./widget-namespace.ts";

export interface RealtimeOptions {
  /** With Redis, several API instances share rooms through socket.io's Redis adapter. */
  redis?: { pub: Redis; sub: Redis };
  /** Origins allowed to connect from another site (the web app is same-origin). */
  corsOrigins?: string[];
  /** The chat widget's "/widget" namespace and the staff side of chats. */
  liveChat?: LiveChatRealtime;
}

/**
 * socket.io on the API's HTTP server. Staff authenticate with the session cookie (browser) or
 * `auth.token` (other clients) and are put in the rooms of what they may see. Tickets change through the
 * HTTP API only; what a staff socket may send is about live chats (staff-chat.ts: typing, presence, and
 * marking a visitor's messages read). Chat visitors connect to the "/widget" namespace (widget-namespace.ts),
 * where their messages, page changes, details, ending and rating a chat arrive as socket messages.
 */
export function attachRealtime(httpServer: HttpServer, deps: DomainDeps, options: RealtimeOptions = {}) {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // The widget runs on other sites; its long-polling requests need CORS. Without credentials: staff sockets
    // authenticate with a cookie or token a foreign page cannot send, and /widget checks the Origin per channel.
    cors: options.corsOrigins
      ? { origin: options.corsOrigins, credentials: true }
      : options.liveChat
        ? { origin: true, credentials: false }
        : undefined,
  });
  if (options.redis) io.adapter(createAdapter(options.redis.pub, options.redis.sub));
  const widget = options.liveChat ? attachWidgetNamespace(io, deps, options.liveChat) : null;
  options.liveChat?.presence.bind(io);
  const logError = (error: unknown) =>
    options.liveChat?.logger?.error("staff chat event failed", {
      error: error instanceof Error ? error.stack : String(error),
    });

  io.use(async (socket, next) => {
    try {
      const authToken = typeof socket.handshake.auth?.token === "string" ? socket.handshake.auth.token : undefined;
      const token =
        authToken ?? sessionTokenFromHeaders(socket.handshake.headers.authorization, socket.handshake.headers.cookie);
      const actor = token ? await authenticateSession(deps, token) : null;
      if (!actor) return next(new Error("UNAUTHENTICATED"));
      socket.data.actor = actor;
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error(String(error)));
    }
  });

  io.on("connection", (socket) => {
    void socket.join([...roomsForStaff(socket.data.actor), rooms.staffOnline]);
    if (!widget) return;
    handleStaffChat(io, socket, deps, logError);
    widget.staffPresenceChanged();
    // Not on shutdown: the Redis connections a cross-instance presence question needs are closing.
    socket.on("disconnect", (reason) => reason !== "server shutting down" && widget.staffPresenceChanged());
  });

  if (widget) {
    // The business-hours timer ends with the server.
    const close = io.close.bind(io);
    io.close = (fn) => {
      widget.stop();
      return close(fn);
    };
  }
  return io;
}
