import { NonRetryableJobError, type EnqueueOptions, type JobContract, type JobInput, type JobQueue } from "@helpdesk/api/domain";
import { processorFor, type WorkerDeps } from "../processors/index.ts";

export interface InProcessQueue extends JobQueue {
  /** Starts running jobs; jobs enqueued before are held until then. */
  start(deps: WorkerDeps): void;
  /**
   * Runs a job every `everyMs` until close (the first run one interval from now). A run still going when the next
   * is due is not doubled up. What BullMQ's job schedulers do with Redis, for installs without it.
   */
  schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number): void;
  /** Resolves when every job enqueued so far (and what they enqueue) has finished. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

interface Logger {
  warn(message: string, fields: Record<string, unknown>): void;
}

/**
 * The runner used when REDIS_URL is unset: the same contracts and processors as BullMQ, in this
 * process. Jobs survive neither a crash nor a restart; that is the price of running without Redis.
 */
export function createInProcessQueue(logger: Logger = { warn: (m, f) => console.warn(m, f) }): InProcessQueue {
  let deps: WorkerDeps | null = null;
  let closed = false;
  const held: (() => void)[] = [];
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  // Idempotency keys seen recently: a duplicate enqueue is dropped, as BullMQ drops a duplicate jobId.
  const seenKeys = new Map<string, number>();
  const keyTtlMs = 60 * 60 * 1000;

  async function execute(contract: JobContract, payload: unknown) {
    const processor = processorFor(contract.name);
    if (!processor || !deps) throw new NonRetryableJobError(`No processor for ${contract.name}`);
    for (let attempt = 1; ; attempt++) {
      try {
        await processor.run(deps, contract.payload.parse(payload), { attempt, isFinalAttempt: attempt >= contract.attempts });
        return;
      } catch (error) {
        const final = error instanceof NonRetryableJobError || (error as Error)?.name === "ZodError" || attempt >= contract.attempts;
        logger.warn("job failed", { job: contract.name, attempt, final, error: String(error) });
        if (final || closed) return;
        await new Promise((r) => setTimeout(r, contract.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  function track(contract: JobContract, payload: unknown) {
    const run = execute(contract, payload).finally(() => running.delete(run));
    running.add(run);
  }

  return {
    mode: "in-process",
    async enqueue<C extends JobContract>(contract: C, payload: JobInput<C>, options: EnqueueOptions = {}) {
      if (closed) return;
      const parsed = contract.payload.parse(payload);
      if (contract.idempotencyKey) {
        const key = `${contract.name}:${contract.idempotencyKey(parsed)}`;
        const now = Date.now();
        for (const [k, at] of seenKeys) if (now - at > keyTtlMs) seenKeys.delete(k);
        if (seenKeys.has(key)) return;
        seenKeys.set(key, now);
      }
      const go = () => {
        if (options.delayMs) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            track(contract, parsed);
          }, options.delayMs);
          timers.add(timer);
        } else {
          // Off the caller's stack, as a queue would be: the request returns before side effects run.
          setImmediate(() => track(contract, parsed));
        }
      };
      if (deps) go();
      else held.push(go);
    },
    schedule<C extends JobContract>(contract: C, payload: JobInput<C>, everyMs: number) {
      const parsed = contract.payload.parse(payload);
      let current: Promise<void> | null = null;
      const arm = () => {
        if (closed) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (deps && !current) {
            const run = execute(contract, parsed).finally(() => {
              running.delete(run);
              current = null;
            });
            running.add(run);
            current = run;
          }
          arm();
        }, everyMs);
        timers.add(timer);
      };
      arm();
    },
    start(workerDeps) {
      deps = workerDeps;
      for (const go of held.splice(0)) go();
    },
    async drain() {
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setImmediate(r));
        if (running.size === 0) {
          await new Promise((r) => setImmediate(r));
          if (running.size === 0) return;
        }
        await Promise.allSettled([...running]);
      }
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
