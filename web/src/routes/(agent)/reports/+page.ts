import { error } from "@sveltejs/kit";
import { apiClient, data } from "$lib/api/client";
import type { PageLoad } from "./$types";

const groupings = ["policy", "team", "agent", "channel", "priority", "day", "week"] as const;
export type ReportGrouping = (typeof groupings)[number];

const day = 24 * 3600_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const load = (async ({ fetch, url, parent }) => {
  const { me } = await parent();
  if (me.role === "agent") error(403, { message: "Reports are for team leads and admins.", code: "FORBIDDEN" });
  const days = Number(url.searchParams.get("days") ?? 30);
  const to = url.searchParams.get("to") ?? isoDate(new Date(Date.now() + day));
  const from = url.searchParams.get("from") ?? isoDate(new Date(new Date(to).getTime() - days * day));
  const requested = url.searchParams.get("groupBy");
  const groupBy: ReportGrouping = groupings.find((g) => g === requested) ?? "team";
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const query = { from, to, groupBy, timeZone };
  const report = await data(apiClient(fetch).api.reports.sla.$get({ query }));
  return { report, query, days, groupings };
}) satisfies PageLoad;
