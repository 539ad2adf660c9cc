import { channelKinds, channels, mailboxSyncStates, newId, type Channel, type Executor } from "@helpdesk/db";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import { authorize } from "../authorization.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import { emailChannelSettings, emailSettingsOf, mailboxOf } from "./email/email-channels.ts";
import {
  imapSettingsOf,
  smtpSettingsOf,
  type StoredImapSettings,
  type StoredSmtpSettings,
} from "./email/mail-server-settings.ts";
import {
  newWebChatSettings,
  patchWebChatSettings,
  webChatSettings,
  webChatSettingsPatch,
  webChatSettingsView,
  webChatSettingsViewOf,
} from "../live-chat/chat-settings.ts";

export type ChannelAdminDeps = Pick<DomainDeps, "db" | "clock"> & { secrets: SecretBox };

// --- input -------------------------------------------------------------------------------------------------

const hostName = z.string().trim().min(1).max(255).describe("Host name or IP address");
const portNumber = z.number().int().min(1).max(65535);
/** Omitted or null on a change keeps the stored password; it is required where none is stored yet. */
const newPassword = z
  .string()
  .min(1)
  .max(1000)
  .nullish()
  .describe("Write-only. Omitted or null: keep the stored password.");

export const imapSettingsInput = z.object({
  host: hostName,
  port: portNumber.optional().describe("Default: 993 with `secure`, 143 without"),
  /** Implicit TLS (port 993). Without it STARTTLS is still used when the server offers it. */
  secure: z.boolean().default(true),
  username: z.string().trim().min(1).max(320),
  password: newPassword,
  mailbox: z.string().trim().min(1).max(255).default("INBOX"),
});
export type ImapSettingsInput = z.input<typeof imapSettingsInput>;

export const smtpSettingsInput = z.object({
  host: hostName,
  port: portNumber.optional().describe("Default: 465 with `secure`, 587 without"),
  secure: z.boolean().default(false),
  /** Unset for a relay that needs no login. */
  username: z.string().trim().min(1).max(320).nullish(),
  password: newPassword,
});
export type SmtpSettingsInput = z.input<typeof smtpSettingsInput>;

const base = emailChannelSettings.shape;

/** The email channel settings an admin sends: the channel's mail settings plus the optional IMAP and SMTP accounts. */
export const emailSettingsInput = emailChannelSettings.extend({
  imap: imapSettingsInput.nullish(),
  smtp: smtpSettingsInput.nullish(),
});

/** A change: only what is sent changes; `imap: null` / `smtp: null` removes that account. */
export const emailSettingsPatch = z
  .object({
    // Unwrapped: a default inside a patch would reset a field the admin did not send.
    signature: base.signature.unwrap(),
    acknowledgement: base.acknowledgement.unwrap(),
    senderLimitPerHour: base.senderLimitPerHour.unwrap(),
    senderName: base.senderName.unwrap().nullable().describe("null: the channel's name is used"),
    imap: imapSettingsInput.nullable(),
    smtp: smtpSettingsInput.nullable(),
  })
  .partial();

const channelName = z.string().trim().min(1).max(200);
const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Give an e-mail address, such as support@example.com."));

export const createChannelInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("email"),
    name: channelName,
    address: emailAddress,
    active: z.boolean().default(true),
    settings: emailSettingsInput.prefault({}),
  }),
  z.object({
    kind: z.literal("web_chat"),
    name: channelName,
    /** The site the widget is mainly on, for the admin list; allowed origins are in the settings. */
    address: z.string().trim().min(1).max(320).optional(),
    active: z.boolean().default(true),
    settings: webChatSettings.prefault({}),
  }),
]);
export type CreateChannelInput = z.input<typeof createChannelInput>;

export const updateChannelInput = z
  .object({
    name: channelName,
    /** Checked by the channel's kind: an e-mail address for email channels. */
    address: z.string().trim().min(1).max(320),
    active: z.boolean(),
    /** Checked by the channel's kind: only the fields of that kind are accepted. */
    settings: emailSettingsPatch.extend(webChatSettingsPatch.shape),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change: send at least one field." });
export type UpdateChannelInput = z.input<typeof updateChannelInput>;

// --- views -------------------------------------------------------------------------------------------------

const isoTime = z.string().describe("ISO 8601 timestamp");

export const imapSettingsView = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string(),
  mailbox: z.string(),
  hasPassword: z.boolean(),
});
export const smtpSettingsView = z.object({
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
});
export const emailSettingsView = z.object({
  signature: z.string(),
  acknowledgement: z.boolean(),
  senderLimitPerHour: z.number().int(),
  senderName: z.string().nullable(),
  imap: imapSettingsView.nullable(),
  smtp: smtpSettingsView.nullable(),
});
/** How the IMAP polling is going, for the admin screen. */
export const mailboxSyncView = z.object({
  lastPolledAt: isoTime.nullable(),
  lastSucceededAt: isoTime.nullable(),
  /** Why the last poll failed; null once a poll succeeds. */
  lastError: z.string().nullable(),
  uidValidity: z.number().int().nullable(),
  lastUid: z.number().int(),
});

const channelFields = {
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  active: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
};
export const channelDetailView = z.discriminatedUnion("kind", [
  z.object({
    ...channelFields,
    kind: z.literal("email"),
    settings: emailSettingsView,
    imapSync: mailboxSyncView.nullable(),
  }),
  z.object({ ...channelFields, kind: z.literal("web_chat"), settings: webChatSettingsView }),
  z.object({
    ...channelFields,
    kind: z.enum(channelKinds).exclude(["email", "web_chat"]),
    settings: z.record(z.string(), z.unknown()),
  }),
]);
export type ChannelDetailView = z.infer<typeof channelDetailView>;

// --- use cases ---------------------------------------------------------------------------------------------

/** Adds a channel (an email address, optionally with the IMAP mailbox to poll and an SMTP server of its own). */
export async function createChannel(
  deps: ChannelAdminDeps,
  actor: StaffActor,
  rawInput: CreateChannelInput,
): Promise<ChannelDetailView> {
  authorize(actor, "manageChannels");
  const input = createChannelInput.parse(rawInput);
  if (input.address !== undefined) await assertAddressFree(deps.db, input.kind, input.address);
  let settings: Record<string, unknown>;
  if (input.kind === "web_chat") settings = newWebChatSettings(deps.secrets, input.settings);
  else {
    const { imap, smtp, ...mailSettings } = input.settings;
    settings = {
      ...mailSettings,
      ...(imap ? { imap: sealImap(deps.secrets, imap, null) } : {}),
      ...(smtp ? { smtp: sealSmtp(deps.secrets, smtp, null) } : {}),
    };
  }
  const id = newId("channel");
  const now = deps.clock.now();
  await deps.db.insert(channels).values({
    id,
    kind: input.kind,
    name: input.name,
    address: input.address ?? null,
    active: input.active,
    settings,
    createdAt: now,
    updatedAt: now,
  });
  return getChannel(deps, actor, id);
}

/** Changes a channel. Passwords left out (or null) stay as stored; `settings.imap: null` removes the IMAP account. */
export async function updateChannel(
  deps: ChannelAdminDeps,
  actor: StaffActor,
  channelId: string,
  rawInput: UpdateChannelInput,
): Promise<ChannelDetailView> {
  authorize(actor, "manageChannels");
  const input = updateChannelInput.parse(rawInput);
  await deps.db.transaction(async (tx) => {
    const [channel] = await tx.select().from(channels).where(eq(channels.id, channelId)).for("update");
    if (!channel) throw new DomainError("CHANNEL_NOT_FOUND", `Channel ${channelId} does not exist.`);

    let address = input.address;
    if (address !== undefined) {
      if (channel.kind === "email") address = parseField(emailAddress, address, ["address"]);
      await assertAddressFree(tx, channel.kind, address, channel.id);
    }
    let settings: Record<string, unknown> | undefined;
    if (input.settings) {
      const fieldsOf = { email: emailSettingsPatch.shape, web_chat: webChatSettingsPatch.shape } as const;
      if (channel.kind !== "email" && channel.kind !== "web_chat") {
        throw invalid([
          { code: "custom", path: ["settings"], message: `Settings of ${channel.kind} channels are not changed here.` },
        ]);
      }
      const foreign = Object.keys(input.settings).filter(
        (key) => !(key in fieldsOf[channel.kind as "email" | "web_chat"]),
      );
      if (foreign.length > 0) {
        throw invalid(
          foreign.map((key) => ({
            code: "custom",
            path: ["settings", key],
            message: `Not a setting of ${channel.kind} channels.`,
          })),
        );
      }
      settings =
        channel.kind === "email"
          ? patchEmailSettings(deps.secrets, channel, input.settings)
          : patchWebChatSettings(deps.secrets, channel, input.settings);
    }
    await tx
      .update(channels)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(address !== undefined ? { address } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(settings ? { settings } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(eq(channels.id, channelId));
  });
  return getChannel(deps, actor, channelId);
}

/** One channel with its settings for the admin screen: passwords are never included, only whether one is stored. */
export async function getChannel(
  deps: Pick<DomainDeps, "db"> & { secrets?: SecretBox },
  actor: StaffActor,
  channelId: string,
): Promise<ChannelDetailView> {
  authorize(actor, "manageChannels");
  const [channel] = await deps.db.select().from(channels).where(eq(channels.id, channelId));
  if (!channel) throw new DomainError("CHANNEL_NOT_FOUND", `Channel ${channelId} does not exist.`);
  const common = {
    id: channel.id,
    name: channel.name,
    address: channel.address,
    active: channel.active,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
  if (channel.kind === "web_chat")
    return { ...common, kind: "web_chat", settings: webChatSettingsViewOf(deps.secrets, channel) };
  if (channel.kind !== "email") return { ...common, kind: channel.kind, settings: withoutSecrets(channel.settings) };

  const [sync] = await deps.db.select().from(mailboxSyncStates).where(eq(mailboxSyncStates.channelId, channel.id));
  return {
    ...common,
    kind: "email",
    settings: emailSettingsViewOf(channel),
    imapSync: sync ? mailboxSyncViewOf(sync) : null,
  };
}

// --- internals ---------------------------------------------------------------------------------------------

/**
 * One address per kind: two email channels on one mailbox would race for the same mail. Compared the way inbound
 * mail is routed (case and +tags ignored). Checked, not a unique index: existing installs may hold duplicates
 * that a migration must not fail on, and two admins adding the same address in one instant is not a real risk.
 */
async function assertAddressFree(db: Executor, kind: Channel["kind"], address: string, exceptId?: string) {
  const sameKind = await db
    .select({ id: channels.id, address: channels.address })
    .from(channels)
    .where(exceptId ? and(eq(channels.kind, kind), ne(channels.id, exceptId)) : eq(channels.kind, kind));
  const key = (a: string) => (kind === "email" ? mailboxOf(a) : a.trim().toLowerCase());
  const taken = sameKind.find((c) => c.address !== null && key(c.address) === key(address));
  if (taken) {
    throw new DomainError("CHANNEL_ADDRESS_TAKEN", `Another ${kind} channel already uses ${address}.`, {
      channelId: taken.id,
    });
  }
}

/** A field checked here rather than in the input schema, failing the same way a schema would: 400, issues as details. */
function parseField<S extends z.ZodType>(schema: S, value: unknown, path: (string | number)[]): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid(parsed.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })));
}

function invalid(issues: { path: PropertyKey[]; message: string; code?: string }[]): DomainError {
  return new DomainError("VALIDATION_FAILED", "The request is invalid; see details.", issues);
}

function requiredPassword(path: string[], message: string): never {
  throw invalid([{ code: "custom", path, message }]);
}

function sealImap(
  secrets: SecretBox,
  input: z.output<typeof imapSettingsInput>,
  stored: StoredImapSettings | null,
): StoredImapSettings {
  const passwordEncrypted = input.password ? secrets.seal(input.password) : stored?.passwordEncrypted;
  if (!passwordEncrypted) requiredPassword(["settings", "imap", "password"], "The IMAP account needs its password.");
  return {
    host: input.host,
    port: input.port ?? (input.secure ? 993 : 143),
    secure: input.secure,
    username: input.username,
    mailbox: input.mailbox,
    passwordEncrypted,
  };
}

function sealSmtp(
  secrets: SecretBox,
  input: z.output<typeof smtpSettingsInput>,
  stored: StoredSmtpSettings | null,
): StoredSmtpSettings {
  const passwordEncrypted = input.username
    ? input.password
      ? secrets.seal(input.password)
      : stored?.passwordEncrypted
    : undefined;
  if (input.username && !passwordEncrypted)
    requiredPassword(["settings", "smtp", "password"], "The SMTP login needs its password.");
  return {
    host: input.host,
    port: input.port ?? (input.secure ? 465 : 587),
    secure: input.secure,
    ...(input.username ? { username: input.username, passwordEncrypted } : {}),
  };
}

function patchEmailSettings(
  secrets: SecretBox,
  channel: Channel,
  patch: z.output<typeof emailSettingsPatch>,
): Record<string, unknown> {
  const { imap, smtp, senderName, ...fields } = patch;
  const next: Record<string, unknown> = { ...channel.settings, ...fields };
  if (senderName !== undefined) {
    if (senderName === null) delete next.senderName;
    else next.senderName = senderName;
  }
  if (imap === null) delete next.imap;
  else if (imap) next.imap = sealImap(secrets, imap, imapSettingsOf(channel));
  if (smtp === null) delete next.smtp;
  else if (smtp) next.smtp = sealSmtp(secrets, smtp, smtpSettingsOf(channel));
  return next;
}

function emailSettingsViewOf(channel: Channel): z.infer<typeof emailSettingsView> {
  const mail = emailSettingsOf(channel);
  const imap = imapSettingsOf(channel);
  const smtp = smtpSettingsOf(channel);
  return {
    signature: mail.signature,
    acknowledgement: mail.acknowledgement,
    senderLimitPerHour: mail.senderLimitPerHour,
    senderName: mail.senderName ?? null,
    imap: imap && {
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      username: imap.username,
      mailbox: imap.mailbox,
      hasPassword: Boolean(imap.passwordEncrypted),
    },
    smtp: smtp && {
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      username: smtp.username ?? null,
      hasPassword: Boolean(smtp.passwordEncrypted),
    },
  };
}

function mailboxSyncViewOf(sync: typeof mailboxSyncStates.$inferSelect): z.infer<typeof mailboxSyncView> {
  return {
    lastPolledAt: sync.lastPolledAt?.toISOString() ?? null,
    lastSucceededAt: sync.lastSucceededAt?.toISOString() ?? null,
    lastError: sync.lastError,
    uidValidity: sync.uidValidity,
    lastUid: sync.lastUid,
  };
}

const secretKey = /password|secret|token|encrypted|api_?key/i;

/** Settings of other kinds (bot tokens, API keys to come) as a view: anything that looks like a credential is left out. */
function withoutSecrets(value: Record<string, unknown>): Record<string, unknown> {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !secretKey.test(k))
          .map(([k, inner]) => [k, strip(inner)]),
      );
    }
    return v;
  };
  return strip(value) as Record<string, unknown>;
}
