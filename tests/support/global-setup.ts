import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, migrationsFolder } from "@helpdesk/db";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { databaseUrl, postgresAdminUrl } from "./services.ts";

/**
 * Migrates a template database once per migration set. Test files clone it with
 * CREATE DATABASE ... TEMPLATE, which takes milliseconds instead of re-running migrations.
 */
export default async function setup(project: TestProject) {
  const hash = createHash("sha256");
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    hash.update(readFileSync(join(migrationsFolder, file)));
  }
  // Named by checkout as well: two clones testing side by side on one Postgres keep their own templates.
  const checkout = createHash("sha256").update(migrationsFolder).digest("hex").slice(0, 6);
  const template = `helpdesk_tpl_${checkout}_${hash.digest("hex").slice(0, 12)}`;
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!existing) {
      // Old templates of this checkout's earlier migration sets are dead weight.
      const stale = await admin`select datname from pg_database where datname like ${`helpdesk_tpl_${checkout}_%`}`;
      for (const row of stale) await admin.unsafe(`drop database if exists "${row.datname}"`);
      await admin.unsafe(`create database "${template}"`);
      const handle = await createDatabase({ url: databaseUrl(template), maxConnections: 1 });
      await handle.migrate();
      await handle.close();
    }
    // Databases left behind by an interrupted earlier run: unused, and named more than a day ago (a run in
    // another checkout may have just created one and not connected yet).
    const leftovers = await admin`select datname from pg_database where datname like 'helpdesk_test_%'
      and not exists (select 1 from pg_stat_activity a where a.datname = pg_database.datname)`;
    const dayAgo = Math.floor(Date.now() / 1000) - 24 * 3600;
    for (const row of leftovers) {
      const createdAt = Number(/^helpdesk_test_(\d+)_/.exec(row.datname as string)?.[1] ?? 0);
      if (createdAt < dayAgo) await admin.unsafe(`drop database if exists "${row.datname}"`);
    }
  } finally {
    await admin.end();
  }
  project.provide("templateDatabase", template);
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
