import { createHash } from "node:crypto";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { StatusCode } from "hono/utils/http-status";
import { authenticateSession } from "../domain/auth/sessions.ts";
import { DomainError } from "../domain/errors.ts";
import type { Logger } from "../domain/logger.ts";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  pruneIdempotencyKeys,
  releaseIdempotencyKey,
  type IdempotentRequest,
} from "../domain/idempotency/idempotency-keys.ts";
import { authenticateCustomerSession } from "../domain/portal/customer-sessions.ts";
import { sessionTokenFromHeaders } from "../http-shared/session-token.ts";
import type { AppEnv } from "./context.ts";
import { portalSessionCookieName } from "./routes/portal-account.ts";

/**
 * `Idempotency-Key` on REST writes, as Stripe's API has it. The first POST/PATCH/PUT/DELETE with a key runs
 * and its response (status, content headers, body) is kept 24 hours; a retry with the same key and the same
 * request (method, path and body) gets that response again, marked `Idempotent-Replayed: true`, without
 * running. The same key for another request is 422 IDEMPOTENCY_KEY_REUSED; a retry while the first is still
 * running is 409 IDEMPOTENCY_KEY_IN_PROGRESS with Retry-After.
 *
 * A key belongs to the signed-in caller: the staff user (cookie or bearer token), or on /api/portal the
 * customer of the portal session. Routes are authenticated route by route, so the caller is resolved here
 * with the same session lookups. Without a signed-in caller the header is ignored (the route answers as
 * always, usually 401): a key nobody owns could replay one caller's response to another.
 *
 * Not stored, so that a retry runs again: 5xx and 429 (the client is meant to retry), and 400, 401 and 403
 * (the request was refused before it ran; a corrected retry may keep its key).
 * Sign-in routes are left out: their responses carry session tokens, which must never sit in a table.
 */
export const idempotencyKeyHeader = "Idempotency-Key";
export const idempotentReplayedHeader = "Idempotent-Replayed";

const writeMethods = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const maxKeyLength = 255;
/** The body is read whole to be hashed: larger than any route accepts (staff replies: 25 MB of files). */
const maxBodyBytes = 50 * 1024 * 1024;
/** The response headers a replay needs; never Set-Cookie. */
const storedHeaders = ["content-type", "content-language", "content-disposition", "location", "etag", "last-modified"];
const excludedPaths = [/^\/api\/auth\//, /^\/api\/portal\/auth\//];
const pruneEveryMs = 10 * 60 * 1000;

export function idempotency(logger: Pick<Logger, "error">) {
  let lastPrunedAt = 0;

  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header(idempotencyKeyHeader);
    if (key === undefined || !writeMethods.has(c.req.method) || excludedPaths.some((p) => p.test(c.req.path))) {
      return next();
    }
    if (key.length === 0 || key.length > maxKeyLength || !/^[\x21-\x7e]+$/.test(key)) {
      throw new DomainError(
        "VALIDATION_FAILED",
        `The ${idempotencyKeyHeader} header must be 1 to ${maxKeyLength} visible ASCII characters.`,
        {
          header: idempotencyKeyHeader,
        },
      );
    }
    const scope = await callerScope(c);
    if (!scope) return next();

    const deps = c.var.deps;
    const url = new URL(c.req.url);
    const request: IdempotentRequest = {
      scope,
      key,
      method: c.req.method,
      path: url.pathname + url.search,
      requestHash: hashBody(await takeBody(c), c.req.header("content-type")),
    };

    const now = deps.clock.now().getTime();
    if (now - lastPrunedAt > pruneEveryMs) {
      lastPrunedAt = now;
      await pruneIdempotencyKeys(deps).catch((error: unknown) =>
        logger.error("could not prune idempotency keys", { error: String(error) }),
      );
    }

    const claim = await claimIdempotencyKey(deps, request);
    if (claim.outcome === "mismatch") {
      throw new DomainError(
        "IDEMPOTENCY_KEY_REUSED",
        `This ${idempotencyKeyHeader} was used for another request (${claim.method} ${claim.path}, or another body). Send a new key for a new request.`,
        { method: claim.method, path: claim.path },
      );
    }
    if (claim.outcome === "in_progress") {
      throw new DomainError(
        "IDEMPOTENCY_KEY_IN_PROGRESS",
        `A request with this ${idempotencyKeyHeader} is still running. Retry in a moment.`,
      );
    }
    if (claim.outcome === "replay") {
      const { status, headers, body } = claim.response;
      return c.newResponse(body.byteLength === 0 ? null : new Uint8Array(body), status as StatusCode, {
        ...headers,
        [idempotentReplayedHeader]: "true",
      });
    }

    const { claimedAt } = claim;
    try {
      await next();
    } catch (error) {
      await release();
      throw error;
    }
    const res = c.res;
    if (!storable(res.status)) return release();
    try {
      const body = new Uint8Array(await res.clone().arrayBuffer());
      const headers: Record<string, string> = {};
      for (const name of storedHeaders) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      await completeIdempotencyKey(deps, request, claimedAt, { status: res.status, headers, body });
    } catch (error) {
      // The response still goes out; without its record, a retry runs again.
      logger.error("could not store an idempotent response", {
        requestId: c.var.requestId,
        path: c.req.path,
        error: String(error),
      });
      await release();
    }

    async function release() {
      await releaseIdempotencyKey(deps, request, claimedAt).catch((error: unknown) =>
        logger.error("could not release an idempotency key", {
          requestId: c.var.requestId,
          path: c.req.path,
          error: String(error),
        }),
      );
    }
  });
}

/** Answers a retry must not get again: 5xx and 429 (retry), 400/401/403 (refused before it ran; a corrected retry may keep its key). */
function storable(status: number): boolean {
  return status < 500 && ![400, 401, 403, 429].includes(status);
}

/** `user:<id>` or `customer:<id>`, resolved as the route will resolve it; null when nobody is signed in. */
async function callerScope(c: Context<AppEnv>): Promise<string | null> {
  const deps = c.var.deps;
  if (c.req.path.startsWith("/api/portal/")) {
    const token = getCookie(c, portalSessionCookieName);
    const customer = token ? await authenticateCustomerSession(deps, token) : null;
    return customer ? `customer:${customer.customerId}` : null;
  }
  const token = sessionTokenFromHeaders(c.req.header("authorization"), c.req.header("cookie"));
  const actor = token ? await authenticateSession(deps, token) : null;
  return actor ? `user:${actor.id}` : null;
}

/**
 * Reads the whole body to hash it, and puts it back for the route, as hono's bodyLimit does (which then
 * still applies its own, smaller limit). Capped so a key cannot make us buffer more than any route takes.
 */
async function takeBody(c: Context<AppEnv>): Promise<Uint8Array> {
  const raw = c.req.raw;
  if (!raw.body) return new Uint8Array(0);
  const tooLarge = () =>
    new DomainError(
      "PAYLOAD_TOO_LARGE",
      `A request with an ${idempotencyKeyHeader} may be at most ${maxBodyBytes / 1024 / 1024} MB.`,
    );
  if (Number(raw.headers.get("content-length") ?? 0) > maxBodyBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = raw.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  c.req.raw = new Request(raw, { body });
  return body;
}

/**
 * sha256 of the media type and the body. A multipart body is hashed without its boundary, which the client
 * picks at random: a retry of the same form from a new FormData is the same request.
 */
function hashBody(body: Uint8Array, contentType: string | undefined): string {
  const hash = createHash("sha256");
  hash.update(`${contentType?.split(";")[0]?.trim().toLowerCase() ?? ""}\n`);
  const boundary = contentType?.match(/boundary=(?:"([^"]+)"|([^;\s]+))/i);
  const marker = boundary ? Buffer.from(boundary[1] ?? boundary[2] ?? "") : null;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (!marker || marker.length === 0) return hash.update(bytes).digest("hex");
  let from = 0;
  for (let at = bytes.indexOf(marker, from); at !== -1; at = bytes.indexOf(marker, from)) {
    hash.update(bytes.subarray(from, at));
    hash.update("\0boundary\0");
    from = at + marker.length;
  }
  return hash.update(bytes.subarray(from)).digest("hex");
}
