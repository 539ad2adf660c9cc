import { pollAllMailboxes, sweepSlaTimers } from "../domain/index.ts";
import type { BullmqQueue } from "./runner/bullmq.ts";
import type { InProcessQueue } from "./runner/in-process.ts";

export interface ScheduleSettings {
  /** IMAP_POLL_SECONDS */
  imapPollSeconds: number;
}

/**
 * The recurring jobs, in one place for both runners: BullMQ job schedulers with Redis, timers in-process
 * without. Set up by whichever process runs the workers (the server, or `npm run start:workers`).
 */
export async function scheduleRecurringJobs(
  jobs: BullmqQueue | InProcessQueue,
  settings: ScheduleSettings,
): Promise<void> {
  // One tick that reads the channels and enqueues a poll per IMAP mailbox: channels added, changed or switched
  // off take effect at the next tick, with no schedule per channel to keep in step.
  await jobs.schedule(pollAllMailboxes, {}, settings.imapPollSeconds * 1000);
  // SLA timers are outbox jobs; the sweep re-arms timers for targets whose due time is near and catches
  // anything overdue (tickets changed by hand in the database, timers skipped by the seed). At start, then every minute.
  await jobs.enqueue(sweepSlaTimers, {});
  await jobs.schedule(sweepSlaTimers, {}, 60_000);
}
