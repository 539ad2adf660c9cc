import { newId, outboundEmails, type Channel, type OutboundEmailKind } from "@helpdesk/db";
import { sql } from "drizzle-orm";
import type { DomainDeps } from "../../deps.ts";
import { MailDeliveryError, type ChannelMailerFactory, type Mailer } from "../../mail/mailer.ts";
import type { SecretBox } from "../../secrets/secret-box.ts";
import { composeOutboundEmail, type OutboundEmailParts } from "./compose-outbound-email.ts";
import { smtpSettingsOf } from "./mail-server-settings.ts";

export type MailingDeps = DomainDeps & {
  mailer: Mailer;
  /** To open a channel's stored SMTP password, and build a mailer for its own account. */
  secrets?: SecretBox;
  channelMailer?: ChannelMailerFactory;
};

/** The channel's own SMTP account when it has one (and we can open its password); else the server's mailer. */
function mailerFor(deps: MailingDeps, channel: Channel | null): Mailer {
  const account = channel ? smtpSettingsOf(channel) : null;
  if (!account || !deps.channelMailer) return deps.mailer;
  if (account.passwordEncrypted && !deps.secrets) {
    throw new MailDeliveryError("The channel's SMTP password cannot be opened: this worker has no app secret.", true);
  }
  return deps.channelMailer({
    host: account.host,
    port: account.port,
    secure: account.secure,
    username: account.username,
    password: account.passwordEncrypted ? deps.secrets!.open(account.passwordEncrypted) : undefined,
  });
}

/** Composes, hands to the mailer, and logs the mail in outbound_emails whatever happened. */
export async function sendOutboundEmail(
  deps: MailingDeps,
  /** The channel the mail belongs to; null for mail to staff (notifications). */
  channel: Channel | null,
  outbound: { kind: OutboundEmailKind; mail: OutboundEmailParts; ticketId: string | null; messageId?: string },
): Promise<{ ok: true } | { ok: false; permanent: boolean; reason: string }> {
  const raw = await composeOutboundEmail(outbound.mail);
  const envelope = { from: outbound.mail.from.address, to: [...outbound.mail.to, ...outbound.mail.cc] };
  let result: { ok: true; response: string } | { ok: false; permanent: boolean; reason: string };
  let mailer = deps.mailer;
  try {
    mailer = mailerFor(deps, channel);
    const { response } = await mailer.send(envelope, raw);
    result = { ok: true, response };
  } catch (error) {
    const permanent = error instanceof MailDeliveryError ? error.permanent : false;
    result = { ok: false, permanent, reason: (error as Error).message };
  }
  const now = deps.clock.now();
  const status = result.ok ? (mailer.mode === "smtp" ? "sent" : "kept") : "failed";
  const response = result.ok ? result.response : result.reason;
  await deps.db
    .insert(outboundEmails)
    .values({
      id: newId("outboundEmail"),
      kind: outbound.kind,
      messageId: outbound.messageId ?? null,
      ticketId: outbound.ticketId,
      channelId: channel?.id ?? null,
      messageIdHeader: outbound.mail.messageId,
      fromAddress: outbound.mail.from.address,
      toAddresses: outbound.mail.to,
      ccAddresses: outbound.mail.cc,
      subject: outbound.mail.subject,
      raw,
      transport: mailer.mode,
      status,
      response,
      createdAt: now,
      sentAt: result.ok ? now : null,
    })
    .onConflictDoUpdate({
      target: outboundEmails.messageIdHeader,
      set: { raw, status, response, transport: mailer.mode, sentAt: result.ok ? now : null, attempts: sqlIncrement() },
    });
  return result.ok ? { ok: true } : result;
}

function sqlIncrement() {
  return sql`${outboundEmails.attempts} + 1`;
}
