import { channels, notifications, users } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { sendOutboundEmail, type MailingDeps } from "../channels/email/send-outbound-email.ts";
import type { JobRunContext } from "../jobs.ts";
import { MailDeliveryError } from "../mail/mailer.ts";
import { escapeHtml } from "../messages/message-body.ts";

/**
 * Mails a staff member the notification they got in the app (an SLA warning or breach). A job of its own,
 * queued with the notification in one transaction: the notice and its mail are never one without the other.
 * The Message-ID derives from the notification, so the outbox of sent mail holds one entry however often the
 * job runs; a mail server that refuses for now is retried by the job.
 */
export async function sendStaffNotificationEmail(
  deps: MailingDeps,
  notificationId: string,
  context: JobRunContext,
): Promise<"sent" | "failed" | "gone"> {
  const [row] = await deps.db
    .select({ title: notifications.title, ticketId: notifications.ticketId, email: users.email, active: users.active })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, notificationId));
  if (!row || !row.active) return "gone";
  const [sender] = await deps.db
    .select({ address: channels.address })
    .from(channels)
    .where(and(eq(channels.kind, "email"), eq(channels.active, true)))
    .limit(1);
  const link = row.ticketId ? `/tickets/${row.ticketId}` : "/";
  const sent = await sendOutboundEmail(deps, null, {
    kind: "notification",
    ticketId: row.ticketId,
    mail: {
      from: { name: "Help desk", address: sender?.address ?? "helpdesk@localhost" },
      to: [row.email],
      cc: [],
      subject: row.title,
      messageId: `${notificationId}@helpdesk.invalid`,
      inReplyTo: null,
      references: [],
      text: `${row.title}\n\nOpen the ticket in the help desk: ${link}`,
      html: `<p>${escapeHtml(row.title)}</p><p><a href="${link}">Open the ticket</a></p>`,
      headers: { "Auto-Submitted": "auto-generated" },
    },
  });
  if (!sent.ok && !sent.permanent && !context.isFinalAttempt) throw new MailDeliveryError(sent.reason, false);
  return sent.ok ? "sent" : "failed";
}
