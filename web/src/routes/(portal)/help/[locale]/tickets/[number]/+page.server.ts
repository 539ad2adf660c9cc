import { error, fail, redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { TicketSummary } from "../+page.server";
import type { Actions, PageServerLoad } from "./$types";

export interface TicketDetail extends TicketSummary {
  messages: {
    id: string;
    author: { name: string; kind: "customer" | "agent" };
    fromYou: boolean;
    bodyHtml: string;
    createdAt: string;
    attachments: { id: string; filename: string; contentType: string; size: number; url: string }[];
  }[];
  reply: "joins" | "opens_follow_up" | "none";
  mergedInto: { number: number } | null;
  followUpOf: { number: number } | null;
}

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
  return { ticket: (await res.json()) as TicketDetail };
};

/** The reply form without JavaScript: the text and files go on to the API as they came (multipart). */
export const actions: Actions = {
  reply: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const body = String(form.get("body") ?? "");
    const outgoing = new FormData();
    outgoing.set("body", body);
    for (const file of form.getAll("files")) {
      if (file instanceof File && file.size > 0) outgoing.append("files", file, file.name);
    }
    let res: Response;
    try {
      res = await fetch(`/api/portal/tickets/${encodeURIComponent(params.number)}/replies`, { method: "POST", body: outgoing });
    } catch {
      return fail(503, { body, error: "replyFailed" as const });
    }
    if (res.status === 201) {
      const result = (await res.json()) as { ticketNumber: number; followUp: boolean };
      if (result.followUp) redirect(303, `${helpPath.ticket(params.locale, result.ticketNumber)}?followUp=1`);
      return { sent: true };
    }
    if (res.status === 401) redirect(303, helpPath.signIn(params.locale, helpPath.ticket(params.locale, Number(params.number))));
    const error = res.status === 413 ? ("replyTooLarge" as const) : res.status === 400 ? ("replyInvalid" as const) : ("replyFailed" as const);
    return fail(res.status, { body, error });
  },
};
