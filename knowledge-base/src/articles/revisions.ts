import { kbArticleRevisions, users } from "@helpdesk/db";
import { and, desc, eq } from "drizzle-orm";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { KnowledgeBaseError } from "../errors.ts";
import { requireArticle, requireTranslation, writeTranslation, type KnowledgeBaseAuthor } from "./save-article.ts";

/** Newest first, with the author's name for the editor's history panel. */
export async function listArticleRevisions(deps: KnowledgeBaseDeps, articleId: string, locale?: string) {
  await requireArticle(deps.db, articleId);
  return deps.db
    .select({
      id: kbArticleRevisions.id,
      articleId: kbArticleRevisions.articleId,
      locale: kbArticleRevisions.locale,
      title: kbArticleRevisions.title,
      body: kbArticleRevisions.body,
      authorId: kbArticleRevisions.authorId,
      authorName: users.name,
      createdAt: kbArticleRevisions.createdAt,
    })
    .from(kbArticleRevisions)
    .leftJoin(users, eq(users.id, kbArticleRevisions.authorId))
    .where(and(eq(kbArticleRevisions.articleId, articleId), locale ? eq(kbArticleRevisions.locale, locale) : undefined))
    .orderBy(desc(kbArticleRevisions.createdAt), desc(kbArticleRevisions.id));
}

/**
 * Puts a revision's title and body back into its translation. The restore is itself saved as a new revision, so
 * history only grows and a restore can be undone. The translation keeps its state and slug: restoring the text of
 * a published article changes what readers see at once.
 */
export async function restoreArticleRevision(
  deps: KnowledgeBaseDeps,
  author: KnowledgeBaseAuthor,
  articleId: string,
  revisionId: string,
) {
  const translation = await deps.db.transaction(async (tx) => {
    const article = await requireArticle(tx, articleId);
    const [revision] = await tx
      .select()
      .from(kbArticleRevisions)
      .where(and(eq(kbArticleRevisions.id, revisionId), eq(kbArticleRevisions.articleId, articleId)));
    if (!revision)
      throw new KnowledgeBaseError("KB_REVISION_NOT_FOUND", "No such revision of this article.", {
        articleId,
        revisionId,
      });
    const current = await requireTranslation(tx, articleId, revision.locale);
    return writeTranslation(tx, author, article, revision.locale, {
      slug: current.slug,
      title: revision.title,
      body: revision.body,
    });
  });
  await deps.search.indexArticle(articleId);
  return translation;
}
