import { error } from "@sveltejs/kit";
import { ApiError, apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, params, depends }) => {
  depends("app:customer");
  const api = apiClient(fetch);
  try {
    const [customer, tickets, organizations] = await Promise.all([
      data(api.api.customers[":id"].$get({ param: { id: params.id } })),
      data(api.api.tickets.$get({ query: { customer: params.id, limit: "100", sort: "newest" } })),
      data(api.api.organizations.$get({ query: { limit: "100" } })),
    ]);
    return { customer, tickets: tickets.items, organizations: organizations.items };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      error(404, { message: "This customer does not exist.", code: e.code });
    throw e;
  }
}) satisfies PageLoad;
