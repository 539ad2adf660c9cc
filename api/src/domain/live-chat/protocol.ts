/**
 * The chat widget's wire protocol over socket.io (namespace "/widget"). Types only: the widget bundle
 * imports this file type-only, so nothing here may pull runtime code into it. Every shape is derived from its zod
 * schema in protocol-schemas.ts, which the server parses the widget's payloads with: what the widget sends is the
 * schema's input, what the server sends its output.
 *
 * Connection: `io(`${host}/widget`, { auth: WidgetHandshake })`. The server checks the Origin header against
 * the channel's allowed origins and answers with a `session` event, or refuses the connection with an error
 * whose `message` is a WidgetErrorCode.
 */
import type { z } from "zod";
import type {
  endPayload,
  ratePayload,
  readPayload,
  sendMessagePayload,
  staffChatPresencePayload,
  staffChatReadPayload,
  staffChatTypingPayload,
  typingPayload,
  visitorUpdatePayload,
  widgetAgent,
  widgetAttachment,
  widgetChannelInfo,
  widgetConversation,
  widgetErrorCode,
  widgetHandshakeInput,
  widgetMessage,
  widgetPageInput,
  widgetSession,
} from "./protocol-schemas.ts";

export type WidgetErrorCode = z.output<typeof widgetErrorCode>;
export type WidgetHandshake = z.input<typeof widgetHandshakeInput>;
/** The page the widget runs on: as it sends it, and (cut to length) as agents see it. */
export type WidgetPage = z.output<typeof widgetPageInput>;
export type WidgetAgent = z.output<typeof widgetAgent>;
export type WidgetAttachment = z.output<typeof widgetAttachment>;
export type WidgetMessage = z.output<typeof widgetMessage>;
export type WidgetConversation = z.output<typeof widgetConversation>;
export type WidgetChannelInfo = z.output<typeof widgetChannelInfo>;
export type WidgetSession = z.output<typeof widgetSession>;

export type WidgetAck<T> = { ok: true; data: T } | { ok: false; error: { code: WidgetErrorCode; message: string } };

/** Events the widget sends; the last argument is the acknowledgement callback where there is one. */
export interface WidgetClientEvents {
  /** Idempotent by clientId: resending after a reconnect returns the already stored message. */
  "message.send": (
    payload: z.input<typeof sendMessagePayload>,
    ack: (result: WidgetAck<WidgetMessage>) => void,
  ) => void;
  typing: (payload: z.input<typeof typingPayload>) => void;
  /** The visitor has seen everything up to and including this message. */
  read: (payload: z.input<typeof readPayload>) => void;
  page: (payload: z.input<typeof widgetPageInput>) => void;
  /** Pre-chat form, or the e-mail asked for when no agent is available. */
  "visitor.update": (
    payload: z.input<typeof visitorUpdatePayload>,
    ack: (result: WidgetAck<WidgetSession["visitor"]>) => void,
  ) => void;
  "conversation.end": (payload: z.input<typeof endPayload>, ack: (result: WidgetAck<null>) => void) => void;
  "conversation.rate": (payload: z.input<typeof ratePayload>, ack: (result: WidgetAck<null>) => void) => void;
}

/** Events the server sends to every socket of the visitor (all their tabs). */
export interface WidgetServerEvents {
  session: (session: WidgetSession) => void;
  /** A new message in the visitor's conversation, from any side (including the visitor's other tabs). */
  message: (message: WidgetMessage, conversation: { ticketId: string; number: number }) => void;
  typing: (payload: { agent: WidgetAgent; typing: boolean }) => void;
  /** An agent read the visitor's messages up to this one. */
  read: (payload: { messageId: string; readAt: string }) => void;
  "conversation.state": (payload: { ticketId: string; state: WidgetConversation["state"] }) => void;
  availability: (payload: { agentsAvailable: boolean }) => void;
}

/**
 * HTTP side, for what does not fit a socket message (all under /api/widget, CORS for allowed origins,
 * visitor token in the `x-visitor-token` header):
 *   GET  /api/widget/channels/:channelId          WidgetChannelInfo (before connecting; public)
 *   POST /api/widget/messages  multipart: clientId, text?, file   -> WidgetMessage (file attachments, 10 MB)
 *   GET  /api/widget/attachments/:id?token=...    the file, for the visitor who may see it
 *   GET  /api/kb/search?q=&locale=                the knowledge base search (already public)
 */

/** Staff-side socket events (default namespace) added for live chat. */
export interface StaffChatServerEvents {
  "chat.visitor_typing": (payload: { ticketId: string; typing: boolean }) => void;
  "chat.visitor_page": (payload: { ticketId: string; page: WidgetPage }) => void;
  "chat.visitor_presence": (payload: { ticketId: string; online: boolean }) => void;
  "chat.read": (payload: { ticketId: string; messageId: string; readAt: string }) => void;
}

export interface StaffChatClientEvents {
  "chat.typing": (payload: z.input<typeof staffChatTypingPayload>) => void;
  /** The agent has the chat open and has seen the visitor's messages up to this one. */
  "chat.read": (payload: z.input<typeof staffChatReadPayload>) => void;
  /** The agent opened the chat: is the visitor connected now? (Later changes arrive as chat.visitor_presence.) */
  "chat.presence": (
    payload: z.input<typeof staffChatPresencePayload>,
    ack: (result: { online: boolean } | null) => void,
  ) => void;
}
