import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch }) => {
  const api = apiClient(fetch);
  const [calendars, policies] = await Promise.all([
    data(api.api.sla.calendars.$get()),
    data(api.api.sla.policies.$get()),
  ]);
  return { calendars: calendars.items, policies: policies.items };
}) satisfies PageLoad;
