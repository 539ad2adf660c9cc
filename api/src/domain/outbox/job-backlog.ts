import { outboxJobs, type Executor } from "@helpdesk/db";
import { and, eq, lte, sql } from "drizzle-orm";

export interface JobBacklog {
  /** Outbox jobs due now and not yet handed to a runner. */
  pending: number;
  /** How long the oldest of them has been due (0 when none is). */
  oldestSeconds: number;
}

/** The outbox's due work, for /api/health: a growing backlog means the relay or the runners are not keeping up. */
export async function getJobBacklog(db: Executor): Promise<JobBacklog> {
  const due = and(eq(outboxJobs.state, "pending"), lte(outboxJobs.runAt, sql`now()`));
  const [row] = await db
    .select({
      pending: sql<number>`count(*)::int`,
      oldestSeconds: sql<number>`coalesce(extract(epoch from now() - min(${outboxJobs.runAt})), 0)::float8`,
    })
    .from(outboxJobs)
    .where(due);
  return {
    pending: Number(row?.pending ?? 0),
    oldestSeconds: Math.max(0, Math.floor(Number(row?.oldestSeconds ?? 0))),
  };
}
