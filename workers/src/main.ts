import { broadcastPublisher, createRemoteChatPresence } from "@helpdesk/api/realtime";
import { createJobEventBus, createLiveChatSigner, createSecretBox, loadAppSecret, systemClock } from "@helpdesk/api/domain";
import { loadConfig } from "@helpdesk/api/config";
import { createChannelMailers, createMailer } from "@helpdesk/api/mail";
import { closeBullmqWorkers, closeRedis, createShutdownTracker, exitOnSignals, withinDeadline } from "@helpdesk/api/shutdown";
import { createDatabase } from "@helpdesk/db";
import { createPostgresSearchEngine } from "@helpdesk/knowledge-base";
import { createMeilisearchSearchEngine } from "@helpdesk/knowledge-base/search/meilisearch";
import { Emitter } from "@socket.io/redis-emitter";
import { connectRedis } from "@helpdesk/api/redis-client";
import { createBullmqQueue, scheduleRecurringJobs, startBullmqWorkers } from "@helpdesk/api/jobs";

/**
 * Workers as their own process, for scaling them apart from the API (`RUN_WORKERS=false` on the API).
 * Needs Redis (the queue) and a shared Postgres: embedded PGlite belongs to one process only.
 */
const log = (level: "info" | "warn" | "error") => (message: string, fields?: Record<string, unknown>) =>
  (level === "info" ? console.log : console.error)(JSON.stringify({ level, message, ...fields }));
const logger = { info: log("info"), warn: log("warn"), error: log("error") };

const config = loadConfig();
if (!config.REDIS_URL || !config.DATABASE_URL) {
  console.error("A standalone worker needs REDIS_URL and DATABASE_URL; without them the server runs jobs in-process.");
  process.exit(1);
}

const database = await createDatabase({ url: config.DATABASE_URL });
await database.migrate();
const redis = connectRedis(config.REDIS_URL, logger, "queue", { maxRetriesPerRequest: null });
const jobs = createBullmqQueue({ connection: redis, prefix: config.QUEUE_PREFIX, db: database.db, relay: { listen: database.listen } });
// The emitter publishes through the socket.io Redis adapter's channels: every API instance delivers.
const emitterRedis = connectRedis(config.REDIS_URL, logger, "realtime-emitter");
const deps = { db: database.db, jobs, events: createJobEventBus(jobs), clock: systemClock };
// The API's key: APP_SECRET, or DATA_DIR/app-secret when this process shares the API's DATA_DIR.
const appSecret = await loadAppSecret({ appSecret: config.APP_SECRET, dataDir: config.DATA_DIR });
// Chat links the worker pushes must be absolute for the widget on other sites: set PUBLIC_URL.
const links = { signer: createLiveChatSigner(appSecret), publicUrl: () => config.PUBLIC_URL?.replace(/\/$/, "") ?? "" };
// Whether a chat visitor is still connected, asked of the API instances through the socket.io Redis adapter.
const presenceRedis = { pub: connectRedis(config.REDIS_URL, logger, "presence-pub"), sub: connectRedis(config.REDIS_URL, logger, "presence-sub") };
const chatPresence = createRemoteChatPresence(presenceRedis);
const mailer = createMailer(config.SMTP_URL, logger);
const channelMailer = createChannelMailers();
const workers = startBullmqWorkers(
  { connection: redis, prefix: config.QUEUE_PREFIX, logger },
  {
    ...deps,
    realtime: broadcastPublisher(new Emitter(emitterRedis), { links }),
    search: config.MEILISEARCH_URL
      ? createMeilisearchSearchEngine(database.db, { url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_API_KEY })
      : createPostgresSearchEngine(database.db),
    chatPresence: chatPresence.presence,
    mailer,
    channelMailer,
    secrets: createSecretBox(appSecret),
  },
);
await jobs.start();
// Redis down at start: the relay re-creates the schedules once it is back.
await scheduleRecurringJobs(jobs, { imapPollSeconds: config.IMAP_POLL_SECONDS }).catch((error: unknown) =>
  logger.warn("recurring jobs not scheduled yet", { error: String(error) }),
);
logger.info("workers running", { queues: workers.workers.map((w) => w.name) });

// SIGTERM: take no new jobs, let the running ones finish (BullMQ's worker.close() waits for them), then close
// Redis and the database. A Redis that is down is not waited for.
const shutdown = createShutdownTracker();
const timeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
exitOnSignals({
  timeoutMs,
  logger,
  stillOpen: shutdown.stillOpen,
  close: () =>
    withinDeadline(
      (async () => {
        await shutdown.step("bullmq workers", () => closeBullmqWorkers(workers.workers, redis));
        await shutdown.step("outbox relay and queues", () => jobs.close());
        await shutdown.step("chat presence", () => chatPresence.close());
        await shutdown.step("redis", () => Promise.all([redis, emitterRedis, presenceRedis.pub, presenceRedis.sub].map((client) => closeRedis(client))));
        mailer.close?.();
        channelMailer.closeAll();
        await shutdown.step("database", () => database.close());
      })(),
      timeoutMs,
      shutdown.stillOpen,
    ),
});
