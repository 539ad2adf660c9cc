import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

/** Runs one visitor's messages one at a time, so a burst keeps its order and a first message opens one ticket. */
export interface VisitorLock {
  run<T>(visitorId: string, task: () => Promise<T>): Promise<T>;
}

// Delete the key only while it still holds our token: an expired lock taken over by another instance stays theirs.
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * In this process a promise chain per visitor; with Redis also a lock in Redis around each task, because a
 * visitor's tabs may sit on different API instances (their first messages at the same moment must still open one
 * ticket). The Redis lock expires by itself (a crashed holder) and is waited for a bounded time: past that the
 * task runs anyway, since a late chat message is worse than the rare double ticket an agent can merge.
 */
export function createVisitorLock(
  redis?: { client: Redis; prefix: string },
  options: { leaseMs?: number; maxWaitMs?: number; onTimeout?: (visitorId: string) => void } = {},
): VisitorLock {
  const leaseMs = options.leaseMs ?? 15_000;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const chains = new Map<string, Promise<unknown>>();

  async function withRedisLock<T>(visitorId: string, task: () => Promise<T>): Promise<T> {
    if (!redis) return task();
    const key = `${redis.prefix}:chat-lock:${visitorId}`;
    const token = randomBytes(12).toString("hex");
    const started = Date.now();
    let held = false;
    // Redis down (its client fails fast): this instance's chain still orders the visitor's messages.
    const take = () =>
      redis.client.set(key, token, "PX", leaseMs, "NX").then(
        (r) => r === "OK",
        () => null,
      );
    for (;;) {
      const taken = await take();
      if (taken === null) break;
      if ((held = taken)) break;
      if (Date.now() - started > maxWaitMs) {
        options.onTimeout?.(visitorId);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    try {
      return await task();
    } finally {
      if (held) await redis.client.eval(releaseScript, 1, key, token).catch(() => {});
    }
  }

  return {
    run(visitorId, task) {
      const previous = chains.get(visitorId) ?? Promise.resolve();
      const next = previous.then(
        () => withRedisLock(visitorId, task),
        () => withRedisLock(visitorId, task),
      );
      const tail = next.catch(() => {});
      chains.set(visitorId, tail);
      void tail.then(() => chains.get(visitorId) === tail && chains.delete(visitorId));
      return next;
    },
  };
}
