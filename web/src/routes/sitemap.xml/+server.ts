import { apiClient } from "$lib/api/client";
import { publishedCatalog } from "$lib/help/catalog.server";
import { helpPath } from "$lib/help/text";
import type { RequestHandler } from "./$types";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The help centre for search engines: each language's home, its categories with articles, and its published articles. */
export const GET: RequestHandler = async ({ fetch, url }) => {
  const { categories, locales } = await publishedCatalog(apiClient(fetch));
  const paths: string[] = [];
  for (const { locale, bySection } of locales) {
    paths.push(helpPath.home(locale));
    for (const category of categories) {
      const articles = category.sections.flatMap((s) => bySection.get(s.id) ?? []);
      if (articles.length === 0) continue;
      paths.push(helpPath.category(locale, category.slug));
      for (const article of articles) paths.push(helpPath.article(locale, article.slug));
    }
  }
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...[...new Set(paths)].map((p) => `  <url><loc>${escapeXml(new URL(p, url.origin).href)}</loc></url>`),
    "</urlset>",
    "",
  ].join("\n");
  return new Response(body, {
    headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
};
