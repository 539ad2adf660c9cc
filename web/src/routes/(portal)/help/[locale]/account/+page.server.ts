import { fail, redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { passwordErrorOf } from "$lib/help/portal-forms";
import { helpPath } from "$lib/help/text";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ parent, url, setHeaders }) => {
  const { locale, locales, account } = await parent();
  if (!account) redirect(303, helpPath.signIn(locale, url.pathname));
  setHeaders({ "x-robots-tag": "noindex", "cache-control": "private, no-store" });
  return { alternates: Object.fromEntries(locales.map((l) => [l, helpPath.account(l)])) };
};

export const actions: Actions = {
  password: async ({ request, fetch, params }) => {
    const password = String((await request.formData()).get("password") ?? "");
    let status = 503;
    try {
      status = (await apiClient(fetch).api.portal.auth.password.$put({ json: { password } })).status;
    } catch {
      // Unreachable API: said below.
    }
    if (status === 200) return { saved: true };
    if (status === 401) redirect(303, helpPath.signIn(params.locale, helpPath.account(params.locale)));
    return fail(status, { error: passwordErrorOf(status) });
  },
};
