import { fail } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async ({ parent, setHeaders }) => {
  const { locales } = await parent();
  setHeaders({ "x-robots-tag": "noindex" });
  return { alternates: Object.fromEntries(locales.map((l) => [l, helpPath.newRequest(l)])) };
};

/**
 * The request form posts here, with JavaScript (use:enhance) or without: the action calls the public portal API
 * (through hooks.server.ts, with none of the visitor's headers) and answers with the ticket number or what went wrong.
 */
export const actions: Actions = {
  default: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const field = (name: string) => String(form.get(name) ?? "").trim();
    const values = { email: field("email"), name: field("name"), subject: field("subject"), body: field("body") };
    const deflectionIds = form.getAll("deflectionId").map(String).filter(Boolean).slice(0, 50);
    try {
      const res = await apiClient(fetch).api.portal.requests.$post({
        json: { ...values, name: values.name || undefined, locale: params.locale, deflectionIds },
      });
      if (res.status === 201) {
        const { ticketNumber } = await res.json();
        return { ticketNumber };
      }
      if (res.status === 429) return fail(429, { values, deflectionIds, error: "rateLimited" as const });
      if (res.status === 400) return fail(400, { values, deflectionIds, error: "invalid" as const });
    } catch {
      // The API could not be reached: said below.
    }
    return fail(503, { values, deflectionIds, error: "failed" as const });
  },
};
