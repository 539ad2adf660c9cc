import type { DatabaseHandle } from "@helpdesk/db";
import type { Redis } from "ioredis";
import type { Config } from "../config.ts";
import { systemClock, type Clock } from "../domain/clock.ts";
import type { DomainDeps } from "../domain/deps.ts";
import { createJobEventBus } from "../domain/event-bus.ts";
import type { Logger } from "../domain/logger.ts";
import { createBullmqQueue, type BullmqQueue } from "../jobs/runner/bullmq.ts";
import { createInProcessQueue, type InProcessQueue } from "../jobs/runner/in-process.ts";
import { scheduleRecurringJobs } from "../jobs/schedules.ts";

/**
 * BullMQ on Redis. Use cases write their jobs to the outbox in their own transactions; this process's relay hands
 * them to BullMQ, and hands over again whatever a crash or a lost Redis left behind.
 */
export function createBullmqJobQueue(
  config: Pick<Config, "QUEUE_PREFIX">,
  database: DatabaseHandle,
  redis: Redis,
  logger: Pick<Logger, "warn">,
): BullmqQueue {
  return createBullmqQueue({
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    db: database.db,
    relay: { listen: database.listen, logger },
  });
}

/** BullMQ with Redis, else the in-process runner (the relay then runs the outbox's rows in this process). */
export function createJobQueue(
  config: Pick<Config, "QUEUE_PREFIX">,
  database: DatabaseHandle,
  redis: Redis | null,
  logger: Pick<Logger, "warn">,
): BullmqQueue | InProcessQueue {
  return redis
    ? createBullmqJobQueue(config, database, redis, logger)
    : createInProcessQueue(database.db, logger, { listen: database.listen });
}

/** What every use case takes: the database, the outbox-backed queue, the event bus over it, the clock. */
export function createDomainDeps(
  database: DatabaseHandle,
  jobs: DomainDeps["jobs"],
  clock: Clock = systemClock,
): DomainDeps {
  return { db: database.db, jobs, events: createJobEventBus(jobs), clock };
}

/**
 * The recurring jobs (IMAP poll, SLA sweep), set up by whichever process runs the workers. With Redis, one that is
 * down at start only delays them: the relay re-creates the schedules once it is back.
 */
export async function scheduleConfiguredJobs(
  jobs: BullmqQueue | InProcessQueue,
  config: Pick<Config, "IMAP_POLL_SECONDS">,
  logger: Pick<Logger, "warn">,
): Promise<void> {
  const settings = { imapPollSeconds: config.IMAP_POLL_SECONDS };
  if (jobs.mode === "in-process") return scheduleRecurringJobs(jobs, settings);
  await scheduleRecurringJobs(jobs, settings).catch((error: unknown) =>
    logger.warn("recurring jobs not scheduled yet", { error: String(error) }),
  );
}
