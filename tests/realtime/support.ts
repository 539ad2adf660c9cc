import { createHmac } from "node:crypto";
import {
  createUser,
  logIn,
  type RealtimeEvent,
  type StaffChatServerEvents,
  type WidgetAck,
  type WidgetMessage,
  type WidgetServerEvents,
  type WidgetSession,
} from "@helpdesk/api/domain";
import type { HelpdeskServer } from "@helpdesk/api/server";
import { io as connect, type Socket } from "socket.io-client";
import { uniqueEmail } from "../support/harness.ts";
import { apiClient, bodyOf } from "../support/http-client.ts";

/** Helpers shared by the realtime tests: real socket.io clients against a real server, recording what they are sent. */

export const silent = { info: () => {}, warn: () => {}, error: () => {} };
export const siteOrigin = "https://shop.example";

const opened: Socket[] = [];
export function closeAllSockets() {
  for (const socket of opened.splice(0)) socket.disconnect();
}

export async function staffToken(server: HelpdeskServer, role: "admin" | "lead" | "agent", teamIds: string[] = []) {
  const email = uniqueEmail(role);
  await createUser(server.deps, {
    email,
    name: `${role} ${email.slice(0, 6)}`,
    role,
    password: "password-123",
    teamIds,
  });
  const { token } = await logIn(server.deps, { email, password: "password-123" });
  return token;
}

export async function createChatChannel(
  server: HelpdeskServer,
  adminToken: string,
  settings: Record<string, unknown> = {},
) {
  const channel = await bodyOf(
    apiClient(server.url, adminToken).api.channels.$post({
      json: { kind: "web_chat", name: "Website chat", settings: { allowedOrigins: [siteOrigin], ...settings } },
    }),
    201,
  );
  if (channel.kind !== "web_chat" || !channel.settings.identitySecret)
    throw new Error(`not a chat channel with its secret: ${JSON.stringify(channel)}`);
  return channel as typeof channel & { settings: { identitySecret: string } };
}

/** What a staff socket is sent, by event name: the realtime events (named by their type) and the live-chat signals. */
export type StaffEvents = { [E in RealtimeEvent as E["type"]]: E } & {
  [K in keyof StaffChatServerEvents]: Parameters<StaffChatServerEvents[K]>[0];
};
type Recorded<Events> = {
  [K in keyof Events]: { event: K; args: Events[K] extends unknown[] ? Events[K] : never };
}[keyof Events];

/** A staff socket recording every event, in the order sent. */
export async function staffSocket(url: string, token: string) {
  const socket = connect(url, {
    path: "/socket.io",
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  const received: Recorded<{ [K in keyof StaffEvents]: [StaffEvents[K]] }>[] = [];
  socket.onAny(
    (event: string, payload: unknown) => void received.push({ event, args: [payload] } as (typeof received)[number]),
  );
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return {
    socket,
    received,
    /** The payloads of one event, in order. */
    of: <K extends keyof StaffEvents>(event: K): StaffEvents[K][] =>
      received.filter((r) => r.event === event).map((r) => r.args[0] as StaffEvents[K]),
    /** Whether the visitor of a chat is connected, as the agent opening it is told. */
    presence: (ticketId: string): Promise<{ online: boolean } | null> =>
      socket.timeout(5000).emitWithAck("chat.presence", { ticketId }),
  };
}

type WidgetEventArgs = { [K in keyof WidgetServerEvents]: Parameters<WidgetServerEvents[K]> };

export interface WidgetClient {
  socket: Socket;
  session: WidgetSession;
  received: Recorded<WidgetEventArgs>[];
  /** The arguments of every `event` sent to this tab, in order. */
  of<K extends keyof WidgetServerEvents>(event: K): WidgetEventArgs[K][];
  send(clientId: string, text: string): Promise<WidgetAck<WidgetMessage>>;
  call<T = unknown>(event: string, payload: unknown): Promise<WidgetAck<T>>;
}

/** A widget tab: connects to /widget as a browser on `origin` would, and resolves with its session. */
export async function openWidget(
  url: string,
  auth: Record<string, unknown>,
  origin: string | null = siteOrigin,
): Promise<WidgetClient> {
  const socket = connect(`${url}/widget`, {
    path: "/socket.io",
    auth,
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  opened.push(socket);
  const received: Recorded<WidgetEventArgs>[] = [];
  socket.onAny((event: string, ...args: unknown[]) => void received.push({ event, args } as Recorded<WidgetEventArgs>));
  const session = await new Promise<WidgetSession>((resolve, reject) => {
    socket.once("session", resolve);
    socket.once("connect_error", reject);
  });
  const call = <T>(event: string, payload: unknown) =>
    new Promise<WidgetAck<T>>((resolve) => socket.emit(event, payload, (result: WidgetAck<T>) => resolve(result)));
  return {
    socket,
    session,
    received,
    of: <K extends keyof WidgetServerEvents>(event: K) =>
      received.filter((r) => r.event === event).map((r) => r.args as WidgetEventArgs[K]),
    send: (clientId, text) => call<WidgetMessage>("message.send", { clientId, text }),
    call,
  };
}

/** The ticket of the conversation a widget tab's first pushed message belongs to. */
export function ticketOf(widget: WidgetClient): string {
  const [first] = widget.of("message");
  if (!first) throw new Error("no message has reached this widget tab yet");
  return first[1].ticketId;
}

/** The connect_error a refused widget handshake gives. */
export async function refusal(
  url: string,
  auth: Record<string, unknown>,
  origin: string | null = siteOrigin,
): Promise<string> {
  try {
    await openWidget(url, auth, origin);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the connection was accepted");
}

export function identityHash(secret: string, subject: string) {
  return createHmac("sha256", secret).update(subject).digest("hex");
}
