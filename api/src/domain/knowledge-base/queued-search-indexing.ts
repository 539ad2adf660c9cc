import type { SearchEngine } from "@helpdesk/knowledge-base";
import { syncKbArticle, type JobQueue } from "../jobs.ts";

/**
 * The search engine as the API's use cases see it: searches go straight to the engine, while "this article
 * changed" becomes a job, so publishing never waits on Meilisearch (or on rebuilding the typo dictionary over a
 * large help centre) and a failed sync is retried by the queue. The workers run the jobs with the real engine.
 */
export function queuedSearchIndexing(engine: SearchEngine, jobs: JobQueue): SearchEngine {
  return {
    kind: engine.kind,
    search: (input) => engine.search(input),
    indexArticle: (articleId) => jobs.enqueue(syncKbArticle, { articleId }),
    // The engine syncs from the database: an unpublished or archived translation is dropped by the same job.
    removeArticle: (articleId) => jobs.enqueue(syncKbArticle, { articleId }),
    reindexAll: () => engine.reindexAll(),
  };
}

export type { SearchEngine };
