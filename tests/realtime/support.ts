import { createHmac } from "node:crypto";
import { createUser, logIn, type WidgetAck, type WidgetMessage, type WidgetSession } from "@helpdesk/api/domain";
import type { HelpdeskServer } from "@helpdesk/api/server";
import { io as connect, type Socket } from "socket.io-client";
import { uniqueEmail } from "../support/harness.ts";

/** Helpers shared by the widget protocol and scale-out tests: real socket.io clients against a real server. */

export const silent = { info: () => {}, warn: () => {}, error: () => {} };
export const siteOrigin = "https://shop.example";

const opened: Socket[] = [];
export function closeAllSockets() {
  for (const socket of opened.splice(0)) socket.disconnect();
}

export async function staffToken(server: HelpdeskServer, role: "admin" | "lead" | "agent", teamIds: string[] = []) {
  const email = uniqueEmail(role);
  await createUser(server.deps, { email, name: `${role} ${email.slice(0, 6)}`, role, password: "password-123", teamIds });
  const { token } = await logIn(server.deps, { email, password: "password-123" });
  return token;
}

export async function api(server: HelpdeskServer, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function createChatChannel(server: HelpdeskServer, adminToken: string, settings: Record<string, unknown> = {}) {
  const created = await api(server, adminToken, "POST", "/api/channels", {
    kind: "web_chat",
    name: "Website chat",
    settings: { allowedOrigins: [siteOrigin], ...settings },
  });
  if (created.status !== 201) throw new Error(`channel not created: ${JSON.stringify(created.body)}`);
  return created.body as { id: string; settings: { identitySecret: string } };
}

export type Received = { event: string; args: any[] }[];

export async function waitFor(check: () => boolean | Promise<boolean>, what = "realtime events", timeoutMs = 5000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A staff socket recording every event: [name, payload]. */
export async function staffSocket(url: string, token: string) {
  const socket = connect(url, { path: "/socket.io", auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
  opened.push(socket);
  const received: Received = [];
  socket.onAny((event: string, ...args: any[]) => received.push({ event, args }));
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  return { socket, received, of: (event: string) => received.filter((r) => r.event === event).map((r) => r.args[0]) };
}

export interface WidgetClient {
  socket: Socket;
  session: WidgetSession;
  received: Received;
  of(event: string): any[];
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
  const received: Received = [];
  socket.onAny((event: string, ...args: any[]) => received.push({ event, args }));
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
    of: (event) => received.filter((r) => r.event === event).map((r) => r.args),
    send: (clientId, text) => call<WidgetMessage>("message.send", { clientId, text }),
    call,
  };
}

/** The connect_error a refused widget handshake gives. */
export async function refusal(url: string, auth: Record<string, unknown>, origin: string | null = siteOrigin): Promise<string> {
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
