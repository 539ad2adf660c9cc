import { error } from "@sveltejs/kit";
import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

const day = 24 * 3600_000;

export const load = (async ({ fetch, url, parent }) => {
  const { me } = await parent();
  if (me.role === "agent")
    error(403, { message: "Search analytics are for team leads and admins.", code: "FORBIDDEN" });
  const days = Number(url.searchParams.get("days") ?? 30);
  const query = {
    from: new Date(Date.now() - days * day).toISOString(),
    to: new Date(Date.now() + 60_000).toISOString(),
  };
  const report = await data(apiClient(fetch).api.kb.analytics.$get({ query }));
  return { report, days };
}) satisfies PageLoad;
