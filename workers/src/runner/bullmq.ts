import { jobContracts, type EnqueueOptions, type JobContract, type JobInput, type JobQueue, NonRetryableJobError } from "@helpdesk/api/domain";
import { Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
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
  sla: { concurrency: 16, why: "timers are short and mostly waiting on the database: many in flight keep a burst of breaches from queueing up" },
  "email-outbound": { concurrency: 5, why: "bounded by the SMTP relay's connection limit, not by us" },
};

const queueNames = [...new Set(jobContracts.map((c) => c.queue))];

export interface BullmqQueue extends JobQueue {
  /**
   * Runs a job every `everyMs` through a BullMQ job scheduler keyed by the job's name: every API and worker
   * process may call it at start, and there is still one schedule (the last call's interval wins).
   */
  schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number): Promise<void>;
  close(): Promise<void>;
  queues: Map<string, Queue>;
}

export function createBullmqQueue(options: BullmqOptions): BullmqQueue {
  const queues = new Map(
    queueNames.map((name) => [name, new Queue(name, { connection: options.connection, prefix: options.prefix ?? "helpdesk" })]),
  );
  return {
    mode: "bullmq",
    queues,
    async enqueue<C extends JobContract>(contract: C, payload: JobInput<C>, enqueueOptions: EnqueueOptions = {}) {
      const parsed = contract.payload.parse(payload);
      const queue = queues.get(contract.queue);
      if (!queue) throw new Error(`Unknown queue ${contract.queue}`);
      await queue.add(contract.name, parsed, {
        // BullMQ forbids ':' in custom ids.
        jobId: contract.idempotencyKey ? `${contract.name}.${contract.idempotencyKey(parsed)}`.replaceAll(":", "_") : undefined,
        delay: enqueueOptions.delayMs,
        attempts: contract.attempts,
        backoff: { type: "exponential", delay: contract.backoffMs },
        // Keep a short history for inspection, not the whole past.
        removeOnComplete: { count: 1000, age: 24 * 3600 },
        removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
      });
    },
    async schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number) {
      const parsed = contract.payload.parse(payload);
      const queue = queues.get(contract.queue);
      if (!queue) throw new Error(`Unknown queue ${contract.queue}`);
      await queue.upsertJobScheduler(
        contract.name,
        { every: everyMs },
        {
          name: contract.name,
          data: parsed,
          opts: {
            attempts: contract.attempts,
            backoff: { type: "exponential", delay: contract.backoffMs },
            // A tick a minute would otherwise pile up a day's history of identical jobs.
            removeOnComplete: { count: 100 },
            removeOnFail: { count: 1000, age: 7 * 24 * 3600 },
          },
        },
      );
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export function startBullmqWorkers(options: BullmqOptions, deps: WorkerDeps) {
  const workers = queueNames.map(
    (name) =>
      new Worker(
        name,
        async (job) => {
          const processor = processorFor(job.name);
          if (!processor) throw new UnrecoverableError(`No processor for ${job.name}`);
          const parsed = processor.contract.payload.safeParse(job.data);
          if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}: ${parsed.error.message}`);
          try {
            const attempt = job.attemptsMade + 1;
            await processor.run(deps, parsed.data, { attempt, isFinalAttempt: attempt >= (job.opts.attempts ?? 1) });
          } catch (error) {
            if (error instanceof NonRetryableJobError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection: options.connection,
          prefix: options.prefix ?? "helpdesk",
          concurrency: queueSettings[name]?.concurrency ?? 5,
        },
      ),
  );
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
