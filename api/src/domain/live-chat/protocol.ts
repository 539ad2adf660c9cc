/**
 * The chat widget's wire protocol over socket.io (namespace "/widget"). Types only: the widget bundle
 * imports this file type-only, so nothing here may pull runtime code into it. The server validates every
 * client payload with zod (live-chat/protocol-schemas.ts); these types are what both sides agree on.
 *
 * Connection: `io(`${host}/widget`, { auth: WidgetHandshake })`. The server checks the Origin header against
 * the channel's allowed origins and answers with a `session` event, or refuses the connection with an error
 * whose `message` is a WidgetErrorCode.
 */

export type WidgetErrorCode =
  | "CHANNEL_NOT_FOUND"
  | "ORIGIN_NOT_ALLOWED"
  | "INVALID_VISITOR_TOKEN"
  | "INVALID_IDENTITY"
  | "RATE_LIMITED"
  | "MESSAGE_TOO_LONG"
  | "VALIDATION_FAILED"
  | "CONVERSATION_ENDED"
  | "INTERNAL";

export interface WidgetHandshake {
  channelId: string;
  /** The signed token from an earlier `session` event (kept in localStorage); absent on a first visit. */
  visitorToken?: string;
  /**
   * A signed-in user of the host site, verified by `hash` = hex HMAC-SHA256(channel identity secret, userId ?? email),
   * as Intercom and Chatwoot do. Links this visitor to the customer with that e-mail / host user id.
   */
  identity?: { userId?: string; email?: string; name?: string; hash: string };
  /** The page the widget runs on. */
  page?: WidgetPage;
}

export interface WidgetPage {
  url: string;
  title?: string;
}

export interface WidgetAgent {
  name: string;
  avatarUrl: string | null;
}

export interface WidgetAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /**
   * Absolute download URL; carries a signed token for this file as a query parameter so <img>/<a> work without
   * headers (the same link in every tab of the conversation, and in the e-mail copy).
   */
  url: string;
}

export interface WidgetMessage {
  id: string;
  /** The id the widget generated when it sent this message; null for agents' and system messages. */
  clientId: string | null;
  author: "visitor" | "agent" | "system";
  agent: WidgetAgent | null;
  /** Plain text: the widget renders it as text (never as HTML). */
  text: string;
  attachments: WidgetAttachment[];
  createdAt: string;
  /** For visitor messages: when an agent read it. For agent messages: when the visitor read it. */
  readAt: string | null;
}

export interface WidgetConversation {
  ticketId: string;
  number: number;
  /** `ended` once the ticket is solved or closed: the next message starts a new conversation. */
  state: "open" | "ended";
  messages: WidgetMessage[];
  /** Whether the visitor already answered the satisfaction question for this conversation. */
  rated: boolean;
}

export interface WidgetChannelInfo {
  name: string;
  greeting: string;
  /** Brand colour of the launcher and header, a CSS hex colour. */
  color: string;
  preChatForm: { enabled: boolean; requireEmail: boolean };
  /** True when at least one agent is connected and it is within the channel's business hours. */
  agentsAvailable: boolean;
  /** Limit on one message's text, in characters. */
  maxMessageLength: number;
}

export interface WidgetSession {
  visitorId: string;
  /** Persist in localStorage and send back in the handshake: it is the visitor's identity. */
  visitorToken: string;
  visitor: { name: string | null; email: string | null };
  channel: WidgetChannelInfo;
  /** The open conversation, or the last one if it ended; null before the first message. */
  conversation: WidgetConversation | null;
}

export type WidgetAck<T> = { ok: true; data: T } | { ok: false; error: { code: WidgetErrorCode; message: string } };

/** Events the widget sends; the last argument is the acknowledgement callback where there is one. */
export interface WidgetClientEvents {
  /** Idempotent by clientId: resending after a reconnect returns the already stored message. */
  "message.send": (payload: { clientId: string; text: string }, ack: (result: WidgetAck<WidgetMessage>) => void) => void;
  "typing": (payload: { typing: boolean }) => void;
  /** The visitor has seen everything up to and including this message. */
  "read": (payload: { messageId: string }) => void;
  "page": (payload: WidgetPage) => void;
  /** Pre-chat form, or the e-mail asked for when no agent is available. */
  "visitor.update": (payload: { name?: string; email?: string }, ack: (result: WidgetAck<WidgetSession["visitor"]>) => void) => void;
  "conversation.end": (payload: Record<string, never>, ack: (result: WidgetAck<null>) => void) => void;
  "conversation.rate": (payload: { rating: 1 | 2 | 3 | 4 | 5; comment?: string }, ack: (result: WidgetAck<null>) => void) => void;
}

/** Events the server sends to every socket of the visitor (all their tabs). */
export interface WidgetServerEvents {
  "session": (session: WidgetSession) => void;
  /** A new message in the visitor's conversation, from any side (including the visitor's other tabs). */
  "message": (message: WidgetMessage, conversation: { ticketId: string; number: number }) => void;
  "typing": (payload: { agent: WidgetAgent; typing: boolean }) => void;
  /** An agent read the visitor's messages up to this one. */
  "read": (payload: { messageId: string; readAt: string }) => void;
  "conversation.state": (payload: { ticketId: string; state: WidgetConversation["state"] }) => void;
  "availability": (payload: { agentsAvailable: boolean }) => void;
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
  "chat.typing": (payload: { ticketId: string; typing: boolean }) => void;
  /** The agent has the chat open and has seen the visitor's messages up to this one. */
  "chat.read": (payload: { ticketId: string; messageId: string }) => void;
  /** The agent opened the chat: is the visitor connected now? (Later changes arrive as chat.visitor_presence.) */
  "chat.presence": (payload: { ticketId: string }, ack: (result: { online: boolean } | null) => void) => void;
}
