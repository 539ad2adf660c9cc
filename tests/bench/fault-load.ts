// Mixed load on real processes with one fault injected mid-run: the API (RUN_WORKERS=false) and a standalone
// worker as child processes, a redis-server of the bench's own (no persistence) and an SMTP sink. Agents list
// the inbox and reply to e-mail tickets over HTTP, customers' mails arrive over SMTP, widget visitors chat over
// socket.io. Scenario "worker": the worker is SIGKILLed and started again; scenario "redis": Redis is SIGKILLed
// and started again empty. Each scenario is a run of its own (fresh database, Redis, processes).
//
// Prints, per operation, throughput and latency before the fault (the baseline, same run, same load), during
// it and after it; the end-to-end delay of the work the fault holds up; and the exactly-once accounting of
// what was acknowledged against what was stored and delivered, once the backlog has drained.
//
// BENCH_FAULT=worker|redis|both (both), BENCH_SECONDS (60), BENCH_FAULT_AT (25 of 60), BENCH_FAULT_FOR (10 of 60),
// BENCH_DRAIN_SECONDS (120), BENCH_WARMUP_SECONDS (5, not in the figures); rates per second BENCH_MAIL_RATE (20),
// BENCH_REPLY_RATE (10), BENCH_CHAT_RATE (10), BENCH_LIST_RATE (20); BENCH_VISITORS (40) widget sockets,
// BENCH_SMTP_CONNECTIONS (12). Process logs go to $TMPDIR/helpdesk-fault-bench-<fault>.log.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createTransport } from "nodemailer";
import postgres from "postgres";
import { io as connect, type Socket } from "socket.io-client";
import { freePort } from "../support/free-port.ts";
import { startMailCapture } from "../support/mail-capture.ts";
import { testAppSecret } from "../support/server-config.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { databaseUrl, postgresAdminUrl } from "../support/services.ts";
import { percentile } from "./_statistics.ts";

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const seconds = env("BENCH_SECONDS", 60);
const faultAt = env("BENCH_FAULT_AT", Math.round((seconds * 25) / 60));
const faultFor = env("BENCH_FAULT_FOR", Math.max(1, Math.round((seconds * 10) / 60)));
const drainLimitSeconds = env("BENCH_DRAIN_SECONDS", 120);
/** The same load before the measured window: fresh processes (tsx, cold caches) are slow for a few seconds. */
const warmupSeconds = env("BENCH_WARMUP_SECONDS", 5);
const visitorCount = env("BENCH_VISITORS", 40);
/** SMTP connections the customers' mail servers hold open to the listener (mails beyond them wait in the client's pool). */
const smtpConnections = env("BENCH_SMTP_CONNECTIONS", 12);
const rates = {
  list: env("BENCH_LIST_RATE", 20),
  reply: env("BENCH_REPLY_RATE", 10),
  mail: env("BENCH_MAIL_RATE", 20),
  chat: env("BENCH_CHAT_RATE", 10),
};
const faultChoice = process.env.BENCH_FAULT ?? "both";
const scenarios = (faultChoice === "both" ? ["worker", "redis"] : [faultChoice]) as Fault[];
if (!scenarios.every((s) => s === "worker" || s === "redis"))
  throw new Error(`BENCH_FAULT must be worker, redis or both, not ${faultChoice}`);

/** An operation that has not answered in this long counts as a timeout (and is not retried). */
const opTimeoutMs = 30_000;
/** Past this many unanswered operations of one kind, new ones are skipped and counted, not piled up. */
const maxInFlight = 300;
const origin = "https://shop.fault.test";
const workerScript = fileURLToPath(new URL("../../workers/src/main.ts", import.meta.url));

type Fault = "worker" | "redis";
type Kind = keyof typeof rates;
const kinds = Object.keys(rates) as Kind[];
const kindLabel: Record<Kind, string> = {
  list: "GET /api/tickets",
  reply: "reply (POST messages)",
  mail: "inbound mail (SMTP)",
  chat: "chat message.send",
};

interface OpRecord {
  kind: Kind;
  /** When it started, in ms since the load began. */
  at: number;
  ms: number;
  error?: string;
}

class OpError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stripBrackets = (id: string) => id.replace(/^<|>$/g, "");
const ms = (n: number | undefined) =>
  n === undefined ? "-" : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`;

// ---------- child processes (each scenario's cleanup kills them; this is the last resort if the bench dies) ----------

const liveChildren = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});
/** The running scenario's cleanups, for an interrupted bench (Ctrl-C) to run before it exits. */
let activeCleanups: (() => Promise<unknown>)[] = [];
async function runCleanups() {
  const list = activeCleanups.splice(0).reverse();
  for (const cleanup of list) await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

interface LogLine {
  at: number;
  source: string;
  line: string;
}

function track(child: ChildProcess) {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
}

async function stopProcess(child: ChildProcess, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill("SIGKILL");
  await exited;
}

/** Whether a Redis answers PING on `port` (a raw RESP exchange: the bench needs no client of its own for this). */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A redis-server without persistence on `port`: killed, it comes back empty. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "/tmp"],
    { stdio: "ignore" },
  );
  track(child);
  const started = Date.now();
  while (!(await redisAnswers(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited (${child.exitCode})`);
    if (Date.now() - started > 10_000) throw new Error("redis-server did not answer in 10 s");
    await sleep(50);
  }
  return child;
}

/** The standalone worker (`node --import tsx workers/src/main.ts`); resolves once it says it runs. */
async function startWorker(workerEnv: Record<string, string>, log: LogLine[], t0: () => number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...workerEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  let ready: () => void;
  const running = new Promise<void>((resolve) => (ready = resolve));
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      log.push({ at: performance.now() - t0(), source: "worker", line });
      if (line.includes('"workers running"')) ready();
    });
  }
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before running`))),
  );
  const timeout = sleep(60_000).then(() => {
    throw new Error("worker did not start in 60 s");
  });
  await Promise.race([running, exited, timeout]);
  exited.catch(() => {});
  return child;
}

// ---------- one scenario ----------

async function runScenario(fault: Fault): Promise<void> {
  const cleanups: (() => Promise<unknown>)[] = [];
  activeCleanups = cleanups;
  const print = (line = "") => console.log(line);
  const tag = randomBytes(4).toString("hex");
  let loadStart = performance.now();
  let loadStartEpoch = Date.now();
  const rel = (date: Date | string | null) =>
    date ? `${((new Date(date).getTime() - loadStartEpoch) / 1000).toFixed(1)} s` : "-";
  const sinceStart = () => performance.now() - loadStart;
  const logs: LogLine[] = [];
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
  const dbName = `helpdesk_bench_fault_${tag}`;
  try {
    cleanups.push(() => admin.end());
    await admin.unsafe(`create database "${dbName}"`);
    cleanups.push(() => admin.unsafe(`drop database if exists "${dbName}" with (force)`));
    const sql = postgres(databaseUrl(dbName), { max: 2, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 5 }));

    const sink = await startMailCapture();
    cleanups.push(() => sink.close());
    const sinkTimes: number[] = [];
    // The sink keeps what it received in an array: note when each arrived, for the end-to-end delays.
    const push = sink.received.push.bind(sink.received);
    sink.received.push = (...items) => {
      for (const _ of items) sinkTimes.push(sinceStart());
      return push(...items);
    };

    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    cleanups.push(async () => redis.kill("SIGKILL"));
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const prefix = `bench-fault-${tag}`;
    const shared = {
      DATABASE_URL: databaseUrl(dbName),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      APP_SECRET: testAppSecret,
    };

    const api: ServerProcess = await startServerProcess({ ...shared, RUN_WORKERS: "false", TRUST_PROXY: "true" });
    track(api.child);
    cleanups.push(() => stopProcess(api.child));
    let apiLogSeen = 0;
    const collectApiLog = () => {
      for (; apiLogSeen < api.log.length; apiLogSeen++)
        logs.push({ at: sinceStart(), source: "api", line: api.log[apiLogSeen]! });
    };
    const apiLogTimer = setInterval(collectApiLog, 200);
    cleanups.push(async () => clearInterval(apiLogTimer));

    const workerEnv = { ...shared, PUBLIC_URL: api.url };
    let worker = await startWorker(workerEnv, logs, () => loadStart);
    cleanups.push(() => stopProcess(worker));

    // ---- setup through the API ----
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await fetch(`${api.url}${path}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opTimeoutMs),
      });
      return { status: res.status, body: ((await res.json().catch(() => null)) ?? {}) as Record<string, unknown> };
    };
    const login = await call("POST", "/api/auth/login", undefined, {
      email: "admin@fault.test",
      password: "fault-password-123",
    });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const token = login.body.token as string;
    const supportAddress = `support-${tag}@faults.bench`;
    const emailChannel = await call("POST", "/api/channels", token, {
      kind: "email",
      name: "Support",
      address: supportAddress,
      // Acknowledgements: one more mail per ticket to count. The bench's customers write often: no sender limit.
      settings: { acknowledgement: true, senderLimitPerHour: 100_000 },
    });
    if (emailChannel.status !== 201)
      throw new Error(`email channel: ${emailChannel.status} ${JSON.stringify(emailChannel.body)}`);
    const emailChannelId = emailChannel.body.id as string;
    const chatChannel = await call("POST", "/api/channels", token, {
      kind: "web_chat",
      name: "Website chat",
      settings: { allowedOrigins: [origin] },
    });
    if (chatChannel.status !== 201)
      throw new Error(`chat channel: ${chatChannel.status} ${JSON.stringify(chatChannel.body)}`);
    const chatChannelId = chatChannel.body.id as string;

    // The agent's socket: every ticket.created / message.created push, with when it arrived.
    const pushes = new Map<string, number[]>();
    let agentDisconnects = 0;
    const agent = connect(api.url, { path: "/socket.io", auth: { token }, transports: ["websocket"] });
    cleanups.push(async () => agent.disconnect());
    agent.on("ticket.created", (event: { ticket: { id: string } }) => {
      const key = `ticket:${event.ticket.id}`;
      pushes.set(key, [...(pushes.get(key) ?? []), sinceStart()]);
    });
    agent.on("message.created", (event: { message: { id: string } }) => {
      const key = `message:${event.message.id}`;
      pushes.set(key, [...(pushes.get(key) ?? []), sinceStart()]);
    });
    agent.on("disconnect", () => agentDisconnects++);
    await new Promise<void>((resolve, reject) => agent.once("connect", () => resolve()).once("connect_error", reject));

    // ---- mail ----
    const smtp = createTransport({
      host: "127.0.0.1",
      port: api.smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: smtpConnections,
      maxMessages: Infinity,
      socketTimeout: opTimeoutMs,
    });
    cleanups.push(async () => smtp.close());
    /** Message-ID (without <>) of every mail answered 250, with when it was answered. */
    const ackedMails = new Map<string, { at: number; parent: string | null }>();
    const sentMails = new Set<string>();
    const ackedList: { id: string; from: string; subject: string; at: number }[] = [];
    /** A customer writes again a while later, not in the same second (mails are processed several at a time, in any order). */
    const followUpAfterMs = 5_000;
    let mailNumber = 0;
    async function sendMail() {
      const n = mailNumber++;
      // Every other mail answers an earlier one of the same customer (threading by In-Reply-To), the rest open tickets.
      const candidates = n % 2 === 1 ? ackedList.filter((m) => m.at < sinceStart() - followUpAfterMs) : [];
      const parent = candidates.length > 0 ? candidates[Math.floor(Math.random() * candidates.length)]! : null;
      const from = parent?.from ?? `customer-${n % 500}-${tag}@customer.test`;
      const subject = parent ? `Re: ${parent.subject}` : `Order ${n} is late`;
      const messageId = `fault-${tag}-${n}@customer.test`;
      sentMails.add(messageId);
      const info = await smtp.sendMail({
        from,
        to: supportAddress,
        subject,
        messageId: `<${messageId}>`,
        inReplyTo: parent ? `<${parent.id}>` : undefined,
        references: parent ? [`<${parent.id}>`] : undefined,
        text: `Hello,\n\nmy order ${n} has not arrived yet. Could you look into it?\n\nThanks`,
      });
      if (!/^250/.test(info.response)) throw new OpError(`smtp ${info.response.slice(0, 3)}`);
      ackedMails.set(messageId, { at: sinceStart(), parent: parent?.id ?? null });
      if (!parent) ackedList.push({ id: messageId, from, subject, at: sinceStart() });
    }

    // Tickets to reply to: the seed below, then every e-mail ticket the agents' inbox lists show.
    const replyPool = new Set<string>();
    const seedMails = 30;
    for (let i = 0; i < seedMails; i++) await sendMail();
    for (const started = Date.now(); ;) {
      const rows = await sql<
        { ticket_id: string }[]
      >`select ticket_id from inbound_deliveries where status = 'processed' and ticket_id is not null`;
      if (rows.length >= ackedMails.size) {
        for (const row of rows) replyPool.add(row.ticket_id);
        break;
      }
      if (Date.now() - started > 60_000)
        throw new Error(`seed mails not processed in 60 s (${rows.length} of ${ackedMails.size})`);
      await sleep(100);
    }

    // The seed counts in the accounting but in no phase of the figures, and its mails may be answered from the start.
    for (const m of ackedMails.values()) m.at = -1e9;
    for (const m of ackedList) m.at = -1e9;

    // ---- replies and lists ----
    const ackedReplies = new Map<string, { at: number; sentAt: number }>();
    async function listInbox() {
      const res = await call("GET", "/api/tickets?limit=25", token);
      if (res.status !== 200) throw new OpError(`http ${res.status}`);
      for (const t of res.body.items as { id: string; channel: { id: string } }[])
        if (t.channel.id === emailChannelId) replyPool.add(t.id);
    }
    let replyNumber = 0;
    async function reply() {
      const pool = [...replyPool];
      const ticketId = pool[Math.floor(Math.random() * pool.length)]!;
      const sentAt = sinceStart();
      const res = await call("POST", `/api/tickets/${ticketId}/messages`, token, {
        body: `Sorry for the wait (reply ${replyNumber++}): it ships today.`,
      });
      if (res.status !== 201) throw new OpError(`http ${res.status}`);
      ackedReplies.set((res.body.message as { id: string }).id, { at: sinceStart(), sentAt });
    }

    // ---- chat: visitors from addresses of their own (TRUST_PROXY), as real visitors are ----
    const visitors: { socket: Socket; visitorId: string }[] = [];
    for (let i = 0; i < visitorCount; i++) {
      const socket = connect(`${api.url}/widget`, {
        path: "/socket.io",
        auth: { channelId: chatChannelId },
        transports: ["websocket"],
        forceNew: true,
        extraHeaders: { origin, "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      cleanups.push(async () => socket.disconnect());
      const session = await new Promise<{ visitorId: string; visitorToken: string }>((resolve, reject) =>
        socket.once("session", resolve).once("connect_error", reject),
      );
      // A reconnect comes back as the same visitor, as the widget does with its stored token.
      socket.auth = { channelId: chatChannelId, visitorToken: session.visitorToken };
      visitors.push({ socket, visitorId: session.visitorId });
    }
    const ackedChats = new Map<string, { sentAt: number; messageId: string }>();
    const sentChats = new Set<string>();
    let chatNumber = 0;
    async function chat() {
      const n = chatNumber++;
      const visitor = visitors[n % visitors.length]!;
      const clientId = `bench-${n}`;
      const sentAt = sinceStart();
      const externalId = `${visitor.visitorId}:${clientId}`;
      sentChats.add(externalId);
      let ack: { ok: boolean; data?: { id: string }; error?: { code: string } };
      try {
        ack = await visitor.socket
          .timeout(opTimeoutMs)
          .emitWithAck("message.send", { clientId, text: `Chat message ${n}: is my order on its way?` });
      } catch {
        throw new OpError("timeout");
      }
      if (!ack.ok) throw new OpError(`chat ${ack.error?.code}`);
      ackedChats.set(externalId, { sentAt, messageId: ack.data!.id });
    }

    // ---- the load, with the fault on its schedule ----
    const records: OpRecord[] = [];
    const ops: Record<Kind, () => Promise<void>> = { list: listInbox, reply, mail: sendMail, chat };
    const events: string[] = [];
    let workerRestarts = 0;
    const backlogSamples: { at: number; rows: number }[] = [];
    const label = (error: unknown) => {
      if (error instanceof OpError) return error.message;
      const e = error as { name?: string; responseCode?: number; code?: string; cause?: { code?: string } };
      if (e.name === "TimeoutError" || e.name === "AbortError") return "timeout";
      if (e.responseCode) return `smtp ${e.responseCode}`;
      return e.code ?? e.cause?.code ?? String(error).slice(0, 60);
    };
    async function paced(kind: Kind) {
      const rate = rates[kind];
      if (rate <= 0) return;
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; ; i++) {
        const due = -warmupSeconds * 1000 + (i * 1000) / rate;
        if (due >= seconds * 1000) break;
        const wait = due - sinceStart();
        if (wait > 0) await sleep(wait);
        const at = sinceStart();
        if (inFlight.size >= maxInFlight) {
          records.push({ kind, at, ms: 0, error: "skipped (too many in flight)" });
          continue;
        }
        const started = performance.now();
        const op: Promise<void> = ops[kind]()
          .then(
            () => void records.push({ kind, at, ms: performance.now() - started }),
            (error: unknown) => void records.push({ kind, at, ms: performance.now() - started, error: label(error) }),
          )
          .finally(() => inFlight.delete(op));
        inFlight.add(op);
      }
      await Promise.all(inFlight);
    }
    async function injectFault() {
      await sleep(faultAt * 1000 - sinceStart());
      if (fault === "worker") {
        worker.kill("SIGKILL");
        await new Promise((r) =>
          worker.exitCode !== null || worker.signalCode !== null ? r(null) : worker.once("exit", r),
        );
        events.push(`${(sinceStart() / 1000).toFixed(1)} s: worker SIGKILLed`);
        await sleep((faultAt + faultFor) * 1000 - sinceStart());
        events.push(`${(sinceStart() / 1000).toFixed(1)} s: worker started again`);
        worker = await startWorker(workerEnv, logs, () => loadStart);
        workerRestarts++;
        events.push(`${(sinceStart() / 1000).toFixed(1)} s: worker running again`);
      } else {
        redis.kill("SIGKILL");
        await new Promise((r) =>
          redis.exitCode !== null || redis.signalCode !== null ? r(null) : redis.once("exit", r),
        );
        events.push(`${(sinceStart() / 1000).toFixed(1)} s: redis-server SIGKILLed (no persistence: its data is gone)`);
        await sleep((faultAt + faultFor) * 1000 - sinceStart());
        redis = await startRedis(redisPort);
        events.push(`${(sinceStart() / 1000).toFixed(1)} s: redis-server started again, empty`);
      }
    }
    let sampling = true;
    cleanups.push(async () => (sampling = false));
    const sampler = (async () => {
      while (sampling) {
        const [row] = await sql<
          { n: number }[]
        >`select count(*)::int as n from outbox_jobs where state in ('pending', 'dispatched')`.catch(() => [{ n: -1 }]);
        backlogSamples.push({ at: sinceStart(), rows: row!.n });
        await sleep(1000);
      }
    })();

    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    loadStart = performance.now() + warmupSeconds * 1000;
    loadStartEpoch = Date.now() + warmupSeconds * 1000;
    await Promise.all([...kinds.map(paced), injectFault()]);
    const loadEnded = sinceStart();
    loopDelay.disable();

    // ---- drain: every acknowledged item accounted for, and the outbox empty ----
    const drainStarted = performance.now();
    let drained = false;
    let drainState = "";
    while ((performance.now() - drainStarted) / 1000 < drainLimitSeconds) {
      const [inbound] = await sql<{ n: number }[]>`
        select count(distinct external_id)::int as n from messages
        where channel_id = ${emailChannelId} and direction = 'inbound' and external_id in ${sql([...ackedMails.keys(), ""])}`;
      const [replies] = await sql<{ n: number }[]>`
        select count(*)::int as n from messages where id in ${sql([...ackedReplies.keys(), ""])} and delivery_status in ('sent', 'failed')`;
      const [tickets] = await sql<
        { n: number }[]
      >`select count(*)::int as n from tickets where channel_id = ${emailChannelId}`;
      const [acks] = await sql<
        { n: number }[]
      >`select count(*)::int as n from outbound_emails where kind = 'acknowledgement' and status = 'sent'`;
      const [outbox] = await sql<
        { n: number }[]
      >`select count(*)::int as n from outbox_jobs where state in ('pending', 'dispatched') and run_at <= now()`;
      drainState = `inbound ${inbound!.n}/${ackedMails.size}, replies ${replies!.n}/${ackedReplies.size}, acknowledgements ${acks!.n}/${tickets!.n}, outbox due ${outbox!.n}`;
      if (
        inbound!.n >= ackedMails.size &&
        replies!.n >= ackedReplies.size &&
        acks!.n >= tickets!.n &&
        outbox!.n === 0
      ) {
        drained = true;
        break;
      }
      await sleep(250);
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    // Give a late duplicate every chance to arrive before counting.
    await sleep(3_000);
    sampling = false;
    await sampler;
    collectApiLog();

    // ---- figures ----
    const phases = [
      { name: `before (0-${faultAt} s)`, from: 0, to: faultAt * 1000 },
      { name: `fault (${faultAt}-${faultAt + faultFor} s)`, from: faultAt * 1000, to: (faultAt + faultFor) * 1000 },
      { name: `after (${faultAt + faultFor}-${seconds} s)`, from: (faultAt + faultFor) * 1000, to: seconds * 1000 },
    ];
    const inPhase = <T extends { at: number }>(items: T[], phase: (typeof phases)[number]) =>
      items.filter((r) => r.at >= phase.from && r.at < phase.to);
    const pad = (s: string, n: number) => s.padEnd(n);
    const lpad = (s: string, n: number) => s.padStart(n);

    print(
      `-- scenario "${fault}": ${fault === "worker" ? "the standalone worker" : "redis-server"} SIGKILLed at ${faultAt} s, started again ${faultFor} s later${fault === "redis" ? " (empty)" : ""}; ${seconds} s of load`,
    );
    print(
      `   load: ${kinds.map((k) => `${k} ${rates[k]}/s`).join(", ")}; ${visitorCount} widget visitors, ${smtpConnections} SMTP connections; ${seedMails} seed mails and ${warmupSeconds} s of the same load before 0 s`,
    );
    for (const event of events) print(`   ${event}`);
    print();
    print(
      `   throughput (answered ok / s) and latency (ok answers), by when the operation started; "before" is the baseline`,
    );
    print(`   ${pad("operation", 24)}${phases.map((p) => lpad(p.name, 34)).join("")}`);
    for (const kind of kinds) {
      const cells = phases.map((phase) => {
        const rows = inPhase(records, phase).filter((r) => r.kind === kind);
        const ok = rows.filter((r) => !r.error).map((r) => r.ms);
        const rate = ok.length / ((phase.to - phase.from) / 1000);
        return lpad(
          `${rate.toFixed(1)}/s p50 ${ms(ok.length ? percentile(ok, 50) : undefined)} p99 ${ms(ok.length ? percentile(ok, 99) : undefined)}`,
          34,
        );
      });
      print(`   ${pad(kindLabel[kind], 24)}${cells.join("")}`);
    }
    print();
    print(`   errors (by answer)`);
    for (const kind of kinds) {
      const byError = new Map<string, number[]>();
      for (const r of records.filter((r) => r.kind === kind && r.error))
        byError.set(r.error!, [...(byError.get(r.error!) ?? []), r.at]);
      const total = records.filter((r) => r.kind === kind).length;
      const list = [...byError].map(
        ([error, ats]) =>
          `${error} x${ats.length} (at ${(Math.min(...ats) / 1000).toFixed(1)}-${(Math.max(...ats) / 1000).toFixed(1)} s)`,
      );
      print(`   ${pad(kindLabel[kind], 24)}${total} sent, ${list.length ? list.join(", ") : "no errors"}`);
    }

    // End-to-end delays of the work behind the acknowledgements: what the fault holds up.
    const inboundLag = await sql<{ external_id: string; lag_ms: number }[]>`
      select external_id, extract(epoch from processed_at - received_at) * 1000 as lag_ms from inbound_deliveries
      where channel_id = ${emailChannelId} and processed_at is not null`;
    const inboundLagById = new Map(inboundLag.map((r) => [r.external_id, Number(r.lag_ms)]));
    const replyRows = await sql<{ id: string; external_id: string | null; delivery_status: string | null }[]>`
      select id, external_id, delivery_status from messages where id in ${sql([...ackedReplies.keys(), ""])}`;
    const sinkCount = new Map<string, number>();
    const sinkAt = new Map<string, number[]>();
    sink.received.forEach((mail, i) => {
      const id = stripBrackets(mail.parsed.messageId ?? "");
      sinkCount.set(id, (sinkCount.get(id) ?? 0) + 1);
      sinkAt.set(id, [...(sinkAt.get(id) ?? []), sinkTimes[i] ?? 0]);
    });
    const sinkFirstAt = new Map([...sinkAt].map(([id, times]) => [id, times[0]!]));
    const replyLag: { at: number; ms: number }[] = [];
    for (const row of replyRows) {
      const sentAt = row.external_id ? sinkFirstAt.get(stripBrackets(row.external_id)) : undefined;
      const acked = ackedReplies.get(row.id)!;
      if (sentAt !== undefined) replyLag.push({ at: acked.sentAt, ms: sentAt - acked.sentAt });
    }
    // Mail: from the stored delivery to the processed one (both the database's clock, so the bench's own lag is not in it).
    const mailLag = [...ackedMails].flatMap(([id, m]) =>
      inboundLagById.has(id) ? [{ at: m.at, ms: inboundLagById.get(id)! }] : [],
    );
    const chatLag = [...ackedChats.values()].flatMap((c) => {
      const arrived = pushes.get(`message:${c.messageId}`)?.[0];
      return arrived === undefined ? [] : [{ at: c.sentAt, ms: arrived - c.sentAt }];
    });
    print();
    print(`   end-to-end delay of acknowledged work, p50 / p99 (by when it was sent)`);
    const lagRow = (name: string, samples: { at: number; ms: number }[]) =>
      print(
        `   ${pad(name, 40)}${phases
          .map((phase) => {
            const s = inPhase(samples, phase).map((x) => x.ms);
            return lpad(s.length ? `${ms(percentile(s, 50))} / ${ms(percentile(s, 99))}` : "-", 22);
          })
          .join("")}`,
      );
    print(`   ${pad("", 40)}${phases.map((p) => lpad(p.name, 22)).join("")}`);
    lagRow("mail 250 -> processed into a ticket", mailLag);
    lagRow("reply sent -> at the SMTP sink", replyLag);
    lagRow("chat send -> agent's socket (message.created)", chatLag);

    // What the worker got done per second, whatever was offered: a backlog builds where this falls below the load.
    const processedTimes = await sql<{ t: number }[]>`
      select extract(epoch from processed_at) * 1000 as t from inbound_deliveries where channel_id = ${emailChannelId} and processed_at is not null`;
    const replyIds = new Set(replyRows.flatMap((r) => (r.external_id ? [stripBrackets(r.external_id)] : [])));
    const replyArrivals = [...sinkAt].flatMap(([id, times]) => (replyIds.has(id) ? times.map((at) => ({ at })) : []));
    const doneRow = (name: string, items: { at: number }[], offered: number) =>
      print(
        `   ${pad(name, 40)}${phases.map((phase) => lpad(`${(inPhase(items, phase).length / ((phase.to - phase.from) / 1000)).toFixed(1)}/s`, 22)).join("")}   (offered ${offered}/s)`,
      );
    print(`   ingestion (API) and worker throughput, by when it happened`);
    doneRow("inbound mails answered 250 (stored)", [...ackedMails.values()], rates.mail);
    doneRow(
      "inbound mails processed (worker)",
      processedTimes.map((r) => ({ at: Number(r.t) - loadStartEpoch })),
      rates.mail,
    );
    doneRow("replies arriving at the SMTP sink (worker)", replyArrivals, rates.reply);

    // ---- exactly-once accounting ----
    const inboundRows = await sql<{ external_id: string; n: number; ticket_id: string }[]>`
      select external_id, count(*)::int as n, min(ticket_id) as ticket_id from messages
      where channel_id = ${emailChannelId} and direction = 'inbound' group by external_id`;
    const deliveryRows = await sql<{ external_id: string; n: number; status: string }[]>`
      select external_id, count(*)::int as n, min(status::text) as status from inbound_deliveries where channel_id = ${emailChannelId} group by external_id`;
    const inboundById = new Map(inboundRows.map((r) => [r.external_id, r]));
    const deliveryById = new Map(deliveryRows.map((r) => [r.external_id, r]));
    const mailIds = [...ackedMails.keys()];
    const mailStored = mailIds.filter((id) => deliveryById.has(id)).length;
    const mailProcessed = mailIds.filter((id) => inboundById.has(id)).length;
    const mailDup = mailIds.reduce(
      (n, id) => n + Math.max(0, (inboundById.get(id)?.n ?? 0) - 1) + Math.max(0, (deliveryById.get(id)?.n ?? 0) - 1),
      0,
    );
    const mailUnackedStored = [...sentMails].filter((id) => !ackedMails.has(id) && deliveryById.has(id)).length;
    const mailStatuses = new Map<string, number>();
    for (const id of mailIds) {
      const status = deliveryById.get(id)?.status ?? "missing";
      mailStatuses.set(status, (mailStatuses.get(status) ?? 0) + 1);
    }
    // Follow-ups are expected on their parent's ticket.
    const followUps = [...ackedMails].filter(([, m]) => m.parent);
    const threaded = followUps.filter(
      ([id, m]) => inboundById.get(id) && inboundById.get(id)!.ticket_id === inboundById.get(m.parent!)?.ticket_id,
    ).length;

    const replyStoredRows = replyRows.filter((r) => r.external_id);
    const replyDelivered = replyStoredRows.filter(
      (r) => (sinkCount.get(stripBrackets(r.external_id!)) ?? 0) >= 1,
    ).length;
    const replyDup = replyStoredRows.reduce(
      (n, r) => n + Math.max(0, (sinkCount.get(stripBrackets(r.external_id!)) ?? 0) - 1),
      0,
    );
    const replyStatuses = new Map<string, number>();
    for (const r of replyRows)
      replyStatuses.set(r.delivery_status ?? "null", (replyStatuses.get(r.delivery_status ?? "null") ?? 0) + 1);

    const emailTickets = await sql<{ id: string }[]>`select id from tickets where channel_id = ${emailChannelId}`;
    const ackDomainIds = new Map<string, number>();
    for (const [id, n] of sinkCount) {
      const ticket = /^ack-(tkt_[^@]+)@/.exec(id)?.[1];
      if (ticket) ackDomainIds.set(ticket, n);
    }
    const acksDelivered = emailTickets.filter((t) => ackDomainIds.has(t.id)).length;
    const acksDup = emailTickets.reduce((n, t) => n + Math.max(0, (ackDomainIds.get(t.id) ?? 0) - 1), 0);

    const chatRows = await sql<{ external_id: string; n: number }[]>`
      select external_id, count(*)::int as n from messages where channel_id = ${chatChannelId} group by external_id`;
    const chatById = new Map(chatRows.map((r) => [r.external_id, r.n]));
    const chatStored = [...ackedChats.keys()].filter((id) => chatById.has(id)).length;
    const chatDup = [...ackedChats.keys()].reduce((n, id) => n + Math.max(0, (chatById.get(id) ?? 0) - 1), 0);
    const chatUnackedStored = [...sentChats].filter((id) => !ackedChats.has(id) && chatById.has(id)).length;

    // Realtime pushes: one ticket.created per ticket, one message.created per later message.
    const expectedPushes = await sql<{ key: string }[]>`
      select 'ticket:' || id as key from tickets
      union all
      select 'message:' || m.id from messages m
      where m.created_at > (select min(created_at) from messages f where f.ticket_id = m.ticket_id)`;
    const pushMissing = expectedPushes.filter((e) => !pushes.has(e.key)).length;
    const pushDup = expectedPushes.reduce((n, e) => n + Math.max(0, (pushes.get(e.key)?.length ?? 0) - 1), 0);

    const outboxStates = await sql<
      { state: string; n: number }[]
    >`select state::text, count(*)::int as n from outbox_jobs group by state order by state`;
    const failedJobs = await sql<{ name: string; last_error: string | null; n: number }[]>`
      select name, last_error, count(*)::int as n from outbox_jobs where state = 'failed' group by name, last_error order by n desc limit 5`;

    print();
    print(
      `   exactly-once accounting (after the drain)        acknowledged   stored   delivered   missing   duplicated`,
    );
    const row = (
      name: string,
      acked: number,
      stored: number | string,
      delivered: number | string,
      missing: number,
      dup: number,
      note = "",
    ) =>
      print(
        `   ${pad(name, 48)}${lpad(String(acked), 13)}${lpad(String(stored), 9)}${lpad(String(delivered), 12)}${lpad(String(missing), 10)}${lpad(String(dup), 13)}${note ? `   ${note}` : ""}`,
      );
    const fmtMap = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(", ");
    row(
      "inbound mails (250 -> delivery -> message)",
      mailIds.length,
      mailStored,
      mailProcessed,
      mailIds.length - mailProcessed,
      mailDup,
      `deliveries: ${fmtMap(mailStatuses)}`,
    );
    row(
      "replies (201 -> message -> mail at the sink)",
      ackedReplies.size,
      replyStoredRows.length,
      replyDelivered,
      ackedReplies.size - replyDelivered,
      replyDup,
      `messages: ${fmtMap(replyStatuses)}`,
    );
    row(
      "acknowledgement mails (one per e-mail ticket)",
      emailTickets.length,
      emailTickets.length,
      acksDelivered,
      emailTickets.length - acksDelivered,
      acksDup,
    );
    row("chat messages (ack -> message)", ackedChats.size, chatStored, "-", ackedChats.size - chatStored, chatDup);
    print(
      `   not acknowledged but stored (not an error: the sender retries, the same id is one item): mails ${mailUnackedStored}, chat messages ${chatUnackedStored}`,
    );
    print(
      `   follow-up mails (written ${followUpAfterMs / 1000} s or more after their parent) threaded onto the parent's ticket: ${threaded} of ${followUps.length}`,
    );
    print(
      `   realtime pushes to the agent's socket (ticket.created / message.created): ${expectedPushes.length} expected, ${pushMissing} missing, ${pushDup} duplicated; agent socket disconnects ${agentDisconnects}`,
    );
    print(`   sink: ${sink.received.length} mails in all`);
    const backlogAt = (t: number) =>
      backlogSamples.reduce(
        (best, s) => (Math.abs(s.at - t) < Math.abs(best.at - t) ? s : best),
        backlogSamples[0] ?? { at: 0, rows: 0 },
      ).rows;
    print(
      `   outbox backlog (pending + dispatched rows) at 0 / ${faultAt} / ${faultAt + faultFor} / ${seconds} s: ` +
        `${[0, faultAt, faultAt + faultFor, seconds].map((t) => backlogAt(t * 1000)).join(" / ")}`,
    );
    print(
      `   the bench's own event loop delay during the load (its timestamps are this late at worst): p50 ${ms(loopDelay.percentile(50) / 1e6)}, p99 ${ms(loopDelay.percentile(99) / 1e6)}`,
    );
    const peak = backlogSamples.reduce((best, s) => (s.rows > best.rows ? s : best), { at: 0, rows: 0 });
    print(
      `   drain: ${drained ? `done ${drainSeconds.toFixed(1)} s after the load ended` : `NOT done after ${drainLimitSeconds} s (${drainState})`} ` +
        `(load ended at ${(loadEnded / 1000).toFixed(1)} s); outbox backlog peak ${peak.rows} rows at ${(peak.at / 1000).toFixed(0)} s; outbox now: ${outboxStates.map((s) => `${s.state} ${s.n}`).join(", ")}`,
    );
    // Evidence for whatever is missing or twice: the item, where it got to, and its outbox rows.
    const evidence: string[] = [];
    const when = (at: number) => (at < -1e8 ? "seed, before the load" : `${(at / 1000).toFixed(1)} s`);
    const outboxFor = async (key: string) => {
      const rows = await sql<
        {
          id: number;
          name: string;
          type: string | null;
          state: string;
          attempts: number;
          last_error: string | null;
          created_at: Date;
          dispatched_at: Date | null;
          finished_at: Date | null;
        }[]
      >`
        select id, name, payload->>'type' as type, state::text, attempts, last_error, created_at, dispatched_at, finished_at from outbox_jobs where payload::text like ${"%" + key + "%"} order by id`;
      return rows.map(
        (r) =>
          `outbox #${r.id} ${r.name}${r.type ? ` (${r.type})` : ""} ${r.state}, attempts ${r.attempts}, written ${rel(r.created_at)}, dispatched ${rel(r.dispatched_at)}, finished ${rel(r.finished_at)}${r.last_error ? `, last error: ${r.last_error.slice(0, 120)}` : ""}`,
      );
    };
    for (const id of mailIds.filter((id) => !inboundById.has(id) || inboundById.get(id)!.n > 1).slice(0, 5)) {
      const [d] = await sql<
        { id: string; status: string; attempts: number; note: string | null }[]
      >`select id, status::text, attempts, note from inbound_deliveries where channel_id = ${emailChannelId} and external_id = ${id}`;
      evidence.push(
        `mail <${id}> answered 250 at ${when(ackedMails.get(id)!.at)}: delivery ${d ? `${d.id} ${d.status}, attempts ${d.attempts}${d.note ? `, ${d.note}` : ""}` : "not stored"}, messages ${inboundById.get(id)?.n ?? 0}`,
      );
      if (d)
        for (const line of await outboxFor(d.id))
          if (line.includes("email.process_inbound")) evidence.push(`   ${line}`);
    }
    for (const r of replyRows
      .filter((r) => (sinkCount.get(stripBrackets(r.external_id ?? "")) ?? 0) !== 1)
      .slice(0, 5)) {
      const [mail] = await sql<
        { attempts: number; status: string; sent_at: Date | null }[]
      >`select attempts, status::text, sent_at from outbound_emails where message_id = ${r.id}`;
      const times = sinkAt.get(stripBrackets(r.external_id ?? "")) ?? [];
      evidence.push(
        `reply ${r.id} (Message-ID <${r.external_id}>) answered 201 at ${(ackedReplies.get(r.id)!.at / 1000).toFixed(1)} s, delivery ${r.delivery_status}: ` +
          `${times.length} at the sink${times.length ? ` (at ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(", ")})` : ""}; outbound_emails ${mail ? `${mail.status}, attempts ${mail.attempts}, sent ${rel(mail.sent_at)}` : "none"}`,
      );
      for (const line of await outboxFor(r.id)) if (line.includes("email.send_reply")) evidence.push(`   ${line}`);
    }
    for (const t of emailTickets.filter((t) => (ackDomainIds.get(t.id) ?? 0) !== 1).slice(0, 5)) {
      const ackId = [...sinkAt.keys()].find((id) => id.startsWith(`ack-${t.id}@`));
      const times = ackId ? sinkAt.get(ackId)! : [];
      evidence.push(
        `acknowledgement of ${t.id}: ${times.length} at the sink${times.length ? ` (at ${times.map((x) => `${(x / 1000).toFixed(1)} s`).join(", ")})` : ""}`,
      );
      for (const line of await outboxFor(t.id)) if (line.includes("acknowledg")) evidence.push(`   ${line}`);
    }
    for (const [id, m] of followUps
      .filter(([id, m]) => inboundById.get(id)?.ticket_id !== inboundById.get(m.parent!)?.ticket_id)
      .slice(0, 5)) {
      const lag = (x: string) => (inboundLagById.has(x) ? `${(inboundLagById.get(x)! / 1000).toFixed(1)} s` : "-");
      evidence.push(
        `follow-up <${id}> (250 at ${when(m.at)}, processed after ${lag(id)}) is on ${inboundById.get(id)?.ticket_id}, ` +
          `its parent <${m.parent}> (250 at ${when(ackedMails.get(m.parent!)!.at)}, processed after ${lag(m.parent!)}) on ${inboundById.get(m.parent!)?.ticket_id}`,
      );
    }
    for (const { key } of expectedPushes.filter((e) => !pushes.has(e.key)).slice(0, 5)) {
      const [kind, id] = key.split(":") as ["ticket" | "message", string];
      const [item] =
        kind === "ticket"
          ? await sql<
              { created_at: Date; channel: string }[]
            >`select t.created_at, c.kind::text as channel from tickets t join channels c on c.id = t.channel_id where t.id = ${id}`
          : await sql<
              { created_at: Date; channel: string }[]
            >`select m.created_at, c.kind::text as channel from messages m join channels c on c.id = m.channel_id where m.id = ${id}`;
      evidence.push(
        `no ${kind}.created push for ${id} (${item?.channel} ${kind}, committed at ${rel(item?.created_at ?? null)})`,
      );
      for (const line of await outboxFor(id)) if (line.includes(`(${kind}.created)`)) evidence.push(`   ${line}`);
    }
    for (const id of [...ackedChats.keys()].filter((id) => (chatById.get(id) ?? 0) !== 1).slice(0, 5)) {
      evidence.push(
        `chat message ${id} acknowledged (sent at ${(ackedChats.get(id)!.sentAt / 1000).toFixed(1)} s): ${chatById.get(id) ?? 0} stored`,
      );
    }
    if (evidence.length) {
      print(`   evidence (first 5 of each):`);
      for (const line of evidence) print(`     ${line}`);
    }
    for (const f of failedJobs) print(`   failed job ${f.name} x${f.n}: ${(f.last_error ?? "").slice(0, 160)}`);
    const alive = (child: ChildProcess) =>
      child.exitCode === null && child.signalCode === null
        ? "running"
        : `EXITED (${child.exitCode ?? child.signalCode})`;
    print(
      `   processes at the end: api ${alive(api.child)}, worker ${alive(worker)}${workerRestarts ? " (restarted once)" : ""}, redis ${alive(redis)}`,
    );

    // Warnings and errors the processes logged, grouped; a stack trace (indented lines, "}") belongs to the line above.
    const logFile = join(tmpdir(), `helpdesk-fault-bench-${fault}.log`);
    writeFileSync(logFile, logs.map((l) => `${(l.at / 1000).toFixed(3)} ${l.source}: ${l.line}`).join("\n"));
    const groups = new Map<string, { n: number; first: number; last: number; sample: string }>();
    let open: { source: string; group: { sample: string }; lines: number; first: boolean } | null = null;
    for (const entry of logs) {
      if (open && open.source === entry.source && /^(\s|\}|\])/.test(entry.line)) {
        if (open.first && open.lines++ < 4) open.group.sample += ` | ${entry.line.trim()}`;
        continue;
      }
      open = null;
      let key: string | null = null;
      try {
        const parsed = JSON.parse(entry.line) as { level?: string; message?: string };
        if (parsed.level === "warn" || parsed.level === "error")
          key = `${entry.source} ${parsed.level}: ${parsed.message}`;
      } catch {
        if (entry.line.trim()) key = `${entry.source}: ${entry.line.replace(/\d+/g, "N").slice(0, 110)}`;
      }
      if (!key) continue;
      const group = groups.get(key) ?? { n: 0, first: entry.at, last: entry.at, sample: entry.line };
      group.n++;
      group.last = entry.at;
      groups.set(key, group);
      open = { source: entry.source, group, lines: 0, first: group.n === 1 };
    }
    print(
      `   log lines (warn, error, not JSON) from the processes, grouped: ${groups.size ? "" : "none"} (all of it: ${logFile})`,
    );
    for (const [key, g] of [...groups].sort((a, b) => b[1].n - a[1].n).slice(0, 12)) {
      print(`     x${g.n} at ${(g.first / 1000).toFixed(1)}-${(g.last / 1000).toFixed(1)} s  ${key.slice(0, 140)}`);
      if (g.sample !== key.slice(key.indexOf(": ") + 2)) print(`        e.g. ${g.sample.slice(0, 300)}`);
    }
  } finally {
    await runCleanups();
  }
}

let failed = false;
for (const fault of scenarios) {
  try {
    await runScenario(fault);
  } catch (error) {
    failed = true;
    console.error(`scenario ${fault} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
  console.log();
}
if (failed) process.exitCode = 1;
