import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";
import { createUser } from "@helpdesk/api/domain";
import { outboxJobs, tickets } from "@helpdesk/db";
import { eq, like } from "drizzle-orm";
import { Redis } from "ioredis";
import nodemailer from "nodemailer";
import { io as connectSocket } from "socket.io-client";
import { afterAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { eventually } from "../support/eventually.ts";
import { freePort } from "../support/free-port.ts";
import { startMailCapture } from "../support/mail-capture.ts";
import {
  startServerProcess,
  startWorkerProcess,
  type ServerProcess,
  type WorkerProcess,
} from "../support/server-process.ts";

/**
 * SIGTERM as an orchestrator sends it, to the production entries `node dist/server.js` and `node dist/worker.js`
 * (built by the project's globalSetup): what was accepted is answered in full, nothing (keep-alive clients,
 * sockets, SMTP sessions, a Redis that is gone) keeps the process up, and it exits 0 within its deadline; past the
 * deadline it says what was still open and exits 1.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const admin = { email: "admin@shutdown.test", password: "shutdown-password-123" };

/** A database of the test's own with one admin, and a queue prefix no other test shares. */
async function freshEnvironment() {
  const database: TestDatabase = await createTestDatabase();
  cleanups.push(() => database.drop());
  await createUser({ db: database.handle.db }, { ...admin, name: "Shutdown Admin", role: "admin" });
  return { database, prefix: `shutdown-${randomBytes(4).toString("hex")}` };
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env, { compiled: true });
  cleanups.push(() => server.kill("SIGKILL"));
  return server;
}

/** A server with one request it has accepted and can never answer: its body never comes. */
async function serverWithStuckRequest(shutdownTimeoutSeconds: string) {
  const { database, prefix } = await freshEnvironment();
  const server = await startServer({
    DATABASE_URL: database.url,
    REDIS_URL: "redis://127.0.0.1:6379",
    QUEUE_PREFIX: prefix,
    SHUTDOWN_TIMEOUT_SECONDS: shutdownTimeoutSeconds,
  });
  const token = await signIn(server);
  const agent = new Agent({ keepAlive: true });
  cleanups.push(async () => agent.destroy());
  const stuck = postInTwoParts(server, "/api/tickets", token, { subject: "never", body: "never" }, agent);
  await stuck.accepted;
  return { server, stuck };
}

const portOf = (server: ServerProcess) => Number(new URL(server.url).port);

async function signIn(server: ServerProcess): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Sends SIGTERM and measures how long the process takes to end. */
async function terminate(proc: ServerProcess | WorkerProcess) {
  const started = performance.now();
  const exit = await proc.kill("SIGTERM");
  return { ...exit, seconds: (performance.now() - started) / 1000 };
}

/** The first JSON log line of the process with this message. */
function logged(proc: ServerProcess | WorkerProcess, message: string): Record<string, unknown> | undefined {
  for (const line of proc.log) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.message === message) return entry;
    } catch {
      // Not a log line of ours.
    }
  }
  return undefined;
}

/** Whether a new TCP connection to the port is refused (nobody listens). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, "127.0.0.1");
    probe.once("connect", () => {
      probe.destroy();
      resolve(false);
    });
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A POST whose headers go out now and whose body only when `send()` is called. With `Expect: 100-continue`
 * the server's "100 Continue" (`accepted`) proves it has parsed the request and is handling it: the request
 * is in flight, whatever the machine's speed.
 */
function postInTwoParts(server: ServerProcess, path: string, token: string, body: unknown, agent: Agent) {
  const payload = Buffer.from(JSON.stringify(body));
  const req = request({
    host: "127.0.0.1",
    port: portOf(server),
    method: "POST",
    path,
    agent,
    headers: {
      "content-type": "application/json",
      "content-length": payload.length,
      authorization: `Bearer ${token}`,
      expect: "100-continue",
    },
  });
  const accepted = new Promise<void>((resolve) => req.once("continue", () => resolve()));
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      // A connection cut mid-response ends in "aborted"/"error", never in "end".
      res.once("error", reject);
      res.once("aborted", () => reject(new Error("response aborted")));
      res.once("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
  });
  req.flushHeaders();
  return { accepted, answer, send: () => req.end(payload) };
}

describe("node dist/server.js on SIGTERM (Postgres, Redis)", () => {
  test("40 ticket POSTs in flight are each answered in full with Connection: close, then it exits 0", async () => {
    const { database, prefix } = await freshEnvironment();
    const server = await startServer({
      DATABASE_URL: database.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: prefix,
      SHUTDOWN_TIMEOUT_SECONDS: "20",
    });
    const token = await signIn(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    cleanups.push(async () => agent.destroy());
    const marker = `Shutdown ${randomBytes(4).toString("hex")}`;

    const posts = Array.from({ length: 40 }, (_, i) =>
      postInTwoParts(
        server,
        "/api/tickets",
        token,
        {
          subject: `${marker} #${i}`,
          body: "Sent while the server stops.",
          customer: { email: `c${i}-${marker.slice(9)}@customer.test`, name: `Customer ${i}` },
        },
        agent,
      ),
    );
    await Promise.all(posts.map((p) => p.accepted));
    const stopping = terminate(server);
    // The bodies arrive once the server has stopped listening.
    await eventually(async () => expect(await refusesConnections(portOf(server))).toBe(true), 10_000, 10);
    for (const post of posts) post.send();

    const answers = await Promise.allSettled(posts.map((p) => p.answer));
    const failures = answers
      .filter((a) => a.status === "rejected")
      .map((a) => String((a as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const done = answers.map((a) => (a as PromiseFulfilledResult<Answer>).value);
    expect(done.map((a) => a.status)).toEqual(Array(40).fill(201));
    for (const answer of done) {
      expect(answer.headers.connection).toBe("close");
      expect(JSON.parse(answer.body)).toMatchObject({ id: expect.stringMatching(/^tkt_/) });
    }

    const exit = await stopping;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.seconds).toBeLessThan(20);
    const stored = await database.handle.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(like(tickets.subject, `${marker} #%`));
    expect(stored).toHaveLength(40);
    expect(logged(server, "shut down")).toBeDefined();
  });

  test("a keep-alive client hammering it, an idle keep-alive connection, a socket.io client and an idle SMTP session do not keep it up", async () => {
    const { database, prefix } = await freshEnvironment();
    const server = await startServer({
      DATABASE_URL: database.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: prefix,
      SHUTDOWN_TIMEOUT_SECONDS: "20",
    });
    const token = await signIn(server);

    // A socket.io client (as the agents' web app): it must be told to reconnect, not that the server sent it away.
    const socket = connectSocket(server.url, { path: "/socket.io", auth: { token }, reconnectionDelay: 60_000 });
    cleanups.push(async () => socket.disconnect());
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const socketGone = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

    // An SMTP session between mails, as a sending server holding its connection open.
    const smtp: Socket = connect(server.smtpPort, "127.0.0.1");
    cleanups.push(async () => smtp.destroy());
    let smtpText = "";
    smtp.on("data", (chunk) => (smtpText += chunk.toString()));
    const smtpClosed = new Promise<void>((resolve) => smtp.once("close", () => resolve()));
    await eventually(async () => expect(smtpText).toMatch(/^220 /m), 10_000, 10);
    smtp.write("EHLO client.test\r\n");
    await eventually(async () => expect(smtpText).toMatch(/^250 /m), 10_000, 10);

    // A keep-alive connection that served one request and now idles.
    const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => idleAgent.destroy());
    const idle = await new Promise<{ closed: Promise<void> }>((resolve, reject) => {
      request({ host: "127.0.0.1", port: portOf(server), path: "/api/health", agent: idleAgent }, (res) => {
        const closed = new Promise<void>((r) => res.socket.once("close", () => r()));
        res.resume().once("end", () => resolve({ closed }));
      })
        .once("error", reject)
        .end();
    });

    // A client sending request after request on one kept-alive connection, until the server is gone.
    const loopAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(async () => loopAgent.destroy());
    const results: { status: number; connection?: string; complete: boolean; at: number }[] = [];
    const errors: string[] = [];
    let stop = false;
    const hammering = (async () => {
      while (!stop) {
        await new Promise<void>((resolve) => {
          request({ host: "127.0.0.1", port: portOf(server), path: "/api/health", agent: loopAgent }, (res) => {
            let complete = false;
            res.resume().once("end", () => (complete = true));
            res.once("close", () => {
              results.push({
                status: res.statusCode ?? 0,
                connection: res.headers.connection,
                complete,
                at: performance.now(),
              });
              resolve();
            });
          })
            .once("error", (error: NodeJS.ErrnoException) => {
              errors.push(error.code ?? error.message);
              // Refused: nobody listens any more; the loop is over.
              if (error.code === "ECONNREFUSED") stop = true;
              resolve();
            })
            .end();
        });
      }
    })();
    await eventually(async () => expect(results.length).toBeGreaterThan(5), 10_000, 10);

    const signalledAt = performance.now();
    const exit = await terminate(server);
    stop = true;
    await hammering;

    expect(exit).toMatchObject({ code: 0, signal: null });
    // Not 20 s (the deadline), nor the 53 s a keep-alive client held an instance before, nor the 5 s of
    // the server's keep-alive timeout for the idle connection.
    expect(exit.seconds).toBeLessThan(4);
    expect(results.every((r) => r.complete && r.status === 200)).toBe(true);
    const afterSignal = results.filter((r) => r.at > signalledAt);
    expect(afterSignal.length).toBeGreaterThan(0);
    expect(afterSignal.at(-1)?.connection).toBe("close");
    // Its next request on a new connection is refused (nobody listens): never a reset of one it had sent.
    expect(errors).toEqual(["ECONNREFUSED"]);

    // Closed by the server at once, not after its 5 s keep-alive timeout.
    await idle.closed;
    // Told to come back (socket.io reconnects by itself), not "io server disconnect", which it never retries.
    expect(await socketGone).toBe("transport close");
    expect(socket.active).toBe(true);
    await smtpClosed;
    expect(smtpText).toMatch(/^421 .*shutting down/im);
  });

  test("past SHUTDOWN_TIMEOUT_SECONDS it cuts what is left, logs what was still open, and exits 1", async () => {
    const { server, stuck } = await serverWithStuckRequest("2");
    const answered = stuck.answer.then(
      () => null,
      (error: unknown) => error,
    );

    const exit = await terminate(server);
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.seconds).toBeGreaterThanOrEqual(1.9);
    expect(exit.seconds).toBeLessThan(6);
    expect(logged(server, "shutdown deadline passed: exiting with work still open")).toMatchObject({
      stillOpen: ["http (1 requests in flight, 1 connections)"],
    });
    // Cut at the deadline, not answered.
    expect(await answered).toBeInstanceOf(Error);
  });

  test("a second signal exits at once", async () => {
    const { server, stuck } = await serverWithStuckRequest("20");
    stuck.answer.catch(() => {});

    const started = performance.now();
    server.child.kill("SIGTERM");
    await eventually(async () => expect(logged(server, "shutting down")).toBeDefined(), 10_000, 10);
    server.child.kill("SIGINT");
    expect(await server.exited).toMatchObject({ code: 1, signal: null });
    expect((performance.now() - started) / 1000).toBeLessThan(5);
    expect(logged(server, "second signal during shutdown: exiting now")).toBeDefined();
  });
});

/** A Redis of the test's own, that it can kill. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  cleanups.push(async () => child.kill("SIGKILL"));
  const client = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    retryStrategy: () => 100,
    maxRetriesPerRequest: null,
  });
  // Refused until redis-server is up.
  client.on("error", () => {});
  await eventually(async () => expect(await client.ping()).toBe("PONG"), 10_000);
  client.disconnect();
  return child;
}

describe("node dist/worker.js on SIGTERM", () => {
  test("finishes the job it is running (a mail to a slow mail server), then exits 0", async () => {
    const { database, prefix } = await freshEnvironment();
    const sink = await startMailCapture();
    cleanups.push(() => sink.close());
    sink.hold(2_000);
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      SHUTDOWN_TIMEOUT_SECONDS: "20",
    };
    // The API takes the mail in and relays its jobs; the worker runs them.
    const api = await startServer({ ...shared, RUN_WORKERS: "false" });
    const worker = await startWorkerProcess(shared, { compiled: true });
    cleanups.push(() => worker.kill("SIGKILL"));
    const token = await signIn(api);
    const channel = await fetch(`${api.url}/api/channels`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        kind: "email",
        name: "Support",
        address: "support@shutdown.test",
        settings: { acknowledgement: true },
      }),
    });
    expect(channel.status).toBe(201);

    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: api.smtpPort, ignoreTLS: true });
    const sent = await transport.sendMail({
      from: "jo@customer.test",
      to: "support@shutdown.test",
      subject: "Where is my order?",
      text: "Please help.",
    });
    transport.close();
    expect(sent.response).toMatch(/^250/);
    // The acknowledgement is at the mail server, which has not answered yet: the job is running.
    await eventually(async () => expect(sink.arrivedCount()).toBe(1), 30_000);
    expect(sink.received).toHaveLength(0);

    const exit = await terminate(worker);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(sink.received).toHaveLength(1);
    const [acknowledgement] = await database.handle.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.name, "email.send_acknowledgement"));
    expect(acknowledgement).toMatchObject({ state: "done" });
    expect(logged(worker, "shut down")).toBeDefined();
    await terminate(api);
  });

  test("with Redis gone, the worker and the server still exit within the deadline", async () => {
    const { database, prefix } = await freshEnvironment();
    const redisPort = await freePort();
    const redis = await startRedis(redisPort);
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: prefix,
      SHUTDOWN_TIMEOUT_SECONDS: "10",
    };
    const server = await startServer(shared);
    const worker = await startWorkerProcess(shared, { compiled: true });
    cleanups.push(() => worker.kill("SIGKILL"));

    redis.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 500));
    const [workerExit, serverExit] = await Promise.all([terminate(worker), terminate(server)]);
    // Exit 0: nothing waits for Redis. Not at once, necessarily: a relay caught handing rows to Redis as it went
    // away gives up after its 5 s Redis deadline (the rows stay in Postgres for later).
    for (const exit of [workerExit, serverExit]) {
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.seconds).toBeLessThan(10);
    }
  });
});
