import type { SearchEngine } from "@helpdesk/knowledge-base";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { StaffActor } from "../domain/actor.ts";
import { authenticateSession } from "../domain/auth/sessions.ts";
import type { DomainDeps } from "../domain/deps.ts";
import { DomainError } from "../domain/errors.ts";
import type { SecretBox } from "../domain/secrets/secret-box.ts";
import type { ChatPresence, ChatRateLimiter, VisitorMessageNotifier } from "../domain/live-chat/chat-availability.ts";
import type { WidgetLinks } from "../domain/live-chat/widget-views.ts";
import type { HealthReport } from "../domain/health.ts";
import { sessionTokenFromHeaders } from "../http-shared/session-token.ts";

export interface AppDeps extends DomainDeps {
  /** Probes the backing services, each bounded by a timeout (never hangs on a service that is down). */
  health: () => Promise<HealthReport>;
  /** Seals channel credentials before they are stored. */
  secrets: SecretBox;
  /** The chat widget's HTTP side (channel info, uploads, downloads); absent: /api/widget answers 404. */
  liveChat?: {
    links: WidgetLinks;
    presence: ChatPresence;
    rateLimiter: ChatRateLimiter;
    notifier: VisitorMessageNotifier;
    /** The same per-visitor lock as the socket side: an upload and a typed message keep one order. */
    visitorLock: { run<T>(visitorId: string, task: () => Promise<T>): Promise<T> };
  };
  /** Knowledge-base search: Postgres full-text, or Meilisearch when MEILISEARCH_URL is set. */
  search: SearchEngine;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookies: boolean;
  /** PUBLIC_URL: the base of links in mail (portal sign-in links); unset, the request's own origin. */
  publicUrl?: () => string;
  /** Limits portal password sign-in per address and per client IP. Required: a missing one would mean no limit. */
  portalPasswordLimiter: { allow(key: string, ip: string): Promise<boolean> };
  /** Limits sign-in link requests per client IP (one client must not mail every customer). Required, as above. */
  portalLinkLimiter: { allow(key: string, ip: string): Promise<boolean> };
  /** TRUST_PROXY: believe the X-Forwarded-For our reverse proxy appends, for per-IP limits. */
  trustProxy?: boolean;
  /** POST /webhooks/email is enabled only with a secret. */
  emailWebhookSecret?: string;
  maxEmailBytes?: number;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    actor: StaffActor;
  };
}

/**
 * Signs the request in from the session cookie or a Bearer token; 401 when neither is valid. Routes only
 * authenticate: what the signed-in user may do is decided by the use case (domain/authorization.ts).
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = sessionTokenFromHeaders(c.req.header("authorization"), c.req.header("cookie"));
  const actor = token ? await authenticateSession(c.var.deps, token) : null;
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in first: send the session cookie or a Bearer token.");
  c.set("actor", actor);
  await next();
});

export const idParam = z.object({ id: z.string().min(1).max(100) });
