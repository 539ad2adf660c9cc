import { z } from "zod";

/**
 * The chat widget's wire shapes in zod, the one description of them: protocol.ts derives every type both sides use
 * from these (the widget imports only those types, never zod). What the widget sends is parsed here; a payload
 * that fails is answered with VALIDATION_FAILED and never reaches a use case. What the server sends (the views
 * at the end) is described for the types and for the HTTP routes' OpenAPI document.
 */
export const widgetPageInput = z.object({
  // Long URLs and titles are cut rather than refused: where the visitor is matters less than their chat working.
  url: z
    .string()
    .trim()
    .max(100_000)
    .refine((value) => /^https?:\/\//i.test(value), "An http(s) URL.")
    .transform((value) => value.slice(0, 2000)),
  title: z
    .string()
    .trim()
    .max(10_000)
    .transform((value) => value.slice(0, 300))
    .optional(),
});

export const widgetHandshakeInput = z.object({
  channelId: z.string().min(1).max(100),
  /** The signed token from an earlier `session` event (kept in localStorage); absent on a first visit. */
  visitorToken: z.string().min(1).max(300).optional(),
  /**
   * A signed-in user of the host site, verified by `hash` = hex HMAC-SHA256(channel identity secret, userId ?? email),
   * as Intercom and Chatwoot do. Links this visitor to the customer with that e-mail / host user id.
   */
  identity: z
    .object({
      userId: z.string().trim().min(1).max(200).optional(),
      email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
      name: z.string().trim().min(1).max(200).optional(),
      hash: z.string().regex(/^[0-9a-fA-F]{64}$/),
    })
    .refine((identity) => identity.userId !== undefined || identity.email !== undefined, "Give userId or email.")
    .optional(),
  /** The page the widget runs on. One we cannot use (a file: URL, say) is dropped; it never refuses the connection. */
  page: widgetPageInput.optional().catch(undefined),
});
export type WidgetHandshakeInput = z.infer<typeof widgetHandshakeInput>;

export const clientIdInput = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _.");

/** The text's length is checked against the channel's limit by the use case (MESSAGE_TOO_LONG); this is the hard cap. */
export const sendMessagePayload = z.object({ clientId: clientIdInput, text: z.string().max(100_000) });
export const typingPayload = z.object({ typing: z.boolean() });
export const readPayload = z.object({ messageId: z.string().min(1).max(100) });
export const visitorUpdatePayload = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().toLowerCase().max(320).pipe(z.email()).optional(),
  })
  .refine((p) => p.name !== undefined || p.email !== undefined, "Give a name or an e-mail address.");
export const endPayload = z.object({}).optional();
export const ratePayload = z.object({
  rating: z.literal([1, 2, 3, 4, 5]),
  comment: z.string().trim().max(2000).optional(),
});

export const staffChatTypingPayload = z.object({ ticketId: z.string().min(1).max(100), typing: z.boolean() });
export const staffChatReadPayload = z.object({
  ticketId: z.string().min(1).max(100),
  messageId: z.string().min(1).max(100),
});
export const staffChatPresencePayload = z.object({ ticketId: z.string().min(1).max(100) });

// What the server sends.

/** The `message` of a refused connection or an acknowledgement's error. */
export const widgetErrorCode = z.enum([
  "CHANNEL_NOT_FOUND",
  "ORIGIN_NOT_ALLOWED",
  "INVALID_VISITOR_TOKEN",
  "INVALID_IDENTITY",
  "RATE_LIMITED",
  "MESSAGE_TOO_LONG",
  "VALIDATION_FAILED",
  "CONVERSATION_ENDED",
  "INTERNAL",
]);

export const widgetAgent = z.object({ name: z.string(), avatarUrl: z.string().nullable() });

export const widgetAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /**
   * Absolute download URL; carries a signed token for this file as a query parameter so <img>/<a> work without
   * headers (the same link in every tab of the conversation, and in the e-mail copy).
   */
  url: z.string(),
});

export const widgetMessage = z.object({
  id: z.string(),
  /** The id the widget generated when it sent this message; null for agents' and system messages. */
  clientId: z.string().nullable(),
  author: z.enum(["visitor", "agent", "system"]),
  agent: widgetAgent.nullable(),
  /** Plain text: the widget renders it as text (never as HTML). */
  text: z.string(),
  attachments: z.array(widgetAttachment),
  createdAt: z.string(),
  /** For visitor messages: when an agent read it. For agent messages: when the visitor read it. */
  readAt: z.string().nullable(),
});

export const widgetConversation = z.object({
  ticketId: z.string(),
  number: z.number().int(),
  /** `ended` once the ticket is solved or closed: the next message starts a new conversation. */
  state: z.enum(["open", "ended"]),
  messages: z.array(widgetMessage),
  /** Whether the visitor already answered the satisfaction question for this conversation. */
  rated: z.boolean(),
});

export const widgetChannelInfo = z.object({
  name: z.string(),
  greeting: z.string(),
  /** Brand colour of the launcher and header, a CSS hex colour. */
  color: z.string(),
  preChatForm: z.object({ enabled: z.boolean(), requireEmail: z.boolean() }),
  /** True when at least one agent is connected and it is within the channel's business hours. */
  agentsAvailable: z.boolean(),
  /** Limit on one message's text, in characters. */
  maxMessageLength: z.number().int(),
});

export const widgetSession = z.object({
  visitorId: z.string(),
  /** Persist in localStorage and send back in the handshake: it is the visitor's identity. */
  visitorToken: z.string(),
  visitor: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  channel: widgetChannelInfo,
  /** The open conversation, or the last one if it ended; null before the first message. */
  conversation: widgetConversation.nullable(),
});
