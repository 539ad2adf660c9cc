import { kbArticles, kbArticleTranslations, kbSections, type Database } from "@helpdesk/db";
import { eq, inArray } from "drizzle-orm";
import { Meilisearch } from "meilisearch";
import { escapeHtml } from "../html/sanitize-rendered-html.ts";
import { searchArticlesInput, type SearchArticlesInput, type SearchEngine } from "./search-engine.ts";

interface ArticleDocument {
  /** `<articleId>__<locale>`: Meilisearch ids allow letters, digits, - and _ only. */
  id: string;
  articleId: string;
  locale: string;
  slug: string;
  title: string;
  tags: string[];
  body: string;
  categoryId: string;
  state: "published";
  /** Smoothed helpful ratio (0..1), a tie-breaker after relevance. */
  helpfulScore: number;
  publishedAt: number;
}

const documentId = (articleId: string, locale: string) => `${articleId}__${locale.replace(/[^A-Za-z0-9_-]/g, "_")}`;

// Sentinels instead of <mark>, so the text can be escaped before the tags are put in.
const markStart = "\uE000";
const markEnd = "\uE001";

/**
 * The same contract on Meilisearch (MEILISEARCH_URL): only published translations are sent, one document per
 * article and locale. Meilisearch brings its own typo tolerance and prefix search; locales are a filter.
 */
export function createMeilisearchSearchEngine(
  db: Database,
  options: { url: string; apiKey?: string; indexName?: string },
): SearchEngine {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
  const index = client.index<ArticleDocument>(options.indexName ?? "kb_articles");
  let configured: Promise<unknown> | null = null;

  function configure() {
    configured ??= index
      .updateSettings({
        searchableAttributes: ["title", "tags", "body"],
        filterableAttributes: ["locale", "categoryId", "state", "articleId"],
        sortableAttributes: ["helpfulScore", "publishedAt"],
        rankingRules: ["words", "typo", "proximity", "attribute", "exactness", "helpfulScore:desc"],
      })
      .waitTask()
      .catch((error: unknown) => {
        configured = null;
        throw error;
      });
    return configured;
  }

  async function documentsOf(articleIds: string[]): Promise<{ publish: ArticleDocument[]; hide: string[] }> {
    if (articleIds.length === 0) return { publish: [], hide: [] };
    const rows = await db
      .select({ translation: kbArticleTranslations, article: kbArticles, categoryId: kbSections.categoryId })
      .from(kbArticleTranslations)
      .innerJoin(kbArticles, eq(kbArticles.id, kbArticleTranslations.articleId))
      .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
      .where(inArray(kbArticleTranslations.articleId, articleIds));
    const publish: ArticleDocument[] = [];
    const hide: string[] = [];
    for (const { translation: t, article: a, categoryId } of rows) {
      if (t.state !== "published") {
        hide.push(documentId(t.articleId, t.locale));
        continue;
      }
      publish.push({
        id: documentId(t.articleId, t.locale),
        articleId: t.articleId,
        locale: t.locale,
        slug: t.slug,
        title: t.title,
        tags: a.tags,
        body: t.bodyText,
        categoryId,
        state: "published",
        helpfulScore: (a.helpfulCount + 1) / (a.helpfulCount + a.notHelpfulCount + 2),
        publishedAt: t.publishedAt?.getTime() ?? 0,
      });
    }
    return { publish, hide };
  }

  async function sync(articleIds: string[]) {
    await configure();
    const { publish, hide } = await documentsOf(articleIds);
    if (publish.length) await index.addDocuments(publish).waitTask();
    if (hide.length) await index.deleteDocuments(hide).waitTask();
  }

  return {
    kind: "meilisearch",
    async search(raw: SearchArticlesInput) {
      const input = searchArticlesInput.parse(raw);
      await configure();
      const filter = [`locale = ${JSON.stringify(input.locale)}`, `state = "published"`];
      if (input.categoryId) filter.push(`categoryId = ${JSON.stringify(input.categoryId)}`);
      const response = await index.search(input.q, {
        filter,
        limit: input.limit,
        attributesToCrop: ["body"],
        cropLength: 30,
        attributesToHighlight: ["body"],
        highlightPreTag: markStart,
        highlightPostTag: markEnd,
        showRankingScore: true,
      });
      return {
        total: response.estimatedTotalHits ?? response.hits.length,
        items: response.hits.map((hit) => ({
          articleId: hit.articleId,
          locale: hit.locale,
          slug: hit.slug,
          title: hit.title,
          snippetHtml: escapeHtml(hit._formatted?.body ?? hit.body.slice(0, 200))
            .replaceAll(markStart, "<mark>")
            .replaceAll(markEnd, "</mark>"),
          score: hit._rankingScore ?? 0,
        })),
      };
    },
    indexArticle: (articleId) => sync([articleId]),
    async removeArticle(articleId, locale) {
      await configure();
      if (locale) {
        await index.deleteDocument(documentId(articleId, locale)).waitTask();
      } else {
        await index.deleteDocuments({ filter: `articleId = ${JSON.stringify(articleId)}` }).waitTask();
      }
    },
    async reindexAll() {
      await configure();
      await index.deleteAllDocuments().waitTask();
      const ids = await db.select({ id: kbArticles.id }).from(kbArticles);
      for (let i = 0; i < ids.length; i += 200) await sync(ids.slice(i, i + 200).map((r) => r.id));
    },
  };
}
