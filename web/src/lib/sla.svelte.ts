import type { InferRequestType, InferResponseType } from "hono/client";
import type { ApiClient } from "$lib/api/client";
import type { TicketView } from "$lib/api/types";

/** A ticket's SLA at a glance, as lists and realtime events carry it. */
export type SlaSummary = NonNullable<TicketView["sla"]>;
export type SlaTargetKind = NonNullable<SlaSummary["target"]>["kind"];

type SlaApi = ApiClient["api"]["sla"];
export type SlaPolicy = InferResponseType<SlaApi["policies"]["$get"], 200>["items"][number];
export type SlaPolicyInput = InferRequestType<SlaApi["policies"]["$post"]>["json"];
export type BusinessCalendar = InferResponseType<SlaApi["calendars"]["$get"], 200>["items"][number];

export const slaTargetLabels: Record<SlaTargetKind, string> = {
  first_response: "First response",
  next_response: "Next response",
  resolution: "Resolution",
};
export const slaTargetKinds = Object.keys(slaTargetLabels) as SlaTargetKind[];

/**
 * The one clock every countdown reads: a second-by-second `now` that runs while anything is subscribed
 * (a component subscribes with `$effect(() => ticker.subscribe())`), so a board of a hundred rows has one timer.
 */
class Ticker {
  now = $state(Date.now());
  #subscribers = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  subscribe(): () => void {
    if (this.#subscribers++ === 0) {
      this.now = Date.now();
      this.#timer = setInterval(() => (this.now = Date.now()), 1000);
    }
    return () => {
      if (--this.#subscribers === 0) clearInterval(this.#timer);
    };
  }
}
export const ticker = new Ticker();

const minute = 60_000;

/** "45s", "12m", "1h 12m", "2d 3h": a span as countdowns show it. */
export function formatSpan(ms: number): string {
  if (ms < minute) return `${Math.max(0, Math.floor(ms / 1000))}s`;
  const minutes = Math.floor(ms / minute);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return `${hours}h ${rest}m`;
  return `${rest}m`;
}

/** "just now", "12m ago", "2h 5m ago". */
export function formatAgo(ms: number): string {
  return ms < minute ? "just now" : `${formatSpan(ms)} ago`;
}

/** A target is close to breaching with under 30 minutes or under a quarter of its time left. */
export function isDueSoon(remainingMs: number, startedAt: string | null | undefined, dueAt: string): boolean {
  if (remainingMs < 30 * minute) return true;
  if (!startedAt) return false;
  const span = Date.parse(dueAt) - Date.parse(startedAt);
  return span > 0 && remainingMs < span / 4;
}

export type SlaTone = "running" | "soon" | "breached" | "paused" | "met";

/**
 * What a ticket's SLA looks like right now. A running target whose due time has passed shows as breached
 * at once, before the server's breach timer has recorded it.
 */
export function slaStateAt(
  sla: SlaSummary | null | undefined,
  now: number,
): { tone: SlaTone; text: string; breachedAt: number | null } | null {
  if (!sla) return null;
  switch (sla.status) {
    case "breached": {
      const at = sla.target?.breachedAt ? Date.parse(sla.target.breachedAt) : null;
      return { tone: "breached", text: at === null ? "Breached" : `Breached ${formatAgo(now - at)}`, breachedAt: at };
    }
    case "active": {
      if (!sla.dueAt) return { tone: "running", text: "Running", breachedAt: null };
      const due = Date.parse(sla.dueAt);
      const remaining = due - now;
      if (remaining <= 0) return { tone: "breached", text: `Breached ${formatAgo(-remaining)}`, breachedAt: due };
      return {
        tone: isDueSoon(remaining, sla.target?.startedAt, sla.dueAt) ? "soon" : "running",
        text: formatSpan(remaining),
        breachedAt: null,
      };
    }
    case "paused":
      return { tone: "paused", text: "Paused", breachedAt: null };
    case "achieved":
      return { tone: "met", text: "Met", breachedAt: null };
  }
}

/** Where a ticket stands on the SLA board at `now`; null: not on the board (no SLA, or every target met). */
export function boardGroupOf(ticket: TicketView, now: number): "active" | "breached" | "paused" | null {
  const state = slaStateAt(ticket.sla, now);
  if (!state) return null;
  if (state.tone === "breached") return "breached";
  if (state.tone === "paused") return "paused";
  if (state.tone === "met") return null;
  return "active";
}

/** Soonest due first; tickets without a running clock last, by number (the API's `sort=due`). */
export function compareDue(a: TicketView, b: TicketView): number {
  const da = a.sla?.dueAt ? Date.parse(a.sla.dueAt) : Number.POSITIVE_INFINITY;
  const db = b.sla?.dueAt ? Date.parse(b.sla.dueAt) : Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.number - b.number;
}

/** Minutes as "1h 30m" for settings summaries. */
export function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  return (
    [days ? `${days}d` : "", hours ? `${hours}h` : "", minutes ? `${minutes}m` : ""].filter(Boolean).join(" ") || "0m"
  );
}
