/**
 * The whole help desk in a process of its own, for tests that kill it (SIGKILL, SIGTERM) and start it again.
 * Configured by its environment, as `npm start` is; prints one JSON line `{ url, smtpPort }` once it listens.
 * Without demo data it creates one admin (admin@fault.test), so a test can sign in.
 */
import { loadConfig } from "@helpdesk/api/config";
import { createUser } from "@helpdesk/api/domain";
import { startHelpdesk } from "@helpdesk/api/server";
import { users } from "@helpdesk/db";

const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level, message, ...fields })}\n`);
const server = await startHelpdesk(loadConfig(process.env), {
  serveWeb: false,
  logger: { info: log("info"), warn: log("warn"), error: log("error") },
});
const [anyUser] = await server.deps.db.select({ id: users.id }).from(users).limit(1);
if (!anyUser) {
  await createUser(server.deps, {
    email: "admin@fault.test",
    name: "Fault Admin",
    role: "admin",
    password: "fault-password-123",
  });
}
process.stdout.write(`${JSON.stringify({ url: server.url, smtpPort: server.smtpPort })}\n`);
