import { error } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { articlesBySection } from "$lib/help/catalog.server";
import { excerpt, helpPath } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ fetch, parent, params }) => {
  const { locale, locales, categories } = await parent();
  const category = categories.find((c) => c.slug === params.slug);
  if (!category) error(404, { message: "No such category.", code: "NOT_FOUND" });
  const bySection = await articlesBySection(
    apiClient(fetch),
    category.sections.map((s) => s.id),
    locale,
  );
  const sections = category.sections
    .map((s) => ({ ...s, articles: bySection.get(s.id) ?? [] }))
    .filter((s) => s.articles.length > 0);
  if (sections.length === 0)
    error(404, { message: "This category has no articles in this language.", code: "NOT_FOUND" });
  return {
    category,
    sections,
    description: excerpt(category.description || `${category.name}: ${sections.map((s) => s.name).join(", ")}`),
    alternates: Object.fromEntries(locales.map((l) => [l, helpPath.category(l, category.slug)])),
  };
};
