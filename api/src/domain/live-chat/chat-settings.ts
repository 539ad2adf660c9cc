import { randomBytes } from "node:crypto";
import type { Channel } from "@helpdesk/db";
import { z } from "zod";
import type { SecretBox } from "../secrets/secret-box.ts";

/** "https://Shop.example.com/" -> "https://shop.example.com": origins compare as the browser sends them. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

const origin = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    const normalized = normalizeOrigin(value);
    if (!normalized) {
      ctx.addIssue({ code: "custom", message: "Give an origin such as https://www.example.com." });
      return z.NEVER;
    }
    return normalized;
  });

const preChatForm = z.object({
  enabled: z.boolean().default(false),
  /** The form asks for an e-mail address and will not start the chat without one. */
  requireEmail: z.boolean().default(false),
});

/** What a web_chat channel's `settings` hold, apart from the sealed identity secret. */
export const webChatSettings = z.object({
  /** Sites allowed to embed the widget; empty: any site. */
  allowedOrigins: z.array(origin).max(50).default([]),
  greeting: z.string().trim().max(500).default("Hi! How can we help?"),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "Give a colour such as #2563eb.")
    .default("#2563eb"),
  preChatForm: preChatForm.prefault({}),
  /** Agents count as available only within this calendar's hours; null: whenever one is connected. */
  businessCalendarId: z.string().min(1).max(100).nullable().default(null),
  maxMessageLength: z.number().int().min(1).max(20_000).default(5000),
});
export type WebChatSettings = z.infer<typeof webChatSettings>;

/** A change: only what is sent changes; `rotateIdentitySecret` issues a new secret (host sites must update theirs). */
export const webChatSettingsPatch = z
  .object({
    allowedOrigins: z.array(origin).max(50),
    greeting: z.string().trim().max(500),
    color: webChatSettings.shape.color.unwrap(),
    preChatForm: z.object({ enabled: z.boolean(), requireEmail: z.boolean() }),
    businessCalendarId: z.string().min(1).max(100).nullable(),
    maxMessageLength: webChatSettings.shape.maxMessageLength.unwrap(),
    rotateIdentitySecret: z.boolean(),
  })
  .partial();
export type WebChatSettingsPatch = z.infer<typeof webChatSettingsPatch>;

export const webChatSettingsView = webChatSettings.extend({
  /**
   * The key host sites use to sign their signed-in users (hex HMAC-SHA256 of the user id, or the e-mail):
   * shown to admins so they can put it in their server's configuration. null: none issued yet (rotate one).
   */
  identitySecret: z.string().nullable(),
});

interface StoredSecret {
  identitySecretEncrypted?: string;
}

export function webChatSettingsOf(channel: Pick<Channel, "settings">): WebChatSettings {
  const parsed = webChatSettings.safeParse(channel.settings ?? {});
  return parsed.success ? parsed.data : webChatSettings.parse({});
}

/** The channel's identity secret in clear, or null when none was issued (or it cannot be opened). */
export function identitySecretOf(secrets: SecretBox, channel: Pick<Channel, "settings">): string | null {
  const sealed = (channel.settings as StoredSecret).identitySecretEncrypted;
  if (!sealed) return null;
  try {
    return secrets.open(sealed);
  } catch {
    return null;
  }
}

/** Settings for a new web_chat channel: a fresh identity secret, sealed like any other credential. */
export function newWebChatSettings(secrets: SecretBox, input: WebChatSettings): Record<string, unknown> {
  return { ...input, identitySecretEncrypted: secrets.seal(randomBytes(32).toString("hex")) };
}

export function patchWebChatSettings(
  secrets: SecretBox,
  channel: Channel,
  patch: WebChatSettingsPatch,
): Record<string, unknown> {
  const { rotateIdentitySecret, ...fields } = patch;
  const next: Record<string, unknown> = { ...webChatSettingsOf(channel), ...fields };
  const sealed = (channel.settings as StoredSecret).identitySecretEncrypted;
  next.identitySecretEncrypted =
    rotateIdentitySecret || !sealed ? secrets.seal(randomBytes(32).toString("hex")) : sealed;
  return next;
}

export function webChatSettingsViewOf(
  secrets: SecretBox | undefined,
  channel: Channel,
): z.infer<typeof webChatSettingsView> {
  return { ...webChatSettingsOf(channel), identitySecret: secrets ? identitySecretOf(secrets, channel) : null };
}
