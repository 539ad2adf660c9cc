import { users } from "@helpdesk/db";
import {
  archiveArticle,
  createArticle,
  createCategory,
  createSection,
  publishArticle,
  saveArticleTranslation,
  updateArticle,
  type KnowledgeBaseDeps,
  type SearchEngine,
} from "@helpdesk/knowledge-base";
import { demoArticles, demoCategories } from "./help-centre-content.ts";
import { asc, eq } from "drizzle-orm";
import type { DomainDeps } from "../domain/deps.ts";

/**
 * The demo help centre (help-centre-content.ts): 6 categories, 73 articles, some in German and French,
 * written through the knowledge-base use cases by the demo lead. Indexing waits for the end: one reindex
 * instead of one per save.
 */
export async function seedHelpCentre(deps: DomainDeps, search: SearchEngine) {
  const started = Date.now();
  const deferred: SearchEngine = {
    kind: search.kind,
    search: search.search,
    indexArticle: async () => {},
    removeArticle: async () => {},
    reindexAll: search.reindexAll,
  };
  const kb: KnowledgeBaseDeps = { db: deps.db, search: deferred, clock: deps.clock };
  const [author] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "lead"))
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!author) return { skipped: "no staff to write the help centre" };

  const sectionIds = new Map<string, string>();
  for (const [position, category] of demoCategories.entries()) {
    const names = Object.fromEntries(Object.entries(category.translations).map(([locale, t]) => [locale, t.name]));
    const descriptions = Object.fromEntries(
      Object.entries(category.translations).map(([locale, t]) => [locale, t.description]),
    );
    const created = await createCategory(kb, {
      slug: category.translations.en!.slug,
      position,
      name: names,
      description: descriptions,
    });
    for (const [sectionPosition, section] of category.sections.entries()) {
      const sectionNames = Object.fromEntries(
        Object.entries(section.translations).map(([locale, t]) => [locale, t.name]),
      );
      const row = await createSection(kb, {
        categoryId: created.id,
        slug: section.translations.en!.slug,
        position: sectionPosition,
        name: sectionNames,
      });
      sectionIds.set(`${category.key}/${section.key}`, row.id);
    }
  }

  const articleIds = new Map<string, string>();
  for (const [position, article] of demoArticles.entries()) {
    const { en, ...others } = article.translations;
    const created = await createArticle(kb, author, {
      sectionId: sectionIds.get(`${article.category}/${article.section}`)!,
      position,
      tags: article.tags,
      translation: { locale: "en", ...en! },
    });
    articleIds.set(article.key, created.article.id);
    for (const [locale, translation] of Object.entries(others)) {
      await saveArticleTranslation(kb, author, created.article.id, locale, translation);
    }
    const state = article.state ?? "published";
    for (const locale of Object.keys(article.translations)) {
      if (state === "draft") continue;
      await publishArticle(kb, created.article.id, locale);
      if (state === "archived") await archiveArticle(kb, created.article.id, locale);
    }
  }
  for (const article of demoArticles) {
    const related = (article.related ?? [])
      .map((key) => articleIds.get(key))
      .filter((id): id is string => id !== undefined);
    if (related.length > 0) await updateArticle(kb, articleIds.get(article.key)!, { relatedArticleIds: related });
  }
  await search.reindexAll();
  return { categories: demoCategories.length, articles: demoArticles.length, ms: Date.now() - started };
}
