import {
  kbArticleRevisions,
  kbArticles,
  kbArticleTranslations,
  kbSections,
  newId,
  type Executor,
  type KbArticle,
  type KbArticleTranslation,
} from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { KnowledgeBaseDeps } from "../deps.ts";
import { KnowledgeBaseError, uniqueViolationOf } from "../errors.ts";
import { localeInput, slugInput } from "../locales.ts";
import { renderArticleMarkdown } from "./render-article.ts";

/** Who wrote a change; staff only (the API passes its StaffActor). */
export interface KnowledgeBaseAuthor {
  id: string;
}

const tagInput = z.string().trim().toLowerCase().min(1).max(50);

export const translationInput = z.object({
  slug: slugInput,
  title: z.string().trim().min(1).max(300),
  /** Markdown. */
  body: z.string().max(200_000),
});
export type TranslationInput = z.input<typeof translationInput>;

export const createArticleInput = z.object({
  sectionId: z.string().min(1).max(100),
  position: z.number().int().min(0).max(100_000).default(0),
  tags: z.array(tagInput).max(30).default([]),
  relatedArticleIds: z.array(z.string().min(1).max(100)).max(20).default([]),
  translation: translationInput.extend({ locale: localeInput }),
});
export type CreateArticleInput = z.input<typeof createArticleInput>;

export const updateArticleInput = z
  .object({
    sectionId: z.string().min(1).max(100),
    position: z.number().int().min(0).max(100_000),
    tags: z.array(tagInput).max(30),
    relatedArticleIds: z.array(z.string().min(1).max(100)).max(20),
  })
  .partial();
export type UpdateArticleInput = z.input<typeof updateArticleInput>;

async function requireSection(db: Executor, sectionId: string) {
  const [section] = await db.select({ id: kbSections.id }).from(kbSections).where(eq(kbSections.id, sectionId));
  if (!section) throw new KnowledgeBaseError("KB_SECTION_NOT_FOUND", "No such section.", { sectionId });
}

export async function requireArticle(db: Executor, articleId: string): Promise<KbArticle> {
  const [article] = await db.select().from(kbArticles).where(eq(kbArticles.id, articleId));
  if (!article) throw new KnowledgeBaseError("KB_ARTICLE_NOT_FOUND", "No such article.", { articleId });
  return article;
}

function slugTaken(error: unknown, slug: string, locale: string): never {
  if (uniqueViolationOf(error) === "kb_article_translations_locale_slug_key") {
    throw new KnowledgeBaseError("KB_SLUG_TAKEN", `Another article already uses the slug "${slug}" in ${locale}.`, {
      slug,
      locale,
    });
  }
  throw error;
}

/** Writes the translation (new or changed) and its revision; the caller owns the transaction. */
export async function writeTranslation(
  tx: Executor,
  author: KnowledgeBaseAuthor | null,
  article: KbArticle,
  locale: string,
  input: z.output<typeof translationInput>,
): Promise<KbArticleTranslation> {
  const rendered = renderArticleMarkdown(input.body);
  const values = {
    slug: input.slug,
    title: input.title,
    body: input.body,
    bodyHtml: rendered.html,
    bodyText: rendered.text,
    tagsText: article.tags.join(" "),
  };
  const [row] = await tx
    .insert(kbArticleTranslations)
    .values({ id: newId("kbTranslation"), articleId: article.id, locale, ...values })
    .onConflictDoUpdate({ target: [kbArticleTranslations.articleId, kbArticleTranslations.locale], set: values })
    .returning();
  await tx.insert(kbArticleRevisions).values({
    id: newId("kbRevision"),
    articleId: article.id,
    locale,
    title: input.title,
    body: input.body,
    authorId: author?.id ?? null,
  });
  return row!;
}

/** A new article with its first translation, as a draft. */
export async function createArticle(deps: KnowledgeBaseDeps, author: KnowledgeBaseAuthor, raw: CreateArticleInput) {
  const input = createArticleInput.parse(raw);
  const { article, translation } = await deps.db
    .transaction(async (tx) => {
      await requireSection(tx, input.sectionId);
      const [article] = await tx
        .insert(kbArticles)
        .values({
          id: newId("kbArticle"),
          sectionId: input.sectionId,
          position: input.position,
          tags: [...new Set(input.tags)],
          relatedArticleIds: input.relatedArticleIds,
          authorId: author.id,
        })
        .returning();
      const translation = await writeTranslation(tx, author, article!, input.translation.locale, input.translation);
      return { article: article!, translation };
    })
    .catch((error: unknown) => slugTaken(error, input.translation.slug, input.translation.locale));
  await deps.search.indexArticle(article.id);
  return { article, translations: [translation] };
}

/** Section, position, tags or related articles; tags are copied to every translation's search text. */
export async function updateArticle(deps: KnowledgeBaseDeps, articleId: string, raw: UpdateArticleInput) {
  const input = updateArticleInput.parse(raw);
  const article = await deps.db.transaction(async (tx) => {
    await requireArticle(tx, articleId);
    if (input.sectionId) await requireSection(tx, input.sectionId);
    const [article] = await tx
      .update(kbArticles)
      .set({ ...input, ...(input.tags ? { tags: [...new Set(input.tags)] } : {}) })
      .where(eq(kbArticles.id, articleId))
      .returning();
    if (input.tags) {
      await tx
        .update(kbArticleTranslations)
        .set({ tagsText: article!.tags.join(" ") })
        .where(eq(kbArticleTranslations.articleId, articleId));
    }
    return article!;
  });
  await deps.search.indexArticle(articleId);
  return article;
}

/** Creates or changes the article's text in one locale; every save is kept as a revision. */
export async function saveArticleTranslation(
  deps: KnowledgeBaseDeps,
  author: KnowledgeBaseAuthor,
  articleId: string,
  locale: string,
  raw: TranslationInput,
): Promise<KbArticleTranslation> {
  const input = translationInput.parse(raw);
  const parsedLocale = localeInput.parse(locale);
  const translation = await deps.db
    .transaction(async (tx) => writeTranslation(tx, author, await requireArticle(tx, articleId), parsedLocale, input))
    .catch((error: unknown) => slugTaken(error, input.slug, parsedLocale));
  await deps.search.indexArticle(articleId);
  return translation;
}

export async function requireTranslation(
  db: Executor,
  articleId: string,
  locale: string,
): Promise<KbArticleTranslation> {
  const [translation] = await db
    .select()
    .from(kbArticleTranslations)
    .where(and(eq(kbArticleTranslations.articleId, articleId), eq(kbArticleTranslations.locale, locale)));
  if (!translation)
    throw new KnowledgeBaseError("KB_ARTICLE_NOT_FOUND", `The article has no ${locale} translation.`, {
      articleId,
      locale,
    });
  return translation;
}
