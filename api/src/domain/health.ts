/** One backing service as a probe saw it; `error` is a short code (the health body is public). */
export interface DependencyCheck {
  status: "up" | "down";
  latencyMs: number;
  error?: string;
}

/**
 * What GET /api/health reports and /api/ready decides on. A port: api/src/health/probes.ts builds it, the HTTP
 * adapter serves it.
 */
export interface HealthReport {
  database: "postgres" | "pglite";
  queue: "bullmq" | "in-process";
  search: "postgres" | "meilisearch";
  realtime: "redis-adapter" | "in-memory";
  checks: {
    database: DependencyCheck;
    /** Null without REDIS_URL. */
    redis: DependencyCheck | null;
  };
  /** Outbox jobs due and not yet handed over; null when the database did not answer. */
  backlog: { pending: number; oldestSeconds: number } | null;
}
