import { error } from "@sveltejs/kit";
import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, params }) => {
  const api = apiClient(fetch);
  const [policies, calendars, organizations] = await Promise.all([
    data(api.api.sla.policies.$get()),
    data(api.api.sla.calendars.$get()),
    data(api.api.organizations.$get({ query: { limit: "100" } })),
  ]);
  const policy = policies.items.find((p) => p.id === params.id);
  if (!policy) error(404, { message: "This SLA policy does not exist.", code: "NOT_FOUND" });
  return { policy, calendars: calendars.items, organizations: organizations.items };
}) satisfies PageLoad;
