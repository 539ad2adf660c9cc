import type { EventBus } from "./events.ts";
import { publishRealtimeEvent, type JobQueue } from "./jobs.ts";

/** Events travel as jobs, so a crash between commit and push is retried rather than lost. */
export function createJobEventBus(jobs: JobQueue): EventBus {
  return {
    emit: (event) => jobs.enqueue(publishRealtimeEvent, event),
  };
}
