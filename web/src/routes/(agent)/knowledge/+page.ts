import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch }) => {
  const api = apiClient(fetch);
  const [articles, categories] = await Promise.all([
    data(api.api.kb.articles.$get({ query: {} })),
    data(api.api.kb.categories.$get()),
  ]);
  return { articles: articles.items, categories: categories.items };
}) satisfies PageLoad;
