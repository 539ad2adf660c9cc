import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { HealthReport } from "../domain/health.ts";
import type { AppEnv } from "./context.ts";
import { jsonContent } from "./openapi.ts";

const tags = ["System"];
const upDown = z.enum(["up", "down"]);
const dependencyCheck = z.object({
  status: upDown,
  latencyMs: z.number().int(),
  error: z.string().optional().openapi({ description: "A short reason, such as ECONNREFUSED or a timeout" }),
});

const healthBody = z.object({
  status: z
    .enum(["ok", "degraded"])
    .openapi({ description: "degraded when the database or (when configured) Redis does not answer" }),
  database: z.enum(["postgres", "pglite"]),
  queue: z.enum(["bullmq", "in-process"]),
  search: z.enum(["postgres", "meilisearch"]),
  realtime: z.enum(["redis-adapter", "in-memory"]),
  checks: z.object({
    database: dependencyCheck,
    redis: dependencyCheck.nullable().openapi({ description: "null without REDIS_URL" }),
  }),
  backlog: z
    .object({
      pending: z.number().int().openapi({ description: "Outbox jobs due now and not yet handed to a runner" }),
      oldestSeconds: z.number().int().openapi({ description: "How long the oldest of them has been due" }),
    })
    .nullable()
    .openapi({ description: "null when the database did not answer" }),
});

const readyBody = z.object({ ready: z.boolean(), database: upDown, redis: upDown.nullable() });

const health = createRoute({
  method: "get",
  path: "/health",
  tags,
  summary: "The state of the backing services and the job backlog; answers within about a second whatever is down",
  responses: { 200: { description: "The report (also when degraded)", content: jsonContent(healthBody) } },
});

const ready = createRoute({
  method: "get",
  path: "/ready",
  tags,
  summary: "Readiness for load balancers: 200 when the database (and Redis, when configured) answers, else 503",
  responses: {
    200: { description: "Ready to serve", content: jsonContent(readyBody) },
    503: { description: "A required service does not answer", content: jsonContent(readyBody) },
  },
});

/** Whether this instance can serve: the database answers, and Redis when there is one. */
export function isReady(report: HealthReport): boolean {
  return (
    report.checks.database.status === "up" && (report.checks.redis === null || report.checks.redis.status === "up")
  );
}

const noStore = { "cache-control": "no-store" };

export function healthRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(health, async (c) => {
      const report = await c.var.deps.health();
      return c.json({ status: isReady(report) ? ("ok" as const) : ("degraded" as const), ...report }, 200, noStore);
    })
    .openapi(ready, async (c) => {
      const report = await c.var.deps.health();
      const body = {
        ready: isReady(report),
        database: report.checks.database.status,
        redis: report.checks.redis?.status ?? null,
      };
      return body.ready ? c.json(body, 200, noStore) : c.json(body, 503, noStore);
    });
}
