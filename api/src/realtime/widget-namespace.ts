import type { Namespace, Server, Socket } from "socket.io";
import type { z } from "zod";
import type { DomainDeps } from "../domain/deps.ts";
import { DomainError } from "../domain/errors.ts";
import type { Logger } from "../domain/logger.ts";
import {
  agentsAvailable,
  assertAllowed,
  listActiveChatChannels,
  type ChatChannel,
  type ChatRateLimiter,
} from "../domain/live-chat/chat-availability.ts";
import { endConversation } from "../domain/live-chat/end-conversation.ts";
import { findVisitorCustomer, type VisitorRef } from "../domain/live-chat/identify-visitor.ts";
import { markReadByVisitor } from "../domain/live-chat/mark-messages-read.ts";
import type {
  WidgetAck,
  WidgetClientEvents,
  WidgetErrorCode,
  WidgetPage,
  WidgetServerEvents,
} from "../domain/live-chat/protocol.ts";
import {
  endPayload,
  ratePayload,
  readPayload,
  sendMessagePayload,
  typingPayload,
  visitorUpdatePayload,
  widgetErrorCode,
  widgetPageInput,
} from "../domain/live-chat/protocol-schemas.ts";
import { rateConversation } from "../domain/live-chat/rate-conversation.ts";
import { recordTicketPage, sendVisitorMessage } from "../domain/live-chat/send-visitor-message.ts";
import { startVisitorSession, type LiveChatDeps } from "../domain/live-chat/start-visitor-session.ts";
import { updateVisitor } from "../domain/live-chat/update-visitor.ts";
import { findLatestChatTicket, isEnded } from "../domain/live-chat/widget-views.ts";
import type { StaffChatServerEvents } from "../domain/live-chat/protocol.ts";
import type { SocketChatPresence } from "./chat-presence.ts";
import { clientAddress } from "../http-shared/client-address.ts";
import { ticketRooms, widgetNamespace, widgetRooms } from "./rooms.ts";
import type { VisitorLock } from "./visitor-lock.ts";

export interface LiveChatRealtime extends Omit<LiveChatDeps, "db" | "clock" | "presence"> {
  presence: SocketChatPresence;
  rateLimiter: ChatRateLimiter;
  visitorLock: VisitorLock;
  logger?: Pick<Logger, "error">;
  /** How often channels with business hours re-check availability for open widgets (default a minute). */
  availabilityCheckMs?: number;
  /** TRUST_PROXY: take the address from X-Forwarded-For (set by our own reverse proxy). */
  trustProxy?: boolean;
}

interface WidgetSocketData {
  chat: ChatChannel;
  visitor: VisitorRef;
  ip: string;
  page: WidgetPage | null;
}

type WidgetSocket = Socket<WidgetClientEvents, WidgetServerEvents, Record<string, never>, WidgetSocketData>;
export type WidgetNamespace = Namespace<
  WidgetClientEvents,
  WidgetServerEvents,
  Record<string, never>,
  WidgetSocketData
>;

/** Domain error codes the widget knows by the same name; INTERNAL is never a domain error's. */
const widgetErrorCodes = new Set<string>(widgetErrorCode.exclude(["INTERNAL"]).options);

function widgetErrorOf(error: unknown): { code: WidgetErrorCode; message: string } | null {
  if (!(error instanceof DomainError)) return null;
  if (widgetErrorCodes.has(error.code)) return { code: error.code as WidgetErrorCode, message: error.message };
  if (error.code === "TICKET_CLOSED" || error.code === "TICKET_MERGED")
    return { code: "CONVERSATION_ENDED", message: error.message };
  if (error.code === "NOT_FOUND" || error.code === "TICKET_NOT_FOUND")
    return { code: "VALIDATION_FAILED", message: error.message };
  return null;
}

function clientIp(socket: Socket, trustProxy: boolean): string {
  return clientAddress(socket.handshake.address, socket.handshake.headers["x-forwarded-for"], trustProxy);
}

/**
 * The chat widget's namespace (protocol: domain/live-chat/protocol.ts). Every payload is parsed with zod; every
 * state change goes through a live-chat use case. Sockets join their visitor's room (all tabs) and, once the
 * visitor is a customer, the conversation room that domain events fan out to (rooms.ts).
 */
export function attachWidgetNamespace(io: Server, deps: DomainDeps, live: LiveChatRealtime) {
  const nsp = io.of(widgetNamespace) as unknown as WidgetNamespace;
  const liveDeps: LiveChatDeps = { ...live, db: deps.db, clock: deps.clock };
  const messageDeps = { ...deps, links: live.links };
  const staff = io as unknown as Server<Record<string, never>, StaffChatServerEvents>;

  nsp.use(async (socket, next) => {
    try {
      const started = await startVisitorSession(liveDeps, socket.handshake.auth, socket.handshake.headers.origin);
      socket.data = {
        chat: started.chat,
        visitor: started.visitor,
        ip: clientIp(socket, live.trustProxy ?? false),
        page: started.handshake.page ?? null,
      };
      (socket as unknown as { session: unknown }).session = started.session;
      next();
    } catch (error) {
      const known = widgetErrorOf(error);
      if (!known)
        live.logger?.error("widget handshake failed", { error: error instanceof Error ? error.stack : String(error) });
      const refusal = new Error(known?.code ?? "INTERNAL") as Error & { data?: unknown };
      refusal.data = { message: known?.message ?? "Something went wrong on our side." };
      next(refusal);
    }
  });

  /**
   * The visitor's customer, read afresh: another tab may have created it since this one connected, or a sign-in on
   * the host site moved this visitor to their real customer record. The socket follows to the right room.
   */
  async function customerOf(socket: WidgetSocket): Promise<string | null> {
    const visitor = socket.data.visitor;
    const current = await findVisitorCustomer(deps.db, visitor.visitorId);
    if (current !== visitor.customerId) {
      if (visitor.customerId) void socket.leave(widgetRooms.conversation(visitor.channelId, visitor.customerId));
      if (current) void socket.join(widgetRooms.conversation(visitor.channelId, current));
      visitor.customerId = current;
    }
    return visitor.customerId;
  }

  /** All of the visitor's tabs, on every instance, join the conversation room once they are a customer. */
  function joinConversation(socket: WidgetSocket) {
    const { visitor } = socket.data;
    if (!visitor.customerId) return;
    const room = widgetRooms.conversation(visitor.channelId, visitor.customerId);
    // This socket at once (its own message is pushed next); the other tabs through the adapter, which with Redis
    // is a round trip.
    void socket.join(room);
    nsp.in(widgetRooms.visitor(visitor.visitorId)).socketsJoin(room);
  }

  async function openTicketOf(socket: WidgetSocket) {
    const customerId = await customerOf(socket);
    if (!customerId) return null;
    const ticket = await findLatestChatTicket(deps.db, socket.data.visitor.channelId, customerId);
    return ticket && !isEnded(ticket.status) ? ticket : null;
  }

  async function tellStaff<E extends keyof StaffChatServerEvents>(
    ticket: { teamId: string | null; assigneeId: string | null },
    event: E,
    ...args: Parameters<StaffChatServerEvents[E]>
  ) {
    staff.to(ticketRooms(ticket.teamId, ticket.assigneeId)).emit(event, ...args);
  }

  function answer<T>(ack: unknown, task: () => Promise<T>) {
    const reply = typeof ack === "function" ? (ack as (result: WidgetAck<T>) => void) : () => {};
    task().then(
      (data) => reply({ ok: true, data }),
      (error: unknown) => {
        const known = widgetErrorOf(error);
        if (!known)
          live.logger?.error("widget event failed", { error: error instanceof Error ? error.stack : String(error) });
        reply({ ok: false, error: known ?? { code: "INTERNAL", message: "Something went wrong on our side." } });
      },
    );
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new DomainError("VALIDATION_FAILED", "The payload is invalid; see details.", parsed.error.issues);
    return parsed.data;
  }

  /** Fire-and-forget events (typing, read, page): failures are logged, never thrown at the visitor. */
  function quietly(task: () => Promise<void>) {
    task().catch((error: unknown) => {
      if (!widgetErrorOf(error))
        live.logger?.error("widget event failed", { error: error instanceof Error ? error.stack : String(error) });
    });
  }

  nsp.on("connection", (socket: WidgetSocket) => {
    const { visitor, chat } = socket.data;
    const joined = [widgetRooms.visitor(visitor.visitorId), widgetRooms.channel(chat.channel.id)];
    if (visitor.customerId) joined.push(widgetRooms.conversation(chat.channel.id, visitor.customerId));
    void socket.join(joined);
    socket.emit("session", (socket as unknown as { session: Parameters<WidgetServerEvents["session"]>[0] }).session);
    quietly(async () => {
      const ticket = await openTicketOf(socket);
      if (ticket) await tellStaff(ticket, "chat.visitor_presence", { ticketId: ticket.id, online: true });
    });

    socket.on("message.send", (payload, ack) =>
      answer(ack, () =>
        // One message at a time per visitor (across instances with Redis): a burst keeps its order, and two tabs
        // sending the first message together open one ticket, not two.
        live.visitorLock.run(visitor.visitorId, async () => {
          const input = parse(sendMessagePayload, payload);
          assertAllowed(await live.rateLimiter.allow(visitor.visitorId, socket.data.ip));
          const hadCustomer = (await customerOf(socket)) !== null;
          const sent = await sendVisitorMessage(messageDeps, chat, visitor, {
            ...input,
            page: socket.data.page ?? undefined,
          });
          if (!hadCustomer) joinConversation(socket);
          if (!sent.duplicate)
            nsp
              .to(widgetRooms.conversation(chat.channel.id, visitor.customerId!))
              .emit("message", sent.message, sent.conversation);
          return sent.message;
        }),
      ),
    );

    // Signals a client could send in a loop: at most `max` of each kind per window are acted on (database reads,
    // writes and pushes to agents), the rest dropped; a real widget throttles itself well below this.
    const recent = new Map<string, number[]>();
    const tooMany = (kind: string, max: number, windowMs: number) => {
      const now = Date.now();
      const times = (recent.get(kind) ?? []).filter((t) => now - t < windowMs);
      const over = times.length >= max;
      if (!over) times.push(now);
      recent.set(kind, times);
      return over;
    };

    socket.on("typing", (payload) =>
      quietly(async () => {
        const { typing } = parse(typingPayload, payload);
        // "Stopped typing" always passes (dropping it would leave the indicator on); a start is dropped only when
        // the socket is already over a few a second, so a real start after a stop is never lost.
        if (typing && tooMany("typing", 4, 1_000)) return;
        const ticket = await openTicketOf(socket);
        if (ticket) await tellStaff(ticket, "chat.visitor_typing", { ticketId: ticket.id, typing });
      }),
    );

    socket.on("read", (payload) =>
      quietly(async () => {
        const { messageId } = parse(readPayload, payload);
        if (!(await customerOf(socket))) return;
        const receipt = await markReadByVisitor(deps, visitor, messageId);
        await tellStaff(receipt, "chat.read", { ticketId: receipt.ticketId, messageId, readAt: receipt.readAt });
      }),
    );

    socket.on("page", (payload) =>
      quietly(async () => {
        socket.data.page = parse(widgetPageInput, payload);
        if (tooMany("page", 1, 1_000)) {
          // The latest page still arrives, once, at the end of the interval.
          pendingPage ??= setTimeout(() => {
            pendingPage = null;
            quietly(recordPage);
          }, 1_000);
          return;
        }
        await recordPage();
      }),
    );
    let pendingPage: ReturnType<typeof setTimeout> | null = null;
    socket.on("disconnect", () => pendingPage && clearTimeout(pendingPage));
    async function recordPage() {
      const page = socket.data.page;
      const ticket = page ? await openTicketOf(socket) : null;
      if (!page || !ticket) return;
      await recordTicketPage(deps, ticket.id, page);
      await tellStaff(ticket, "chat.visitor_page", { ticketId: ticket.id, page });
    }

    socket.on("visitor.update", (payload, ack) =>
      answer(ack, async () => {
        const input = parse(visitorUpdatePayload, payload);
        // Each one may create a customer record: counted with the visitor's messages.
        assertAllowed(await live.rateLimiter.allow(visitor.visitorId, socket.data.ip));
        const hadCustomer = (await customerOf(socket)) !== null;
        const profile = await updateVisitor(deps, visitor, input);
        if (!hadCustomer) joinConversation(socket);
        return profile;
      }),
    );

    socket.on("conversation.end", (payload, ack) =>
      answer(ack, async () => {
        parse(endPayload, payload);
        await customerOf(socket);
        await endConversation(deps, visitor);
        return null;
      }),
    );

    socket.on("conversation.rate", (payload, ack) =>
      answer(ack, async () => {
        const input = parse(ratePayload, payload);
        await customerOf(socket);
        await rateConversation(deps, visitor, input);
        return null;
      }),
    );

    socket.on("disconnect", (reason) =>
      quietly(async () => {
        // On shutdown the database is about to close; the agents' sockets are going too.
        if (reason === "server shutting down") return;
        const customerId = visitor.customerId;
        if (!customerId) return;
        const left = await nsp.in(widgetRooms.conversation(chat.channel.id, customerId)).fetchSockets();
        if (left.length > 0) return;
        const ticket = await openTicketOf(socket);
        if (ticket) await tellStaff(ticket, "chat.visitor_presence", { ticketId: ticket.id, online: false });
      }),
    );
  });

  let lastOnline: boolean | null = null;
  /** A staff socket came or went: tell open widgets when "an agent is available" flipped. */
  async function staffPresenceChanged() {
    live.presence.invalidate();
    const online = await live.presence.agentsOnline();
    if (online === lastOnline) return;
    lastOnline = online;
    for (const { channel, settings } of await listActiveChatChannels(deps.db)) {
      const available = await agentsAvailable({ ...liveDeps }, settings);
      nsp.to(widgetRooms.channel(channel.id)).emit("availability", { agentsAvailable: available });
    }
  }

  // Business hours open and close with nobody connecting: every so often, channels with hours tell this instance's
  // widgets when availability flipped (each instance its own sockets, so no widget hears it twice).
  const toldAvailable = new Map<string, boolean>();
  async function businessHoursTick() {
    if (nsp.sockets.size === 0) return;
    for (const { channel, settings } of await listActiveChatChannels(deps.db)) {
      if (!settings.businessCalendarId) continue;
      const available = await agentsAvailable({ ...liveDeps }, settings);
      if (toldAvailable.get(channel.id) === available) continue;
      toldAvailable.set(channel.id, available);
      nsp.local.to(widgetRooms.channel(channel.id)).emit("availability", { agentsAvailable: available });
    }
  }
  const hoursTimer = setInterval(() => quietly(businessHoursTick), live.availabilityCheckMs ?? 60_000);
  hoursTimer.unref();

  return {
    namespace: nsp,
    staffPresenceChanged: () => quietly(staffPresenceChanged),
    stop: () => clearInterval(hoursTimer),
  };
}
