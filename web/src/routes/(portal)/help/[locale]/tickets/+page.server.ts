import { error, redirect } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import { helpPath } from "$lib/help/text";
import type { PageServerLoad } from "./$types";

/** My tickets; organization admins switch between theirs and the whole organization's with ?scope=organization. */
export const load: PageServerLoad = async ({ parent, url, fetch, setHeaders }) => {
  const { locale, locales, account } = await parent();
  if (!account) redirect(303, helpPath.signIn(locale, url.pathname + url.search));
  setHeaders({ "x-robots-tag": "noindex", "cache-control": "private, no-store" });
  const scope =
    account.organizationAdmin && url.searchParams.get("scope") === "organization"
      ? ("organization" as const)
      : ("mine" as const);
  const cursor = url.searchParams.get("cursor") ?? undefined;
  const res = await apiClient(fetch).api.portal.tickets.$get({ query: { scope, cursor } });
  if (res.status === 401) redirect(303, helpPath.signIn(locale, url.pathname + url.search));
  if (res.status !== 200)
    error(res.status === 400 ? 400 : 503, { message: "Your requests could not be loaded.", code: "UNAVAILABLE" });
  const page = await res.json();
  return {
    scope,
    cursor: cursor ?? null,
    tickets: page.items,
    nextCursor: page.nextCursor,
    alternates: Object.fromEntries(locales.map((l) => [l, helpPath.myTickets(l)])),
  };
};
