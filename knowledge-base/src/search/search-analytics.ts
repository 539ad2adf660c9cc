import { kbArticles, kbArticleTranslations, kbDeflections, kbSearchQueries } from "@helpdesk/db";
import { and, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { KnowledgeBaseDeps } from "../deps.ts";

export const searchAnalyticsInput = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()),
    locale: z.string().min(2).max(10).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((r) => new Date(r.from) < new Date(r.to), { message: "`from` must be before `to`.", path: ["from"] });
export type SearchAnalyticsInput = z.input<typeof searchAnalyticsInput>;

/**
 * What the help centre's visitors looked for, for the team that writes it: the most frequent searches (with
 * how often one led to an article), the searches that found nothing (the content gaps), and the articles people
 * read most with how helpful they found them. Queries are stored normalised, with no personal data.
 * `deflectedRequests`: suggested articles opened from the portal's request form whose request was never submitted.
 */
export async function getSearchAnalytics(deps: Pick<KnowledgeBaseDeps, "db">, raw: SearchAnalyticsInput) {
  const input = searchAnalyticsInput.parse(raw);
  const inPeriod = and(
    gte(kbSearchQueries.createdAt, new Date(input.from)),
    lt(kbSearchQueries.createdAt, new Date(input.to)),
    input.locale ? eq(kbSearchQueries.locale, input.locale) : undefined,
  );
  const searches = sql<number>`count(*)::int`;
  const [totals, topSearches, noResults, topArticles, deflections] = await Promise.all([
    deps.db
      .select({
        searches,
        withoutResults: sql<number>`(count(*) filter (where ${kbSearchQueries.resultCount} = 0))::int`,
        withClick: sql<number>`(count(*) filter (where ${kbSearchQueries.clickedArticleId} is not null))::int`,
      })
      .from(kbSearchQueries)
      .where(inPeriod),
    deps.db
      .select({
        query: kbSearchQueries.query,
        searches,
        clicks: sql<number>`(count(*) filter (where ${kbSearchQueries.clickedArticleId} is not null))::int`,
        averageResults: sql<number>`round(avg(${kbSearchQueries.resultCount}), 1)::float8`,
      })
      .from(kbSearchQueries)
      .where(inPeriod)
      .groupBy(kbSearchQueries.query)
      .orderBy(desc(searches), kbSearchQueries.query)
      .limit(input.limit),
    deps.db
      .select({
        query: kbSearchQueries.query,
        searches,
        lastSearchedAt: sql<string>`max(${kbSearchQueries.createdAt})`,
      })
      .from(kbSearchQueries)
      .where(and(inPeriod, eq(kbSearchQueries.resultCount, 0)))
      .groupBy(kbSearchQueries.query)
      .orderBy(desc(searches), kbSearchQueries.query)
      .limit(input.limit),
    deps.db
      .select({
        articleId: kbArticles.id,
        // Correlated subqueries name the outer column in full: drizzle leaves it unqualified when a query has no join.
        title: sql<string>`(select t.title from ${kbArticleTranslations} t where t.article_id = "kb_articles"."id" order by (t.locale = 'en') desc, t.locale limit 1)`,
        views: kbArticles.viewCount,
        helpful: kbArticles.helpfulCount,
        notHelpful: kbArticles.notHelpfulCount,
        fromSearch: sql<number>`(select count(*)::int from ${kbSearchQueries} q where q.clicked_article_id = "kb_articles"."id"
          and q.created_at >= ${new Date(input.from).toISOString()}::timestamptz and q.created_at < ${new Date(input.to).toISOString()}::timestamptz)`,
      })
      .from(kbArticles)
      .where(sql`${kbArticles.viewCount} > 0`)
      .orderBy(desc(kbArticles.viewCount), kbArticles.id)
      .limit(input.limit),
    deps.db
      .select({ count: sql<number>`count(*)::int` })
      .from(kbDeflections)
      .where(
        and(
          gte(kbDeflections.createdAt, new Date(input.from)),
          lt(kbDeflections.createdAt, new Date(input.to)),
          isNull(kbDeflections.ticketId),
          input.locale ? eq(kbDeflections.locale, input.locale) : undefined,
        ),
      ),
  ]);
  const total = totals[0] ?? { searches: 0, withoutResults: 0, withClick: 0 };
  const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
  return {
    searches: total.searches,
    noResultRate: percent(total.withoutResults, total.searches),
    clickThroughRate: percent(total.withClick, total.searches),
    topSearches: topSearches.map((r) => ({ ...r, clickThroughRate: percent(r.clicks, r.searches) })),
    searchesWithoutResults: noResults.map((r) => ({ ...r, lastSearchedAt: new Date(r.lastSearchedAt).toISOString() })),
    topArticles: topArticles.map((r) => ({ ...r, helpfulRate: percent(r.helpful, r.helpful + r.notHelpful) })),
    deflectedRequests: deflections[0]?.count ?? 0,
  };
}
