import type { TicketView } from "$lib/api/types";
import type { RealtimeConnection } from "./socket.svelte";

export interface LiveTicketsOptions {
  realtime: RealtimeConnection;
  /** The tickets the page loaded: the list starts again from them whenever the load function runs again. */
  loaded: () => TicketView[];
  /** Whether a ticket, as it is now, belongs in the list (the page's filters). */
  belongs: (ticket: TicketView) => boolean;
  /** Where it goes among the others; -1: beyond what is loaded, left to loading more. Default: at the end. */
  position?: (others: TicketView[], ticket: TicketView) => number;
  /** Whether a change that lands in the list flashes its row. Default: every one. */
  flashes?: (before: TicketView | undefined, after: TicketView) => boolean;
  /** While true (a search, whose matches only the server knows), changes are not applied: the list turns `stale`. */
  frozen?: () => boolean;
  /** Loads the list again: after a reconnect, since events sent while the socket was down are not replayed. */
  reload: () => unknown;
}

/**
 * A list of tickets kept live from the socket's `ticket.created`, `ticket.updated` and `message.created`: each
 * pushed ticket is slotted in, moved or taken out by the page's filters. Create it while a component initialises
 * (it subscribes for the component's lifetime).
 */
export class LiveTickets {
  readonly #options: LiveTicketsOptions;
  /** Reset to what the page loaded whenever it loads again, patched by pushed changes in between. */
  items = $derived.by(() => this.#options.loaded());
  /** Rows that just changed, for a moment. */
  flashed = $state(new Set<string>());
  /** A change came in that a frozen list could not apply: the page offers to reload. */
  stale = $state(false);

  constructor(options: LiveTicketsOptions) {
    this.#options = options;
    const { realtime } = options;
    $effect(() => realtime.on("ticket.created", (e) => this.upsert(e.ticket)));
    $effect(() => realtime.on("ticket.updated", (e) => this.upsert(e.ticket)));
    $effect(() => realtime.on("message.created", (e) => this.upsert(e.ticket)));
    $effect(() => {
      if (realtime.reconnects > 0) void options.reload();
    });
  }

  /** A ticket changed somewhere: slot it in, move it, or drop it, so the list stays true to its filters. */
  upsert(ticket: TicketView) {
    const known = this.items.find((t) => t.id === ticket.id);
    // Pushes may arrive out of order, or after a reload that already has a newer state: an older one says nothing new.
    if (known && Date.parse(known.updatedAt) > Date.parse(ticket.updatedAt)) return;
    if (this.#options.frozen?.()) {
      this.stale = true;
      return;
    }
    const others = this.items.filter((t) => t.id !== ticket.id);
    const at = !this.#options.belongs(ticket)
      ? -1
      : this.#options.position
        ? this.#options.position(others, ticket)
        : others.length;
    if (at === -1) {
      if (known) this.items = others;
      return;
    }
    this.items = [...others.slice(0, at), ticket, ...others.slice(at)];
    if (this.#options.flashes?.(known, ticket) ?? true) this.#flash(ticket.id);
  }

  /** The next page of the same list; tickets already in it (pushed meanwhile) are not repeated. */
  append(more: TicketView[]) {
    const known = new Set(this.items.map((t) => t.id));
    this.items = [...this.items, ...more.filter((t) => !known.has(t.id))];
  }

  #flash(id: string) {
    this.flashed = new Set(this.flashed).add(id);
    setTimeout(() => {
      const next = new Set(this.flashed);
      next.delete(id);
      this.flashed = next;
    }, 2500);
  }
}
