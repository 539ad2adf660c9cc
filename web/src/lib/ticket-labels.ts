import type { ChannelKind, TicketPriority, TicketStatus, TicketView } from "$lib/api/types";

export const statusLabels: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  pending: "Pending",
  on_hold: "On hold",
  solved: "Solved",
  closed: "Closed",
};
export const statuses = Object.keys(statusLabels) as TicketStatus[];

export const priorityLabels: Record<TicketPriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};
export const priorities = Object.keys(priorityLabels) as TicketPriority[];

export const channelLabels: Record<ChannelKind, string> = {
  email: "Email",
  web_chat: "Live chat",
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  instagram: "Instagram",
  telegram: "Telegram",
  portal: "Help center",
  api: "API",
};

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "just now", "5m", "3h", "2d", then a date: the inbox's compact age. */
export function timeAgo(iso: string, now = Date.now()): string {
  const elapsed = now - new Date(iso).getTime();
  if (elapsed < minute) return "just now";
  if (elapsed < hour) return `${Math.floor(elapsed / minute)}m ago`;
  if (elapsed < day) return `${Math.floor(elapsed / hour)}h ago`;
  if (elapsed < 7 * day) return `${Math.floor(elapsed / day)}d ago`;
  return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** A stable hue per person, so the same customer always has the same avatar colour. */
export function avatarHue(key: string): number {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

export type InboxFilters = {
  status?: TicketStatus[];
  priority?: TicketPriority[];
  assignee?: string;
  team?: string;
  channel?: string;
  tag?: string;
  customer?: string;
  q?: string;
  /** The SLA at a glance: `breached`, `active` (a clock running), `paused`. */
  sla?: "breached" | "active" | "paused";
};

/**
 * Whether a ticket pushed over the socket belongs in the list being shown. Mirrors the API's filters so
 * live updates slot in without a refetch; free-text queries are left to the server (the caller refetches).
 */
export function matchesFilters(ticket: TicketView, filters: InboxFilters, myId: string): boolean {
  if (filters.status && !filters.status.includes(ticket.status)) return false;
  if (filters.priority && !filters.priority.includes(ticket.priority)) return false;
  if (filters.assignee) {
    const want = filters.assignee === "me" ? myId : filters.assignee;
    if (want === "none" ? ticket.assignee !== null : ticket.assignee?.id !== want) return false;
  }
  if (filters.team) {
    if (filters.team === "none" ? ticket.team !== null : ticket.team?.id !== filters.team) return false;
  }
  if (filters.channel && ticket.channel.id !== filters.channel) return false;
  if (filters.tag && !ticket.tags.includes(filters.tag)) return false;
  if (filters.customer && ticket.customer.id !== filters.customer) return false;
  if (filters.sla && ticket.sla?.status !== filters.sla) return false;
  return true;
}
