import { error } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { loadPortalAccount } from "$lib/help/account.server";
import { catalogLocales, fetchCategories, localePattern, localizeCategories } from "$lib/help/catalog.server";
import type { LayoutServerLoad } from "./$types";

export const load: LayoutServerLoad = async ({ fetch, params, cookies }) => {
  const { locale } = params;
  const [categories, account] = await Promise.all([
    fetchCategories(apiClient(fetch)),
    loadPortalAccount(fetch, cookies),
  ]);
  const locales = catalogLocales(categories);
  if (!localePattern.test(locale) || (locales.length > 0 ? !locales.includes(locale) : locale !== "en")) {
    error(404, { message: "This help centre is not available in that language.", code: "NOT_FOUND" });
  }
  return {
    locale,
    locales: locales.length ? locales : ["en"],
    categories: localizeCategories(categories, locale),
    account,
  };
};
