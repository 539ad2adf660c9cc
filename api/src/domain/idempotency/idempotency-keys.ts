import { idempotencyKeys, type Executor } from "@helpdesk/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Clock } from "../clock.ts";

/**
 * Idempotency keys of REST writes (the HTTP side is api/src/http/idempotency.ts): a claim before the
 * request runs, its response stored after, and the stored response for a retry. Plain statements, no
 * transaction around the request: the claim row is what a concurrent retry sees while the first one runs.
 */

/** How long a key and its response are kept (Stripe's figure). */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;
/** A claim this old with no response was left by a request that never finished (a crash, a deploy): a retry takes it over. */
export const abandonedClaimMs = 60 * 1000;

type Deps = { db: Executor; clock: Clock };

export interface IdempotentRequest {
  /** Whose key it is (`user:<id>`, `customer:<id>`). */
  scope: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type IdempotencyClaim =
  /** This request runs; `claimedAt` identifies the claim when storing or releasing it. */
  | { outcome: "claimed"; claimedAt: Date }
  | { outcome: "replay"; response: StoredResponse }
  | { outcome: "in_progress"; claimedAt: Date }
  /** The key was first used for another request (method, path or body). */
  | { outcome: "mismatch"; method: string; path: string };

/** Claims the key for this request, or says what the earlier request with the key left. */
export async function claimIdempotencyKey(deps: Deps, request: IdempotentRequest): Promise<IdempotencyClaim> {
  const t = idempotencyKeys;
  const sameKey = and(eq(t.scope, request.scope), eq(t.key, request.key));
  // Twice at most: the row seen as a conflict can be released (its request failed) before it is read.
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = deps.clock.now();
    const claimed = await deps.db
      .insert(t)
      .values({ ...request, createdAt: now })
      .onConflictDoUpdate({
        target: [t.scope, t.key],
        set: {
          ...request,
          createdAt: now,
          responseStatus: null,
          responseHeaders: null,
          responseBody: null,
          completedAt: null,
        },
        // Only a dead row is taken over: expired, or an abandoned claim of this very request.
        setWhere: or(
          lt(t.createdAt, new Date(now.getTime() - idempotencyKeyLifetimeMs)),
          and(
            isNull(t.completedAt),
            lt(t.createdAt, new Date(now.getTime() - abandonedClaimMs)),
            eq(t.method, request.method),
            eq(t.path, request.path),
            eq(t.requestHash, request.requestHash),
          ),
        ),
      })
      .returning({ createdAt: t.createdAt });
    if (claimed.length > 0) return { outcome: "claimed", claimedAt: now };

    const [row] = await deps.db.select().from(t).where(sameKey);
    if (!row) continue;
    if (row.method !== request.method || row.path !== request.path || row.requestHash !== request.requestHash) {
      return { outcome: "mismatch", method: row.method, path: row.path };
    }
    if (row.responseStatus === null || row.completedAt === null)
      return { outcome: "in_progress", claimedAt: row.createdAt };
    return {
      outcome: "replay",
      response: {
        status: row.responseStatus,
        headers: row.responseHeaders ?? {},
        body: row.responseBody ?? new Uint8Array(0),
      },
    };
  }
  // Released twice in a row by failing first runs: tell this one to come back, as for a running request.
  return { outcome: "in_progress", claimedAt: deps.clock.now() };
}

/** Stores the response of a claimed request, for its retries. */
export async function completeIdempotencyKey(
  deps: Deps,
  request: Pick<IdempotentRequest, "scope" | "key">,
  claimedAt: Date,
  response: StoredResponse,
): Promise<void> {
  const t = idempotencyKeys;
  await deps.db
    .update(t)
    .set({
      responseStatus: response.status,
      responseHeaders: response.headers,
      responseBody: response.body,
      completedAt: deps.clock.now(),
    })
    .where(and(eq(t.scope, request.scope), eq(t.key, request.key), eq(t.createdAt, claimedAt), isNull(t.completedAt)));
}

/** Gives the key back (the request failed in a way a retry may fix): the next request with it runs. */
export async function releaseIdempotencyKey(
  deps: Deps,
  request: Pick<IdempotentRequest, "scope" | "key">,
  claimedAt: Date,
): Promise<void> {
  const t = idempotencyKeys;
  await deps.db
    .delete(t)
    .where(and(eq(t.scope, request.scope), eq(t.key, request.key), eq(t.createdAt, claimedAt), isNull(t.completedAt)));
}

/** Deletes keys older than their lifetime; returns how many. The HTTP layer calls it now and then; a scheduled job may too. */
export async function pruneIdempotencyKeys(deps: Deps): Promise<number> {
  const t = idempotencyKeys;
  const pruned = await deps.db
    .delete(t)
    .where(lt(t.createdAt, new Date(deps.clock.now().getTime() - idempotencyKeyLifetimeMs)))
    .returning({ key: t.key });
  return pruned.length;
}
