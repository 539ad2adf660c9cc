import { z } from "zod";
import { localeInput } from "../locales.ts";

export const searchArticlesInput = z.object({
  q: z.string().trim().min(1).max(200),
  locale: localeInput,
  categoryId: z.string().min(1).max(100).optional(),
  limit: z.number().int().min(1).max(50).default(10),
});
export type SearchArticlesInput = z.input<typeof searchArticlesInput>;

export interface SearchHit {
  articleId: string;
  locale: string;
  slug: string;
  title: string;
  /** Escaped text with the matched words in <mark>…</mark>; no other markup. */
  snippetHtml: string;
  score: number;
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
}

/**
 * Full-text search over published article translations. Two implementations satisfy the same contract suite
 * (tests/knowledge-base/search-contract.test.ts): Postgres (default, also on PGlite) and Meilisearch.
 * The database is the source of truth; an engine is told when an article changes and reads it from there.
 */
export interface SearchEngine {
  readonly kind: "postgres" | "meilisearch";
  search(input: SearchArticlesInput): Promise<SearchResult>;
  /** Bring the engine up to date with the article's translations (published ones are findable, others not). */
  indexArticle(articleId: string): Promise<void>;
  /** Forget the article (one locale, or all of them). */
  removeArticle(articleId: string, locale?: string): Promise<void>;
  reindexAll(): Promise<void>;
}
