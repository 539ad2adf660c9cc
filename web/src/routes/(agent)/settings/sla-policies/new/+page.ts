import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch }) => {
  const api = apiClient(fetch);
  const [calendars, organizations] = await Promise.all([
    data(api.api.sla.calendars.$get()),
    data(api.api.organizations.$get({ query: { limit: "100" } })),
  ]);
  return { calendars: calendars.items, organizations: organizations.items };
}) satisfies PageLoad;
