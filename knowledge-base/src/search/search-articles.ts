import { kbSearchQueries, newId } from "@helpdesk/db";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { searchArticlesInput, type SearchArticlesInput, type SearchResult } from "./search-engine.ts";

/**
 * The query as stored for analytics: lower-cased and stripped of what could identify a person (e-mail addresses,
 * numbers of 4+ digits such as order, phone or card numbers), so the report shows topics, not people.
 */
export function normalizeSearchQuery(q: string): string {
  return q
    .toLowerCase()
    .replace(/[^\s@]+@[^\s@]+/g, "<email>")
    .replace(/\d[\d\s-]{2,}\d/g, (run) => (run.replace(/\D/g, "").length >= 4 ? "<number>" : run))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

/** The portal's search: the configured engine's hits, and a row for the search-analytics report. */
export async function searchArticles(
  deps: KnowledgeBaseDeps,
  raw: SearchArticlesInput,
): Promise<SearchResult & { searchId: string }> {
  const input = searchArticlesInput.parse(raw);
  const result = await deps.search.search(input);
  const searchId = newId("kbSearchQuery");
  await deps.db.insert(kbSearchQueries).values({
    id: searchId,
    query: normalizeSearchQuery(input.q),
    locale: input.locale,
    resultCount: result.total,
  });
  return { ...result, searchId };
}
