import { apiClient, data } from "$lib/api/client";
import { orNotFound, sectionArticles } from "$lib/help/catalog.server";
import { excerpt, helpPath, textOf } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

/** A published article; a draft or an unknown slug is the portal's 404 (the API does not tell them apart). */
export const load: PageServerLoad = async ({ fetch, params }) => {
  const api = apiClient(fetch);
  const article = await orNotFound(
    data(api.api.kb.articles[":locale"][":slug"].$get({ param: { locale: params.locale, slug: params.slug } })),
    "No published article at this address.",
  );
  const siblings = await sectionArticles(api, article.section.id, article.locale).catch(() => []);
  return {
    article,
    description: excerpt(textOf(article.html)),
    // Related articles are listed on their own; the section list shows the rest.
    inSection: siblings.filter((s) => s.id !== article.id && !article.related.some((r) => r.id === s.id)).slice(0, 8),
    alternates: Object.fromEntries(article.translations.map((tr) => [tr.locale, helpPath.article(tr.locale, tr.slug)])),
  };
};
