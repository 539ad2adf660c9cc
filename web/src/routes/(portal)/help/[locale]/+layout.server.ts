import { error } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { catalogLocales, fetchCategories, localePattern, localizeCategories } from "$lib/help/catalog.server";
import type { LayoutServerLoad } from "./$types";

export const load: LayoutServerLoad = async ({ fetch, params }) => {
  const { locale } = params;
  const categories = await fetchCategories(apiClient(fetch));
  const locales = catalogLocales(categories);
  if (!localePattern.test(locale) || (locales.length > 0 ? !locales.includes(locale) : locale !== "en")) {
    error(404, { message: "This help centre is not available in that language.", code: "NOT_FOUND" });
  }
  return { locale, locales: locales.length ? locales : ["en"], categories: localizeCategories(categories, locale) };
};
