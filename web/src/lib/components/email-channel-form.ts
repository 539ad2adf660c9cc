import type { ChannelDetailView, CreateChannelInput, UpdateChannelInput } from "@helpdesk/api/domain";
import { fieldsAt, type FormFields } from "$lib/api/form-failure";

/** An email channel as the admin screen reads it (`GET /api/channels/:id`). */
export type EmailChannelView = Extract<ChannelDetailView, { kind: "email" }>;

/** Number inputs bind to a number, or to null/undefined while empty. */
type NumberField = number | null | undefined;

export interface ImapForm {
  /** Whether the channel should have an IMAP account after saving. */
  enabled: boolean;
  host: string;
  port: NumberField;
  secure: boolean;
  username: string;
  /** Only a newly typed password; the stored one is never sent to the browser. */
  password: string;
  mailbox: string;
}

export interface SmtpForm {
  enabled: boolean;
  host: string;
  port: NumberField;
  secure: boolean;
  username: string;
  password: string;
}

export interface EmailChannelForm {
  name: string;
  address: string;
  active: boolean;
  senderName: string;
  signature: string;
  acknowledgement: boolean;
  senderLimitPerHour: NumberField;
  imap: ImapForm;
  smtp: SmtpForm;
}

export const imapDefaultPort = (secure: boolean) => (secure ? 993 : 143);
export const smtpDefaultPort = (secure: boolean) => (secure ? 465 : 587);

/** The form's starting values: the stored channel, or the API's defaults for a new address. */
export function formOf(channel: EmailChannelView | null): EmailChannelForm {
  const settings = channel?.settings;
  const imap = settings?.imap ?? null;
  const smtp = settings?.smtp ?? null;
  return {
    name: channel?.name ?? "",
    address: channel?.address ?? "",
    active: channel?.active ?? true,
    senderName: settings?.senderName ?? "",
    signature: settings?.signature ?? "",
    acknowledgement: settings?.acknowledgement ?? false,
    senderLimitPerHour: settings?.senderLimitPerHour ?? 30,
    imap: {
      enabled: imap !== null,
      host: imap?.host ?? "",
      port: imap?.port ?? null,
      secure: imap?.secure ?? true,
      username: imap?.username ?? "",
      password: "",
      mailbox: imap?.mailbox ?? "INBOX",
    },
    smtp: {
      enabled: smtp !== null,
      host: smtp?.host ?? "",
      port: smtp?.port ?? null,
      secure: smtp?.secure ?? false,
      username: smtp?.username ?? "",
      password: "",
    },
  };
}

const portOf = (port: NumberField) => (typeof port === "number" && Number.isFinite(port) ? port : undefined);

function imapBlock(imap: ImapForm) {
  return {
    host: imap.host.trim(),
    ...(portOf(imap.port) !== undefined ? { port: portOf(imap.port) } : {}),
    secure: imap.secure,
    username: imap.username.trim(),
    mailbox: imap.mailbox.trim() || "INBOX",
    ...(imap.password ? { password: imap.password } : {}),
  };
}

function smtpBlock(smtp: SmtpForm) {
  const username = smtp.username.trim();
  return {
    host: smtp.host.trim(),
    ...(portOf(smtp.port) !== undefined ? { port: portOf(smtp.port) } : {}),
    secure: smtp.secure,
    username: username || null,
    ...(username && smtp.password ? { password: smtp.password } : {}),
  };
}

/** `POST /api/channels` for a new address. */
export function createInput(form: EmailChannelForm): CreateChannelInput {
  const senderName = form.senderName.trim();
  return {
    kind: "email",
    name: form.name.trim(),
    address: form.address.trim(),
    active: form.active,
    settings: {
      signature: form.signature,
      acknowledgement: form.acknowledgement,
      ...(portOf(form.senderLimitPerHour) !== undefined ? { senderLimitPerHour: portOf(form.senderLimitPerHour) } : {}),
      ...(senderName ? { senderName } : {}),
      ...(form.imap.enabled ? { imap: imapBlock(form.imap) } : {}),
      ...(form.smtp.enabled ? { smtp: smtpBlock(form.smtp) } : {}),
    },
  };
}

type SettingsPatch = NonNullable<UpdateChannelInput["settings"]>;

/**
 * `PATCH /api/channels/:id` with only what differs from the stored channel: an IMAP/SMTP block is sent whole
 * (the API replaces it) when any of its fields changed or a new password was typed, null when it is removed.
 */
export function changesOf(form: EmailChannelForm, channel: EmailChannelView): UpdateChannelInput {
  const patch: UpdateChannelInput = {};
  const settings: SettingsPatch = {};
  const stored = channel.settings;

  if (form.name.trim() !== channel.name) patch.name = form.name.trim();
  if (form.address.trim().toLowerCase() !== (channel.address ?? "").toLowerCase()) patch.address = form.address.trim();
  if (form.active !== channel.active) patch.active = form.active;

  const senderName = form.senderName.trim();
  if (senderName !== (stored.senderName ?? "")) settings.senderName = senderName || null;
  if (form.signature !== stored.signature) settings.signature = form.signature;
  if (form.acknowledgement !== stored.acknowledgement) settings.acknowledgement = form.acknowledgement;
  const limit = portOf(form.senderLimitPerHour);
  if (limit !== undefined && limit !== stored.senderLimitPerHour) settings.senderLimitPerHour = limit;

  const imap = form.imap;
  if (!imap.enabled) {
    if (stored.imap) settings.imap = null;
  } else {
    const was = stored.imap;
    const block = imapBlock(imap);
    const changed =
      !was ||
      Boolean(imap.password) ||
      block.host !== was.host ||
      (block.port ?? imapDefaultPort(block.secure)) !== was.port ||
      block.secure !== was.secure ||
      block.username !== was.username ||
      block.mailbox !== was.mailbox;
    if (changed) settings.imap = block;
  }

  const smtp = form.smtp;
  if (!smtp.enabled) {
    if (stored.smtp) settings.smtp = null;
  } else {
    const was = stored.smtp;
    const block = smtpBlock(smtp);
    const changed =
      !was ||
      Boolean(block.username && smtp.password) ||
      block.host !== was.host ||
      (block.port ?? smtpDefaultPort(block.secure)) !== was.port ||
      block.secure !== was.secure ||
      block.username !== was.username;
    if (changed) settings.smtp = block;
  }

  if (Object.keys(settings).length > 0) patch.settings = settings;
  return patch;
}

/** The fields the form shows, by the API's issue paths; the banner names them. */
const fieldLabels: Record<string, string> = {
  name: "Name",
  address: "E-mail address",
  "settings.senderName": "Sender name",
  "settings.signature": "Signature",
  "settings.senderLimitPerHour": "Sender limit",
  "settings.imap.host": "IMAP host",
  "settings.imap.port": "IMAP port",
  "settings.imap.username": "IMAP username",
  "settings.imap.password": "IMAP password",
  "settings.imap.mailbox": "IMAP mailbox",
  "settings.smtp.host": "SMTP host",
  "settings.smtp.port": "SMTP port",
  "settings.smtp.username": "SMTP username",
  "settings.smtp.password": "SMTP password",
};

/** How the API's failures map onto the form: zod issues of a 400 by path, the address of a 409. */
export const emailChannelFields: FormFields = {
  fieldOf: fieldsAt(Object.keys(fieldLabels)),
  labels: fieldLabels,
  fieldOfCode: { CHANNEL_ADDRESS_TAKEN: "address" },
};
