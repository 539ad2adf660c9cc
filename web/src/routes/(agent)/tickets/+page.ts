import { redirect } from "@sveltejs/kit";
import { apiClient, data } from "$lib/api/client";
import { apiQueryOf, defaultViewQuery, inboxQueryFrom } from "$lib/inbox-views";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, url }) => {
  if (url.search === "") redirect(307, `/tickets?${defaultViewQuery}`);
  const query = inboxQueryFrom(url.searchParams);
  const page = await data(apiClient(fetch).api.tickets.$get({ query: apiQueryOf(query) }));
  return { query, page };
}) satisfies PageLoad;
