import type { Database } from "@helpdesk/db";
import type { Clock } from "./clock.ts";
import type { EventBus } from "./events.ts";
import type { JobQueue } from "./jobs.ts";

/** What use cases are given; built once in a composition root (api/main.ts, workers/main.ts, tests). */
export interface DomainDeps {
  db: Database;
  jobs: JobQueue;
  events: EventBus;
  clock: Clock;
}
