import { createDatabase, type DatabaseHandle } from "@helpdesk/db";
import type { Config } from "../config.ts";

/** Postgres at DATABASE_URL, or embedded PGlite in DATA_DIR/pglite; migrated (advisory-locked) before it is used. */
export async function openDatabase(config: Pick<Config, "DATABASE_URL" | "DATA_DIR">): Promise<DatabaseHandle> {
  const database = await createDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: `${config.DATA_DIR}/pglite` },
  );
  await database.migrate();
  return database;
}
