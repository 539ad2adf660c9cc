import { broadcastPublisher, createRemoteChatPresence } from "@helpdesk/api/realtime";
import { createJobEventBus, createLiveChatSigner, createSecretBox, loadAppSecret, systemClock } from "@helpdesk/api/domain";
import { loadConfig } from "@helpdesk/api/config";
import { createChannelMailers, createMailer } from "@helpdesk/api/mail";
import { createDatabase } from "@helpdesk/db";
import { createPostgresSearchEngine } from "@helpdesk/knowledge-base";
import { createMeilisearchSearchEngine } from "@helpdesk/knowledge-base/search/meilisearch";
import { Emitter } from "@socket.io/redis-emitter";
import { connectRedis } from "@helpdesk/api/redis-client";
import { createBullmqQueue, startBullmqWorkers } from "./runner/bullmq.ts";
import { scheduleRecurringJobs } from "./schedules.ts";

/**
 * Workers as their own process, for scaling them apart from the API (`RUN_WORKERS=false` on the API).
 * Needs Redis (the queue) and a shared Postgres: embedded PGlite belongs to one process only.
 */
const config = loadConfig();
if (!config.REDIS_URL || !config.DATABASE_URL) {
  console.error("A standalone worker needs REDIS_URL and DATABASE_URL; without them the server runs jobs in-process.");
  process.exit(1);
}

const database = await createDatabase({ url: config.DATABASE_URL });
await database.migrate();
const logger = {
  info: (message: string, fields?: Record<string, unknown>) => console.log(JSON.stringify({ level: "info", message, ...fields })),
  warn: (message: string, fields?: Record<string, unknown>) => console.warn(JSON.stringify({ level: "warn", message, ...fields })),
};
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
const chatPresence = createRemoteChatPresence({ pub: connectRedis(config.REDIS_URL, logger, "presence-pub"), sub: connectRedis(config.REDIS_URL, logger, "presence-sub") });
const workers = startBullmqWorkers(
  { connection: redis, prefix: config.QUEUE_PREFIX, logger },
  {
    ...deps,
    realtime: broadcastPublisher(new Emitter(emitterRedis), { links }),
    search: config.MEILISEARCH_URL
      ? createMeilisearchSearchEngine(database.db, { url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_API_KEY })
      : createPostgresSearchEngine(database.db),
    chatPresence: chatPresence.presence,
    mailer: createMailer(config.SMTP_URL, { info: (message, fields) => console.log(JSON.stringify({ level: "info", message, ...fields })) }),
    channelMailer: createChannelMailers(),
    secrets: createSecretBox(appSecret),
  },
);
await jobs.start();
// Redis down at start: the relay re-creates the schedules once it is back.
await scheduleRecurringJobs(jobs, { imapPollSeconds: config.IMAP_POLL_SECONDS }).catch((error: unknown) =>
  console.warn(JSON.stringify({ level: "warn", message: "recurring jobs not scheduled yet", error: String(error) })),
);
console.log(JSON.stringify({ level: "info", message: "workers running", queues: workers.workers.map((w) => w.name) }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void (async () => {
      await workers.close();
      await chatPresence.close();
      await jobs.close();
      await Promise.all([redis.quit(), emitterRedis.quit()]);
      await database.close();
      process.exit(0);
    })();
  });
}
