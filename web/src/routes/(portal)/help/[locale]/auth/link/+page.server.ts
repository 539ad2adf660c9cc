import { redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

/**
 * Where the mailed sign-in link lands: the token is redeemed (the API's session cookie is relayed by
 * hooks.server.ts) and the customer goes on to My tickets, so the token leaves the address bar at once.
 * A used or expired link shows why, with the way to a new one.
 */
export const load: PageServerLoad = async ({ url, fetch, params, setHeaders }) => {
  setHeaders({ "x-robots-tag": "noindex", "referrer-policy": "no-referrer", "cache-control": "no-store" });
  const token = url.searchParams.get("token") ?? "";
  let status = 0;
  if (token) {
    try {
      status = (await apiClient(fetch).api.portal.auth.redeem.$post({ json: { token } })).status;
    } catch {
      status = 503;
    }
  }
  if (status === 200) redirect(303, helpPath.myTickets(params.locale));
  return { failed: status === 503 ? ("unavailable" as const) : ("invalid" as const) };
};
