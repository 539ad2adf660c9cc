import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { projectPath } from "./project-root.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The one database type the domain sees, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseOptions =
  | {
      url: string;
      maxConnections?: number;
      /** Give up opening a connection after this long (postgres.js waits 30 s by default). */
      connectTimeoutSeconds?: number;
    }
  /** Embedded Postgres; `memory://` keeps it in memory (tests). */
  | { dataDir: string };

export interface DatabaseHandle {
  db: Database;
  mode: "postgres" | "pglite";
  /**
   * LISTEN on a channel: `onNotify` runs for each NOTIFY committed on it. Postgres re-listens by itself after a
   * lost connection (postgres.js); callers poll as well, since a notification sent while disconnected is gone.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** db/migrations, from the sources or from the bundles in dist/ alike. */
export const migrationsFolder = projectPath("db", "migrations");

// An arbitrary constant: several API instances starting together must not migrate at once.
const migrationLockKey = 720_431_118;

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ("url" in options) {
    // postgres.js 3.4.9 is patched at install (scripts/patch-postgres-js.mjs): a connection dropped in the
    // middle of a transaction would otherwise crash the process with an uncaught TypeError.
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // A request waits for a connection at most this long, then fails with CONNECT_TIMEOUT (503 in the API)
      // rather than hanging for the driver's default 30 s.
      connect_timeout: options.connectTimeoutSeconds ?? 5,
      // Seconds before reconnecting after a failed attempt. The driver's default grows to 20 s after a few
      // failures, and every query waits that long before it even tries: after an outage, the help desk would
      // keep failing for up to 20 s after Postgres is back. Capped at 1 s (10 connections at most per instance).
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      mode: "postgres",
      async migrate() {
        // A dedicated connection holds the advisory lock for the whole migration.
        const lockClient = postgres(options.url, { max: 1, onnotice: () => {} });
        try {
          await lockClient`select pg_advisory_lock(${migrationLockKey})`;
          await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
          await lockClient`select pg_advisory_unlock(${migrationLockKey})`;
        } finally {
          await lockClient.end();
        }
      },
      async listen(channel, onNotify) {
        const subscription = await client.listen(channel, () => onNotify());
        return () => subscription.unlisten();
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  if (!options.dataDir.startsWith("memory://")) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    mode: "pglite",
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async listen(channel, onNotify) {
      const unsubscribe = await client.listen(channel, () => onNotify());
      return () => unsubscribe();
    },
    close: () => client.close(),
  };
}

/** Cheap liveness probe for /api/health. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
