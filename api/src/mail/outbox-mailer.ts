import type { Logger } from "../domain/logger.ts";
import type { Mailer } from "../domain/mail/mailer.ts";

/**
 * No SMTP_URL: mail stays in the local outbox (the outbound_emails table, readable by admins under
 * Settings, as Mailpit shows captured mail) and is logged. Nothing leaves the machine.
 */
export function createOutboxMailer(logger: Pick<Logger, "info">): Mailer {
  return {
    mode: "outbox",
    async send(envelope, raw) {
      logger.info("mail kept in the local outbox (SMTP_URL is not set)", {
        from: envelope.from,
        to: envelope.to,
        bytes: raw.length,
      });
      return { response: "kept in the local outbox" };
    },
  };
}
