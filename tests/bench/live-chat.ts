// Live chat on a real server (Postgres at 127.0.0.1:5432, in-process jobs): 1,000 widget sockets connected at once,
// and the latency from a visitor's `message.send` to the agent's socket receiving `message.created`.
// Also the gzipped size of the widget bundle when it is built. Not a test: nothing here passes or fails, it measures.
// Each socket is a file descriptor on both ends: run with `ulimit -n` of at least 4096.
import { existsSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createUser, logIn, type WidgetAck, type WidgetMessage, type WidgetSession } from "@helpdesk/api/domain";
import { startHelpdesk } from "@helpdesk/api/server";
import postgres from "postgres";
import { io as connect, type Socket } from "socket.io-client";
import { eventually } from "../support/eventually.ts";
import { apiClient, bodyOf } from "../support/http-client.ts";
import { testServerConfig } from "../support/server-config.ts";
import { databaseUrl, postgresAdminUrl } from "../support/services.ts";
import { percentile } from "./_statistics.ts";

const visitorCount = Number(process.env.BENCH_VISITORS ?? 1000);
const pacedRate = Number(process.env.BENCH_CHAT_RATE ?? 25); // messages per second in the loaded phase
const origin = "https://shop.example";

const widgetBundle = fileURLToPath(new URL("../../web/build/widget/widget.js", import.meta.url));
if (existsSync(widgetBundle)) {
  const raw = readFileSync(widgetBundle);
  console.log(
    `widget bundle: ${(raw.length / 1024).toFixed(1)} KB, ${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzipped (web/build/widget/widget.js)`,
  );
} else {
  console.log("widget bundle not built");
}

const name = `helpdesk_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const silent = { info: () => {}, warn: () => {}, error: (m: string, f?: unknown) => console.error(m, f) };
// One machine plays 1,000 visitors from one address: the per-IP limit would otherwise be the thing measured.
const server = await startHelpdesk(testServerConfig({ DATABASE_URL: databaseUrl(name) }), {
  logger: silent,
  serveWeb: false,
  chatRateLimits: { perIp: 1_000_000 },
});
const sockets: Socket[] = [];
// Chats opened, and of those, the ones whose visitor the server has seen leave.
let chats = 0;
let left = 0;
try {
  await createUser(server.deps, {
    email: "bench@example.test",
    name: "Bench Agent",
    role: "admin",
    password: "bench-password",
  });
  const { token } = await logIn(server.deps, { email: "bench@example.test", password: "bench-password" });
  const channel = await bodyOf(
    apiClient(server.url, token).api.channels.$post({
      json: { kind: "web_chat", name: "Bench chat", settings: { allowedOrigins: [origin] } },
    }),
    201,
  );
  const channelId = channel.id;

  // The agent: one staff socket that sees every ticket.
  const agent = connect(server.url, {
    path: "/socket.io",
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
  });
  sockets.push(agent);
  await new Promise<void>((resolve, reject) => agent.on("connect", () => resolve()).on("connect_error", reject));
  const waiting = new Map<string, () => void>();
  const arrived = (text: string) => {
    const done = waiting.get(text);
    if (done) {
      waiting.delete(text);
      done();
    }
  };
  agent.on("message.created", (event: { message: { bodyText: string } }) => arrived(event.message.bodyText));
  agent.on("ticket.created", (event: { ticket: { preview: string; subject: string } }) => {
    chats++;
    arrived(event.ticket.subject);
  });
  agent.on("chat.visitor_presence", (event: { online: boolean }) => void (event.online || left++));
  const delivered = (text: string) => new Promise<void>((resolve) => waiting.set(text, resolve));

  // 1. Connect the visitors, 50 handshakes at a time.
  const visitors: Socket[] = [];
  const connectSamples: number[] = [];
  const connectStart = performance.now();
  for (let offset = 0; offset < visitorCount; offset += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, visitorCount - offset) }, async () => {
        const start = performance.now();
        const socket = connect(`${server.url}/widget`, {
          path: "/socket.io",
          auth: { channelId },
          transports: ["websocket"],
          reconnection: false,
          forceNew: true,
          extraHeaders: { origin },
        });
        sockets.push(socket);
        await new Promise<WidgetSession>((resolve, reject) =>
          socket.once("session", resolve).once("connect_error", reject),
        );
        connectSamples.push(performance.now() - start);
        visitors.push(socket);
      }),
    );
  }
  const connectSeconds = (performance.now() - connectStart) / 1000;
  console.log(
    `${visitors.length} widget sockets connected in ${connectSeconds.toFixed(1)} s: handshake to session p50 ${percentile(connectSamples, 50).toFixed(1)} ms, p99 ${percentile(connectSamples, 99).toFixed(1)} ms; server RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (server and clients share this process)`,
  );

  const send = (socket: Socket, clientId: string, text: string) =>
    new Promise<WidgetAck<WidgetMessage>>((resolve) => socket.emit("message.send", { clientId, text }, resolve));
  async function measured(socket: Socket, text: string): Promise<number> {
    const arrival = delivered(text);
    const start = performance.now();
    const ack = await send(socket, randomBytes(8).toString("hex"), text);
    if (!ack.ok) throw new Error(`message refused: ${ack.error.code}`);
    await arrival;
    return performance.now() - start;
  }

  // 2. Every visitor opens a conversation (a ticket each), 20 at a time; measured to ticket.created.
  const openSamples: number[] = [];
  for (let offset = 0; offset < visitors.length; offset += 20) {
    const batch = visitors.slice(offset, offset + 20);
    openSamples.push(
      ...(await Promise.all(batch.map((socket, i) => measured(socket, `Opening question ${offset + i}`)))),
    );
  }
  console.log(
    `first message (opens a ticket) -> agent ticket.created, 20 in flight: p50 ${percentile(openSamples, 50).toFixed(1)} ms, p99 ${percentile(openSamples, 99).toFixed(1)} ms`,
  );

  // 3. One message at a time from random visitors, all 1,000 connected: latency without queueing.
  const quietSamples: number[] = [];
  for (let i = 0; i < 300; i++)
    quietSamples.push(await measured(visitors[Math.floor(Math.random() * visitors.length)]!, `quiet ${i}`));
  console.log(
    `visitor message -> agent message.created, one at a time: p50 ${percentile(quietSamples, 50).toFixed(1)} ms, p99 ${percentile(quietSamples, 99).toFixed(1)} ms`,
  );

  // 4. Every visitor writes once, paced at BENCH_CHAT_RATE messages per second.
  const loadedSamples: number[] = [];
  const loadStart = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < visitors.length; i++) {
    const due = loadStart + (i * 1000) / pacedRate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(measured(visitors[i]!, `loaded ${i}`).then((ms) => void loadedSamples.push(ms)));
  }
  await Promise.all(inFlight);
  const achieved = visitors.length / ((performance.now() - loadStart) / 1000);
  console.log(
    `visitor message -> agent message.created, ${visitors.length} visitors at ${pacedRate}/s (achieved ${achieved.toFixed(0)}/s): p50 ${percentile(loadedSamples, 50).toFixed(1)} ms, p99 ${percentile(loadedSamples, 99).toFixed(1)} ms`,
  );
} finally {
  const [agent, ...visitors] = sockets;
  for (const socket of visitors) socket.disconnect();
  // The server's disconnect bookkeeping (visitor presence) reads the database: it is done once the agent has been
  // told of every chat that its visitor left. Only then does the database close.
  await eventually(() => {
    if (left < chats) throw new Error(`the server has seen ${left} of ${chats} visitors leave`);
  }, 30_000).catch((error: unknown) => console.error(String(error)));
  agent?.disconnect();
  await server.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
