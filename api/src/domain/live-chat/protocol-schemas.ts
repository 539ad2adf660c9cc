import { z } from "zod";

/**
 * zod for everything the widget sends (protocol.ts holds the types both sides agree on). A payload that fails
 * here is answered with VALIDATION_FAILED and never reaches a use case.
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
  visitorToken: z.string().min(1).max(300).optional(),
  identity: z
    .object({
      userId: z.string().trim().min(1).max(200).optional(),
      email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
      name: z.string().trim().min(1).max(200).optional(),
      hash: z.string().regex(/^[0-9a-fA-F]{64}$/),
    })
    .refine((identity) => identity.userId !== undefined || identity.email !== undefined, "Give userId or email.")
    .optional(),
  // A page we cannot use (a file: URL, say) is dropped; it never refuses the connection.
  page: widgetPageInput.optional().catch(undefined),
});
export type WidgetHandshakeInput = z.infer<typeof widgetHandshakeInput>;

export const clientIdInput = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _.");

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
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

export const staffChatTypingPayload = z.object({ ticketId: z.string().min(1).max(100), typing: z.boolean() });
export const staffChatReadPayload = z.object({ ticketId: z.string().min(1).max(100), messageId: z.string().min(1).max(100) });
export const staffChatPresencePayload = z.object({ ticketId: z.string().min(1).max(100) });
