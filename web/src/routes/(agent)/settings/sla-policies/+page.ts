import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch }) => {
  const api = apiClient(fetch);
  const [policies, calendars] = await Promise.all([
    data(api.api.sla.policies.$get()),
    data(api.api.sla.calendars.$get()),
  ]);
  return { policies: policies.items, calendars: calendars.items };
}) satisfies PageLoad;
