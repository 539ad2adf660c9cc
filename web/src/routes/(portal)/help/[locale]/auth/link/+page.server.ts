import { redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { Actions, PageServerLoad } from "./$types";

/**
 * Where the mailed sign-in link lands. Opening it only shows a "Continue" button: mail security scanners
 * (Safe Links and the like) fetch every link in a mail, and would otherwise use up the single-use token before
 * the customer clicks. The button posts the token; it is redeemed (the API's session cookie is relayed by
 * hooks.server.ts) and the customer goes on to My tickets. A used or expired link shows why, with the way to
 * a new one. The referrer policy keeps the token from leaving for other sites; "same-origin" rather than
 * "no-referrer", which would send the button's POST with `Origin: null` and fail SvelteKit's CSRF check.
 */
export const load: PageServerLoad = async ({ url, setHeaders }) => {
  setHeaders({ "x-robots-tag": "noindex", "referrer-policy": "same-origin", "cache-control": "no-store" });
  const token = url.searchParams.get("token") ?? "";
  return { token, failed: token ? null : ("invalid" as const) };
};

export const actions: Actions = {
  // No headers here: the page's load sets them after the action runs.
  default: async ({ request, fetch, params }) => {
    const token = String((await request.formData()).get("token") ?? "");
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
  },
};
