import {
  notifyAssignee,
  notifyTicketAssigned,
  publishRealtimeEvent,
  type DomainDeps,
  type JobContract,
  type JobPayload,
} from "@helpdesk/api/domain";
import type { RealtimePublisher } from "@helpdesk/api/realtime";

export interface WorkerDeps extends DomainDeps {
  realtime: RealtimePublisher;
}

export interface Processor<C extends JobContract = JobContract> {
  contract: C;
  run(deps: WorkerDeps, payload: JobPayload<C>): Promise<void>;
}

function processor<C extends JobContract>(contract: C, run: Processor<C>["run"]): Processor<C> {
  return { contract, run };
}

/** One processor per job contract: parse (done by the runner), call one domain function, return. */
export const processors = [
  processor(publishRealtimeEvent, (deps, event) => deps.realtime.publish(event)),
  processor(notifyTicketAssigned, async (deps, payload) => {
    await notifyAssignee(deps, payload);
  }),
] as Processor[];

export function processorFor(name: string): Processor | undefined {
  return processors.find((p) => p.contract.name === name);
}
