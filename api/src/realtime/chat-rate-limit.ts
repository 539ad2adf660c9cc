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

/** Attempts per key (a visitor, an e-mail address) and per client IP, in fixed windows. */
export interface AttemptLimits {
  perKey: number;
  perIp: number;
  windowMs: number;
}

/**
 * Fixed windows. With Redis the counters are shared by every API instance (a visitor's tabs, or a password
 * guesser's requests, may reach several); without it one process is all there is, and a Map does. `name` keeps
 * each limiter's keys apart.
 */
export function createAttemptLimiter(
  name: string,
  limits: AttemptLimits,
  redis?: { client: Redis; prefix: string },
): ChatRateLimiter {
  const windowOf = (now: number) => Math.floor(now / limits.windowMs);
  const local = createLocalLimiter(limits, windowOf);
  if (redis) {
    const count = (key: string) =>
      redis.client.eval(incrementScript, 1, key, String(limits.windowMs)) as Promise<number>;
    return {
      async allow(key, ip) {
        const window = windowOf(Date.now());
        try {
          const [byKey, address] = await Promise.all([
            count(`${redis.prefix}:${name}:v:${key}:${window}`),
            count(`${redis.prefix}:${name}:ip:${ip}:${window}`),
          ]);
          return byKey <= limits.perKey && address <= limits.perIp;
        } catch {
          // Redis is down (its client fails fast): this instance's own counters hold the line meanwhile, rather
          // than every request waiting for Redis or no limit at all.
          return local.allow(key, ip);
        }
      },
    };
  }
  return local;
}

function createLocalLimiter(limits: AttemptLimits, windowOf: (now: number) => number): ChatRateLimiter {
  const counters = new Map<string, number>();
  let currentWindow = windowOf(Date.now());
  return {
    async allow(key, ip) {
      const window = windowOf(Date.now());
      if (window !== currentWindow) {
        counters.clear();
        currentWindow = window;
      }
      const bump = (k: string) => {
        const n = (counters.get(k) ?? 0) + 1;
        counters.set(k, n);
        return n;
      };
      const byKey = bump(`v:${key}`);
      const address = bump(`ip:${ip}`);
      return byKey <= limits.perKey && address <= limits.perIp;
    },
  };
}

export function createChatRateLimiter(
  limits: ChatRateLimits,
  redis?: { client: Redis; prefix: string },
): ChatRateLimiter {
  return createAttemptLimiter(
    "chat-rate",
    { perKey: limits.perVisitor, perIp: limits.perIp, windowMs: limits.windowMs },
    redis,
  );
}

/** Portal sign-in links: 5 an address is enforced by the domain; this caps one client mailing many addresses. */
export const portalLinkLimits: AttemptLimits = { perKey: 1_000, perIp: 20, windowMs: 60 * 60 * 1000 };

/** Portal password sign-in: 10 tries an address and 50 an IP address per quarter hour, against guessing. */
export const portalPasswordLimits: AttemptLimits = { perKey: 10, perIp: 50, windowMs: 15 * 60 * 1000 };
