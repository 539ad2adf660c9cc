import {
  createOutboxQueue,
  jobContracts,
  NonRetryableJobError,
  type EnqueueOptions,
  type JobContract,
  type JobInput,
  type JobQueue,
  type Logger,
} from "../../domain/index.ts";
import { isDatabaseUnavailableError, type Database, type Executor, type OutboxJob } from "@helpdesk/db";
import { DelayedError, Queue, UnrecoverableError, Worker, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import {
  createOutboxRelay,
  databaseWaitMs,
  finishOutboxJob,
  type OutboxRelay,
  type RelayOptions,
} from "../outbox/relay.ts";
import { processorFor, type WorkerDeps } from "../processors/index.ts";

export interface BullmqOptions {
  /** BullMQ needs a connection with maxRetriesPerRequest: null for its blocking commands. */
  connection: Redis;
  /** Key prefix; tests use one per file so parallel runs do not share queues. */
  prefix?: string;
}

/** Per-queue settings, in one place. */
const queueSettings: Record<string, { concurrency: number; why: string }> = {
  realtime: { concurrency: 20, why: "pushes are tiny and latency-bound; many in flight at once" },
  notifications: { concurrency: 5, why: "each writes a row; modest parallelism keeps DB connections free" },
  "email-inbound": { concurrency: 4, why: "parsing is CPU-bound and a mail can be 25 MB: a few at a time per worker" },
  sla: {
    concurrency: 16,
    why: "timers are short and mostly waiting on the database: many in flight keep a burst of breaches from queueing up",
  },
  "email-outbound": { concurrency: 5, why: "bounded by the SMTP relay's connection limit, not by us" },
};

const queueNames = [...new Set(jobContracts.map((c) => c.queue))];

/** BullMQ job ids of outbox rows: a row handed over twice (a relay that died mid-way) is one job. */
const outboxJobId = (id: number) => `outbox-${id}`;
const outboxIdOf = (jobId: string | undefined) => (jobId?.startsWith("outbox-") ? Number(jobId.slice(7)) : null);

/** Redis that does not answer within this is treated as down: the rows stay in Postgres for later. */
const redisDeadlineMs = 5_000;

function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer ${what} within ${redisDeadlineMs} ms`)),
        redisDeadlineMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface BullmqQueue extends JobQueue {
  readonly mode: "bullmq";
  /**
   * Runs a job every `everyMs` through a BullMQ job scheduler keyed by the job's name: every API and worker
   * process may call it at start, and there is still one schedule (the last call's interval wins). The relay
   * re-creates a schedule that a Redis restart lost.
   */
  schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number): Promise<void>;
  /** Starts the outbox relay of this process: rows committed anywhere reach Redis through some process's relay. */
  start(): Promise<void>;
  relay: OutboxRelay;
  close(): Promise<void>;
  queues: Map<string, Queue>;
}

function jobOptions(contract: JobContract, extra: JobsOptions = {}): JobsOptions {
  return {
    attempts: contract.attempts,
    backoff: { type: "exponential", delay: contract.backoffMs },
    // Keep a short history for inspection, not the whole past: the outbox row is the record.
    removeOnComplete: { count: 1000, age: 24 * 3600 },
    removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
    ...extra,
  };
}

export function createBullmqQueue(
  options: BullmqOptions & {
    db: Database;
    relay?: Partial<Pick<RelayOptions, "listen" | "pollMs" | "recoverMs" | "recoverAfterMs" | "logger">>;
  },
): BullmqQueue {
  const prefix = options.prefix ?? "helpdesk";
  const queues = new Map(queueNames.map((name) => [name, new Queue(name, { connection: options.connection, prefix })]));
  // An unheard "error" event is thrown by Node; the connection's own watcher reports outages.
  for (const queue of queues.values()) queue.on("error", () => {});
  const outbox = createOutboxQueue(options.db);
  const schedules = new Map<string, () => Promise<void>>();
  const contractOf = (name: string) => jobContracts.find((c) => c.name === name) as JobContract | undefined;

  const relay = createOutboxRelay({
    db: options.db,
    ...options.relay,
    dispatcher: {
      owner: "bullmq",
      // Redis holds delayed jobs for the next few minutes; later timers wait in Postgres, so a Redis that loses
      // its data loses at most what the recovery pass hands over again.
      lookaheadMs: 5 * 60_000,
      isAvailable: () => options.connection.status === "ready",
      async dispatch(rows: OutboxJob[]) {
        const byQueue = new Map<Queue, Parameters<Queue["addBulk"]>[0]>();
        for (const row of rows) {
          const contract = contractOf(row.name);
          const queue = queues.get(row.queue);
          if (!contract || !queue) {
            await finishOutboxJob(options.db, row.id, {
              ok: false,
              error: `No job contract ${row.name} on queue ${row.queue}`,
            });
            continue;
          }
          const delay = Math.max(0, new Date(row.runAt).getTime() - Date.now());
          const list = byQueue.get(queue) ?? [];
          list.push({
            name: row.name,
            data: row.payload,
            opts: jobOptions(contract, { jobId: outboxJobId(row.id), delay }),
          });
          byQueue.set(queue, list);
        }
        await withDeadline(Promise.all([...byQueue].map(([queue, jobs]) => queue.addBulk(jobs))), "adding jobs");
      },
      async findLost(rows) {
        // A job key that is gone while its row is unfinished: Redis restarted empty, or lost its last writes.
        const pipeline = options.connection.pipeline();
        for (const row of rows) pipeline.exists(`${prefix}:${row.queue}:${outboxJobId(row.id)}`);
        const results = (await withDeadline(pipeline.exec(), "checking jobs")) ?? [];
        return rows.filter((_, i) => results[i]?.[1] === 0).map((r) => r.id);
      },
      async repair() {
        for (const [name, upsert] of schedules) {
          const queue = queues.get(contractOf(name)!.queue)!;
          if (!(await withDeadline(queue.getJobScheduler(name), "reading a schedule"))) await upsert();
        }
      },
    },
  });

  return {
    mode: "bullmq",
    queues,
    relay,
    enqueue<C extends JobContract>(contract: C, payload: JobInput<C>, enqueueOptions: EnqueueOptions = {}) {
      return outbox.enqueue(contract, payload, enqueueOptions);
    },
    within: (tx: Executor) => outbox.within(tx),
    async schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number) {
      const parsed = contract.payload.parse(payload);
      const queue = queues.get(contract.queue);
      if (!queue) throw new Error(`Unknown queue ${contract.queue}`);
      const upsert = async () => {
        await queue.upsertJobScheduler(
          contract.name,
          { every: everyMs },
          {
            name: contract.name,
            data: parsed,
            // A tick a minute would otherwise pile up a day's history of identical jobs.
            opts: { ...jobOptions(contract), removeOnComplete: { count: 100 } },
          },
        );
      };
      schedules.set(contract.name, upsert);
      await withDeadline(upsert(), "creating a schedule");
    },
    start: () => relay.start(),
    async close() {
      await relay.close();
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export function startBullmqWorkers(options: BullmqOptions & { logger?: Pick<Logger, "warn"> }, deps: WorkerDeps) {
  let lastError = 0;
  const workers = queueNames.map(
    (name) =>
      new Worker(
        name,
        async (job, token) => {
          const outboxId = outboxIdOf(job.id);
          const processor = processorFor(job.name);
          const parsed = processor?.contract.payload.safeParse(job.data);
          if (!processor || !parsed?.success) {
            const reason = !processor
              ? `No processor for ${job.name}`
              : `Invalid payload for ${job.name}: ${parsed!.error!.message}`;
            if (outboxId !== null) await finishOutboxJob(deps.db, outboxId, { ok: false, error: reason });
            throw new UnrecoverableError(reason);
          }
          const attempt = job.attemptsMade + 1;
          const isFinalAttempt = attempt >= (job.opts.attempts ?? 1);
          try {
            await processor.run(deps, parsed.data, { attempt, isFinalAttempt });
            // Done only once the row says so: if this write fails, the (idempotent) job runs again, rather than
            // leaving a row that the recovery pass would one day hand over again.
            if (outboxId !== null) await finishOutboxJob(deps.db, outboxId, { ok: true });
          } catch (error) {
            if (isDatabaseUnavailableError(error) && token) {
              // The database is down, not the job wrong: try again in a while without spending an attempt, so an
              // outage longer than the backoff does not end the job failed with its row never finished.
              await job.moveToDelayed(Date.now() + databaseWaitMs, token);
              throw new DelayedError();
            }
            const permanent = error instanceof NonRetryableJobError;
            if (outboxId !== null && (permanent || isFinalAttempt)) {
              await finishOutboxJob(deps.db, outboxId, { ok: false, error: String(error) }).catch(() => {});
            }
            if (permanent) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection: options.connection,
          prefix: options.prefix ?? "helpdesk",
          concurrency: queueSettings[name]?.concurrency ?? 5,
          // A worker that dies holds its active jobs until their lock runs out and a stalled check finds them:
          // 15 s and every 10 s (BullMQ's 30 s and 30 s kept a killed worker's jobs for over a minute). The lock
          // is renewed at half its length while a job runs, so long jobs are not affected.
          lockDuration: 15_000,
          stalledInterval: 10_000,
        },
      ),
  );
  for (const worker of workers) {
    // BullMQ asks for a listener: without one an error (Redis gone) may stop the worker. One line per outage.
    worker.on("error", (error) => {
      if (Date.now() - lastError > 10_000)
        options.logger?.warn("job worker error", { queue: worker.name, error: String(error) });
      lastError = Date.now();
    });
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
