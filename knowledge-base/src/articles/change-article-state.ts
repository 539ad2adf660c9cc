import { kbArticleTranslations, type KbArticleState, type KbArticleTranslation } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { requireTranslation } from "./save-article.ts";

async function changeState(deps: KnowledgeBaseDeps, articleId: string, locale: string, state: KbArticleState) {
  const now = deps.clock?.now() ?? new Date();
  const current = await requireTranslation(deps.db, articleId, locale);
  const [row] = await deps.db
    .update(kbArticleTranslations)
    // The first publication date is kept across unpublish/publish, so "new articles" lists stay stable.
    .set({ state, ...(state === "published" && !current.publishedAt ? { publishedAt: now } : {}) })
    .where(and(eq(kbArticleTranslations.articleId, articleId), eq(kbArticleTranslations.locale, locale)))
    .returning();
  if (state === "published") await deps.search.indexArticle(articleId);
  else await deps.search.removeArticle(articleId, locale);
  return row as KbArticleTranslation;
}

/** Makes one translation visible on the portal and in search. */
export function publishArticle(deps: KnowledgeBaseDeps, articleId: string, locale: string) {
  return changeState(deps, articleId, locale, "published");
}

/** Back to draft: hidden from the portal and search, still editable. */
export function unpublishArticle(deps: KnowledgeBaseDeps, articleId: string, locale: string) {
  return changeState(deps, articleId, locale, "draft");
}

/** Retired: hidden everywhere public, kept with its revisions. */
export function archiveArticle(deps: KnowledgeBaseDeps, articleId: string, locale: string) {
  return changeState(deps, articleId, locale, "archived");
}
