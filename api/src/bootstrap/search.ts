import type { Database } from "@helpdesk/db";
import { createPostgresSearchEngine, type SearchEngine } from "@helpdesk/knowledge-base";
import { createMeilisearchSearchEngine } from "@helpdesk/knowledge-base/search/meilisearch";
import type { Config } from "../config.ts";

/** The knowledge base's search engine: Meilisearch when MEILISEARCH_URL is set, Postgres full-text otherwise. */
export function createSearchEngine(
  config: Pick<Config, "MEILISEARCH_URL" | "MEILISEARCH_API_KEY">,
  db: Database,
): SearchEngine {
  return config.MEILISEARCH_URL
    ? createMeilisearchSearchEngine(db, { url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_API_KEY })
    : createPostgresSearchEngine(db);
}
