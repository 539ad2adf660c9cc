import { error } from "@sveltejs/kit";
import { ApiError, apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

export const load = (async ({ fetch, params }) => {
  try {
    const channel = await data(apiClient(fetch).api.channels[":id"].$get({ param: { id: params.id } }));
    return { channel };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) error(404, { message: "This channel does not exist.", code: e.code });
    throw e;
  }
}) satisfies PageLoad;
