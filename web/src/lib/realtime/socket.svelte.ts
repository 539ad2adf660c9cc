import { io, type Socket } from "socket.io-client";
import type { RealtimeEvent, StaffChatClientEvents, StaffChatServerEvents } from "$lib/api/types";

type EventOf<T extends RealtimeEvent["type"]> = Extract<RealtimeEvent, { type: T }>;
/** What the server pushes: every RealtimeEvent by its type, and the live-chat signals (typing, page, presence, read). */
type ServerEvents = { [T in RealtimeEvent["type"]]: (event: EventOf<T>) => void } & StaffChatServerEvents;

export type ConnectionState = "connecting" | "live" | "offline";

/**
 * The agent workspace's one socket. The server authenticates it by the session cookie and joins it to the
 * rooms of the tickets this user may see; events are the API's RealtimeEvent union.
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
  on<T extends keyof ServerEvents>(type: T, listener: ServerEvents[T]): () => void {
    const handler = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
    this.#socket.on(type as string, handler);
    return () => {
      this.#socket.off(type as string, handler);
    };
  }

  /** Live-chat signals from the agent (typing, read); dropped while offline, as they are only worth anything now. */
  emit<T extends keyof StaffChatClientEvents>(type: T, ...args: Parameters<StaffChatClientEvents[T]>): boolean {
    if (!this.#socket.connected) return false;
    this.#socket.emit(type, ...args);
    return true;
  }

  /** Asks the server and waits for its acknowledgement; null when it cannot connect or answer within seconds. */
  async request<T extends keyof StaffChatClientEvents>(
    type: T,
    payload: Parameters<StaffChatClientEvents[T]>[0],
  ): Promise<Parameters<Extract<Parameters<StaffChatClientEvents[T]>[1], (...a: never[]) => unknown>>[0] | null> {
    if (!this.#socket.connected) {
      // A page opened while the socket is still connecting asks as soon as it is up.
      const socket = this.#socket;
      const connected = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => (socket.off("connect", onConnect), resolve(false)), 5_000);
        function onConnect() {
          clearTimeout(timer);
          resolve(true);
        }
        socket.once("connect", onConnect);
      });
      if (!connected) return null;
    }
    try {
      return await (
        this.#socket.timeout(5_000) as unknown as { emitWithAck(t: string, p: unknown): Promise<never> }
      ).emitWithAck(type, payload);
    } catch {
      return null;
    }
  }

  close() {
    this.#socket.close();
  }
}
