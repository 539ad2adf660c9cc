import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "./domain/logger.ts";

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
