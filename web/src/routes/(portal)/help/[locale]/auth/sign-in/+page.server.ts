import { fail, redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { signInErrorOf } from "$lib/help/portal-forms";
import { helpPath, safeNext } from "$lib/help/text";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ parent, url, setHeaders }) => {
  const { locale, locales, account } = await parent();
  const next = safeNext(url.searchParams.get("next"), helpPath.myTickets(locale));
  if (account) redirect(303, next);
  setHeaders({ "x-robots-tag": "noindex" });
  return { next, alternates: Object.fromEntries(locales.map((l) => [l, helpPath.signIn(l)])) };
};

/**
 * Both sign-in forms post here when JavaScript is off (with it, the page calls the API itself). The API's session
 * cookie reaches the visitor through hooks.server.ts.
 */
export const actions: Actions = {
  link: async ({ request, fetch, params }) => {
    const email = String((await request.formData()).get("email") ?? "").trim();
    try {
      const res = await apiClient(fetch).api.portal.auth.link.$post({ json: { email, locale: params.locale } });
      if (res.status === 202) return { sent: email };
      if (res.status === 400) return fail(400, { form: "link" as const, email, error: signInErrorOf(res.status) });
    } catch {
      // Unreachable API: said below.
    }
    return fail(503, { form: "link" as const, email, error: "signInFailed" as const });
  },
  password: async ({ request, fetch, params, url }) => {
    const form = await request.formData();
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    let status = 503;
    try {
      const res = await apiClient(fetch).api.portal.auth.password.$post({ json: { email, password } });
      status = res.status;
    } catch {
      // Unreachable API: said below.
    }
    if (status === 200) redirect(303, safeNext(url.searchParams.get("next"), helpPath.myTickets(params.locale)));
    return fail(status === 200 ? 500 : status, { form: "password" as const, email, error: signInErrorOf(status) });
  },
};
