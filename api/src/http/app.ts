import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { z } from "zod";
import { DomainError } from "../domain/errors.ts";
import type { Logger } from "../domain/logger.ts";
import { isDatabaseUnavailableError, newId } from "@helpdesk/db";
import type { AppDeps, AppEnv } from "./context.ts";
import { databaseUnavailableRetryAfterSeconds, errorPayload, retryAfterOfCode, statusOfCode } from "./errors.ts";
import { healthRoutes } from "./health.ts";
import { idempotency, idempotencyKeyHeader, idempotentReplayedHeader } from "./idempotency.ts";
import { authRoutes } from "./routes/auth.ts";
import { channelRoutes } from "./routes/channels.ts";
import { customerRoutes, organizationRoutes } from "./routes/customers.ts";
import { kbRoutes } from "./routes/kb.ts";
import { messageRoutes } from "./routes/messages.ts";
import { outboxRoutes } from "./routes/outbox.ts";
import { portalRoutes } from "./routes/portal.ts";
import { portalAccountRoutes } from "./routes/portal-account.ts";
import { reportRoutes } from "./routes/reports.ts";
import { slaRoutes } from "./routes/sla.ts";
import { staffRoutes } from "./routes/staff.ts";
import { emailWebhookRoutes } from "./routes/webhooks/email.ts";
import { ticketRoutes } from "./routes/tickets.ts";
import { widgetRoutes } from "./routes/widget.ts";
import { widgetScriptRoutes } from "./widget-script.ts";

export type { AppDeps } from "./context.ts";
export type { HealthReport } from "../domain/health.ts";

/**
 * The API as a Hono app. Tests build it with test deps and call it in-process; main.ts serves it.
 * Every error leaves as { error: { code, message, details?, requestId } }.
 */
export function createApp(deps: AppDeps, logger: Pick<Logger, "error"> = { error: (m, f) => console.error(m, f) }) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(
          errorPayload(
            "VALIDATION_FAILED",
            "The request is invalid; see details.",
            c.var.requestId,
            result.error.issues,
          ),
          400,
        );
      }
    },
  });

  app.use("*", requestId({ generator: () => newId("request") }));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  // Before every /api route (each authenticates on its own: the middleware resolves the caller the same way).
  app.use("/api/*", idempotency(logger));

  app.onError((error, c) => {
    const requestId = c.var.requestId ?? newId("request");
    if (error instanceof DomainError) {
      const retryAfter = retryAfterOfCode[error.code];
      return c.json(
        errorPayload(error.code, error.message, requestId, error.details),
        statusOfCode[error.code],
        retryAfter === undefined ? undefined : { "Retry-After": String(retryAfter) },
      );
    }
    // Postgres down, restarting or cut off: fail fast and tell the client when to come back, rather than a 500.
    if (isDatabaseUnavailableError(error)) {
      logger.error("database unavailable", {
        requestId,
        path: c.req.path,
        error: error instanceof Error ? error.message : String(error),
      });
      return c.json(
        errorPayload(
          "SERVICE_UNAVAILABLE",
          "The help desk cannot reach its database right now. Try again in a few seconds.",
          requestId,
        ),
        503,
        { "Retry-After": String(databaseUnavailableRetryAfterSeconds) },
      );
    }
    if (error instanceof z.ZodError) {
      return c.json(
        errorPayload("VALIDATION_FAILED", "The request is invalid; see details.", requestId, error.issues),
        400,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorPayload("BAD_REQUEST", error.message || "Bad request.", requestId), error.status);
    }
    logger.error("unhandled error", {
      requestId,
      path: c.req.path,
      error: error instanceof Error ? error.stack : String(error),
    });
    return c.json(
      errorPayload("INTERNAL", "Something went wrong on our side. Quote the request id if you report it.", requestId),
      500,
    );
  });

  // Outside /api: relays are configured with a stable URL, and it is not part of the agents' API.
  app.route("/webhooks", emailWebhookRoutes());
  // Outside /api too: the chat widget's script tag on customers' sites names this URL.
  app.route("/", widgetScriptRoutes());
  // The chat widget searches the knowledge base from customers' sites: public, read-only, no cookies, so any origin.
  app.use("/api/kb/search", cors({ origin: "*" }));

  const api = app
    .basePath("/api")
    .route("/", healthRoutes())
    .route("/auth", authRoutes())
    .route("/tickets", ticketRoutes())
    .route("/customers", customerRoutes())
    .route("/organizations", organizationRoutes())
    .route("/channels", channelRoutes())
    .route("/", staffRoutes())
    .route("/", messageRoutes())
    .route("/", outboxRoutes())
    .route("/sla", slaRoutes())
    .route("/reports", reportRoutes())
    .route("/kb", kbRoutes())
    .route("/portal", portalRoutes())
    .route("/widget", widgetRoutes())
    .route("/portal", portalAccountRoutes());

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Help desk API",
      version: "1.0.0",
      description:
        "Tickets, customers and organizations of the help desk. Authenticate with the session cookie from " +
        "POST /api/auth/login or with `Authorization: Bearer <token>`.\n\n" +
        `Writes (POST, PATCH, PUT, DELETE) by a signed-in caller take an optional \`${idempotencyKeyHeader}\` header ` +
        "(up to 255 characters; a UUID will do). The first request with a key runs and its response is kept 24 hours; " +
        `a retry with the same key and the same request gets that response again, with \`${idempotentReplayedHeader}: true\`, ` +
        "without running twice. The same key for a different request answers 422 IDEMPOTENCY_KEY_REUSED; a retry while " +
        "the first request is still running answers 409 IDEMPOTENCY_KEY_IN_PROGRESS with Retry-After. Keys belong to " +
        "the caller (the staff user, or the portal's customer) and are never shared. 5xx, 429, 400, 401 and 403 answers " +
        "are not kept: retry them with the same key.\n\n" +
        "When the database is unreachable, every route answers 503 SERVICE_UNAVAILABLE with Retry-After.",
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  api.openAPIRegistry.registerComponent("parameters", "IdempotencyKey", {
    name: idempotencyKeyHeader,
    in: "header",
    required: false,
    description:
      "Makes a write safe to retry: the same key and request get the first response back instead of running again.",
    schema: { type: "string", maxLength: 255 },
  });

  api.notFound((c) =>
    c.json(errorPayload("NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`, c.var.requestId), 404),
  );
  return api;
}

export type AppType = ReturnType<typeof createApp>;
