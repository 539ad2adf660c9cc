import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { eventually } from "./eventually.ts";
import { freePort } from "./free-port.ts";

export interface DovecotUser {
  name: string;
  password: string;
}

export interface Dovecot {
  host: string;
  port: number;
  /** An IMAP client signed in as `user` (connected; log out when done). */
  connectAs(user: DovecotUser): Promise<ImapFlow>;
  /** Appends raw messages to a user's folder (created when missing), in order. */
  append(user: DovecotUser, mailbox: string, messages: string[]): Promise<void>;
  close(): Promise<void>;
}

const dovecotBinary = "/usr/sbin/dovecot";

/**
 * A private Dovecot (Debian's dovecot-imapd) for one test file: its own config, sockets, state and maildirs in a
 * temp folder, IMAP on a free loopback port, plain-text logins allowed (loopback only, no TLS), users from a
 * passwd-file. Started in the foreground as this process's child and stopped on close.
 *
 * Privileges: Dovecot refuses to run its login processes as root, so as root the package's own `dovenull` and
 * `dovecot` users run them and own the mail; as anyone else every process runs as that user.
 */
export async function startDovecot(users: DovecotUser[]): Promise<Dovecot> {
  if (spawnSync(dovecotBinary, ["--version"]).status !== 0) {
    throw new Error("Dovecot is not installed: `apt-get install -y dovecot-imapd` (CI's .ci/run installs it).");
  }
  const dir = await mkdtemp(join(tmpdir(), "helpdesk-dovecot-"));
  // Dovecot's unprivileged auth and mail processes must reach the config, users file and maildirs inside.
  await chmod(dir, 0o755);
  const runAs =
    process.getuid?.() === 0
      ? { root: true, login: "dovenull", internal: "dovecot", mail: idsOf("dovecot") }
      : currentUser();
  const mailRoot = join(dir, "mail");
  await mkdir(mailRoot);
  await chown(mailRoot, runAs.mail.uid, runAs.mail.gid);
  await writeFile(
    join(dir, "users"),
    users
      .map((u) => `${u.name}:{PLAIN}${u.password}:${runAs.mail.uid}:${runAs.mail.gid}::${join(mailRoot, u.name)}\n`)
      .join(""),
    { mode: 0o644 },
  );
  const port = await freePort();
  const configPath = join(dir, "dovecot.conf");
  await writeFile(
    configPath,
    `
protocols = imap
listen = 127.0.0.1
base_dir = ${join(dir, "run")}
state_dir = ${join(dir, "state")}
log_path = ${join(dir, "dovecot.log")}
ssl = no
# Plain-text logins without TLS: this server only listens on loopback for tests.
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused login answers at once rather than after the default 2 s. (The per-IP penalty still delays the next
# login after a failure by about 4 s; switching it off makes Dovecot's first login wait 5 s instead.)
auth_failure_delay = 0
default_login_user = ${runAs.login}
default_internal_user = ${runAs.internal}
default_internal_group = ${runAs.internal}
mail_location = maildir:~/Maildir
first_valid_uid = ${runAs.mail.uid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${join(dir, "users")}
}
userdb {
  driver = passwd-file
  args = ${join(dir, "users")}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
${runAs.root ? "" : "  # Only root may chroot.\n  chroot =\n"}}
service anvil {
  chroot =
}
`,
  );

  const child = spawn(dovecotBinary, ["-F", "-c", configPath], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitForGreeting(port, child);
  } catch (error) {
    child.kill("SIGKILL");
    const log = await readFile(join(dir, "dovecot.log"), "utf8").catch(() => "");
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Dovecot did not start: ${(error as Error).message}\n${stderr}\n${log}`, { cause: error });
  }

  const host = "127.0.0.1";
  async function connectAs(user: DovecotUser) {
    const client = new ImapFlow({
      host,
      port,
      secure: false,
      auth: { user: user.name, pass: user.password },
      logger: false,
      disableAutoIdle: true,
    });
    client.on("error", () => {});
    await client.connect();
    return client;
  }

  return {
    host,
    port,
    connectAs,
    async append(user, mailbox, messages) {
      const client = await connectAs(user);
      try {
        if (mailbox !== "INBOX") await client.mailboxCreate(mailbox).catch(() => {});
        for (const raw of messages) await client.append(mailbox, raw);
      } finally {
        await client.logout();
      }
    },
    async close() {
      await stop(child, exited);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  const killed = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
  ]);
  if (!killed) child.kill("SIGKILL");
}

function idsOf(user: string) {
  const uid = Number(spawnSync("id", ["-u", user], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", user], { encoding: "utf8" }).stdout.trim());
  if (!Number.isInteger(uid) || uid <= 0) throw new Error(`The ${user} user is missing; reinstall dovecot-core.`);
  return { uid, gid };
}

function currentUser() {
  const name = spawnSync("id", ["-un"], { encoding: "utf8" }).stdout.trim();
  return { root: false, login: name, internal: name, mail: { uid: process.getuid!(), gid: process.getgid!() } };
}

/** Resolves once the server sends its "* OK" greeting. */
async function waitForGreeting(port: number, child: ChildProcess, timeoutMs = 10_000) {
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}`);
    const greeting = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.setTimeout(1000);
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString());
      });
      socket.once("error", (error) => resolve(String(error)));
      socket.once("timeout", () => {
        socket.destroy();
        resolve("no answer within 1 s");
      });
    });
    if (!greeting.startsWith("* OK")) throw new Error(`no IMAP greeting on port ${port}: ${greeting}`);
  }, timeoutMs);
}
