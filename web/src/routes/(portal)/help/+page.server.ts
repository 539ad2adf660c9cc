import { redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { publishedCatalog } from "$lib/help/catalog.server";
import { negotiateLocale } from "$lib/help/i18n";
import type { PageServerLoad } from "./$types";

/** /help: the visitor's best language among those with published articles (Accept-Language), else English. */
export const load: PageServerLoad = async ({ fetch, request, setHeaders }) => {
  const { locales } = await publishedCatalog(apiClient(fetch));
  setHeaders({ vary: "Accept-Language" });
  redirect(
    302,
    `/help/${negotiateLocale(
      request.headers.get("accept-language"),
      locales.map((l) => l.locale),
      "en",
    )}`,
  );
};
