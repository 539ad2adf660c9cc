import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

// ?kind=web_chat adds a chat widget; anything else an email address.
export const load = (async ({ fetch, url }) => {
  const kind = url.searchParams.get("kind") === "web_chat" ? ("web_chat" as const) : ("email" as const);
  const calendars = kind === "web_chat" ? (await data(apiClient(fetch).api.sla.calendars.$get())).items : [];
  return { kind, calendars };
}) satisfies PageLoad;
