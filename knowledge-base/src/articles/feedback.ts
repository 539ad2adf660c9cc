import { kbArticleFeedback, kbArticles, kbArticleTranslations, kbSearchQueries } from "@helpdesk/db";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { KnowledgeBaseError } from "../errors.ts";
import { localeInput } from "../locales.ts";
import { newId } from "@helpdesk/db";

export const articleFeedbackInput = z.object({
  locale: localeInput,
  helpful: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});
export type ArticleFeedbackInput = z.input<typeof articleFeedbackInput>;

async function requirePublished(deps: KnowledgeBaseDeps, articleId: string, locale: string) {
  const [row] = await deps.db
    .select({ id: kbArticleTranslations.id })
    .from(kbArticleTranslations)
    .where(
      and(
        eq(kbArticleTranslations.articleId, articleId),
        eq(kbArticleTranslations.locale, locale),
        eq(kbArticleTranslations.state, "published"),
      ),
    );
  if (!row)
    throw new KnowledgeBaseError("KB_ARTICLE_NOT_FOUND", "No published article with this id and locale.", {
      articleId,
      locale,
    });
}

/**
 * "Was this article helpful?" from a reader. The counters feed search ranking directly on Postgres; Meilisearch
 * keeps its own copy of the helpfulness score, so the article is re-synced there (one document, through the job
 * queue in the API).
 */
export async function recordArticleFeedback(deps: KnowledgeBaseDeps, articleId: string, raw: ArticleFeedbackInput) {
  const input = articleFeedbackInput.parse(raw);
  await requirePublished(deps, articleId, input.locale);
  const counts = await deps.db.transaction(async (tx) => {
    await tx.insert(kbArticleFeedback).values({
      id: newId("kbFeedback"),
      articleId,
      locale: input.locale,
      helpful: input.helpful,
      comment: input.comment || null,
    });
    const [counts] = await tx
      .update(kbArticles)
      .set(
        input.helpful
          ? { helpfulCount: sql`${kbArticles.helpfulCount} + 1` }
          : { notHelpfulCount: sql`${kbArticles.notHelpfulCount} + 1` },
      )
      .where(eq(kbArticles.id, articleId))
      .returning({ helpfulCount: kbArticles.helpfulCount, notHelpfulCount: kbArticles.notHelpfulCount });
    return counts!;
  });
  if (deps.search.kind === "meilisearch") await deps.search.indexArticle(articleId);
  return counts;
}

export const articleViewInput = z.object({
  locale: localeInput,
  /** The search the reader came from (the `searchId` of a search response): recorded as its clicked article. */
  searchId: z.string().min(1).max(100).optional(),
});
export type ArticleViewInput = z.input<typeof articleViewInput>;

/** Counts a read of a published article, and credits the search that led there. */
export async function recordArticleView(deps: KnowledgeBaseDeps, articleId: string, raw: ArticleViewInput) {
  const input = articleViewInput.parse(raw);
  await requirePublished(deps, articleId, input.locale);
  const [counts] = await deps.db
    .update(kbArticles)
    .set({ viewCount: sql`${kbArticles.viewCount} + 1` })
    .where(eq(kbArticles.id, articleId))
    .returning({ viewCount: kbArticles.viewCount });
  if (input.searchId) {
    // Only the first click of a search counts, so a reader going back and forth does not skew the report.
    await deps.db
      .update(kbSearchQueries)
      .set({ clickedArticleId: articleId })
      .where(and(eq(kbSearchQueries.id, input.searchId), isNull(kbSearchQueries.clickedArticleId)));
  }
  return counts!;
}
