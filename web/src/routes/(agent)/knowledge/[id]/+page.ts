import { error } from "@sveltejs/kit";
import { ApiError, apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

/** `/knowledge/new` opens the editor on a blank article; any other id loads that article with all its translations. */
export const load = (async ({ fetch, params }) => {
  const api = apiClient(fetch);
  const categories = data(api.api.kb.categories.$get());
  if (params.id === "new") return { detail: null, categories: (await categories).items };
  try {
    const [detail, { items }] = await Promise.all([
      data(api.api.kb.articles[":id"].$get({ param: { id: params.id } })),
      categories,
    ]);
    return { detail, categories: items };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      error(404, { message: "This article does not exist.", code: e.code });
    throw e;
  }
}) satisfies PageLoad;
