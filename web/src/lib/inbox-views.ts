import type { TicketPriority, TicketStatus } from "$lib/api/types";
import type { InboxFilters } from "$lib/ticket-labels";
import { priorities, statuses } from "$lib/ticket-labels";

export const openStatuses: TicketStatus[] = ["new", "open", "pending", "on_hold"];

/** The inbox's saved views, as Zendesk's default views: each is just a set of filters in the URL. */
export interface InboxView {
  label: string;
  query: string;
  /** A team's queue rather than one of the fixed views. */
  team: boolean;
}

export function builtInViews(teams: { id: string; name: string }[]): InboxView[] {
  const fixed = [
    { label: "Your open tickets", query: `assignee=me&status=${openStatuses.join(",")}` },
    { label: "Unassigned", query: "assignee=none&status=new,open" },
    { label: "All open", query: `status=${openStatuses.join(",")}` },
    { label: "Breaches soonest", query: `sort=due&status=${openStatuses.join(",")}` },
    { label: "Breached", query: `sla=breached&status=${openStatuses.join(",")}&sort=due` },
    { label: "Pending", query: "status=pending" },
    { label: "On hold", query: "status=on_hold" },
    { label: "Recently solved", query: "status=solved&sort=updated" },
    { label: "Closed", query: "status=closed&sort=updated" },
    { label: "All tickets", query: `status=${statuses.join(",")}` },
  ];
  return [
    ...fixed.map((view) => ({ ...view, team: false })),
    ...teams.map((team) => ({
      label: team.name,
      query: `team=${team.id}&status=${openStatuses.join(",")}`,
      team: true,
    })),
  ];
}

export const defaultViewQuery = `status=${openStatuses.join(",")}`;

export type InboxSort = "newest" | "oldest" | "updated" | "due";
const sorts: InboxSort[] = ["newest", "oldest", "updated", "due"];
const slaStates: NonNullable<InboxFilters["sla"]>[] = ["breached", "active", "paused"];

export interface InboxQuery extends InboxFilters {
  sort: InboxSort;
}

const isStatus = (s: string): s is TicketStatus => (statuses as string[]).includes(s);
const isPriority = (s: string): s is TicketPriority => (priorities as string[]).includes(s);

/** The inbox's filters as they stand in the URL (the URL is the state: views are links, filters can be shared). */
export function inboxQueryFrom(params: URLSearchParams): InboxQuery {
  const list = (name: string) => params.get(name)?.split(",").filter(Boolean) ?? [];
  const status = list("status").filter(isStatus);
  const priority = list("priority").filter(isPriority);
  const sort = params.get("sort");
  const sla = params.get("sla");
  return {
    status: status.length ? status : undefined,
    priority: priority.length ? priority : undefined,
    assignee: params.get("assignee") || undefined,
    team: params.get("team") || undefined,
    channel: params.get("channel") || undefined,
    tag: params.get("tag") || undefined,
    customer: params.get("customer") || undefined,
    q: params.get("q") || undefined,
    sla: slaStates.find((s) => s === sla),
    sort: sorts.find((s) => s === sort) ?? "newest",
  };
}

/** The API's query string for the same filters (comma lists, as GET /api/tickets takes them). */
export function apiQueryOf(query: InboxQuery, extra: { cursor?: string; limit?: string } = {}) {
  const out: Record<string, string> = { sort: query.sort, limit: extra.limit ?? "50" };
  if (query.status) out.status = query.status.join(",");
  if (query.priority) out.priority = query.priority.join(",");
  for (const key of ["assignee", "team", "channel", "tag", "customer", "q", "sla"] as const) {
    const value = query[key];
    if (value) out[key] = value;
  }
  if (extra.cursor) out.cursor = extra.cursor;
  return out;
}

export function urlQueryOf(query: InboxQuery): string {
  const { limit: _limit, ...rest } = apiQueryOf(query);
  if (rest.sort === "newest") delete rest.sort;
  return new URLSearchParams(rest).toString().replaceAll("%2C", ",");
}

/** The same view however its URL was written (parameter order, a default sort spelled out). */
export function sameInboxQuery(a: string, b: string): boolean {
  return urlQueryOf(inboxQueryFrom(new URLSearchParams(a))) === urlQueryOf(inboxQueryFrom(new URLSearchParams(b)));
}
