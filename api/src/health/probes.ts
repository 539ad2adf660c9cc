import type { Database } from "@helpdesk/db";
import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { getJobBacklog } from "../domain/outbox/job-backlog.ts";
import type { DependencyCheck, HealthReport } from "../domain/health.ts";

/**
 * The probes behind GET /api/health and /api/ready. Each one is bounded by its own timeout and they run
 * side by side, so the answer comes within about `timeoutMs` whatever is down: a database that does not
 * answer (a connect that hangs, a pool waiting to reconnect), a Redis that is reconnecting. A probe that
 * times out keeps running in the background; its late result is dropped.
 */
export interface HealthTargets {
  db: Database;
  /** The Redis the queue and shared counters use; null without REDIS_URL. */
  redis: Redis | null;
  modes: Pick<HealthReport, "database" | "queue" | "search" | "realtime">;
  timeoutMs?: number;
}

export const defaultProbeTimeoutMs = 1_000;

export function createHealthCheck(targets: HealthTargets): () => Promise<HealthReport> {
  const timeoutMs = targets.timeoutMs ?? defaultProbeTimeoutMs;
  return async () => {
    const [database, redis, backlog] = await Promise.all([
      probe(timeoutMs, async () => {
        await targets.db.execute(sql`select 1`);
      }),
      targets.redis ? probeRedis(targets.redis, timeoutMs) : Promise.resolve(null),
      bounded(timeoutMs, getJobBacklog(targets.db)).then(
        (result) => (result === timedOut ? null : result),
        () => null,
      ),
    ]);
    return { ...targets.modes, checks: { database, redis }, backlog };
  };
}

function probeRedis(redis: Redis, timeoutMs: number): Promise<DependencyCheck> {
  // ioredis queues commands while it reconnects (maxRetriesPerRequest: null): a ping would only wait.
  if (redis.status !== "ready")
    return Promise.resolve({ status: "down", latencyMs: 0, error: `not connected (${redis.status})` });
  return probe(timeoutMs, async () => {
    const answer = await redis.ping();
    if (answer !== "PONG") throw new Error(`unexpected answer ${answer}`);
  });
}

const timedOut = Symbol("timed out");

function bounded<T>(timeoutMs: number, work: Promise<T>): Promise<T | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeoutMs);
  });
  // The loser of the race must not become an unhandled rejection later.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function probe(timeoutMs: number, check: () => Promise<void>): Promise<DependencyCheck> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const result = await bounded(timeoutMs, check());
    if (result === timedOut)
      return { status: "down", latencyMs: latencyMs(), error: `no answer within ${timeoutMs} ms` };
    return { status: "up", latencyMs: latencyMs() };
  } catch (error) {
    return { status: "down", latencyMs: latencyMs(), error: errorCode(error) };
  }
}

/** A short reason for the health body (it is public: a code such as ECONNREFUSED, never a host or a stack). */
function errorCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "error";
}
