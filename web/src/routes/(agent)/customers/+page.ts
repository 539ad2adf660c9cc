import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, url }) => {
  const q = url.searchParams.get("q") ?? "";
  const api = apiClient(fetch);
  const [customers, organizations] = await Promise.all([
    data(api.api.customers.$get({ query: { limit: "50", ...(q ? { q } : {}) } })),
    data(api.api.organizations.$get({ query: { limit: "100" } })),
  ]);
  return { q, customers, organizations: organizations.items };
}) satisfies PageLoad;
