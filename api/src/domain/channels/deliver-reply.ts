import type { Channel } from "@helpdesk/db";
import type { DomainDeps } from "../deps.ts";
import { emailChatReply, sendEmailReply } from "../jobs.ts";
import { messageIdDomain } from "./email/compose-outbound-email.ts";

/**
 * How a public reply reaches the customer, per kind of channel: set on the message when it is written
 * (our own Message-ID, so the customer's answer threads even before the mail has left), then sent by a job.
 * Channels without an outbound transport yet (the API channel, the portal) keep the reply on the ticket only.
 */
export function replyDeliveryFor(
  channel: Channel,
  messageId: string,
): { externalId: string | null; deliveryStatus: "queued" | null } {
  if (channel.kind === "email" && channel.address) {
    return { externalId: `${messageId}@${messageIdDomain(channel.address)}`, deliveryStatus: "queued" };
  }
  return { externalId: null, deliveryStatus: null };
}

export async function dispatchReply(
  deps: Pick<DomainDeps, "jobs">,
  channel: Channel,
  messageId: string,
  round = 0,
): Promise<void> {
  if (channel.kind === "email") await deps.jobs.enqueue(sendEmailReply, { messageId, round });
  // Chat replies reach the widget through realtime; the job only mails them to a visitor who has left.
  if (channel.kind === "web_chat") await deps.jobs.enqueue(emailChatReply, { messageId, round });
}
