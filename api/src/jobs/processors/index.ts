import {
  checkSlaTimer,
  recomputeAllTicketSla,
  recomputeSla,
  DomainError,
  handleSlaTimer,
  sweepSlaTargets,
  sweepSlaTimers,
  enqueueMailboxPolls,
  MailboxPollError,
  NonRetryableJobError,
  notifyAssignee,
  notifyTicketAssigned,
  sendNotificationEmail,
  sendStaffNotificationEmail,
  pollAllMailboxes,
  pollImapMailbox,
  pollMailbox,
  processInboundEmail,
  processInboundEmailDelivery,
  publishRealtimeEvent,
  hydrateDomainEvent,
  sendEmailReply,
  sendEmailReplyMessage,
  sendTicketAcknowledgement,
  sendTicketAcknowledgementEmail,
  emailChatReply,
  emailChatReplyIfOffline,
  type ChatPresence,
  sendPortalSignInLink,
  sendSignInLinkEmail,
  type ChannelMailerFactory,
  type Mailer,
  type DomainDeps,
  type JobContract,
  type JobPayload,
  type JobRunContext,
  type SecretBox,
  syncKbArticle,
  reindexKnowledgeBase,
  type SearchEngine,
  type RealtimePublisher,
} from "../../domain/index.ts";

export interface WorkerDeps extends DomainDeps {
  realtime: RealtimePublisher;
  /** The real search engine (the API's use cases get a queued one): knowledge-base sync jobs write to it. */
  search?: SearchEngine;
  mailer: Mailer;
  /** Mailers for channels with an SMTP account of their own. */
  channelMailer?: ChannelMailerFactory;
  /**
   * Opens stored channel credentials (IMAP passwords). Both composition roots pass it; optional only so runners
   * built for jobs that need no credentials (tests, the bench) need not make one. Without it IMAP polls fail.
   */
  secrets?: SecretBox;
  /** Who is connected to the chat widget (the API's socket.io, across instances); absent: visitors count as away. */
  chatPresence?: ChatPresence;
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
  processor(publishRealtimeEvent, async (deps, event) => {
    const hydrated = await hydrateDomainEvent(deps.db, event);
    if (hydrated) await deps.realtime.publish(hydrated);
  }),
  processor(notifyTicketAssigned, async (deps, payload) => {
    await notifyAssignee(deps, payload);
  }),
  processor(sendNotificationEmail, async (deps, payload, context) => {
    await sendStaffNotificationEmail(deps, payload.notificationId, context);
  }),
  processor(processInboundEmail, async (deps, payload, context) => {
    await processInboundEmailDelivery(deps, payload.deliveryId, context, {
      release: payload.release,
      resentAt: payload.resentAt,
    });
  }),
  processor(sendEmailReply, (deps, payload, context) => sendEmailReplyMessage(deps, payload.messageId, context)),
  processor(emailChatReply, async ({ chatPresence, ...deps }, payload, context) => {
    await emailChatReplyIfOffline({ ...deps, presence: chatPresence }, payload.messageId, context);
  }),
  processor(checkSlaTimer, async (deps, payload) => {
    await handleSlaTimer(deps, payload);
  }),
  processor(recomputeSla, async (deps) => {
    await recomputeAllTicketSla(deps);
  }),
  processor(syncKbArticle, async (deps, payload) => {
    if (!deps.search) throw new NonRetryableJobError("This worker has no search engine: pass `search` in its deps.");
    await deps.search.indexArticle(payload.articleId);
  }),
  processor(reindexKnowledgeBase, async (deps) => {
    if (!deps.search) throw new NonRetryableJobError("This worker has no search engine: pass `search` in its deps.");
    await deps.search.reindexAll();
  }),
  processor(sweepSlaTimers, async (deps) => {
    await sweepSlaTargets(deps);
  }),
  processor(sendTicketAcknowledgement, (deps, payload) => sendTicketAcknowledgementEmail(deps, payload.ticketId)),
  processor(sendPortalSignInLink, (deps, payload) => sendSignInLinkEmail(deps, payload)),
  processor(pollAllMailboxes, async (deps) => {
    await enqueueMailboxPolls(deps);
  }),
  processor(pollMailbox, async ({ secrets, ...deps }, payload) => {
    if (!secrets)
      throw new NonRetryableJobError("This worker was started without the app secret; it cannot open IMAP passwords.");
    try {
      await pollImapMailbox({ ...deps, secrets }, payload.channelId);
    } catch (error) {
      // A wrong password or a missing folder needs an admin; the next scheduled poll is soon enough to try again.
      if (error instanceof MailboxPollError && error.permanent) throw new NonRetryableJobError(error.message);
      if (error instanceof DomainError && error.code === "CHANNEL_NOT_FOUND")
        throw new NonRetryableJobError(error.message);
      throw error;
    }
  }),
] as Processor[];

export function processorFor(name: string): Processor | undefined {
  return processors.find((p) => p.contract.name === name);
}
