import { error, fail, redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { replyErrorOf, replyOf } from "$lib/help/portal-forms";
import { helpPath } from "$lib/help/text";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ parent, params, url, fetch, setHeaders }) => {
  const { locale, account } = await parent();
  if (!account) redirect(303, helpPath.signIn(locale, url.pathname));
  if (!/^\d{1,9}$/.test(params.number)) error(404, { message: "No such request.", code: "NOT_FOUND" });
  setHeaders({ "x-robots-tag": "noindex", "cache-control": "private, no-store" });
  const res = await apiClient(fetch).api.portal.tickets[":number"].$get({ param: { number: params.number } });
  if (res.status === 401) redirect(303, helpPath.signIn(locale, url.pathname));
  // Someone else's ticket is "not found", exactly like one that does not exist.
  if (res.status === 404) error(404, { message: "No such request.", code: "NOT_FOUND" });
  if (res.status !== 200) error(503, { message: "This request could not be loaded.", code: "UNAVAILABLE" });
  return { ticket: await res.json() };
};

/** The reply form without JavaScript: the text and files go on to the API as they came (multipart). */
export const actions: Actions = {
  reply: async ({ request, fetch, params }) => {
    const reply = replyOf(await request.formData());
    let res;
    try {
      res = await apiClient(fetch).api.portal.tickets[":number"].replies.$post({
        param: { number: encodeURIComponent(params.number) },
        form: reply,
      });
    } catch {
      return fail(503, { body: reply.body, error: "replyFailed" as const });
    }
    if (res.status === 201) {
      const result = await res.json();
      if (result.followUp) redirect(303, `${helpPath.ticket(params.locale, result.ticketNumber)}?followUp=1`);
      return { sent: true };
    }
    if (res.status === 401)
      redirect(303, helpPath.signIn(params.locale, helpPath.ticket(params.locale, Number(params.number))));
    return fail(res.status, { body: reply.body, error: replyErrorOf(res.status) });
  },
};
