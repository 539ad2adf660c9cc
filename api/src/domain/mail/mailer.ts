/** Who a composed message is handed to, as SMTP sees it (the headers inside the MIME may say more). */
export interface MailEnvelope {
  from: string;
  to: string[];
}

/**
 * The outbound mail port. SMTP when SMTP_URL is set; otherwise the local outbox, where mail is kept
 * (and logged) for admins to read in the web app instead of leaving the machine.
 */
export interface Mailer {
  readonly mode: "smtp" | "outbox";
  send(envelope: MailEnvelope, raw: Buffer): Promise<{ response: string }>;
}

/** A failed hand-over. Permanent failures (5xx, a rejected recipient) are not retried. */
export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

/** An SMTP account of a channel's own (its "send via" override), with the password already opened. */
export interface SmtpAccount {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
}

/** Builds (and may reuse) a mailer for a channel's own SMTP account. */
export type ChannelMailerFactory = (account: SmtpAccount) => Mailer;
