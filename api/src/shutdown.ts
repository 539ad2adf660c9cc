import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Redis } from "ioredis";
import type { Logger } from "./domain/logger.ts";

/**
 * Graceful shutdown, shared by the server (api/src/main.ts, startHelpdesk's close) and the standalone worker
 * (workers/src/main.ts): stop taking work in, finish what was accepted, close the connections, exit 0; or, once
 * the deadline passes, say what was still open and exit 1 (the orchestrator's SIGKILL would come next anyway).
 */

/** The shutdown ran out of time; `stillOpen` names the parts that had not finished closing. */
export class ShutdownTimeoutError extends Error {
  constructor(
    readonly stillOpen: string[],
    readonly timeoutMs: number,
  ) {
    super(`Shutdown did not finish within ${timeoutMs} ms; still open: ${stillOpen.join(", ") || "(nothing tracked)"}`);
    this.name = "ShutdownTimeoutError";
  }
}

/** Names the parts of a shutdown still running, so one that runs out of time can say what held it up. */
export function createShutdownTracker() {
  const open = new Map<symbol, { name: string; detail?: () => string }>();
  return {
    /** Runs one named part; while it runs, it is listed by stillOpen() (with `detail()`, e.g. a count, if given). */
    async step<T>(name: string, work: () => Promise<T> | T, detail?: () => string): Promise<T> {
      const key = Symbol(name);
      open.set(key, { name, detail });
      try {
        return await work();
      } finally {
        open.delete(key);
      }
    },
    stillOpen(): string[] {
      return [...open.values()].map(({ name, detail }) => (detail ? `${name} (${detail()})` : name));
    },
  };
}

/**
 * Resolves as `work` does, or, after timeoutMs (none: no deadline), runs onTimeout and rejects with a
 * ShutdownTimeoutError naming what was still open. Work still running then is left to the process's exit.
 */
export function withinDeadline(
  work: Promise<unknown>,
  timeoutMs: number | undefined,
  stillOpen: () => string[],
  onTimeout?: () => void,
): Promise<void> {
  if (timeoutMs === undefined) return work.then(() => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const open = stillOpen();
      onTimeout?.();
      reject(new ShutdownTimeoutError(open, timeoutMs));
    }, timeoutMs);
  });
  return Promise.race([work.then(() => {}), deadline]).finally(() => clearTimeout(timer));
}

/**
 * SIGTERM or SIGINT runs `close` once and exits 0 when it resolves, 1 when it fails or its deadline passes.
 * A second signal exits 1 at once (someone at a terminal pressing Ctrl-C twice). `close` is expected to keep
 * its own deadline (timeoutMs); a backstop a little later exits anyway should it not.
 */
export function exitOnSignals(options: {
  timeoutMs: number;
  logger: Logger;
  close: () => Promise<void>;
  /** What is still open, for the line logged when a second signal cuts the shutdown short. */
  stillOpen?: () => string[];
}): void {
  const exit = (code: number) => process.exit(code);
  const { logger, timeoutMs } = options;
  let startedAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (startedAt !== null) {
      logger.warn("second signal during shutdown: exiting now", { signal, stillOpen: options.stillOpen?.() ?? [] });
      exit(1);
      return;
    }
    startedAt = performance.now();
    const elapsedMs = () => Math.round(performance.now() - startedAt!);
    logger.info("shutting down", { signal, timeoutSeconds: timeoutMs / 1000 });
    const backstop = setTimeout(() => {
      logger.error("shutdown did not settle after its deadline: exiting", {
        elapsedMs: elapsedMs(),
        stillOpen: options.stillOpen?.() ?? [],
      });
      exit(1);
    }, timeoutMs + 2_000);
    backstop.unref();
    options.close().then(
      () => {
        logger.info("shut down", { elapsedMs: elapsedMs() });
        exit(0);
      },
      (error: unknown) => {
        if (error instanceof ShutdownTimeoutError) {
          logger.error("shutdown deadline passed: exiting with work still open", {
            timeoutSeconds: timeoutMs / 1000,
            stillOpen: error.stillOpen,
          });
        } else {
          logger.error("shutdown failed", {
            elapsedMs: elapsedMs(),
            error: error instanceof Error ? error.stack : String(error),
          });
        }
        exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/**
 * How long a kept-alive connection must have had no request in progress before a draining server closes it. Not
 * zero: a client that just got a response may already have sent its next request, unread yet by a busy event
 * loop, and closing the connection then resets that request (measured with Node's closeIdleConnections() at
 * SIGTERM, 40 keep-alive clients on Postgres: 2 or 3 reset requests per shutdown; none this way). Given a moment,
 * such a request is read and answered, with `Connection: close`.
 */
const idleGraceMs = 250;
const sweepEveryMs = 50;

/** One turn of the event loop, its I/O phase included: what arrived meanwhile has been read (and parsed). */
const afterIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * An HTTP server that can be drained: close() stops accepting connections, answers every request in flight or
 * arriving on a kept-alive connection with `Connection: close`, and closes kept-alive connections once idle, so
 * no client can keep the process serving; it resolves once the last connection ended. Register it after
 * everything that adds "request" listeners is attached (socket.io), so it runs first.
 */
export function drainHttpServer(server: HttpServer) {
  let draining = false;
  const inflight = new Set<ServerResponse>();
  // Every TCP connection, upgraded ones (socket.io's WebSockets, which socket.io closes) included.
  const connections = new Map<Socket, { active: number; idleSince: number; upgraded: boolean }>();
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: performance.now(), upgraded: false });
    socket.once("close", () => connections.delete(socket));
  });
  server.on("upgrade", (req: IncomingMessage) => {
    const connection = connections.get(req.socket);
    if (connection) connection.upgraded = true;
  });
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    inflight.add(res);
    const connection = connections.get(req.socket);
    if (connection) connection.active += 1;
    if (draining) res.setHeader("connection", "close");
    // "close" also when the client went away before the response was done.
    res.once("close", () => {
      inflight.delete(res);
      if (connection && --connection.active === 0) connection.idleSince = performance.now();
    });
  });

  // Node's server.close() closes the idle connections there and then (so does socket.io's io.close(), through it):
  // on this server the sweep below closes them, idle for idleGraceMs and still idle after an I/O phase (a timer
  // can run right after the loop was blocked, before what arrived meanwhile is read).
  const isIdle = (connection: { active: number; idleSince: number; upgraded: boolean }, now: number) =>
    !connection.upgraded && connection.active === 0 && now - connection.idleSince >= idleGraceMs;
  const sweep = () => {
    const candidates = [...connections].filter(([, connection]) => isIdle(connection, performance.now()));
    if (candidates.length === 0) return;
    void afterIo().then(() => {
      const now = performance.now();
      for (const [socket, connection] of candidates) if (isIdle(connection, now)) socket.destroy();
    });
  };
  server.closeIdleConnections = () => {};
  let sweeper: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | null = null;
  let closed: Promise<void> = Promise.resolve();

  return {
    /** Requests accepted and not yet answered (or aborted). */
    inflight: () => inflight.size,
    /** What still holds the server open, for the shutdown's report. */
    describe: () => `${inflight.size} requests in flight, ${connections.size} connections`,
    /**
     * Stops listening, and from then on every response ends its connection ("Connection: close"; Node closes it
     * once sent). The listener closes after an I/O phase, in which connections already waiting in its backlog are
     * accepted (closing it resets them); responses carry the header only once it is closed, so that no client
     * reconnects into the backlog meanwhile. Resolves once it has stopped listening.
     */
    stopListening(): Promise<void> {
      stopped ??= afterIo().then(() => {
        closed = new Promise<void>((resolve) => server.close(() => resolve()));
        draining = true;
        for (const res of inflight) if (!res.headersSent) res.setHeader("connection", "close");
      });
      return stopped;
    },
    /** Stops listening; resolves once the last connection has ended. */
    async close(): Promise<void> {
      await this.stopListening();
      sweeper = setInterval(sweep, sweepEveryMs);
      await closed;
      clearInterval(sweeper);
    },
    /** At the deadline: cut whatever is left. */
    forceClose() {
      clearInterval(sweeper);
      server.closeAllConnections();
    },
  };
}

/**
 * Closes BullMQ workers: waiting for the jobs they run when Redis answers; at once when it does not, since the
 * wait would then be for ever (a finished job is recorded in Redis, and so is the QUIT of the worker's own
 * connection). Jobs left running are BullMQ's stalled jobs, run again by a worker (they are idempotent, and the
 * outbox row says whether one finished).
 */
export async function closeBullmqWorkers(
  workers: { close(force?: boolean): Promise<void> }[],
  connection: Redis,
): Promise<void> {
  const force = connection.status !== "ready";
  await Promise.all(workers.map((worker) => worker.close(force)));
}

/**
 * QUIT when Redis answers; otherwise (down, reconnecting) drop the connection: a QUIT would wait for a Redis that
 * is not there, with BullMQ's `maxRetriesPerRequest: null` for ever.
 */
export async function closeRedis(client: Redis, timeoutMs = 2_000): Promise<void> {
  if (client.status === "end") return;
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const quit = client.quit().then(() => {});
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([quit.catch(() => {}), late]).finally(() => clearTimeout(timer));
  // The QUIT went unanswered (Redis went away meanwhile): drop the connection rather than wait on.
  if ((client.status as string) !== "end") client.disconnect();
}
