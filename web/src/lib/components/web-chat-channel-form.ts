import type { ChannelDetailView, CreateChannelInput, UpdateChannelInput } from "@helpdesk/api/domain";
import type { FormFields } from "$lib/api/form-failure";

/** A chat widget channel as the admin screen reads it (`GET /api/channels/:id`). */
export type WebChatChannelView = Extract<ChannelDetailView, { kind: "web_chat" }>;

export interface WebChatForm {
  name: string;
  /** The site the widget is mainly on: shown in the channel list. */
  address: string;
  active: boolean;
  greeting: string;
  color: string;
  preChatEnabled: boolean;
  preChatRequireEmail: boolean;
  /** One origin per line; empty: any site may embed the widget. */
  allowedOrigins: string;
  businessCalendarId: string;
  maxMessageLength: number | null | undefined;
}

const fieldPaths = [
  "name",
  "address",
  "settings.greeting",
  "settings.color",
  "settings.businessCalendarId",
  "settings.allowedOrigins",
  "settings.maxMessageLength",
];

/** The form's fields by the API's issue paths; an issue about one allowed origin (`settings.allowedOrigins.2`) is the list's. */
export const webChatFields: FormFields = {
  fieldOf: (path) => {
    const field = path.split(".").slice(0, 2).join(".");
    return fieldPaths.includes(field) ? field : undefined;
  },
  fieldOfCode: { CHANNEL_ADDRESS_TAKEN: "address" },
};

/** The form's starting values: the stored channel, or the API's defaults for a new widget. */
export function webChatFormOf(channel: WebChatChannelView | null): WebChatForm {
  const s = channel?.settings;
  return {
    name: channel?.name ?? "Website chat",
    address: channel?.address ?? "",
    active: channel?.active ?? true,
    greeting: s?.greeting ?? "Hi! How can we help?",
    color: s?.color ?? "#2563eb",
    preChatEnabled: s?.preChatForm.enabled ?? false,
    preChatRequireEmail: s?.preChatForm.requireEmail ?? false,
    allowedOrigins: (s?.allowedOrigins ?? []).join("\n"),
    businessCalendarId: s?.businessCalendarId ?? "",
    maxMessageLength: s?.maxMessageLength ?? 5000,
  };
}

function originsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function settingsOf(form: WebChatForm) {
  return {
    allowedOrigins: originsOf(form.allowedOrigins),
    greeting: form.greeting.trim(),
    color: form.color.trim(),
    preChatForm: { enabled: form.preChatEnabled, requireEmail: form.preChatEnabled && form.preChatRequireEmail },
    businessCalendarId: form.businessCalendarId || null,
    maxMessageLength: form.maxMessageLength ?? 5000,
  };
}

export function createWebChatInput(form: WebChatForm): CreateChannelInput {
  return {
    kind: "web_chat",
    name: form.name.trim(),
    ...(form.address.trim() ? { address: form.address.trim() } : {}),
    active: form.active,
    settings: settingsOf(form),
  };
}

/** Only what changed, so a save never resets a setting someone else changed meanwhile. */
export function webChatChangesOf(form: WebChatForm, stored: WebChatChannelView): UpdateChannelInput {
  const patch: Record<string, unknown> = {};
  if (form.name.trim() !== stored.name) patch.name = form.name.trim();
  if (form.address.trim() && form.address.trim() !== (stored.address ?? "")) patch.address = form.address.trim();
  if (form.active !== stored.active) patch.active = form.active;
  const next = settingsOf(form);
  const was = stored.settings;
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(was[key])) settings[key] = next[key];
  }
  if (Object.keys(settings).length) patch.settings = settings;
  return patch as UpdateChannelInput;
}

/** The one line a site adds to its pages. */
export function installSnippet(origin: string, channelId: string): string {
  return `<script src="${origin}/widget.js" data-channel="${channelId}" async></script>`;
}

/** For sites with signed-in users: set before the script tag; the hash is computed on their server. */
export function identitySnippet(): string {
  return `<script>
  window.HelpdeskWidget = {
    identity: {
      email: "jane@example.com",
      name: "Jane Doe",
      // HMAC-SHA256 (hex) of the e-mail, or of a userId
      // if you send one, keyed with the identity secret;
      // computed on your server, never in the browser
      hash: "HASH_FROM_YOUR_SERVER"
    }
  };
</script>`;
}
