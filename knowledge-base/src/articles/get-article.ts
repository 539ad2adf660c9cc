import { kbArticles, kbArticleTranslations, kbCategories, kbSections } from "@helpdesk/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { KnowledgeBaseError } from "../errors.ts";
import { requireArticle } from "./save-article.ts";

/** What the portal shows: a published translation, where it sits, and its published siblings and related articles. */
export async function getPublishedArticle(deps: KnowledgeBaseDeps, locale: string, slug: string) {
  const [row] = await deps.db
    .select({ translation: kbArticleTranslations, article: kbArticles, section: kbSections, category: kbCategories })
    .from(kbArticleTranslations)
    .innerJoin(kbArticles, eq(kbArticles.id, kbArticleTranslations.articleId))
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .innerJoin(kbCategories, eq(kbCategories.id, kbSections.categoryId))
    .where(
      and(
        eq(kbArticleTranslations.locale, locale),
        eq(kbArticleTranslations.slug, slug),
        eq(kbArticleTranslations.state, "published"),
      ),
    );
  // A draft answers exactly like a missing article, so unpublished work cannot be probed for.
  if (!row)
    throw new KnowledgeBaseError("KB_ARTICLE_NOT_FOUND", "No published article at this address.", { locale, slug });
  const { translation, article, section, category } = row;

  const published = await deps.db
    .select({
      articleId: kbArticleTranslations.articleId,
      locale: kbArticleTranslations.locale,
      slug: kbArticleTranslations.slug,
      title: kbArticleTranslations.title,
    })
    .from(kbArticleTranslations)
    .where(
      and(
        inArray(kbArticleTranslations.articleId, [article.id, ...article.relatedArticleIds]),
        eq(kbArticleTranslations.state, "published"),
      ),
    )
    .orderBy(asc(kbArticleTranslations.locale));
  return {
    id: article.id,
    locale: translation.locale,
    slug: translation.slug,
    title: translation.title,
    html: translation.bodyHtml,
    tags: article.tags,
    publishedAt: translation.publishedAt,
    updatedAt: translation.updatedAt,
    helpfulCount: article.helpfulCount,
    notHelpfulCount: article.notHelpfulCount,
    section: {
      id: section.id,
      slug: section.slug,
      name: section.name[locale] ?? Object.values(section.name)[0] ?? section.slug,
    },
    category: {
      id: category.id,
      slug: category.slug,
      name: category.name[locale] ?? Object.values(category.name)[0] ?? category.slug,
    },
    translations: published.filter((p) => p.articleId === article.id).map(({ locale, slug }) => ({ locale, slug })),
    related: article.relatedArticleIds.flatMap((id) => {
      const match = published.find((p) => p.articleId === id && p.locale === locale);
      return match ? [{ id, slug: match.slug, title: match.title }] : [];
    }),
  };
}

/** The editor's view: the article and all its translations in every state. */
export async function getArticle(deps: KnowledgeBaseDeps, articleId: string) {
  const article = await requireArticle(deps.db, articleId);
  const translations = await deps.db
    .select()
    .from(kbArticleTranslations)
    .where(eq(kbArticleTranslations.articleId, articleId))
    .orderBy(asc(kbArticleTranslations.locale));
  return { article, translations };
}

/** Every article with a summary of its translations, for the staff list. */
export async function listArticles(deps: KnowledgeBaseDeps, filter: { sectionId?: string } = {}) {
  const articles = await deps.db
    .select()
    .from(kbArticles)
    .where(filter.sectionId ? eq(kbArticles.sectionId, filter.sectionId) : undefined)
    .orderBy(asc(kbArticles.sectionId), asc(kbArticles.position), asc(kbArticles.id));
  const translations = articles.length
    ? await deps.db
        .select({
          articleId: kbArticleTranslations.articleId,
          locale: kbArticleTranslations.locale,
          slug: kbArticleTranslations.slug,
          title: kbArticleTranslations.title,
          state: kbArticleTranslations.state,
        })
        .from(kbArticleTranslations)
        .where(
          inArray(
            kbArticleTranslations.articleId,
            articles.map((a) => a.id),
          ),
        )
        .orderBy(asc(kbArticleTranslations.locale))
    : [];
  return articles.map((article) => ({
    ...article,
    translations: translations.filter((t) => t.articleId === article.id).map(({ articleId: _a, ...t }) => t),
  }));
}

/** The published articles of a section in one locale, in the editors' order. */
export async function listPublishedArticles(deps: KnowledgeBaseDeps, sectionId: string, locale: string) {
  return deps.db
    .select({
      id: kbArticles.id,
      slug: kbArticleTranslations.slug,
      title: kbArticleTranslations.title,
      position: kbArticles.position,
    })
    .from(kbArticles)
    .innerJoin(kbArticleTranslations, eq(kbArticleTranslations.articleId, kbArticles.id))
    .where(
      and(
        eq(kbArticles.sectionId, sectionId),
        eq(kbArticleTranslations.locale, locale),
        eq(kbArticleTranslations.state, "published"),
      ),
    )
    .orderBy(asc(kbArticles.position), asc(kbArticleTranslations.title));
}
