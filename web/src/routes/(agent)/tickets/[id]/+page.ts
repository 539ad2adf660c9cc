import { error } from "@sveltejs/kit";
import { ApiError, apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, params, depends }) => {
  depends("app:ticket");
  const api = apiClient(fetch);
  let ticket;
  try {
    ticket = await data(api.api.tickets[":id"].$get({ param: { id: params.id } }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      error(404, { message: "This ticket does not exist, or it is not visible to you.", code: e.code });
    throw e;
  }
  const [customer, history] = await Promise.all([
    data(api.api.customers[":id"].$get({ param: { id: ticket.customer.id } })),
    data(api.api.tickets.$get({ query: { customer: ticket.customer.id, limit: "20", sort: "newest" } })),
  ]);
  return { ticket, customer, otherTickets: history.items.filter((t) => t.id !== ticket.id) };
}) satisfies PageLoad;
