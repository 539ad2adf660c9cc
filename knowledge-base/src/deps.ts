import type { Database } from "@helpdesk/db";
import type { SearchEngine } from "./search/search-engine.ts";

/** What the knowledge-base use cases are given; the API's deps satisfy it structurally. */
export interface KnowledgeBaseDeps {
  db: Database;
  search: SearchEngine;
  /** Publication dates; the system clock when absent. */
  clock?: { now(): Date };
}
