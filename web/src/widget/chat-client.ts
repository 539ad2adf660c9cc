import { io, type Socket } from "socket.io-client";
import type {
  WidgetAck,
  WidgetAgent,
  WidgetClientEvents,
  WidgetErrorCode,
  WidgetHandshake,
  WidgetMessage,
  WidgetPage,
  WidgetServerEvents,
  WidgetSession,
} from "../../../api/src/domain/live-chat/protocol.ts";

export type Identity = NonNullable<WidgetHandshake["identity"]>;
export type ConnectionState = "connecting" | "online" | "reconnecting" | "failed";

/** A message typed by the visitor and not yet acknowledged by the server; kept in localStorage until it is. */
export interface PendingMessage {
  clientId: string;
  text: string;
  createdAt: string;
}

type Acked<K extends keyof WidgetClientEvents> = Parameters<WidgetClientEvents[K]>[1] extends (result: infer R) => void
  ? R
  : never;

const ackTimeoutMs = 10_000;
const retryMs = 4_000;

/** crypto.randomUUID exists only in secure contexts; host pages on plain http still need unique ids. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function currentPage(): WidgetPage {
  return { url: location.href, title: document.title || undefined };
}

/**
 * The widget's side of the protocol (api/src/domain/live-chat/protocol.ts), without any DOM: the socket,
 * the session, the message list, the unsent queue and the page the visitor is on. The panel renders
 * what it holds and calls `onchange` listeners after every change.
 */
export class ChatClient {
  connection: ConnectionState = "connecting";
  /** A refusal the widget cannot get past by itself (origin not allowed, unknown channel). */
  failure: WidgetErrorCode | null = null;
  /** An error code the visitor should know about that is not fatal (rate limited, too long, a failed upload). */
  notice: string | null = null;
  session: WidgetSession | null = null;
  messages: WidgetMessage[] = [];
  pending: PendingMessage[];
  agentTyping: WidgetAgent | null = null;
  /** The text of a message the server refused for good, for the composer to give back; the panel clears it. */
  rejected: string | null = null;

  readonly #socket: Socket<WidgetServerEvents, WidgetClientEvents>;
  readonly #keys: { token: string; pending: string };
  readonly #listeners = new Set<() => void>();
  #identity: Identity | undefined;
  #inflight = new Set<string>();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  #typingSentAt = 0;
  #lastPage = "";
  #lastRead: string | null = null;

  constructor(
    readonly host: string,
    readonly channelId: string,
    identity: Identity | undefined,
  ) {
    this.#identity = identity;
    const prefix = `helpdesk-widget:${channelId}:`;
    this.#keys = { token: prefix + "token", pending: prefix + "unsent" };
    this.pending = this.#readPending();

    this.#socket = io(`${host}/widget`, {
      // A function: every (re)connection sends the current token and page, not the ones from the first visit.
      auth: (send) => send(this.#handshake()),
      // WebSocket first: it needs no CORS preflight from the host page; long-polling is the fallback.
      transports: ["websocket", "polling"],
      tryAllTransports: true,
    });
    this.#listen();
    this.#trackPages();
    // Another tab queued or delivered a message: show the same queue here.
    addEventListener("storage", (event) => {
      if (event.key === this.#keys.pending) {
        this.pending = this.#readPending();
        this.#changed();
      }
    });
  }

  onchange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get token(): string | null {
    return storage.get(this.#keys.token);
  }

  /** The host page signed its user in or out: reconnect with the new identity. */
  identify(identity: Identity | undefined) {
    this.#identity = identity;
    this.failure = null;
    this.#socket.disconnect().connect();
  }

  send(text: string) {
    const message: PendingMessage = { clientId: newClientId(), text, createdAt: new Date().toISOString() };
    this.#writePending([...this.#readPending(), message]);
    this.setTyping(false);
    this.#changed();
    this.#flush();
  }

  /** Throttled: at most one "typing" every 3 s while keys are pressed, and "stopped" after 4 s of quiet. */
  setTyping(typing: boolean) {
    clearTimeout(this.#typingTimer);
    if (!this.#socket.connected) return;
    if (typing) {
      if (Date.now() - this.#typingSentAt > 3_000) {
        this.#socket.emit("typing", { typing: true });
        this.#typingSentAt = Date.now();
      }
      this.#typingTimer = setTimeout(() => this.setTyping(false), 4_000);
    } else if (this.#typingSentAt) {
      this.#socket.emit("typing", { typing: false });
      this.#typingSentAt = 0;
    }
  }

  /** The panel is open and visible: the visitor has seen the agent's latest message. */
  markRead() {
    const last = this.messages.findLast((m) => m.author === "agent");
    if (!last || last.id === this.#lastRead || !this.#socket.connected) return;
    this.#lastRead = last.id;
    this.#socket.emit("read", { messageId: last.id });
    // Locally too, so the launcher's unread count is right when the panel closes.
    const readAt = new Date().toISOString();
    this.messages = this.messages.map((m) => (m.author === "agent" && !m.readAt ? { ...m, readAt } : m));
  }

  updateVisitor(details: { name?: string; email?: string }) {
    return this.#request("visitor.update", details).then((result) => {
      if (result.ok && this.session) this.session = { ...this.session, visitor: result.data };
      this.#changed();
      return result;
    });
  }

  endConversation() {
    return this.#request("conversation.end", {}).then((result) => {
      if (result.ok && this.session?.conversation) this.session.conversation.state = "ended";
      this.#changed();
      return result;
    });
  }

  rate(rating: 1 | 2 | 3 | 4 | 5, comment?: string) {
    return this.#request("conversation.rate", comment ? { rating, comment } : { rating }).then((result) => {
      if (result.ok && this.session?.conversation) this.session.conversation.rated = true;
      this.#changed();
      return result;
    });
  }

  /** Files go over HTTP (multipart), not the socket; the answer is the stored message, also pushed to other tabs. */
  async upload(file: File): Promise<void> {
    const token = this.token;
    if (!token) return;
    if (file.size > 10 * 1024 * 1024) return this.#notify("FILE_TOO_LARGE");
    const body = new FormData();
    body.set("clientId", newClientId());
    body.set("file", file);
    try {
      const response = await fetch(`${this.host}/api/widget/messages`, {
        method: "POST",
        headers: { "x-visitor-token": token },
        body,
      });
      const answer = (await response.json().catch(() => null)) as WidgetMessage | { error?: { code?: string } } | null;
      if (!response.ok || !answer || !("id" in answer)) {
        const code = answer && "error" in answer ? answer.error?.code : undefined;
        return this.#notify(response.status === 413 ? "FILE_TOO_LARGE" : (code ?? "INTERNAL"));
      }
      this.#receive(answer);
    } catch {
      this.#notify("INTERNAL");
    }
  }

  dismissNotice() {
    this.notice = null;
    this.#changed();
  }

  #handshake(): WidgetHandshake {
    const handshake: WidgetHandshake = { channelId: this.channelId, page: currentPage() };
    const token = this.token;
    if (token) handshake.visitorToken = token;
    if (this.#identity) handshake.identity = this.#identity;
    return handshake;
  }

  #listen() {
    const socket = this.#socket;
    socket.on("connect", () => {
      this.#lastPage = location.href;
    });
    socket.on("disconnect", () => {
      this.#inflight.clear();
      this.connection = "reconnecting";
      this.agentTyping = null;
      this.#changed();
    });
    socket.on("connect_error", (error) => {
      const code = error.message as WidgetErrorCode;
      if (code === "INVALID_VISITOR_TOKEN") {
        // Expired or from another channel's secret: start over as a new visitor.
        storage.remove(this.#keys.token);
        socket.connect();
        return;
      }
      if (code === "INVALID_IDENTITY" && this.#identity) {
        this.#identity = undefined;
        this.#notify(code);
        socket.connect();
        return;
      }
      if (code === "CHANNEL_NOT_FOUND" || code === "ORIGIN_NOT_ALLOWED") {
        this.failure = code;
        this.connection = "failed";
      } else {
        // Refused by a middleware (rate limit, a server error): socket.io does not retry those by itself.
        this.connection = this.session ? "reconnecting" : "connecting";
        if (!socket.active) setTimeout(() => socket.connect(), retryMs);
      }
      this.#changed();
    });

    socket.on("session", (session) => {
      storage.set(this.#keys.token, session.visitorToken);
      this.session = session;
      this.messages = session.conversation ? sortMessages(session.conversation.messages) : [];
      this.connection = "online";
      this.failure = null;
      this.#lastRead = this.messages.findLast((m) => m.author === "agent" && m.readAt)?.id ?? null;
      this.#dropDelivered();
      this.#changed();
      this.#flush();
    });

    socket.on("message", (message, conversation) => {
      const current = this.session?.conversation;
      if (this.session && current?.ticketId !== conversation.ticketId) {
        // The first message, or the first after an ended chat: a new conversation.
        this.session.conversation = { ...conversation, state: "open", messages: [], rated: false };
        this.messages = [];
      }
      if (message.author === "agent") this.agentTyping = null;
      this.#receive(message);
    });

    socket.on("typing", ({ agent, typing }) => {
      clearTimeout(this.#agentTypingTimer);
      this.agentTyping = typing ? agent : null;
      // A "stopped" that never arrives (the agent closed the tab) must not leave the dots up.
      if (typing) this.#agentTypingTimer = setTimeout(() => ((this.agentTyping = null), this.#changed()), 8_000);
      this.#changed();
    });

    socket.on("read", ({ messageId, readAt }) => {
      const upTo = this.messages.findIndex((m) => m.id === messageId);
      if (upTo < 0) return;
      this.messages = this.messages.map((m, i) =>
        i <= upTo && m.author === "visitor" && !m.readAt ? { ...m, readAt } : m,
      );
      this.#changed();
    });

    socket.on("conversation.state", ({ ticketId, state }) => {
      const conversation = this.session?.conversation;
      if (conversation?.ticketId !== ticketId) return;
      conversation.state = state;
      this.#changed();
    });

    socket.on("availability", ({ agentsAvailable }) => {
      if (!this.session) return;
      this.session.channel = { ...this.session.channel, agentsAvailable };
      this.#changed();
    });
  }

  #receive(message: WidgetMessage) {
    const index = this.messages.findIndex((m) => m.id === message.id);
    if (index >= 0) this.messages[index] = message;
    else this.messages = sortMessages([...this.messages, message]);
    this.#dropDelivered();
    this.#changed();
  }

  /** Sends every queued message that is not on its way already. Idempotent on the server by clientId. */
  #flush() {
    clearTimeout(this.#retryTimer);
    if (!this.#socket.connected || !this.session) return;
    for (const message of this.pending) {
      if (this.#inflight.has(message.clientId)) continue;
      this.#inflight.add(message.clientId);
      this.#socket
        .timeout(ackTimeoutMs)
        .emit("message.send", { clientId: message.clientId, text: message.text }, (timedOut, result) => {
          this.#inflight.delete(message.clientId);
          if (timedOut) return this.#retrySoon();
          if (result.ok) return this.#receive(result.data);
          if (result.error.code === "RATE_LIMITED" || result.error.code === "INTERNAL") {
            this.#notify(result.error.code);
            return this.#retrySoon();
          }
          // Refused for good (too long, invalid): out of the queue; the panel offers the text again.
          this.#writePending(this.#readPending().filter((m) => m.clientId !== message.clientId));
          this.rejected = message.text;
          this.#notify(result.error.code);
        });
    }
  }

  #retrySoon() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#flush(), retryMs);
  }

  /** Drops from the queue what the server has stored (acknowledged here, or sent from another tab). */
  #dropDelivered() {
    const delivered = new Set(this.messages.map((m) => m.clientId));
    const queue = this.#readPending();
    if (queue.some((m) => delivered.has(m.clientId)))
      this.#writePending(queue.filter((m) => !delivered.has(m.clientId)));
  }

  #request<K extends "visitor.update" | "conversation.end" | "conversation.rate">(
    event: K,
    payload: Parameters<WidgetClientEvents[K]>[0],
  ): Promise<Acked<K>> {
    return new Promise((resolve) => {
      const failed = { ok: false, error: { code: "INTERNAL", message: "No answer" } } as Acked<K>;
      if (!this.#socket.connected) return resolve(failed);
      // One generic emit for three events: socket.io's typings cannot follow a union of event names.
      const socket = this.#socket.timeout(ackTimeoutMs) as unknown as {
        emit(event: K, payload: unknown, ack: (error: Error | null, result: Acked<K>) => void): void;
      };
      socket.emit(event, payload, (error, result) => {
        const answer = result as WidgetAck<unknown>;
        if (!error && !answer.ok) this.#notify(answer.error.code);
        resolve(error ? failed : result);
      });
    });
  }

  /** SPA navigation changes the page without a load: patch the history API and tell the server. */
  #trackPages() {
    const report = () =>
      setTimeout(() => {
        if (location.href === this.#lastPage || !this.#socket.connected) return;
        this.#lastPage = location.href;
        this.#socket.emit("page", currentPage());
      }, 100); // after the router has set the new title
    for (const name of ["pushState", "replaceState"] as const) {
      const original = history[name];
      history[name] = function (this: History, ...args: Parameters<History["pushState"]>) {
        const result = original.apply(this, args);
        report();
        return result;
      };
    }
    addEventListener("popstate", report);
    addEventListener("hashchange", report);
  }

  #notify(code: WidgetErrorCode | string) {
    this.notice = code;
    this.#changed();
  }

  #readPending(): PendingMessage[] {
    try {
      const stored = JSON.parse(storage.get(this.#keys.pending) ?? "[]") as unknown;
      return Array.isArray(stored)
        ? (stored as PendingMessage[]).filter((m) => typeof m?.clientId === "string" && typeof m.text === "string")
        : [];
    } catch {
      return [];
    }
  }

  #writePending(queue: PendingMessage[]) {
    this.pending = queue;
    if (queue.length) storage.set(this.#keys.pending, JSON.stringify(queue));
    else storage.remove(this.#keys.pending);
  }

  #changed() {
    for (const listener of this.#listeners) listener();
  }
}

function sortMessages(messages: WidgetMessage[]): WidgetMessage[] {
  return [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** localStorage can throw (Safari private mode, blocked third-party storage): the chat then lasts one page view. */
const memory = new Map<string, string>();
const storage = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  set(key: string, value: string) {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
  remove(key: string) {
    try {
      localStorage.removeItem(key);
    } catch {
      memory.delete(key);
    }
  },
};
