import { Redis, type RedisOptions } from "ioredis";
import type { Config } from "../config.ts";
import type { Logger } from "../domain/logger.ts";

type RedisLogger = Pick<Logger, "info" | "warn">;

/**
 * A Redis connection that reports its outages: one line when it goes (ioredis would print "Unhandled error
 * event" for every reconnect attempt) and one when it is back. ioredis reconnects by itself; nothing here
 * waits on Redis, since the outbox in Postgres holds the work meanwhile.
 */
export function connectRedis(url: string, logger: RedisLogger, name: string, options: RedisOptions = {}): Redis {
  return watch(new Redis(url, options), logger, name);
}

/** The same reporting on a connection made from another (`redis.duplicate()`). */
export function watch(redis: Redis, logger: RedisLogger, name: string): Redis {
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warn("redis unreachable; retrying", { connection: name, error: error.message });
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info("redis reachable again", { connection: name });
  });
  return redis;
}

/** The queue's connection: BullMQ needs maxRetriesPerRequest: null for its blocking commands. */
export function connectQueueRedis(url: string, logger: RedisLogger): Redis {
  return connectRedis(url, logger, "queue", { maxRetriesPerRequest: null });
}

/** Where counters and locks every instance shares are kept (chat and sign-in limits, the per-visitor lock). */
export interface SharedKeys {
  client: Redis;
  prefix: string;
}

/**
 * Counters and locks every instance shares, when there is Redis (undefined: this process keeps them in memory).
 * Its own connection, failing fast while Redis is down: a chat message or a sign-in must not wait on a counter.
 */
export function connectSharedKeys(
  config: Pick<Config, "REDIS_URL" | "QUEUE_PREFIX">,
  logger: RedisLogger,
): SharedKeys | undefined {
  if (!config.REDIS_URL) return undefined;
  return {
    client: connectRedis(config.REDIS_URL, logger, "shared-keys", {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    }),
    prefix: config.QUEUE_PREFIX,
  };
}

/** The pair socket.io's Redis adapter needs (its subscriber blocks its connection), made from the queue's. */
export function duplicateForRealtime(redis: Redis, logger: RedisLogger): { pub: Redis; sub: Redis } {
  return {
    pub: watch(redis.duplicate(), logger, "realtime-pub"),
    sub: watch(redis.duplicate(), logger, "realtime-sub"),
  };
}
