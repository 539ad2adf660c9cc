import { error } from "@sveltejs/kit";
import { apiClient, data, type ApiClient } from "$lib/api/client";
import type { TicketView } from "$lib/api/types";
import { openStatuses } from "$lib/inbox-views";
import type { PageLoad } from "./$types";

/** Pages of 100, at most this many per group: a board, not an export. */
const maxPages = 5;

async function allPages(
  api: ApiClient,
  query: Record<string, string>,
): Promise<{ items: TicketView[]; truncated: boolean }> {
  const items: TicketView[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: { items: TicketView[]; nextCursor: string | null } = await data(
      api.api.tickets.$get({ query: { ...query, ...(cursor ? { cursor } : {}) } }),
    );
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) return { items, truncated: false };
  }
  return { items, truncated: true };
}

export const load = (async ({ fetch, parent, url, depends }) => {
  depends("app:sla-board");
  const { me } = await parent();
  if (me.role === "agent") error(403, { message: "The SLA board is for team leads and admins.", code: "FORBIDDEN" });
  const filters = {
    team: url.searchParams.get("team") || undefined,
    assignee: url.searchParams.get("assignee") || undefined,
  };
  const api = apiClient(fetch);
  const base: Record<string, string> = { sort: "due", status: openStatuses.join(","), limit: "100" };
  if (filters.team) base.team = filters.team;
  if (filters.assignee) base.assignee = filters.assignee;
  // Running clocks by time to breach, then what already breached and what waits on the customer.
  const groups = await Promise.all(
    (["active", "breached", "paused"] as const).map((sla) => allPages(api, { ...base, sla })),
  );
  return {
    filters,
    tickets: groups.flatMap((g) => g.items),
    truncated: groups.some((g) => g.truncated),
    loadedAt: Date.now(),
  };
}) satisfies PageLoad;
