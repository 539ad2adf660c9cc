import type { Logger } from "../domain/logger.ts";
import type { Mailer } from "../domain/mail/mailer.ts";
import { createOutboxMailer } from "./outbox-mailer.ts";
import { createSmtpMailer } from "./smtp-mailer.ts";

export { createOutboxMailer } from "./outbox-mailer.ts";
export { createChannelMailers, createSmtpMailer } from "./smtp-mailer.ts";

/** SMTP when SMTP_URL is set; the local outbox otherwise. Built once by a composition root. */
export function createMailer(smtpUrl: string | undefined, logger: Pick<Logger, "info">): Mailer & { close?(): void } {
  return smtpUrl ? createSmtpMailer(smtpUrl) : createOutboxMailer(logger);
}
