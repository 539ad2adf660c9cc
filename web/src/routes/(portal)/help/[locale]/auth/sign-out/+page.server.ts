import { redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ parent }) => {
  const { locale, account } = await parent();
  if (!account) redirect(303, helpPath.home(locale));
  return {};
};

/** The header's "Sign out" without JavaScript: the API ends the session and clears the cookie (relayed by hooks). */
export const actions: Actions = {
  default: async ({ fetch, params }) => {
    await apiClient(fetch)
      .api.portal.auth["sign-out"].$post()
      .catch(() => null);
    redirect(303, helpPath.home(params.locale));
  },
};
