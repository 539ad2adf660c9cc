import {
  notifyAssignee,
  notifyTicketAssigned,
  processInboundEmail,
  processInboundEmailDelivery,
  publishRealtimeEvent,
  sendEmailReply,
  sendEmailReplyMessage,
  sendTicketAcknowledgement,
  sendTicketAcknowledgementEmail,
  type Mailer,
  type DomainDeps,
  type JobContract,
  type JobPayload,
  type JobRunContext,
} from "@helpdesk/api/domain";
import type { RealtimePublisher } from "@helpdesk/api/realtime";

export interface WorkerDeps extends DomainDeps {
  realtime: RealtimePublisher;
  mailer: Mailer;
}

export interface Processor<C extends JobContract = JobContract> {
  contract: C;
  run(deps: WorkerDeps, payload: JobPayload<C>, context: JobRunContext): Promise<void>;
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
  processor(processInboundEmail, async (deps, payload, context) => {
    await processInboundEmailDelivery(deps, payload.deliveryId, context);
  }),
  processor(sendEmailReply, (deps, payload, context) => sendEmailReplyMessage(deps, payload.messageId, context)),
  processor(sendTicketAcknowledgement, (deps, payload) => sendTicketAcknowledgementEmail(deps, payload.ticketId)),
] as Processor[];

export function processorFor(name: string): Processor | undefined {
  return processors.find((p) => p.contract.name === name);
}
