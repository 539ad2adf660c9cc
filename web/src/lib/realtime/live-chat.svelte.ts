import type { MessageView, TicketDetailView, WidgetPage } from "$lib/api/types";
import type { RealtimeConnection } from "./socket.svelte";

/** Where the widget's server side keeps the visitor's current page on the ticket (api/src/domain/live-chat/widget-views.ts). */
export const chatPageFields = { url: "chat_page_url", title: "chat_page_title" } as const;

export function chatPageOf(ticket: Pick<TicketDetailView, "customFields">): WidgetPage | null {
  const url = ticket.customFields[chatPageFields.url];
  const title = ticket.customFields[chatPageFields.title];
  return typeof url === "string" ? { url, title: typeof title === "string" ? title : undefined } : null;
}

/** The customer's latest public message: what "the agent has read the chat" points at. */
export function lastVisitorMessage(messages: MessageView[]): MessageView | undefined {
  return messages.findLast((m) => m.authorKind === "customer" && !m.internal);
}

/**
 * The live side of one chat ticket for the agent: the visitor typing, online, on which page, and what they
 * have seen; and the agent's own typing and reading, sent to the widget. Signals, not stored state: they
 * reach only whoever has the ticket open now.
 */
export class ChatTicketSignals {
  visitorTyping = $state(false);
  /** null until the server says: asked once when the chat opens, then pushed on every change. */
  visitorOnline = $state<boolean | null>(null);
  page = $state<WidgetPage | null>(null);
  /** The visitor has seen the agents' messages up to this one. */
  seen = $state<{ messageId: string; readAt: string } | null>(null);

  #typingSentAt = 0;
  #typingStop: ReturnType<typeof setTimeout> | undefined;
  #visitorTypingTimeout: ReturnType<typeof setTimeout> | undefined;
  #lastRead: string | null = null;

  constructor(
    private readonly realtime: RealtimeConnection,
    readonly ticketId: string,
    page: WidgetPage | null,
  ) {
    this.page = page;
  }

  /** Subscribes to this ticket's chat signals; returns the teardown (for an $effect). */
  listen(): () => void {
    const mine = (e: { ticketId: string }) => e.ticketId === this.ticketId;
    const off = [
      this.realtime.on("chat.visitor_typing", (e) => {
        if (!mine(e)) return;
        clearTimeout(this.#visitorTypingTimeout);
        this.visitorTyping = e.typing;
        // Presence is pushed when the visitor comes or goes; one typing is proof enough that they are here now.
        if (e.typing) this.visitorOnline = true;
        // A "stopped typing" lost with a closed tab must not leave the indicator on.
        if (e.typing) this.#visitorTypingTimeout = setTimeout(() => (this.visitorTyping = false), 8_000);
      }),
      this.realtime.on("chat.visitor_page", (e) => {
        if (!mine(e)) return;
        this.page = e.page;
        this.visitorOnline = true;
      }),
      this.realtime.on("chat.visitor_presence", (e) => {
        if (!mine(e)) return;
        this.visitorOnline = e.online;
        if (!e.online) this.visitorTyping = false;
      }),
      this.realtime.on("chat.read", (e) => mine(e) && (this.seen = { messageId: e.messageId, readAt: e.readAt })),
    ];
    // Whether the visitor is here right now; a push that arrives meanwhile is newer and wins.
    void this.realtime.request("chat.presence", { ticketId: this.ticketId }).then((answer) => {
      if (answer && this.visitorOnline === null) this.visitorOnline = answer.online;
    });
    return () => {
      clearTimeout(this.#visitorTypingTimeout);
      this.typing(false);
      off.forEach((unsubscribe) => unsubscribe());
    };
  }

  /** The agent types a public reply: at most one "typing" every 3 s, and "stopped" after 4 s without a key. */
  typing(active: boolean) {
    clearTimeout(this.#typingStop);
    if (active) {
      if (Date.now() - this.#typingSentAt > 3_000) {
        this.realtime.emit("chat.typing", { ticketId: this.ticketId, typing: true });
        this.#typingSentAt = Date.now();
      }
      this.#typingStop = setTimeout(() => this.typing(false), 4_000);
    } else if (this.#typingSentAt) {
      this.realtime.emit("chat.typing", { ticketId: this.ticketId, typing: false });
      this.#typingSentAt = 0;
    }
  }

  /** The agent has the chat in front of them: the visitor's messages up to this one are read. */
  read(messageId: string) {
    if (messageId === this.#lastRead) return;
    // Offline: not marked as sent, so the next call (the page watches the connection) sends it.
    if (this.realtime.emit("chat.read", { ticketId: this.ticketId, messageId })) this.#lastRead = messageId;
  }
}
