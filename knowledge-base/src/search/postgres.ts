import { kbTextSearchConfig, type Database, type Executor } from "@helpdesk/db";
import { sql, type SQL } from "drizzle-orm";
import { escapeHtml } from "../html/sanitize-rendered-html.ts";
import {
  searchArticlesInput,
  type SearchArticlesInput,
  type SearchEngine,
  type SearchHit,
  type SearchResult,
} from "./search-engine.ts";

/** postgres.js returns the rows, PGlite a result with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The words of a query, lower-cased; letters and digits in any script. */
export function queryWords(q: string): string[] {
  return q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

// ts_headline marks hits with these; the article text never contains them (render-article.ts strips them), so
// the snippet can be escaped first and only then given its <mark> tags.
const markStart = "\uE000";
const markEnd = "\uE001";
const headlineOptions = `StartSel=${markStart}, StopSel=${markEnd}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export function snippetHtmlOf(raw: string): string {
  return escapeHtml(raw).replaceAll(markStart, "<mark>").replaceAll(markEnd, "</mark>");
}

/**
 * Search-as-you-type: the last word, when the query does not end in a space or a quote, is matched as a prefix
 * (`pass` finds "password"). The rest keeps websearch syntax ("quoted phrases", -exclusions, or).
 */
function tsQueryOf(config: string, q: string): SQL {
  const trailing = /([\p{L}\p{N}]+)$/u.exec(q);
  const lastWord = trailing?.[1]?.toLowerCase();
  const inPhrase = (q.match(/"/g)?.length ?? 0) % 2 === 1;
  if (!lastWord || inPhrase || /(^|\s)-[\p{L}\p{N}]+$/u.test(q)) {
    return sql`websearch_to_tsquery(${config}::regconfig, ${q})`;
  }
  const head = q.slice(0, q.length - lastWord.length);
  return sql`(websearch_to_tsquery(${config}::regconfig, ${head}) && to_tsquery(${config}::regconfig, ${`${lastWord}:*`}))`;
}

/** Below this many hits the query is also tried with its misspelt words corrected. */
const fewResults = 2;

/**
 * The default engine: the weighted `search_vector` generated on kb_article_translations (title A, tags B, body C,
 * stemmed with the locale's configuration), ranked by ts_rank_cd and nudged by readers' helpfulness votes.
 * Typos are corrected against kb_search_terms with pg_trgm; it works the same on PGlite.
 */
export function createPostgresSearchEngine(db: Database): SearchEngine {
  async function run(input: { q: string; locale: string; categoryId?: string; limit: number }): Promise<SearchResult> {
    const config = kbTextSearchConfig(input.locale);
    const category = input.categoryId ? sql`and s.category_id = ${input.categoryId}` : sql``;
    // The helpful ratio is smoothed (one vote each way assumed), so a single vote moves little; an article
    // nobody rated sits at 0.5 and keeps its text rank, the best-rated gain at most 15 %.
    const rows = rowsOf<{
      article_id: string;
      locale: string;
      slug: string;
      title: string;
      snippet: string;
      score: number;
      total: number;
    }>(
      // Rank first, then highlight: ts_headline is costly, so it runs on the page of results only, not on
      // every matching article (a common word can match most of a large help centre).
      await db.execute(sql`
        with q as (select ${tsQueryOf(config, input.q)} as query),
        ranked as (
          select t.id, t.article_id, t.locale, t.slug, t.title, t.published_at,
            (ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', t.search_vector, q.query, 1)
              * (1 + 0.3 * ((a.helpful_count + 1)::float8 / (a.helpful_count + a.not_helpful_count + 2) - 0.5)))::float8 as score,
            (count(*) over ())::int as total
          from kb_article_translations t
          join kb_articles a on a.id = t.article_id
          join kb_sections s on s.id = a.section_id
          cross join q
          where t.locale = ${input.locale} and t.state = 'published' and t.search_vector @@ q.query ${category}
          order by score desc, t.published_at desc nulls last, t.article_id
          limit ${input.limit})
        select r.article_id, r.locale, r.slug, r.title, r.score, r.total,
          ts_headline(${config}::regconfig, t.body_text, q.query, ${headlineOptions}) as snippet
        from ranked r
        join kb_article_translations t on t.id = r.id
        cross join q
        order by r.score desc, r.published_at desc nulls last, r.article_id`),
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r): SearchHit => ({
        articleId: r.article_id,
        locale: r.locale,
        slug: r.slug,
        title: r.title,
        snippetHtml: snippetHtmlOf(r.snippet),
        score: Number(r.score),
      })),
    };
  }

  /** Each word not in the locale's dictionary, replaced by its most similar dictionary word (if any is close). */
  async function correctedQuery(q: string, locale: string): Promise<string | null> {
    const words = [...new Set(queryWords(q))].filter((w) => w.length >= 3 && w.length <= 40);
    if (words.length === 0) return null;
    const rows = rowsOf<{ input: string; known: boolean; suggestion: string | null }>(
      await db.execute(sql`
        select w.word as input,
          exists (select 1 from kb_search_terms t where t.locale = ${locale} and t.word = w.word) as known,
          (select t.word from kb_search_terms t
            where t.locale = ${locale} and t.word % w.word
            order by similarity(t.word, w.word) desc, t.document_count desc, t.word
            limit 1) as suggestion
        from unnest(array[${sql.join(
          words.map((w) => sql`${w}`),
          sql`, `,
        )}]::text[]) as w(word)`),
    );
    const replacements = new Map(rows.filter((r) => !r.known && r.suggestion).map((r) => [r.input, r.suggestion!]));
    if (replacements.size === 0) return null;
    return q.replace(/[\p{L}\p{N}]+/gu, (word) => replacements.get(word.toLowerCase()) ?? word);
  }

  // The dictionary's words: unstemmed ('simple'), 3 to 40 letters, no digits (order numbers are not typos).
  const dictionaryWordsOf = (row: string) =>
    `array(select distinct w from unnest(tsvector_to_array(to_tsvector('simple', ${row}.title || ' ' || ${row}.tags_text || ' ' || ${row}.body_text))) as w
      where length(w) between 3 and 40 and w !~ '[0-9]' order by w)`;

  async function rebuildTerms(executor: Executor, locale: string) {
    // One writer per locale at a time: two publishes at once would otherwise count the same words twice.
    await executor.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kb_search_terms:${locale}`}))`);
      await tx.execute(sql`delete from kb_search_term_sources where locale = ${locale}`);
      await tx.execute(sql`insert into kb_search_term_sources (translation_id, locale, words)
        select t.id, t.locale, ${sql.raw(dictionaryWordsOf("t"))} from kb_article_translations t
        where t.locale = ${locale} and t.state = 'published'`);
      await tx.execute(sql`delete from kb_search_terms where locale = ${locale}`);
      await tx.execute(sql`
        insert into kb_search_terms (locale, word, document_count)
        select ${locale}, w, count(*) from kb_search_term_sources s, unnest(s.words) as w
        where s.locale = ${locale} group by w`);
    });
  }

  /**
   * One article changed: each of its translations' words are counted in (published) or out (anything else) by the
   * difference from what it counted for before (kb_search_term_sources). Cost follows the article, not the size
   * of the help centre.
   */
  async function updateTermsOf(articleId: string) {
    const locales = (await localesOf(articleId)).sort();
    for (const locale of locales) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kb_search_terms:${locale}`}))`);
        const [row] = rowsOf<{ id: string; old_words: string[]; new_words: string[] }>(
          await tx.execute(sql`select t.id, coalesce(s.words, '{}'::text[]) as old_words,
              case when t.state = 'published' then ${sql.raw(dictionaryWordsOf("t"))} else '{}'::text[] end as new_words
            from kb_article_translations t left join kb_search_term_sources s on s.translation_id = t.id
            where t.article_id = ${articleId} and t.locale = ${locale}`),
        );
        if (!row) return;
        const before = new Set(row.old_words);
        const after = new Set(row.new_words);
        const added = row.new_words.filter((w) => !before.has(w));
        const removed = row.old_words.filter((w) => !after.has(w));
        if (!added.length && !removed.length) return;
        const list = (words: string[]) =>
          sql`array[${sql.join(
            words.map((w) => sql`${w}`),
            sql`, `,
          )}]::text[]`;
        if (added.length) {
          await tx.execute(sql`insert into kb_search_terms (locale, word, document_count)
            select ${locale}, w, 1 from unnest(${list(added)}) as w
            on conflict (locale, word) do update set document_count = kb_search_terms.document_count + 1`);
        }
        if (removed.length) {
          await tx.execute(sql`update kb_search_terms set document_count = document_count - 1
            where locale = ${locale} and word = any(${list(removed)})`);
          await tx.execute(
            sql`delete from kb_search_terms where locale = ${locale} and word = any(${list(removed)}) and document_count <= 0`,
          );
        }
        if (row.new_words.length) {
          await tx.execute(sql`insert into kb_search_term_sources (translation_id, locale, words) values (${row.id}, ${locale}, ${list(row.new_words)})
            on conflict (translation_id) do update set words = excluded.words`);
        } else {
          await tx.execute(sql`delete from kb_search_term_sources where translation_id = ${row.id}`);
        }
      });
    }
  }

  async function localesOf(articleId: string): Promise<string[]> {
    const rows = rowsOf<{ locale: string }>(
      await db.execute(sql`select distinct locale from kb_article_translations where article_id = ${articleId}`),
    );
    return rows.map((r) => r.locale);
  }

  return {
    kind: "postgres",
    async search(raw: SearchArticlesInput) {
      const input = searchArticlesInput.parse(raw);
      const result = await run(input);
      if (result.total >= fewResults) return result;
      const corrected = await correctedQuery(input.q, input.locale);
      if (!corrected || corrected === input.q) return result;
      const retry = await run({ ...input, q: corrected });
      // Exact hits first: a correct rare word must not be pushed down by what the correction also finds.
      const seen = new Set(result.items.map((i) => `${i.articleId}:${i.locale}`));
      const extra = retry.items.filter((i) => !seen.has(`${i.articleId}:${i.locale}`));
      return {
        items: [...result.items, ...extra].slice(0, input.limit),
        total: Math.max(result.total + extra.length, retry.total),
      };
    },
    // The vector is a generated column, so the row is always indexed; what follows a change is the dictionary.
    async indexArticle(articleId) {
      await updateTermsOf(articleId);
    },
    // The dictionary follows each translation's state, so taking one out is the same difference.
    async removeArticle(articleId) {
      await updateTermsOf(articleId);
    },
    async reindexAll() {
      const rows = rowsOf<{ locale: string }>(
        await db.execute(sql`select distinct locale from kb_article_translations`),
      );
      const stale = rowsOf<{ locale: string }>(await db.execute(sql`select distinct locale from kb_search_terms`));
      for (const locale of new Set([...rows, ...stale].map((r) => r.locale))) await rebuildTerms(db, locale);
    },
  };
}
