// Inbound e-mail on a whole server (HTTP + socket.io + SMTP listener + jobs) over the real Postgres:
// throughput from SMTP delivery to a stored, threaded message, and the time until the new ticket reaches an
// agent's inbox over socket.io. BENCH_MAILS (default 2000) mails; BENCH_REDIS=1 runs the jobs on BullMQ.
import { randomBytes } from "node:crypto";
import { startHelpdesk } from "@helpdesk/api/server";
import { loadConfig } from "@helpdesk/api/config";
import { createUser } from "@helpdesk/api/domain";
import { channels, inboundDeliveries } from "@helpdesk/db";
import { count, inArray } from "drizzle-orm";
import { createTransport } from "nodemailer";
import postgres from "postgres";
import { io } from "socket.io-client";
import { eventually } from "../support/eventually.ts";
import { apiClient, bodyOf } from "../support/http-client.ts";
import { databaseUrl, postgresAdminUrl, redisUrl } from "../support/services.ts";
import { percentile } from "./_statistics.ts";

const total = Number(process.env.BENCH_MAILS ?? 2000);
const latencySamples = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const concurrency = 8;

const name = `helpdesk_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const server = await startHelpdesk(
  loadConfig({
    DATABASE_URL: databaseUrl(name),
    PORT: "0",
    SMTP_PORT: "0",
    HOST: "127.0.0.1",
    SEED_DEMO_DATA: "false",
    ...(process.env.BENCH_REDIS
      ? { REDIS_URL: redisUrl, QUEUE_PREFIX: `bench-${randomBytes(3).toString("hex")}` }
      : {}),
  }),
  { logger: { info() {}, warn() {}, error: (m, f) => console.error(m, f) }, serveWeb: false },
);
try {
  const db = server.deps.db;
  await db.insert(channels).values({
    id: "chn_bench_email",
    kind: "email",
    name: "Bench",
    address: "support@bench.test",
    settings: { senderLimitPerHour: 100_000 },
  });
  await createUser(server.deps, {
    email: "agent@bench.test",
    name: "Agent",
    role: "admin",
    password: "bench-password",
  });
  const { token } = await bodyOf(
    apiClient(server.url).api.auth.login.$post({ json: { email: "agent@bench.test", password: "bench-password" } }),
    200,
  );
  const socket = io(server.url, { auth: { token }, transports: ["websocket"] });
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });

  const smtp = createTransport({
    host: "127.0.0.1",
    port: server.smtpPort!,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Infinity,
  });
  const mail = (i: number) => {
    // Every other mail answers the one before it, so threading by In-Reply-To is exercised too.
    const replyTo = i % 2 === 1 ? `<bench-${i - 1}@customer.test>` : undefined;
    return {
      from: `"Customer ${i % 300}" <customer${i % 300}@customer.test>`,
      to: "support@bench.test",
      subject: replyTo ? `Re: Order ${i - 1} is late` : `Order ${i} is late`,
      messageId: `<bench-${i}@customer.test>`,
      inReplyTo: replyTo,
      references: replyTo ? [replyTo] : undefined,
      text: `Hello,\n\nmy order ${i} has not arrived. Tracking says it left the warehouse a week ago.\n\nThanks`,
      html: `<p>Hello,</p><p>my order <b>${i}</b> has not arrived. Tracking says it left the warehouse a week ago.</p><p>Thanks</p>`,
    };
  };

  // 1. Latency: one mail at a time, from the start of the SMTP delivery to ticket.created on the agent's socket.
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples; i++) {
    const subject = `Latency probe ${i}`;
    const arrived = new Promise<number>((resolve) => {
      const onCreated = (event: { ticket: { subject: string } }) => {
        if (event.ticket.subject === subject) {
          socket.off("ticket.created", onCreated);
          resolve(performance.now());
        }
      };
      socket.on("ticket.created", onCreated);
    });
    const start = performance.now();
    await smtp.sendMail({
      from: `probe${i}@customer.test`,
      to: "support@bench.test",
      subject,
      text: "Where is my parcel?",
      messageId: `<probe-${i}@customer.test>`,
    });
    latencies.push((await arrived) - start);
  }
  console.log(
    `SMTP delivery -> ticket in the agent's inbox (socket.io), ${latencySamples} mails one at a time: ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );

  // 2. Throughput: `total` mails over `concurrency` SMTP connections, until every one is a stored, threaded message.
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await smtp.sendMail(mail(next++));
    }),
  );
  const accepted = performance.now();
  await eventually(async () => {
    const [row] = await db
      .select({ n: count() })
      .from(inboundDeliveries)
      .where(inArray(inboundDeliveries.status, ["processed", "failed", "ignored", "rate_limited"]));
    const finished = row?.n ?? 0;
    if (finished < total + latencySamples) throw new Error(`${finished} of ${total + latencySamples} mails processed`);
  }, 30 * 60_000);
  const done = performance.now();
  console.log(
    `inbound throughput, ${total} mails over ${concurrency} SMTP connections: ` +
      `${(total / ((accepted - started) / 1000)).toFixed(0)} mails/s accepted (stored raw), ` +
      `${(total / ((done - started) / 1000)).toFixed(0)} mails/s to a stored, threaded message (${((done - started) / 1000).toFixed(1)} s in all)`,
  );
  console.log(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  smtp.close();
  socket.close();
} finally {
  await server.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
