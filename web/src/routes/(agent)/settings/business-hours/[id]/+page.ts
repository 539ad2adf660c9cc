import { error } from "@sveltejs/kit";
import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, params }) => {
  const calendars = await data(apiClient(fetch).api.sla.calendars.$get());
  const calendar = calendars.items.find((c) => c.id === params.id);
  if (!calendar) error(404, { message: "These business hours do not exist.", code: "NOT_FOUND" });
  return { calendar };
}) satisfies PageLoad;
