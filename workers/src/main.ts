import {
  configuredPublicUrl,
  connectQueueRedis,
  connectRemoteRealtime,
  createBullmqJobQueue,
  createDomainDeps,
  createLogger,
  createMailers,
  createSearchEngine,
  loadSecrets,
  openDatabase,
  scheduleConfiguredJobs,
} from "@helpdesk/api/bootstrap";
import { loadConfig } from "@helpdesk/api/config";
import { startBullmqWorkers } from "@helpdesk/api/jobs";
import {
  closeBullmqWorkers,
  closeRedis,
  createShutdownTracker,
  exitOnSignals,
  withinDeadline,
} from "@helpdesk/api/shutdown";

/**
 * Workers as their own process, for scaling them apart from the API (`RUN_WORKERS=false` on the API).
 * Needs Redis (the queue) and a shared Postgres: embedded PGlite belongs to one process only.
 */
const logger = createLogger();

const config = loadConfig();
if (!config.REDIS_URL || !config.DATABASE_URL) {
  console.error("A standalone worker needs REDIS_URL and DATABASE_URL; without them the server runs jobs in-process.");
  process.exit(1);
}

const database = await openDatabase(config);
const redis = connectQueueRedis(config.REDIS_URL, logger);
const jobs = createBullmqJobQueue(config, database, redis, logger);
const deps = createDomainDeps(database, jobs);
// The API's key: APP_SECRET, or DATA_DIR/app-secret when this process shares the API's DATA_DIR.
const { secrets, signer } = await loadSecrets(config);
// Chat links the worker pushes must be absolute for the widget on other sites: set PUBLIC_URL.
const links = { signer, publicUrl: () => configuredPublicUrl(config) };
// No socket server here: events go out through socket.io's Redis emitter, presence is asked of the API instances.
const realtime = connectRemoteRealtime(config.REDIS_URL, logger, links);
const mailers = createMailers(config, logger);
const workers = startBullmqWorkers(
  { connection: redis, prefix: config.QUEUE_PREFIX, logger },
  {
    ...deps,
    realtime: realtime.publisher,
    search: createSearchEngine(config, database.db),
    chatPresence: realtime.chatPresence,
    mailer: mailers.mailer,
    channelMailer: mailers.channelMailer,
    secrets,
  },
);
await jobs.start();
await scheduleConfiguredJobs(jobs, config, logger);
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
        await shutdown.step("chat presence", () => realtime.closePresence());
        await shutdown.step("redis", () =>
          Promise.all([redis, ...realtime.connections].map((client) => closeRedis(client))),
        );
        mailers.close();
        await shutdown.step("database", () => database.close());
      })(),
      timeoutMs,
      shutdown.stillOpen,
    ),
});
