import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Environment, parsed once at start. Unset services fall back to embedded defaults. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Postgres; unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default("./data"),
  /** Redis for BullMQ and socket.io's adapter; unset: jobs run in-process. */
  REDIS_URL: z.url().optional(),
  MEILISEARCH_URL: z.url().optional(),
  SMTP_URL: z.string().optional(),
  /** Seed demo data when the database has no users. */
  SEED_DEMO_DATA: flag.default(true),
  /** Run job workers in this process (default) or leave them to `npm run start:workers`. */
  RUN_WORKERS: flag.default(true),
  SECURE_COOKIES: flag.default(false),
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
