import { error } from "@sveltejs/kit";
import { ApiError, apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, params }) => {
  try {
    const api = apiClient(fetch);
    const channel = await data(api.api.channels[":id"].$get({ param: { id: params.id } }));
    // A chat widget can follow a business-hours calendar.
    const calendars = channel.kind === "web_chat" ? (await data(api.api.sla.calendars.$get())).items : [];
    return { channel, calendars };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      error(404, { message: "This channel does not exist.", code: e.code });
    throw e;
  }
}) satisfies PageLoad;
