import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, url }) => {
  const api = apiClient(fetch);
  const selected = url.searchParams.get("mail");
  const [page, mail] = await Promise.all([
    data(api.api.outbox.$get({ query: { limit: "50" } })),
    selected ? data(api.api.outbox[":id"].$get({ param: { id: selected } })) : Promise.resolve(null),
  ]);
  return { page, mail };
}) satisfies PageLoad;
