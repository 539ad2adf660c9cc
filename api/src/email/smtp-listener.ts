import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { DomainDeps } from "../domain/deps.ts";
import { DomainError } from "../domain/errors.ts";
import type { Logger } from "../domain/logger.ts";
import { findEmailChannelForRecipients } from "../domain/channels/email/email-channels.ts";
import { receiveInboundEmail } from "../domain/channels/email/receive-inbound-email.ts";

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** Larger mails are refused at SIZE/DATA time with 552, before they are read. */
  maxMessageBytes: number;
  logger: Pick<Logger, "info" | "warn">;
}

/**
 * The built-in SMTP listener: accepts mail for the addresses of the email channels (550 for any other
 * recipient, so it is no open relay) and answers 250 only once the raw mail is stored. A storage failure
 * answers 451, so the sending server keeps the mail and tries again later: nothing is lost either way.
 */
export async function startSmtpListener(deps: DomainDeps, options: SmtpListenerOptions) {
  const server = new SMTPServer({
    // A receiving MX: no AUTH (senders are other mail servers), no STARTTLS without a certificate of ours.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: options.maxMessageBytes,
    banner: "help desk inbound mail",
    logger: false,
    onRcptTo(address, _session, callback) {
      findEmailChannelForRecipients(deps.db, [address.address]).then(
        (found) => callback(found ? null : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
        (error) => callback(smtpError(451, `4.3.0 Temporary failure: ${(error as Error).message}`)),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `5.3.4 Message exceeds the ${options.maxMessageBytes} byte limit`));
          return;
        }
        const raw = Buffer.concat(chunks);
        receiveInboundEmail(deps, {
          raw,
          transport: "smtp",
          envelope: {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            remoteAddress: session.remoteAddress,
          },
        }).then(
          (stored) => callback(null, `Queued as ${stored.deliveryId}${stored.duplicate ? " (duplicate)" : ""}`),
          (error) => {
            if (error instanceof DomainError && error.code === "CHANNEL_NOT_FOUND") {
              callback(smtpError(550, "5.1.1 No recipient is a mailbox here"));
              return;
            }
            options.logger.warn("could not store an inbound mail; the sender will retry", { error: String(error) });
            callback(smtpError(451, "4.3.0 Temporary failure storing the message, try again later"));
          },
        );
      });
    },
  });
  server.on("error", (error) => options.logger.warn("smtp listener error", { error: String(error) }));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  options.logger.info("smtp listener accepting mail for the email channels", { port });
  return {
    port,
    /** Open sessions right now, for the shutdown's report of what is still open. */
    sessions: () => server.connections.size,
    close: (options: { graceMs?: number } = {}) => closeSmtpServer(server, options.graceMs),
  };
}

/**
 * Stops listening and ends every session with 421 (the sender keeps its mail and tries again, elsewhere or
 * later): at once for sessions between mails, which smtp-server's own close would leave open for its whole
 * closeTimeout; a mail being received or stored is let finish (its 250 goes out, then its next command gets
 * the 421), for up to graceMs, after which smtp-server answers 421 to whatever is left.
 */
function closeSmtpServer(server: SMTPServer, graceMs = 30_000): Promise<void> {
  return new Promise<void>((resolve) => {
    server.options.closeTimeout = Math.max(1, graceMs);
    const idleSessionsGo = () => {
      for (const session of server.connections) {
        // Private to smtp-server but declared in its types: a DATA transfer or an application handler (ours) is running.
        if (session._dataStream || session._handlerPending) continue;
        session.send(421, "Server shutting down");
      }
    };
    const sweep = setInterval(idleSessionsGo, 100);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    idleSessionsGo();
  });
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
