import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  envelope: { from: string | null; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A real SMTP server standing in for the world's mail servers: it receives what the help desk sends.
 * `reject` makes it refuse the next mails with a given SMTP code (e.g. 550 permanent, 451 temporary); `hold`
 * makes it answer each mail only some time after the mail arrived, as a slow mail server does.
 */
export async function startMailCapture(login?: { username: string; password: string }) {
  const received: CapturedMail[] = [];
  const authenticatedAs: string[] = [];
  const control = { rejectWith: null as null | { code: number; message: string }, rejected: 0, holdMs: 0, arrived: 0 };
  const server = new SMTPServer({
    // With a login: AUTH is required (plain text over loopback, as a relay on a private network allows).
    authOptional: !login,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.username && auth.password === login.password) {
        authenticatedAs.push(auth.username ?? "");
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        control.arrived += 1;
        if (control.holdMs > 0) await new Promise((r) => setTimeout(r, control.holdMs));
        if (control.rejectWith) {
          control.rejected += 1;
          callback(Object.assign(new Error(control.rejectWith.message), { responseCode: control.rejectWith.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        received.push({
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw,
          parsed: await simpleParser(raw),
        });
        callback(null, "250 captured");
      });
    },
  });
  // A client killed mid-session resets its connection: that is the client's fault, not the sink's.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    authenticatedAs,
    reject(code: number, message: string) {
      control.rejectWith = { code, message };
    },
    /** Answers every mail `ms` after it arrived (0: at once). */
    hold(ms: number) {
      control.holdMs = ms;
    },
    /** How many mails arrived so far, answered or not yet. */
    arrivedCount: () => control.arrived,
    /** How many mails were refused so far. */
    rejectedCount: () => control.rejected,
    accept() {
      control.rejectWith = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
