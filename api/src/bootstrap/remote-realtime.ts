import { Emitter } from "@socket.io/redis-emitter";
import type { Redis } from "ioredis";
import type { ChatPresence } from "../domain/live-chat/chat-availability.ts";
import type { RealtimePublisher } from "../domain/events.ts";
import type { Logger } from "../domain/logger.ts";
import type { WidgetLinks } from "../domain/live-chat/widget-views.ts";
import { createRemoteChatPresence } from "../realtime/chat-presence.ts";
import { broadcastPublisher } from "../realtime/rooms.ts";
import { connectRedis } from "./redis.ts";

export interface RemoteRealtime {
  /** Publishes through the socket.io Redis adapter's channels: every API instance delivers. */
  publisher: RealtimePublisher;
  /** Whether a chat visitor is still connected, asked of the API instances through the socket.io Redis adapter. */
  chatPresence: ChatPresence;
  /** Unsubscribes the presence adapter from Redis (the connections are closed apart, with the others). */
  closePresence(): Promise<void>;
  connections: Redis[];
}

/** The realtime side of a process without the socket server (the standalone worker): socket.io over Redis. */
export function connectRemoteRealtime(
  url: string,
  logger: Pick<Logger, "info" | "warn">,
  links: WidgetLinks,
): RemoteRealtime {
  const emitterRedis = connectRedis(url, logger, "realtime-emitter");
  const presenceRedis = {
    pub: connectRedis(url, logger, "presence-pub"),
    sub: connectRedis(url, logger, "presence-sub"),
  };
  const presence = createRemoteChatPresence(presenceRedis);
  return {
    publisher: broadcastPublisher(new Emitter(emitterRedis), { links }),
    chatPresence: presence.presence,
    closePresence: () => presence.close(),
    connections: [emitterRedis, presenceRedis.pub, presenceRedis.sub],
  };
}
