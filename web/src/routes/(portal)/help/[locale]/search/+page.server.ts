import { apiClient, data } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

/** Full results, rendered on the server: the search works without JavaScript. */
export const load: PageServerLoad = async ({ fetch, parent, url, setHeaders }) => {
  const { locale, locales } = await parent();
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  setHeaders({ "x-robots-tag": "noindex" });
  const alternates = Object.fromEntries(locales.map((l) => [l, helpPath.search(l, q)]));
  if (!q) return { q, results: null, alternates };
  const results = await data(apiClient(fetch).api.kb.search.$get({ query: { q, locale, limit: "20" } }));
  return { q, results, alternates };
};
