import type { EventBus } from "./events.ts";
import { publishRealtimeEvent, type JobQueue } from "./jobs.ts";

/** Events travel as outbox jobs: written with the change, pushed by the realtime job after the commit. */
export function createJobEventBus(jobs: JobQueue): EventBus {
  return {
    emit: (event) => jobs.enqueue(publishRealtimeEvent, event),
    within: (tx) => createJobEventBus(jobs.within(tx)),
  };
}
