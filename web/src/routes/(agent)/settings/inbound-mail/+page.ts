import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, url, depends }) => {
  depends("app:inbound-mail");
  const status = url.searchParams.get("status") ?? "ignored,rate_limited,failed";
  const page = await data(apiClient(fetch).api["inbound-mail"].$get({ query: { status, limit: "50" } }));
  return { status, page };
}) satisfies PageLoad;
