import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { bytea, timestamps, tsvector } from "./columns.ts";
import { tickets } from "./tickets.ts";
import { users } from "./users.ts";

/** A text per locale ("en", "de", "pt-BR"); categories and sections are small enough to keep them inline. */
export type LocalizedText = Record<string, string>;

/**
 * The text-search configuration used for a locale. Postgres only knows stemmers per language, so a locale is
 * reduced to its language; anything without a stemmer gets `simple` (lower-casing, no stemming, no stop words).
 * The generated column and the search queries both use this table, so they always agree.
 */
export const kbTextSearchConfigs = {
  en: "english",
  de: "german",
  fr: "french",
  es: "spanish",
  it: "italian",
  nl: "dutch",
  pt: "portuguese",
} as const;

export function kbTextSearchConfig(locale: string): string {
  const language = locale.slice(0, 2).toLowerCase();
  return (kbTextSearchConfigs as Record<string, string>)[language] ?? "simple";
}

/** The same mapping in SQL, for the generated column (it must be immutable, so the casts are constants). */
function configOfLocaleSql(): SQL {
  const branches = Object.entries(kbTextSearchConfigs)
    .map(([language, config]) => `when '${language}' then '${config}'::regconfig`)
    .join(" ");
  return sql.raw(`(case lower(left(locale, 2)) ${branches} else 'simple'::regconfig end)`);
}

export const kbArticleStates = ["draft", "published", "archived"] as const;
export const kbArticleState = pgEnum("kb_article_state", kbArticleStates);
export type KbArticleState = (typeof kbArticleStates)[number];

export const kbCategories = pgTable("kb_categories", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  position: integer("position").notNull().default(0),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  description: jsonb("description").$type<LocalizedText>().notNull().default({}),
  ...timestamps,
});

export const kbSections = pgTable(
  "kb_sections",
  {
    id: text("id").primaryKey(),
    categoryId: text("category_id")
      .notNull()
      .references(() => kbCategories.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    position: integer("position").notNull().default(0),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull().default({}),
    ...timestamps,
  },
  (t) => [uniqueIndex("kb_sections_category_slug_key").on(t.categoryId, t.slug)],
);

/** The language-independent part of an article; its texts are translations. */
export const kbArticles = pgTable(
  "kb_articles",
  {
    id: text("id").primaryKey(),
    // Restrict: deleting a section must not silently delete published help.
    sectionId: text("section_id")
      .notNull()
      .references(() => kbSections.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    relatedArticleIds: text("related_article_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    viewCount: integer("view_count").notNull().default(0),
    helpfulCount: integer("helpful_count").notNull().default(0),
    notHelpfulCount: integer("not_helpful_count").notNull().default(0),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("kb_articles_section_idx").on(t.sectionId, t.position)],
);

export const kbArticleTranslations = pgTable(
  "kb_article_translations",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    /** Markdown, as the author wrote it. */
    body: text("body").notNull(),
    /** `body` rendered and sanitised; what the portal shows. */
    bodyHtml: text("body_html").notNull(),
    /** `body` as plain text: what is searched and what snippets are cut from. */
    bodyText: text("body_text").notNull(),
    /** The article's tags, copied here because a generated column can only read its own row. */
    tagsText: text("tags_text").notNull().default(""),
    state: kbArticleState("state").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      () =>
        sql`setweight(to_tsvector(${configOfLocaleSql()}, coalesce(title, '')), 'A') || setweight(to_tsvector(${configOfLocaleSql()}, coalesce(tags_text, '')), 'B') || setweight(to_tsvector(${configOfLocaleSql()}, coalesce(body_text, '')), 'C')`,
    ),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("kb_article_translations_article_locale_key").on(t.articleId, t.locale),
    uniqueIndex("kb_article_translations_locale_slug_key").on(t.locale, t.slug),
    index("kb_article_translations_state_idx").on(t.locale, t.state),
    index("kb_article_translations_search_idx").using("gin", t.searchVector),
    index("kb_article_translations_title_trgm_idx").using("gin", t.title.op("gin_trgm_ops")),
  ],
);

/** Every save of a translation; restoring one writes a new revision, so history is never rewritten. */
export const kbArticleRevisions = pgTable(
  "kb_article_revisions",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("kb_article_revisions_article_idx").on(t.articleId, t.locale, t.createdAt)],
);

export const kbArticleFeedback = pgTable(
  "kb_article_feedback",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    helpful: boolean("helpful").notNull(),
    comment: text("comment"),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("kb_article_feedback_article_idx").on(t.articleId, t.createdAt)],
);

/**
 * What the portal's visitors searched for, to find gaps in the knowledge base. Only the normalised query is kept
 * (lower-cased, e-mail addresses and long digit runs removed), never who searched.
 */
export const kbSearchQueries = pgTable(
  "kb_search_queries",
  {
    id: text("id").primaryKey(),
    query: text("query").notNull(),
    locale: text("locale").notNull(),
    resultCount: integer("result_count").notNull(),
    clickedArticleId: text("clicked_article_id").references(() => kbArticles.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("kb_search_queries_created_idx").on(t.createdAt),
    index("kb_search_queries_query_idx").on(t.locale, t.query),
  ],
);

/**
 * Images and files an article shows or links to, kept in the database like message attachments so a backup
 * holds the whole help centre. Served publicly once the article has a published translation.
 */
export const kbArticleFiles = pgTable(
  "kb_article_files",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    uploadedById: text("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("kb_article_files_article_idx").on(t.articleId, t.createdAt)],
);

/**
 * A suggested article opened from the portal's request form. While `ticket_id` is null the visitor has not
 * (yet) submitted the request: the article may have answered them, a deflected request. Submitting sets it.
 */
export const kbDeflections = pgTable(
  "kb_deflections",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    /** The subject the visitor had typed when the article was suggested. */
    subject: text("subject").notNull(),
    createdAt: timestamps.createdAt,
    ticketId: text("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
  },
  (t) => [index("kb_deflections_created_idx").on(t.createdAt)],
);

/**
 * The words each published translation counts for in kb_search_terms. A change adds and takes away only the
 * difference, so publishing one article never rescans the help centre. A table of its own: writing these on the
 * translation row would recompute its stored search vector every time.
 */
export const kbSearchTermSources = pgTable(
  "kb_search_term_sources",
  {
    translationId: text("translation_id")
      .primaryKey()
      .references(() => kbArticleTranslations.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    words: text("words").array().notNull(),
  },
  (t) => [index("kb_search_term_sources_locale_idx").on(t.locale)],
);

/**
 * The words of published articles per locale (unstemmed, from `ts_stat`), rebuilt when articles are indexed.
 * Misspelt query words are corrected to the most similar of these by pg_trgm.
 */
export const kbSearchTerms = pgTable(
  "kb_search_terms",
  {
    locale: text("locale").notNull(),
    word: text("word").notNull(),
    documentCount: integer("document_count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.locale, t.word] }),
    index("kb_search_terms_word_trgm_idx").using("gin", t.word.op("gin_trgm_ops")),
  ],
);

export type KbCategory = typeof kbCategories.$inferSelect;
export type KbSection = typeof kbSections.$inferSelect;
export type KbArticle = typeof kbArticles.$inferSelect;
export type KbArticleTranslation = typeof kbArticleTranslations.$inferSelect;
export type KbArticleRevision = typeof kbArticleRevisions.$inferSelect;
export type KbArticleFeedback = typeof kbArticleFeedback.$inferSelect;
export type KbDeflection = typeof kbDeflections.$inferSelect;
export type KbArticleFile = typeof kbArticleFiles.$inferSelect;
