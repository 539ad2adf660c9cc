import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { getRequestListener } from "@hono/node-server";
import { projectPath, users } from "@helpdesk/db";
import { startBullmqWorkers, type WorkerDeps } from "./jobs/index.ts";
import {
  configuredPublicUrl,
  connectQueueRedis,
  connectSharedKeys,
  createDomainDeps,
  createJobQueue,
  createLogger,
  createMailers,
  createSearchEngine,
  duplicateForRealtime,
  loadSecrets,
  openDatabase,
  scheduleConfiguredJobs,
} from "./bootstrap/index.ts";
import type { Config } from "./config.ts";
import type { Clock } from "./domain/clock.ts";
import { queuedSearchIndexing } from "./domain/knowledge-base/queued-search-indexing.ts";
import type { DomainDeps } from "./domain/deps.ts";
import type { Logger } from "./domain/logger.ts";
import { createApp } from "./http/app.ts";
import { createHealthCheck } from "./health/probes.ts";
import type { WidgetLinks } from "./domain/live-chat/widget-views.ts";
import { createChatPresence, createVisitorMessageNotifier } from "./realtime/chat-presence.ts";
import { createVisitorLock } from "./realtime/visitor-lock.ts";
import {
  createAttemptLimiter,
  portalLinkLimits,
  portalPasswordLimits,
  createChatRateLimiter,
  defaultChatRateLimits,
  type ChatRateLimits,
} from "./realtime/chat-rate-limit.ts";
import { broadcastPublisher } from "./realtime/rooms.ts";
import { attachRealtime } from "./realtime/server.ts";
import { seedDemoData } from "./seed/demo-data.ts";
import { seedHelpCentre } from "./seed/help-centre.ts";
import { startSmtpListener } from "./email/smtp-listener.ts";
import { closeBullmqWorkers, closeRedis, createShutdownTracker, drainHttpServer, withinDeadline } from "./shutdown.ts";

// From the repository root: the same file from the sources (tsx) and from the bundle in dist/.
const webHandlerPath = projectPath("web", "build", "handler.js");

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

async function loadWebHandler(logger: Logger): Promise<NodeHandler> {
  if (existsSync(webHandlerPath)) {
    const module = (await import(pathToFileURL(webHandlerPath).href)) as { handler: NodeHandler };
    return module.handler;
  }
  logger.warn("web app not built; serving the API only (run `npm run build:web`)");
  return (_req, res) => {
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
    res.end("The web app is not built. Run `npm run build:web`, or `npm start`, which builds it.");
  };
}

export interface HelpdeskServer {
  url: string;
  /** The inbound SMTP listener's port, when it runs. */
  smtpPort: number | null;
  deps: DomainDeps;
  /**
   * Graceful shutdown: stops accepting HTTP, socket.io and SMTP connections, lets accepted requests, mails and
   * jobs finish (new requests on kept-alive connections get `Connection: close`, idle ones are closed promptly;
   * sockets are told to reconnect, which the web app and the widget do, to another instance), then closes Redis
   * and the database. With timeoutMs it rejects with a ShutdownTimeoutError naming what was still open once that
   * has passed, after cutting the remaining connections.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * The composition root: builds the database, queue, event bus, HTTP app, realtime and workers from
 * configuration, and serves web + API + socket.io on one port.
 */
export async function startHelpdesk(
  config: Config,
  options: {
    logger?: Logger;
    clock?: Clock;
    serveWeb?: boolean;
    chatRateLimits?: Partial<ChatRateLimits>;
    /** How often chat channels with business hours re-check availability (tests shorten it). */
    chatAvailabilityCheckMs?: number;
  } = {},
): Promise<HelpdeskServer> {
  const logger = options.logger ?? createLogger();

  const database = await openDatabase(config);
  const redis = config.REDIS_URL ? connectQueueRedis(config.REDIS_URL, logger) : null;
  // With Redis the relay hands the outbox's rows to BullMQ, without it it runs them in this process.
  const jobs = createJobQueue(config, database, redis, logger);
  const deps = createDomainDeps(database, jobs, options.clock);
  const search = createSearchEngine(config, database.db);
  const { secrets, signer } = await loadSecrets(config);
  // Links in chat messages must be absolute (the widget runs on other sites): PUBLIC_URL, else this server's URL once listening.
  let publicUrl = configuredPublicUrl(config);
  const links: WidgetLinks = { signer, publicUrl: () => publicUrl };
  const chatPresence = createChatPresence();
  const chatNotifier = createVisitorMessageNotifier();
  const sharedKeys = connectSharedKeys(config, logger);
  const visitorLock = createVisitorLock(sharedKeys, {
    onTimeout: (visitorId) => logger.warn("chat visitor lock not acquired in time; sending anyway", { visitorId }),
  });
  const chatRateLimiter = createChatRateLimiter({ ...defaultChatRateLimits, ...options.chatRateLimits }, sharedKeys);

  if (config.SEED_DEMO_DATA) {
    const [anyUser] = await database.db.select({ id: users.id }).from(users).limit(1);
    if (!anyUser) {
      const seeded = await seedDemoData(deps);
      logger.info("seeded demo data", seeded);
      // Not when another instance seeded first: the help centre came with its demo.
      if (!("skipped" in seeded)) {
        // The help centre is a separate step: failing it must not stop the help desk from starting.
        await seedHelpCentre(deps, search).then(
          (result) => logger.info("seeded the demo help centre", result),
          (error: unknown) => logger.error("could not seed the demo help centre", { error: String(error) }),
        );
      }
    }
  }

  const app = createApp(
    {
      ...deps,
      secrets,
      // Use cases enqueue index updates; the workers below apply them with the real engine.
      search: queuedSearchIndexing(search, jobs),
      liveChat: { links, presence: chatPresence, rateLimiter: chatRateLimiter, notifier: chatNotifier, visitorLock },
      secureCookies: config.SECURE_COOKIES,
      // PUBLIC_URL, or this server's own address once it listens: links in mail never come from a Host header.
      publicUrl: () => publicUrl,
      trustProxy: config.TRUST_PROXY,
      portalPasswordLimiter: createAttemptLimiter("portal-password", portalPasswordLimits, sharedKeys),
      portalLinkLimiter: createAttemptLimiter("portal-link", portalLinkLimits, sharedKeys),
      emailWebhookSecret: config.EMAIL_WEBHOOK_SECRET,
      maxEmailBytes: config.MAX_EMAIL_BYTES,
      health: createHealthCheck({
        db: database.db,
        redis,
        modes: {
          database: database.mode,
          queue: jobs.mode,
          search: search.kind,
          realtime: redis ? "redis-adapter" : "in-memory",
        },
      }),
    },
    { error: (m, f) => logger.error(m, f) },
  );
  const apiListener = getRequestListener(app.fetch);
  // adapter-node builds absolute URLs (canonical links, the sitemap) from ORIGIN, and assumes https without it.
  process.env.ORIGIN ??= config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const webHandler = options.serveWeb === false ? null : await loadWebHandler(logger);

  const httpServer = createServer((req, res) => {
    const path = req.url ?? "/";
    const isWidget = /^\/widget\.js(\.map)?(\?|$)/.test(path);
    if (path === "/api" || path.startsWith("/api/") || path.startsWith("/webhooks/") || isWidget || !webHandler) {
      void apiListener(req, res);
      return;
    }
    webHandler(req, res, () => {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    });
  });

  const realtimeRedis = redis ? duplicateForRealtime(redis, logger) : undefined;
  const io = attachRealtime(httpServer, deps, {
    redis: realtimeRedis,
    liveChat: {
      links,
      secrets,
      presence: chatPresence,
      rateLimiter: chatRateLimiter,
      visitorLock,
      logger,
      trustProxy: config.TRUST_PROXY,
      availabilityCheckMs: options.chatAvailabilityCheckMs,
    },
  });
  chatNotifier.bind(io);
  const mailers = createMailers(config, logger);
  const { mailer, channelMailer } = mailers;
  const workerDeps: WorkerDeps = {
    ...deps,
    search,
    realtime: broadcastPublisher(io, { links }),
    mailer,
    secrets,
    channelMailer,
    chatPresence,
  };

  let stopWorkers = async () => {};
  if (jobs.mode === "in-process") {
    await jobs.start(workerDeps);
    await scheduleConfiguredJobs(jobs, config, logger);
  } else {
    // Every instance relays its outbox rows to Redis, workers or not.
    await jobs.start();
    if (config.RUN_WORKERS && redis) {
      const running = startBullmqWorkers({ connection: redis, prefix: config.QUEUE_PREFIX, logger }, workerDeps);
      stopWorkers = () => closeBullmqWorkers(running.workers, redis);
      await scheduleConfiguredJobs(jobs, config, logger);
    }
  }

  // After socket.io, which takes over the "request" listeners: this one then runs first, for every request.
  const http = drainHttpServer(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  publicUrl ||= url;
  const smtp = config.SMTP_LISTEN
    ? await startSmtpListener(deps, {
        host: config.HOST,
        port: config.SMTP_PORT,
        maxMessageBytes: config.MAX_EMAIL_BYTES,
        logger,
      })
    : null;
  logger.info("help desk listening", {
    url,
    database: database.mode,
    queue: jobs.mode,
    mail: mailer.mode,
    smtpPort: smtp?.port ?? null,
  });

  let closing: Promise<void> | null = null;
  async function closeGracefully(timeoutMs: number | undefined) {
    const shutdown = createShutdownTracker();
    const work = (async () => {
      // First, as io.close() would close the listener at once, resetting the connections waiting in its backlog.
      await http.stopListening();
      // Every socket is disconnected and its transport closed now ("transport close": socket.io clients reconnect by
      // themselves, to another instance); what io.close() then waits for is the HTTP server, the "http" step.
      const ioClosed = io
        .close()
        .catch((error: unknown) => logger.warn("socket.io did not close cleanly", { error: String(error) }));
      // In parallel: finishing what was taken in (requests, mails, jobs). Rows that requests still write to the
      // outbox wait there for another instance's relay or the next start.
      await Promise.all([
        shutdown.step("http", () => http.close(), http.describe),
        // Mails being received get most of the deadline; the rest of it is for closing down.
        shutdown.step(
          "smtp",
          () => smtp?.close({ graceMs: timeoutMs === undefined ? undefined : timeoutMs * 0.8 }),
          () => `${smtp?.sessions() ?? 0} sessions`,
        ),
        // BullMQ's worker.close() and the in-process runner's close() wait for the jobs they are running.
        (async () => {
          await shutdown.step("job workers", () => stopWorkers());
          await shutdown.step("outbox relay and queues", () => jobs.close());
        })(),
      ]);
      await ioClosed;
      await shutdown.step("redis", () =>
        Promise.all(
          [redis, sharedKeys?.client, realtimeRedis?.pub, realtimeRedis?.sub].map(
            (client) => client && closeRedis(client),
          ),
        ),
      );
      mailers.close();
      await shutdown.step("database", () => database.close());
    })();
    await withinDeadline(work, timeoutMs, shutdown.stillOpen, () => http.forceClose());
  }

  return {
    url,
    deps,
    smtpPort: smtp?.port ?? null,
    close(options = {}) {
      closing ??= closeGracefully(options.timeoutMs);
      return closing;
    },
  };
}
