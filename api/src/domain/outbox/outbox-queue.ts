import { outboxJobs, type Executor } from "@helpdesk/db";
import { sql } from "drizzle-orm";
import type { EnqueueOptions, JobContract, JobInput, JobQueue } from "../jobs.ts";

/** The Postgres channel a commit with new outbox rows notifies: relays listening on it hand them over at once. */
export const outboxNotifyChannel = "helpdesk_outbox";

/**
 * The job queue the domain sees: `enqueue` writes an outbox row on the executor it is bound to. Bound to a
 * transaction (`within(tx)`), the row exists exactly when the transaction commits, and the NOTIFY it sends is
 * delivered only then; bound to the database, it is a row of its own. Either way the row, not Redis, is the
 * record of the work: the relay (api/src/jobs/outbox/) hands it to a runner and re-drives it after any fault.
 */
export function createOutboxQueue(executor: Executor): JobQueue {
  return {
    async enqueue<C extends JobContract>(contract: C, payload: JobInput<C>, options: EnqueueOptions = {}) {
      const parsed = contract.payload.parse(payload);
      const dedupeKey = contract.idempotencyKey ? contract.idempotencyKey(parsed) : null;
      const delayMs = Math.max(0, Math.round(options.delayMs ?? 0));
      // The relay's clock is the database's: run_at is now() plus the delay, whatever clock the caller uses.
      await executor.execute(sql`
        with inserted as (
          insert into ${outboxJobs} (name, queue, payload, dedupe_key, run_at)
          values (${contract.name}, ${contract.queue}, ${JSON.stringify(parsed)}::jsonb, ${dedupeKey},
                  clock_timestamp() + ${delayMs} * interval '1 millisecond')
          on conflict (name, dedupe_key) where state in ('pending', 'dispatched') do nothing
          returning id
        )
        select pg_notify(${outboxNotifyChannel}, '') from inserted`);
    },
    within: (tx) => createOutboxQueue(tx),
  };
}
