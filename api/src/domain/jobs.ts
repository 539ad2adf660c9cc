import { slaTargetKinds, type Executor } from "@helpdesk/db";
import { z } from "zod";
import { domainEvent } from "./events.ts";

/**
 * A job contract: name, queue, zod payload and an optional idempotency key. The same contracts run
 * on BullMQ (REDIS_URL set) or in-process; processors live in workers/.
 */
export interface JobContract<P extends z.ZodType = z.ZodType> {
  name: string;
  queue: string;
  payload: P;
  /** Two enqueues with the same key are one job (BullMQ jobId dedup; in-process set). */
  idempotencyKey?: (payload: z.infer<P>) => string;
  attempts: number;
  /** Base of the exponential backoff between attempts. */
  backoffMs: number;
  /**
   * Run one at a time in the order written, where the runner can (the in-process runner; BullMQ runs its queue
   * concurrently, and each job then reads the current state anyway).
   */
  ordered?: boolean;
}

/** What a processor receives (defaults applied). */
export type JobPayload<C extends JobContract> = z.infer<C["payload"]>;
/** What enqueue takes (defaults may be left out). */
export type JobInput<C extends JobContract> = z.input<C["payload"]>;

export interface EnqueueOptions {
  delayMs?: number;
}

/**
 * Where use cases put work. The implementation the composition roots give is the transactional outbox
 * (outbox/outbox-queue.ts): `within(tx)` is the same queue writing in a transaction, so the work exists exactly
 * when the change that caused it commits.
 */
export interface JobQueue {
  enqueue<C extends JobContract>(contract: C, payload: JobInput<C>, options?: EnqueueOptions): Promise<void>;
  within(tx: Executor): JobQueue;
}

function defineJob<P extends z.ZodType>(contract: JobContract<P>): JobContract<P> {
  return contract;
}

export const publishRealtimeEvent = defineJob({
  name: "realtime.publish",
  queue: "realtime",
  payload: domainEvent,
  // A lost push only costs freshness (clients refetch on reconnect), so retry briefly.
  attempts: 3,
  backoffMs: 200,
  // A message and the status change it caused reach the inbox in that order.
  ordered: true,
});

export const notifyTicketAssigned = defineJob({
  name: "notification.ticket_assigned",
  queue: "notifications",
  payload: z.object({
    ticketId: z.string(),
    assigneeId: z.string(),
    actorUserId: z.string().nullable(),
    /** The ticket event that caused it: the same assignment never notifies twice. */
    eventId: z.string(),
  }),
  idempotencyKey: (p) => `assigned:${p.eventId}`,
  attempts: 5,
  backoffMs: 1000,
});

/** The mail that goes with a staff notification (SLA warning or breach). */
export const sendNotificationEmail = defineJob({
  name: "notification.send_email",
  queue: "email-outbound",
  payload: z.object({ notificationId: z.string() }),
  idempotencyKey: (p) => p.notificationId,
  // The same backoff as other outbound mail: what fails here is the mail server.
  attempts: 5,
  backoffMs: 30_000,
});

export const processInboundEmail = defineJob({
  name: "email.process_inbound",
  queue: "email-inbound",
  payload: z.object({
    deliveryId: z.string(),
    /** An admin released it: process as an ordinary message, past the sender limit and the auto-reply rule. */
    release: z.boolean().default(false),
    /** The sender sent it again after it had failed here: a new failure says so. */
    resentAt: z.string().optional(),
  }),
  // The raw mail is already stored; processing it twice must be (and is) harmless, so dedupe by delivery.
  idempotencyKey: (p) => (p.release ? `${p.deliveryId}:release` : p.deliveryId),
  attempts: 5,
  backoffMs: 2000,
});

export const sendEmailReply = defineJob({
  name: "email.send_reply",
  queue: "email-outbound",
  payload: z.object({
    messageId: z.string(),
    /** Bumped by a manual retry, so a retry after a final failure is a new job rather than a duplicate. */
    round: z.number().int().min(0).default(0),
  }),
  idempotencyKey: (p) => `${p.messageId}:${p.round}`,
  // Mail servers refuse for minutes at a time (greylisting, restarts): back off from 30 s to ~8 min over 5 tries.
  attempts: 5,
  backoffMs: 30_000,
});

/** An agent's reply on a chat: mailed when the visitor has left the widget and gave an e-mail address. */
export const emailChatReply = defineJob({
  name: "chat.email_reply_if_offline",
  queue: "email-outbound",
  payload: z.object({ messageId: z.string(), round: z.number().int().min(0).default(0) }),
  idempotencyKey: (p) => `${p.messageId}:${p.round}`,
  // The same backoff as e-mail replies: what fails here is the mail server.
  attempts: 5,
  backoffMs: 30_000,
});

export const sendTicketAcknowledgement = defineJob({
  name: "email.send_acknowledgement",
  queue: "email-outbound",
  payload: z.object({ ticketId: z.string() }),
  idempotencyKey: (p) => p.ticketId,
  attempts: 5,
  backoffMs: 30_000,
});

/** A customer asked for a portal sign-in link; the job mints the token and mails it. */
export const sendPortalSignInLink = defineJob({
  name: "portal.send_sign_in_link",
  queue: "email-outbound",
  payload: z.object({ linkId: z.string(), baseUrl: z.string().url(), locale: z.string() }),
  idempotencyKey: (p) => p.linkId,
  // The customer is waiting at "check your inbox": retry soon, and give up well before the link expires.
  attempts: 4,
  backoffMs: 5_000,
});

export const pollMailbox = defineJob({
  name: "email.poll_mailbox",
  queue: "email-inbound",
  payload: z.object({ channelId: z.string() }),
  // No idempotency key: every tick must poll again (a key would make BullMQ or the in-process runner drop the
  // next tick's poll as a duplicate of the last). Overlapping polls of one mailbox are kept apart by a lease.
  // Brief retries for a dropped connection; the next tick (IMAP_POLL_SECONDS) is the retry after that.
  attempts: 3,
  backoffMs: 5_000,
});

export const pollAllMailboxes = defineJob({
  name: "email.poll_all_mailboxes",
  queue: "email-inbound",
  payload: z.object({}),
  // The scheduled tick that enqueues a poll per IMAP channel. It reads the channels each time, so added, changed
  // or deactivated channels need no rescheduling; a failed tick is simply followed by the next one.
  attempts: 1,
  backoffMs: 0,
});

export const checkSlaTimer = defineJob({
  name: "sla.check_timer",
  queue: "sla",
  payload: z.object({
    ticketId: z.string(),
    kind: z.enum(slaTargetKinds),
    phase: z.enum(["warning", "breach"]),
    /** The due time the timer was set for: when the target's due time has moved since, the timer is stale. */
    dueAt: z.string(),
  }),
  // One timer per target, phase and due time: rescheduling for the same due time is a no-op.
  idempotencyKey: (p) => `${p.ticketId}:${p.kind}:${p.phase}:${p.dueAt}`,
  attempts: 5,
  backoffMs: 2000,
});

/** Catches SLA timers lost with an in-process runner's restart, and anything a timer missed. */
export const sweepSlaTimers = defineJob({
  name: "sla.sweep",
  queue: "sla",
  payload: z.object({}),
  attempts: 1,
  backoffMs: 1000,
});

/** A policy or calendar changed: every ticket that is not closed gets its targets recomputed. */
export const recomputeSla = defineJob({
  name: "sla.recompute",
  queue: "sla",
  payload: z.object({ reason: z.string(), at: z.string() }),
  // No idempotency key: an edit made while a pass is already running needs a pass of its own, and a
  // recompute is harmless to repeat.
  attempts: 3,
  backoffMs: 5000,
});

/**
 * Brings the search engine up to date with one article. The engine reads the article's current state from the
 * database, so jobs that run late or out of order (publish, then unpublish) still leave the index right.
 */
export const syncKbArticle = defineJob({
  name: "kb.sync_article",
  queue: "knowledge-base",
  payload: z.object({ articleId: z.string() }),
  attempts: 5,
  backoffMs: 2000,
});

/** Rebuilds the whole search index (Meilisearch documents, or the Postgres typo dictionary) from the database. */
export const reindexKnowledgeBase = defineJob({
  name: "kb.reindex",
  queue: "knowledge-base",
  payload: z.object({ requestedAt: z.string() }),
  idempotencyKey: (p) => `reindex:${p.requestedAt}`,
  attempts: 3,
  backoffMs: 10_000,
});

export const jobContracts = [
  publishRealtimeEvent,
  notifyTicketAssigned,
  sendNotificationEmail,
  processInboundEmail,
  sendEmailReply,
  emailChatReply,
  sendTicketAcknowledgement,
  sendPortalSignInLink,
  pollMailbox,
  pollAllMailboxes,
  checkSlaTimer,
  sweepSlaTimers,
  recomputeSla,
  syncKbArticle,
  reindexKnowledgeBase,
] as const;

/** What a processor knows about the run it is in: the last attempt records a failure instead of retrying. */
export interface JobRunContext {
  attempt: number;
  isFinalAttempt: boolean;
}

/** Non-retryable: the payload or the request can never succeed, however often it is retried. */
export class NonRetryableJobError extends Error {
  override name = "NonRetryableJobError";
}
