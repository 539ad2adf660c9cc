import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const outboxJobStates = ["pending", "dispatched", "done", "failed"] as const;
export const outboxJobState = pgEnum("outbox_job_state", outboxJobStates);
export type OutboxJobState = (typeof outboxJobStates)[number];

/**
 * The transactional outbox: every job and event a use case causes is a row written in the use case's own
 * transaction, so a commit and its side effects are one fact. A relay hands due rows to the runner (BullMQ
 * with Redis, in-process without) and the runner marks them done or failed; whatever a crash, a lost Redis or
 * a restart left behind is still here as pending or dispatched and is handed over again. Redis is a cache of
 * this table's work, never its only record.
 */
export const outboxJobs = pgTable(
  "outbox_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The job contract's name (`email.send_reply`) and queue. */
    name: text("name").notNull(),
    queue: text("queue").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    /** The contract's idempotency key: while one such job waits or runs, the same key again is that job. */
    dedupeKey: text("dedupe_key"),
    state: outboxJobState("state").notNull().default("pending"),
    /** When it may run (enqueue time plus its delay). */
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Runs started, counted by the in-process runner and by BullMQ's processor wrapper. */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Which runner holds it while dispatched: "bullmq" or the in-process runner's instance id. */
    dispatchedTo: text("dispatched_to"),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // What the relay reads: pending rows in due order.
    index("outbox_jobs_pending_idx")
      .on(t.runAt, t.id)
      .where(sql`${t.state} = 'pending'`),
    // What the recovery pass reads: handed over but not finished.
    index("outbox_jobs_dispatched_idx")
      .on(t.dispatchedAt)
      .where(sql`${t.state} = 'dispatched'`),
    // Retention and the admin's list of failed jobs.
    index("outbox_jobs_finished_idx")
      .on(t.state, t.finishedAt)
      .where(sql`${t.state} in ('done', 'failed')`),
    uniqueIndex("outbox_jobs_dedupe_idx")
      .on(t.name, t.dedupeKey)
      .where(sql`${t.state} in ('pending', 'dispatched')`),
  ],
);

export type OutboxJob = typeof outboxJobs.$inferSelect;
