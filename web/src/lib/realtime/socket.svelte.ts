import { io, type Socket } from "socket.io-client";
import type { DomainEvent } from "$lib/api/types";

type EventOf<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;
type Listener<T extends DomainEvent["type"]> = (event: EventOf<T>) => void;

export type ConnectionState = "connecting" | "live" | "offline";

/**
 * The agent workspace's one socket. The server authenticates it by the session cookie and joins it to the
 * rooms of the tickets this user may see; events are the API's DomainEvent union.
 */
export class RealtimeConnection {
  #socket: Socket;
  state = $state<ConnectionState>("connecting");
  /** Bumped on every reconnect: pages refetch, since events sent while offline are not replayed. */
  reconnects = $state(0);

  constructor() {
    this.#socket = io({ path: "/socket.io", withCredentials: true });
    this.#socket.on("connect", () => {
      if (this.state === "offline") this.reconnects += 1;
      this.state = "live";
    });
    this.#socket.on("disconnect", () => (this.state = "offline"));
    this.#socket.on("connect_error", () => (this.state = "offline"));
  }

  /** Subscribes to one event type; returns the unsubscribe function (use it as an $effect teardown). */
  on<T extends DomainEvent["type"]>(type: T, listener: Listener<T>): () => void {
    const handler = (event: EventOf<T>) => listener(event);
    this.#socket.on(type as string, handler);
    return () => {
      this.#socket.off(type as string, handler);
    };
  }

  close() {
    this.#socket.close();
  }
}
