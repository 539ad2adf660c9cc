import { createDatabase } from "@helpdesk/db";
import { createPostgresSearchEngine } from "@helpdesk/knowledge-base";
import { createMeilisearchSearchEngine } from "@helpdesk/knowledge-base/search/meilisearch";
import { loadConfig } from "../config.ts";

/**
 * `npm run kb:reindex`: rebuilds the knowledge-base search index from the database, with the engine the
 * configuration selects (all Meilisearch documents, or Postgres' typo dictionary). On embedded PGlite run it
 * while the help desk is stopped (PGlite belongs to one process); a running server offers POST /api/kb/reindex.
 */
const config = loadConfig();
const database = await createDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: `${config.DATA_DIR}/pglite` });
await database.migrate();
const engine = config.MEILISEARCH_URL
  ? createMeilisearchSearchEngine(database.db, { url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_API_KEY })
  : createPostgresSearchEngine(database.db);
const started = performance.now();
await engine.reindexAll();
console.log(JSON.stringify({ level: "info", message: "knowledge base reindexed", engine: engine.kind, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
await database.close();
