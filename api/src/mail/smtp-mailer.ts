import { createTransport } from "nodemailer";
import { MailDeliveryError, type ChannelMailerFactory, type Mailer, type SmtpAccount } from "../domain/mail/mailer.ts";

/** Outbound mail over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail.example.com:587), through nodemailer. */
export function createSmtpMailer(smtp: string | SmtpAccount): Mailer & { close(): void } {
  const transport =
    typeof smtp === "string"
      ? createTransport(smtp)
      : createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.username ? { user: smtp.username, pass: smtp.password ?? "" } : undefined,
        });
  return {
    mode: "smtp",
    async send(envelope, raw) {
      try {
        const info = (await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw })) as {
          response: string;
        };
        return { response: info.response };
      } catch (error) {
        const e = error as Error & { responseCode?: number; code?: string };
        // 5xx is the server's final word; connection errors and 4xx may pass on a later attempt.
        const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
        throw new MailDeliveryError(e.message, permanent, e.responseCode);
      }
    },
    close: () => transport.close(),
  };
}

/** Mailers for channels' own SMTP accounts, one per account settings, reused across sends. */
export function createChannelMailers(): ChannelMailerFactory & { closeAll(): void } {
  const cache = new Map<string, Mailer & { close(): void }>();
  const factory = (account: SmtpAccount) => {
    const key = JSON.stringify([
      account.host,
      account.port,
      account.secure,
      account.username ?? "",
      account.password ?? "",
    ]);
    let mailer = cache.get(key);
    if (!mailer) {
      mailer = createSmtpMailer(account);
      cache.set(key, mailer);
    }
    return mailer;
  };
  return Object.assign(factory, {
    closeAll() {
      for (const mailer of cache.values()) mailer.close();
      cache.clear();
    },
  });
}
