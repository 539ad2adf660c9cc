import type { Config } from "../config.ts";
import type { Logger } from "../domain/logger.ts";
import type { ChannelMailerFactory, Mailer } from "../domain/mail/mailer.ts";
import { createChannelMailers, createMailer } from "../mail/index.ts";

export interface Mailers {
  /** SMTP_URL's server, or the local outbox. */
  mailer: Mailer;
  /** Mailers for channels with an SMTP account of their own. */
  channelMailer: ChannelMailerFactory;
  /** Closes the SMTP connections (at the end of a shutdown). */
  close(): void;
}

/** Outbound mail: SMTP when SMTP_URL is set, the local outbox otherwise, and per-channel SMTP accounts. */
export function createMailers(config: Pick<Config, "SMTP_URL">, logger: Pick<Logger, "info">): Mailers {
  const mailer = createMailer(config.SMTP_URL, logger);
  const channelMailer = createChannelMailers();
  return {
    mailer,
    channelMailer,
    close() {
      mailer.close?.();
      channelMailer.closeAll();
    },
  };
}
