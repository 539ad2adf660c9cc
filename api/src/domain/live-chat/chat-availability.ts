import { businessCalendars, channels, type Channel, type Executor } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import type { Clock } from "../clock.ts";
import { DomainError } from "../errors.ts";
import { isBusinessTime } from "../sla/business-calendar.ts";
import { calendarOf } from "../sla/sla-policies.ts";
import { normalizeOrigin, webChatSettingsOf, type WebChatSettings } from "./chat-settings.ts";
import type { WidgetChannelInfo, WidgetMessage } from "./protocol.ts";

/**
 * Who is connected, across every API instance: the realtime layer answers (socket.io rooms through the Redis
 * adapter). The domain only asks.
 */
export interface ChatPresence {
  /** At least one staff member has the agent app open. */
  agentsOnline(): Promise<boolean>;
  /** A widget of this customer is open on this channel. */
  visitorOnline(channelId: string, customerId: string): Promise<boolean>;
}

export interface ChatChannel {
  channel: Channel;
  settings: WebChatSettings;
}

/** An active web_chat channel, or CHANNEL_NOT_FOUND (also for other kinds: the id alone reveals nothing). */
export async function findChatChannel(db: Executor, channelId: string): Promise<ChatChannel> {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.kind, "web_chat"), eq(channels.active, true)));
  if (!channel) throw new DomainError("CHANNEL_NOT_FOUND", `Chat channel ${channelId} does not exist.`);
  return { channel, settings: webChatSettingsOf(channel) };
}

/** Every active web_chat channel with its settings: CORS, and availability pushed to open widgets. */
export async function listActiveChatChannels(db: Executor): Promise<ChatChannel[]> {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, "web_chat"), eq(channels.active, true)));
  return rows.map((channel) => ({ channel, settings: webChatSettingsOf(channel) }));
}

/**
 * Whether some active chat channel lets this origin embed it (one that lists none lets any). CORS asks this: a
 * preflight does not say which channel it is for; each request is then checked against its own channel.
 */
export async function someChatChannelAllowsOrigin(db: Executor, origin: string): Promise<boolean> {
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  const chats = await listActiveChatChannels(db);
  return chats.some(
    ({ settings }) => settings.allowedOrigins.length === 0 || settings.allowedOrigins.includes(normalized),
  );
}

/** The page's Origin against the channel's allowed origins (none listed: any site may embed it). */
export function assertOriginAllowed(settings: WebChatSettings, origin: string | undefined): void {
  if (settings.allowedOrigins.length === 0) return;
  const normalized = origin ? normalizeOrigin(origin) : null;
  if (!normalized || !settings.allowedOrigins.includes(normalized)) {
    throw new DomainError("ORIGIN_NOT_ALLOWED", "This site may not use this chat channel.", { origin: origin ?? null });
  }
}

/** Agents are available when one is connected and, if the channel has business hours, it is within them. */
export async function agentsAvailable(
  deps: { db: Executor; clock: Clock; presence: ChatPresence },
  settings: WebChatSettings,
): Promise<boolean> {
  if (settings.businessCalendarId) {
    const [row] = await deps.db
      .select()
      .from(businessCalendars)
      .where(eq(businessCalendars.id, settings.businessCalendarId));
    // A deleted calendar leaves the channel without hours rather than closed for ever.
    if (row && !isBusinessTime(calendarOf(row), deps.clock.now())) return false;
  }
  return deps.presence.agentsOnline();
}

export async function getWidgetChannelInfo(
  deps: { db: Executor; clock: Clock; presence: ChatPresence },
  chat: ChatChannel,
): Promise<WidgetChannelInfo> {
  return {
    name: chat.channel.name,
    greeting: chat.settings.greeting,
    color: chat.settings.color,
    preChatForm: chat.settings.preChatForm,
    agentsAvailable: await agentsAvailable(deps, chat.settings),
    maxMessageLength: chat.settings.maxMessageLength,
  };
}

/** Counts a visitor's messages (and their IP's) per window; the realtime layer implements it (Redis or memory). */
export interface ChatRateLimiter {
  /** Counts one message; false when the visitor or their IP is over its limit (nothing may be stored then). */
  allow(visitorId: string, ip: string): Promise<boolean>;
}

export function assertAllowed(allowed: boolean): void {
  if (!allowed) throw new DomainError("RATE_LIMITED", "Too many messages; wait a few seconds and send again.");
}

/** Pushes a visitor's message stored outside their socket (an HTTP upload) to all their tabs; realtime implements it. */
export interface VisitorMessageNotifier {
  visitorMessage(
    visitor: { channelId: string; visitorId: string; customerId: string | null },
    message: WidgetMessage,
    conversation: { ticketId: string; number: number },
  ): void;
}
