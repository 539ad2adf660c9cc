import { outboxNotifyChannel, type Logger } from "../../domain/index.ts";
import { outboxJobs, type Database, type OutboxJob } from "@helpdesk/db";
import { and, asc, eq, inArray, lt, lte, sql } from "drizzle-orm";

/** Where the relay hands due outbox rows: BullMQ (Redis) or the in-process runner. */
export interface OutboxDispatcher {
  /** Written on the rows it holds: "bullmq", or one in-process runner's instance id. */
  readonly owner: string;
  /** How long before its run time a row is handed over (BullMQ and the in-process runner hold the delay themselves). */
  readonly lookaheadMs: number;
  /** False while it surely cannot take rows (Redis disconnected): the relay leaves them pending and waits. */
  isAvailable?(): boolean;
  /** Takes the rows; throws when it cannot (Redis unreachable), and the rows go back to pending. */
  dispatch(rows: OutboxJob[]): Promise<void>;
  /** Of the rows it was handed a while ago and has not finished, those it no longer has (a Redis that lost its data). */
  findLost?(rows: OutboxJob[]): Promise<number[]>;
  /** Periodic upkeep: re-creates what a Redis restart lost (repeatable schedules). */
  repair?(): Promise<void>;
}

export interface RelayOptions {
  db: Database;
  dispatcher: OutboxDispatcher;
  /** LISTEN for commits with new rows (DatabaseHandle.listen); without it the relay polls only. */
  listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  logger?: Pick<Logger, "warn">;
  /** The poll that catches what a notification missed (another process's rows, rows that came due). */
  pollMs?: number;
  /** How often held rows are checked against the dispatcher, and finished rows pruned. */
  recoverMs?: number;
  /** A held row younger than this is not checked: it may be on its way into Redis. */
  recoverAfterMs?: number;
  /** Finished rows are kept this long (the history admins and tests read), failed ones longer. */
  keepDoneMs?: number;
  keepFailedMs?: number;
  batchSize?: number;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Pump now (after a commit in this process, or a notification). */
  wake(): void;
  /** Hands over every row due now; resolves when none is left. */
  pumpNow(): Promise<void>;
  /** One recovery and pruning pass now. */
  recoverNow(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Moves outbox rows to a runner. Rows are claimed with SKIP LOCKED, so several relays (API instances, workers)
 * share one outbox without handing a row over twice; a claim is a state change, so a relay that dies leaves
 * rows "dispatched" for the recovery pass (BullMQ: the job is not in Redis) or the next start (in-process).
 * Every failure here is logged and retried on the next tick: a Postgres or Redis outage pauses the relay, never
 * the process.
 */
export function createOutboxRelay(options: RelayOptions): OutboxRelay {
  const { db, dispatcher } = options;
  const logger = options.logger ?? {
    warn: (m, f) => console.warn(JSON.stringify({ level: "warn", message: m, ...f })),
  };
  const pollMs = options.pollMs ?? 1000;
  const recoverMs = options.recoverMs ?? 15_000;
  const recoverAfterMs = options.recoverAfterMs ?? 30_000;
  const keepDoneMs = options.keepDoneMs ?? 24 * 3600_000;
  const keepFailedMs = options.keepFailedMs ?? 14 * 24 * 3600_000;
  const batchSize = options.batchSize ?? 200;

  let closed = false;
  let pumping: Promise<void> | null = null;
  let again = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let recoverTimer: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let lastPumpError = 0;

  async function claim(): Promise<OutboxJob[]> {
    const due = db
      .select({ id: outboxJobs.id })
      .from(outboxJobs)
      .where(
        and(
          eq(outboxJobs.state, "pending"),
          lte(outboxJobs.runAt, sql`clock_timestamp() + ${dispatcher.lookaheadMs} * interval '1 millisecond'`),
        ),
      )
      .orderBy(asc(outboxJobs.runAt), asc(outboxJobs.id))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    return (
      db
        .update(outboxJobs)
        // attempts counts hand-overs: the in-process runner numbers its runs from it across restarts.
        .set({
          state: "dispatched",
          dispatchedTo: dispatcher.owner,
          dispatchedAt: sql`clock_timestamp()`,
          attempts: sql`${outboxJobs.attempts} + 1`,
        })
        .where(inArray(outboxJobs.id, due))
        .returning()
    );
  }

  async function release(ids: number[]) {
    if (ids.length === 0) return;
    await db
      .update(outboxJobs)
      .set({ state: "pending", dispatchedTo: null, dispatchedAt: null })
      .where(and(inArray(outboxJobs.id, ids), eq(outboxJobs.state, "dispatched")));
  }

  async function pumpOnce(): Promise<void> {
    for (;;) {
      if (closed || dispatcher.isAvailable?.() === false) return;
      const rows = await claim();
      if (rows.length === 0) return;
      rows.sort((a, b) => a.id - b.id);
      try {
        await dispatcher.dispatch(rows);
      } catch (error) {
        await release(rows.map((r) => r.id));
        throw error;
      }
      if (rows.length < batchSize) return;
    }
  }

  function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          again = false;
          await pumpOnce();
        } while (again && !closed);
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  }

  function wake() {
    if (closed) return;
    pump().catch((error: unknown) => {
      // One line per outage, not one per tick.
      if (Date.now() - lastPumpError > 10_000)
        logger.warn("outbox relay paused", { owner: dispatcher.owner, error: String(error) });
      lastPumpError = Date.now();
    });
  }

  async function recover() {
    const available = dispatcher.isAvailable?.() !== false;
    if (dispatcher.findLost && available) {
      for (let after = 0; ;) {
        const held = await db
          .select()
          .from(outboxJobs)
          .where(
            and(
              eq(outboxJobs.state, "dispatched"),
              eq(outboxJobs.dispatchedTo, dispatcher.owner),
              lt(outboxJobs.dispatchedAt, sql`clock_timestamp() - ${recoverAfterMs} * interval '1 millisecond'`),
              sql`${outboxJobs.id} > ${after}`,
            ),
          )
          .orderBy(asc(outboxJobs.id))
          .limit(1000);
        if (held.length === 0) break;
        const lost = await dispatcher.findLost(held);
        if (lost.length > 0) {
          await release(lost);
          logger.warn("outbox jobs lost by the runner, handed over again", {
            owner: dispatcher.owner,
            count: lost.length,
          });
        }
        after = held.at(-1)!.id;
        if (held.length < 1000) break;
      }
    }
    if (available) await dispatcher.repair?.();
    await db.delete(outboxJobs).where(
      inArray(
        outboxJobs.id,
        db
          .select({ id: outboxJobs.id })
          .from(outboxJobs)
          .where(
            sql`(${outboxJobs.state} = 'done' and ${outboxJobs.finishedAt} < clock_timestamp() - ${keepDoneMs} * interval '1 millisecond')
             or (${outboxJobs.state} = 'failed' and ${outboxJobs.finishedAt} < clock_timestamp() - ${keepFailedMs} * interval '1 millisecond')`,
          )
          .limit(5000),
      ),
    );
  }

  function armPoll() {
    if (closed) return;
    pollTimer = setTimeout(() => {
      wake();
      armPoll();
    }, pollMs);
    pollTimer.unref?.();
  }

  function armRecover() {
    if (closed) return;
    recoverTimer = setTimeout(() => {
      recover()
        .catch((error: unknown) =>
          logger.warn("outbox recovery pass failed", { owner: dispatcher.owner, error: String(error) }),
        )
        .finally(armRecover);
    }, recoverMs);
    recoverTimer.unref?.();
  }

  return {
    async start() {
      if (options.listen) {
        try {
          unlisten = await options.listen(outboxNotifyChannel, wake);
        } catch (error) {
          logger.warn("outbox relay cannot LISTEN; polling only", { error: String(error) });
        }
      }
      armPoll();
      armRecover();
      wake();
    },
    wake,
    async pumpNow() {
      await pump();
      // A pump that was running when asked may have missed rows committed meanwhile.
      await pump();
    },
    recoverNow: recover,
    async close() {
      closed = true;
      if (pollTimer) clearTimeout(pollTimer);
      if (recoverTimer) clearTimeout(recoverTimer);
      await pumping?.catch(() => {});
      await unlisten?.().catch(() => {});
    },
  };
}

/** How long a job whose database is unreachable waits before it runs again (both runners; no attempt is spent). */
export const databaseWaitMs = 2_000;

/** What a runner records when it finishes a job it got from the outbox. */
export async function finishOutboxJob(
  db: Database,
  id: number,
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> {
  await db
    .update(outboxJobs)
    .set(
      outcome.ok
        ? { state: "done", finishedAt: sql`clock_timestamp()`, lastError: null }
        : { state: "failed", finishedAt: sql`clock_timestamp()`, lastError: outcome.error.slice(0, 2000) },
    )
    .where(eq(outboxJobs.id, id));
}

/** A run started: counted on the row, with the error of the run before when there was one. */
export async function countOutboxAttempt(db: Database, id: number, previousError: string | null): Promise<void> {
  await db
    .update(outboxJobs)
    .set({
      attempts: sql`${outboxJobs.attempts} + 1`,
      ...(previousError ? { lastError: previousError.slice(0, 2000) } : {}),
    })
    .where(eq(outboxJobs.id, id));
}
