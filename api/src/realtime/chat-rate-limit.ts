import type { Redis } from "ioredis";
import type { ChatRateLimiter } from "../domain/live-chat/chat-availability.ts";

export interface ChatRateLimits {
  /** Messages per visitor per window (all their tabs together). */
  perVisitor: number;
  /** Messages per client IP per window: a whole office behind one NAT chats at once, so well above perVisitor. */
  perIp: number;
  windowMs: number;
}

export const defaultChatRateLimits: ChatRateLimits = { perVisitor: 20, perIp: 100, windowMs: 10_000 };

// INCR and the expiry in one step: a crash between them must not leave a counter that never expires.
const incrementScript = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

/**
 * Fixed windows. With Redis the counters are shared by every API instance (a visitor's tabs may be on several);
 * without it one process is all there is, and a Map does.
 */
export function createChatRateLimiter(limits: ChatRateLimits, redis?: { client: Redis; prefix: string }): ChatRateLimiter {
  const windowOf = (now: number) => Math.floor(now / limits.windowMs);
  if (redis) {
    const count = (key: string) => redis.client.eval(incrementScript, 1, key, String(limits.windowMs)) as Promise<number>;
    return {
      async allow(visitorId, ip) {
        const window = windowOf(Date.now());
        const [visitor, address] = await Promise.all([
          count(`${redis.prefix}:chat-rate:v:${visitorId}:${window}`),
          count(`${redis.prefix}:chat-rate:ip:${ip}:${window}`),
        ]);
        return visitor <= limits.perVisitor && address <= limits.perIp;
      },
    };
  }
  const counters = new Map<string, number>();
  let currentWindow = windowOf(Date.now());
  return {
    async allow(visitorId, ip) {
      const window = windowOf(Date.now());
      if (window !== currentWindow) {
        counters.clear();
        currentWindow = window;
      }
      const bump = (key: string) => {
        const n = (counters.get(key) ?? 0) + 1;
        counters.set(key, n);
        return n;
      };
      const visitor = bump(`v:${visitorId}`);
      const address = bump(`ip:${ip}`);
      return visitor <= limits.perVisitor && address <= limits.perIp;
    },
  };
}
