import { randomUUID } from "node:crypto";
import {
  createOutboxQueue,
  NonRetryableJobError,
  type EnqueueOptions,
  type JobContract,
  type JobInput,
  type JobQueue,
  type Logger,
} from "../../domain/index.ts";
import { getJobBacklog } from "../../domain/outbox/job-backlog.ts";
import { isDatabaseUnavailableError, outboxJobs, type Database, type Executor, type OutboxJob } from "@helpdesk/db";
import { and, eq, like, sql } from "drizzle-orm";
import {
  createOutboxRelay,
  finishOutboxJob,
  countOutboxAttempt,
  databaseWaitMs,
  type OutboxRelay,
  type RelayOptions,
} from "../outbox/relay.ts";
import { processorFor, type WorkerDeps } from "../processors/index.ts";

export interface InProcessQueue extends JobQueue {
  readonly mode: "in-process";
  /** Starts relaying and running jobs; rows written before are run then. */
  start(deps: WorkerDeps): Promise<void>;
  /**
   * Runs a job every `everyMs` until close (the first run one interval from now). A run still going when the next
   * is due is not doubled up. What BullMQ's job schedulers do with Redis, for installs without it.
   */
  schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number): void;
  /** Resolves when every job due so far (and what they enqueue) has finished. */
  drain(): Promise<void>;
  relay: OutboxRelay;
  close(): Promise<void>;
}

const ownerPrefix = "in-process:";

/**
 * The runner used when REDIS_URL is unset: the same contracts and processors as BullMQ, in this process, fed by
 * the outbox relay. Jobs are rows in Postgres until they finish, so a crash or a restart loses none: the next
 * start hands back whatever an in-process runner held (one process runs jobs without Redis) and runs it again.
 */
export function createInProcessQueue(
  db: Database,
  logger: Pick<Logger, "warn"> = { warn: (m, f) => console.warn(m, f) },
  relayOptions: Partial<Pick<RelayOptions, "listen" | "pollMs" | "recoverMs">> = {},
): InProcessQueue {
  let deps: WorkerDeps | null = null;
  let closed = false;
  const owner = `${ownerPrefix}${randomUUID()}`;
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const chains = new Map<string, Promise<void>>();
  const outbox = createOutboxQueue(db);

  async function execute(contract: JobContract, payload: unknown, row: OutboxJob | null) {
    const processor = processorFor(contract.name);
    const parsed = contract.payload.safeParse(payload);
    if (!processor || !deps || !parsed.success) {
      // Never runnable, however often it is retried: as BullMQ's UnrecoverableError.
      const error = !parsed.success
        ? `Invalid payload for ${contract.name}: ${parsed.error.message}`
        : `No processor for ${contract.name}`;
      logger.warn("job failed", { job: contract.name, attempt: 1, final: true, error });
      if (row) await finishOutboxJob(db, row.id, { ok: false, error }).catch(() => {});
      return;
    }
    let previousError: string | null = null;
    // The claim counted the first run (row.attempts); a restart carries the count on, so a job that keeps
    // crashing the process still reaches its last attempt.
    for (let attempt = Math.max(1, row?.attempts ?? 1); ; attempt++) {
      try {
        if (row && previousError) await countOutboxAttempt(db, row.id, previousError);
        await processor.run(deps, parsed.data, { attempt, isFinalAttempt: attempt >= contract.attempts });
        if (row) await finishOutboxJob(db, row.id, { ok: true });
        return;
      } catch (error) {
        if (isDatabaseUnavailableError(error) && !closed) {
          // The database is down, not the job wrong: wait for it without spending an attempt, so an outage
          // longer than the retries does not end work as failed (nor leave it held with no one to finish it).
          logger.warn("job waits for the database", { job: contract.name, attempt, error: String(error) });
          await new Promise((r) => setTimeout(r, databaseWaitMs));
          attempt--;
          continue;
        }
        // As on BullMQ: only NonRetryableJobError skips the retries; anything else is retried, and the last
        // attempt is told it is the last, so the job records its own failure (a delivery marked failed).
        const final = error instanceof NonRetryableJobError || attempt >= contract.attempts;
        logger.warn("job failed", { job: contract.name, attempt, final, error: String(error) });
        previousError = String(error);
        if (closed) return;
        if (final) {
          // If even this write fails, the row stays held and the next start runs the job again.
          if (row) await finishOutboxJob(db, row.id, { ok: false, error: previousError }).catch(() => {});
          return;
        }
        await new Promise((r) => setTimeout(r, contract.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  function track(run: Promise<void>) {
    const tracked = run.catch(() => {}).finally(() => running.delete(tracked));
    running.add(tracked);
    return tracked;
  }

  const relay = createOutboxRelay({
    db,
    ...relayOptions,
    logger,
    dispatcher: {
      owner,
      // Timers for what is due within half a minute; later rows wait in Postgres, not in memory.
      lookaheadMs: 30_000,
      async dispatch(rows) {
        for (const row of rows) {
          const contract = processorFor(row.name)?.contract;
          if (!contract) {
            await finishOutboxJob(db, row.id, { ok: false, error: `No processor for ${row.name}` });
            continue;
          }
          const delay = new Date(row.runAt).getTime() - Date.now();
          if (contract.ordered && delay <= 0) {
            // One chain per contract: each waits for the one written before it.
            const previous = chains.get(contract.name) ?? Promise.resolve();
            // Tracked from now, so a drain waits for the jobs still waiting their turn.
            const next = track(previous.then(() => execute(contract, row.payload, row)));
            chains.set(contract.name, next);
            void next.finally(() => chains.get(contract.name) === next && chains.delete(contract.name));
          } else if (delay > 0) {
            const timer = setTimeout(() => {
              timers.delete(timer);
              track(execute(contract, row.payload, row));
            }, delay);
            timers.add(timer);
          } else {
            // Off the caller's stack, as a queue would be: the request returns before side effects run.
            setImmediate(() => track(execute(contract, row.payload, row)));
          }
        }
      },
    },
  });

  return {
    mode: "in-process",
    relay,
    // Written even after close: the row waits in the outbox for the next runner.
    enqueue: <C extends JobContract>(contract: C, payload: JobInput<C>, options: EnqueueOptions = {}) =>
      outbox.enqueue(contract, payload, options),
    within: (tx: Executor) => outbox.within(tx),
    schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number) {
      const parsed = contract.payload.parse(payload);
      let current: Promise<void> | null = null;
      const arm = () => {
        if (closed) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          // A tick is not outbox work: one lost in a restart is followed by the next.
          if (deps && !current) current = track(execute(contract, parsed, null)).finally(() => (current = null));
          arm();
        }, everyMs);
        timers.add(timer);
      };
      arm();
    },
    async start(workerDeps) {
      deps = workerDeps;
      // Without Redis one process runs the jobs: what an earlier in-process runner held died with it.
      await db
        .update(outboxJobs)
        .set({ state: "pending", dispatchedTo: null, dispatchedAt: null })
        .where(
          and(
            eq(outboxJobs.state, "dispatched"),
            like(outboxJobs.dispatchedTo, `${ownerPrefix}%`),
            sql`${outboxJobs.dispatchedTo} <> ${owner}`,
          ),
        );
      await relay.start();
    },
    async drain() {
      for (let i = 0; i < 200; i++) {
        await relay.pumpNow();
        await new Promise((r) => setImmediate(r));
        if (running.size > 0) {
          await Promise.allSettled([...running]);
          continue;
        }
        if ((await getJobBacklog(db)).pending === 0 && running.size === 0) return;
      }
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await relay.close();
      await Promise.allSettled([...running]);
    },
  };
}
