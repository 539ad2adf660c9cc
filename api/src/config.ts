import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Environment, parsed once at start. Unset services fall back to embedded defaults. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** The address people use to reach the help desk (canonical links, sitemap, links in mail); default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Postgres; unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default("./data"),
  /** Redis for BullMQ and socket.io's adapter; unset: jobs run in-process. */
  REDIS_URL: z.url().optional(),
  /** Knowledge-base search on Meilisearch; unset: Postgres full-text search (also on PGlite). */
  MEILISEARCH_URL: z.url().optional(),
  MEILISEARCH_API_KEY: z.string().optional(),
  /** Outbound mail server, e.g. smtp://user:pass@mail.example.com:587; unset: mail is kept in the local outbox. */
  SMTP_URL: z.string().optional(),
  /** The built-in SMTP listener for inbound mail to the email channels' addresses (0: any free port). */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_LISTEN: flag.default(true),
  /** Shared secret for POST /webhooks/email (raw MIME from a relay); unset: the webhook is off. */
  EMAIL_WEBHOOK_SECRET: z.string().min(16, "Use a secret of at least 16 characters.").optional(),
  /** The largest inbound mail accepted, in bytes. */
  MAX_EMAIL_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  /** Seed demo data when the database has no users. */
  SEED_DEMO_DATA: flag.default(true),
  /** Run job workers in this process (default) or leave them to `npm run start:workers`. */
  RUN_WORKERS: flag.default(true),
  SECURE_COOKIES: flag.default(false),
  /** Behind a reverse proxy: take the client's address from the X-Forwarded-For it appends (per-IP chat limits). */
  TRUST_PROXY: flag.default(false),
  /**
   * Encrypts the credentials stored with channels (IMAP/SMTP passwords). Unset: one is generated on the first start
   * and kept in DATA_DIR/app-secret; set it (the same on every API and worker process) when they do not share DATA_DIR.
   */
  APP_SECRET: z.string().min(32, "Use a secret of at least 32 characters.").optional(),
  /** How often the IMAP mailboxes of email channels are polled for new mail. */
  IMAP_POLL_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 3600)
    .default(60),
  /**
   * How long a SIGTERM or SIGINT may take: requests, mails and jobs in flight finish within it, then the process
   * exits 0; past it, it logs what was still open and exits 1. Keep it under the orchestrator's own grace period
   * (Kubernetes: 30 s by default) so the process gets to say what held it up.
   */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(25),
  /** Key prefix for BullMQ, to share one Redis between installations or test runs. */
  QUEUE_PREFIX: z.string().default("helpdesk"),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
