import { createTransport } from "nodemailer";
import { MailDeliveryError, type Mailer } from "../domain/mail/mailer.ts";

/** Outbound mail over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail.example.com:587), through nodemailer. */
export function createSmtpMailer(smtpUrl: string): Mailer & { close(): void } {
  const transport = createTransport(smtpUrl);
  return {
    mode: "smtp",
    async send(envelope, raw) {
      try {
        const info = (await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw })) as { response: string };
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
