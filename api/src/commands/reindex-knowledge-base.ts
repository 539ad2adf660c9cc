import { createLogger, createSearchEngine, openDatabase } from "../bootstrap/index.ts";
import { loadConfig } from "../config.ts";

/**
 * `npm run kb:reindex`: rebuilds the knowledge-base search index from the database, with the engine the
 * configuration selects (all Meilisearch documents, or Postgres' typo dictionary). On embedded PGlite run it
 * while the help desk is stopped (PGlite belongs to one process); a running server offers POST /api/kb/reindex.
 */
const config = loadConfig();
const logger = createLogger();
const database = await openDatabase(config);
const engine = createSearchEngine(config, database.db);
const started = performance.now();
await engine.reindexAll();
logger.info("knowledge base reindexed", {
  engine: engine.kind,
  seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
});
await database.close();
