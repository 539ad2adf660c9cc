import { redirect } from "@sveltejs/kit";
import { ApiError, apiClient, data } from "$lib/api/client";
import type { LayoutLoad } from "./$types";

// The agent workspace is an app behind a login, rendered in the browser (as Zendesk's and Chatwoot's are).
export const ssr = false;

export const load = (async ({ fetch, url }) => {
  const api = apiClient(fetch);
  let me;
  try {
    me = await data(api.api.me.$get());
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw error;
  }
  const [users, teams, channels] = await Promise.all([
    data(api.api.users.$get()),
    data(api.api.teams.$get()),
    data(api.api.channels.$get()),
  ]);
  return { me, users: users.items, teams: teams.items, channels: channels.items };
}) satisfies LayoutLoad;
