import { randomBytes } from "node:crypto";
import { createDatabase, type DatabaseHandle } from "@helpdesk/db";
import postgres from "postgres";
import { inject } from "vitest";
import { databaseUrl, postgresAdminUrl } from "./services.ts";

export interface TestDatabase {
  name: string;
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/** A fresh, migrated Postgres database for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // The creation time in the name lets global-setup tell a leftover from another run's fresh database.
  const name = `helpdesk_test_${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${inject("templateDatabase")}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const handle = await createDatabase({ url, maxConnections: 5 });
  return {
    name,
    url,
    handle,
    async drop() {
      await handle.close();
      const cleanup = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
