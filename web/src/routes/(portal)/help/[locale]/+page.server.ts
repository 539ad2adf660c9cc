import { apiClient } from "$lib/api/client";
import { articlesBySection } from "$lib/help/catalog.server";
import { helpPath } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

/** Category cards: each section with its article count and first articles; empty categories are left out. */
export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { locale, locales, categories } = await parent();
  const bySection = await articlesBySection(
    apiClient(fetch),
    categories.flatMap((c) => c.sections.map((s) => s.id)),
    locale,
  );
  const cards = categories
    .map((category) => {
      const sections = category.sections
        .map((s) => ({ ...s, articles: bySection.get(s.id) ?? [] }))
        .filter((s) => s.articles.length > 0);
      return { ...category, sections, count: sections.reduce((n, s) => n + s.articles.length, 0) };
    })
    .filter((c) => c.count > 0);
  return { cards, alternates: Object.fromEntries(locales.map((l) => [l, helpPath.home(l)])) };
};
