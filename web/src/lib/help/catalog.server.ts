import { error } from "@sveltejs/kit";
import { ApiError, type apiClient, data } from "$lib/api/client";

/** What the help centre's server loads read from the public knowledge-base API (through hooks.server.ts). */
export type Api = ReturnType<typeof apiClient>;
export type Localized = Record<string, string>;

export interface PortalSection {
  id: string;
  slug: string;
  name: string;
  description: string;
}
export interface PortalCategory {
  id: string;
  slug: string;
  name: string;
  description: string;
  sections: PortalSection[];
}

export const localePattern = /^[a-z]{2}(-[A-Z]{2})?$/;

/** A name in `locale`, else its language's, else English, else any. */
export function localize(text: Localized, locale: string): string {
  return text[locale] ?? text[locale.slice(0, 2)] ?? text.en ?? Object.values(text)[0] ?? "";
}

/** Turns the API's 404 (a draft, an unknown slug) into the portal's own 404 page; anything else is a 500. */
export async function orNotFound<T>(request: Promise<T>, message: string): Promise<T> {
  try {
    return await request;
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 404) error(404, { message, code: "NOT_FOUND" });
    throw cause;
  }
}

export async function fetchCategories(api: Api) {
  return (await data(api.api.kb.categories.$get())).items;
}

/** Every locale the catalogue names, English first: the candidates for the locale switch. */
export function catalogLocales(categories: Awaited<ReturnType<typeof fetchCategories>>): string[] {
  const locales = new Set<string>();
  for (const category of categories) {
    for (const locale of Object.keys(category.name)) locales.add(locale);
    for (const section of category.sections) for (const locale of Object.keys(section.name)) locales.add(locale);
  }
  return [...locales]
    .filter((l) => localePattern.test(l))
    .sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)));
}

export function localizeCategories(
  categories: Awaited<ReturnType<typeof fetchCategories>>,
  locale: string,
): PortalCategory[] {
  return categories.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: localize(c.name, locale),
    description: localize(c.description, locale),
    sections: c.sections.map((s) => ({
      id: s.id,
      slug: s.slug,
      name: localize(s.name, locale),
      description: localize(s.description, locale),
    })),
  }));
}

export async function sectionArticles(api: Api, sectionId: string, locale: string) {
  return (await data(api.api.kb.sections[":id"].articles.$get({ param: { id: sectionId }, query: { locale } }))).items;
}

/** The published articles of every section in one locale, by section id. */
export async function articlesBySection(api: Api, sectionIds: string[], locale: string) {
  const lists = await Promise.all(sectionIds.map((id) => sectionArticles(api, id, locale)));
  return new Map(sectionIds.map((id, i) => [id, lists[i]!]));
}

/** The locales that have at least one published article, with those articles (for the sitemap and /help). */
export async function publishedCatalog(api: Api) {
  const categories = await fetchCategories(api);
  const sectionIds = categories.flatMap((c) => c.sections.map((s) => s.id));
  const perLocale = await Promise.all(
    catalogLocales(categories).map(async (locale) => {
      const bySection = await articlesBySection(api, sectionIds, locale);
      return { locale, bySection, count: [...bySection.values()].reduce((n, list) => n + list.length, 0) };
    }),
  );
  return { categories, locales: perLocale.filter((l) => l.count > 0) };
}
