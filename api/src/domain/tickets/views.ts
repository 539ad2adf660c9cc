import {
  channelKinds,
  identityKinds,
  messageAuthorKinds,
  messageDeliveryStatuses,
  messageDirections,
  slaTargetKinds,
  slaTargetStates,
  ticketEventKinds,
  ticketPriorities,
  ticketSlaStatuses,
  ticketStatuses,
  userRoles,
} from "@helpdesk/db";
import { z } from "zod";

/**
 * What the API returns for tickets and their parts: the read models shared by HTTP responses,
 * realtime events and the web app. Timestamps are ISO strings.
 */
const isoTime = z.string().describe("ISO 8601 timestamp");

export const userRefView = z.object({ id: z.string(), name: z.string() });
export const teamRefView = z.object({ id: z.string(), name: z.string() });
export const channelRefView = z.object({ id: z.string(), name: z.string(), kind: z.enum(channelKinds) });
export const customerRefView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  organizationId: z.string().nullable(),
});

export const customFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const slaTargetKindView = z.enum(slaTargetKinds);

/** A ticket's SLA at a glance, for lists, boards and realtime events. */
export const slaSummaryView = z.object({
  status: z.enum(ticketSlaStatuses),
  /** The soonest due time of the running targets; null when none runs. */
  dueAt: isoTime.nullable(),
  /**
   * The target behind `status`: the first one breached, else the one due soonest, else a paused one; null once
   * every target is achieved. Boards show its kind, how long ago it breached, and how much of its time is used.
   */
  target: z.object({ kind: slaTargetKindView, startedAt: isoTime, breachedAt: isoTime.nullable() }).nullable(),
});

export const ticketView = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), customFieldValue),
  channel: channelRefView,
  customer: customerRefView,
  assignee: userRefView.nullable(),
  team: teamRefView.nullable(),
  mergedIntoId: z.string().nullable(),
  /** The closed ticket this one follows up. */
  followUpOfId: z.string().nullable(),
  /** Addresses copied on the conversation; they receive replies too. */
  cc: z.array(z.string()),
  lastMessageAt: isoTime,
  firstResponseAt: isoTime.nullable(),
  solvedAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** A short excerpt of the latest message, for the inbox list. */
  preview: z.string(),
  /** The SLA at a glance: the worst state of the open targets and the soonest due time; null without a policy. */
  sla: slaSummaryView.nullable(),
});

export type TicketView = z.infer<typeof ticketView>;

export const attachmentView = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

const emailAddressView = z.object({ address: z.string(), name: z.string() });

/** What an e-mail said about itself, for the thread header ("from … to … cc …") and its display choices. */
export const messageEmailView = z.object({
  from: emailAddressView.nullable(),
  to: z.array(emailAddressView),
  cc: z.array(emailAddressView),
  subject: z.string(),
  /** Quoted history was cut from the display; the full original is one click away. */
  hadQuotedHistory: z.boolean(),
  /** Remote images held back until an agent chooses to load them. */
  blockedRemoteImages: z.number().int(),
  /** Set on an out-of-office or other automatic reply. */
  autoReply: z.string().nullable(),
  /**
   * The mail was over the help desk's limits and was cut to fit (see messages/message-limits.ts): what was cut. The
   * whole mail is kept as the message's original. Null when nothing was cut.
   */
  shortened: z
    .object({
      /** The subject was cut (the ticket's, when this mail opened it). */
      subject: z.boolean(),
      /** The text or the formatted body was cut. */
      body: z.boolean(),
      /** The attachments whose file name was cut (the extension is kept). */
      attachmentIds: z.array(z.string()),
    })
    .nullable(),
});

export const messageDeliveryView = z.object({
  status: z.enum(messageDeliveryStatuses),
  error: z.string().nullable(),
  sentAt: isoTime.nullable(),
  /** Handed to the local outbox rather than an SMTP server (SMTP_URL is not set): it never left the machine. */
  keptInOutbox: z.boolean(),
});

export const messageView = z.object({
  id: z.string(),
  ticketId: z.string(),
  direction: z.enum(messageDirections),
  internal: z.boolean(),
  authorKind: z.enum(messageAuthorKinds),
  author: z.object({ id: z.string().nullable(), name: z.string() }),
  bodyText: z.string(),
  bodyHtml: z.string(),
  channelId: z.string(),
  attachments: z.array(attachmentView),
  /** How an outbound reply is getting to the customer; null when it is not sent anywhere. */
  delivery: messageDeliveryView.nullable(),
  email: messageEmailView.nullable(),
  /** The raw original (the whole e-mail) is stored and can be shown. */
  hasOriginal: z.boolean(),
  createdAt: isoTime,
});
export type MessageView = z.infer<typeof messageView>;

export const ticketEventView = z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: z.enum(ticketEventKinds),
  actor: z.object({ kind: z.enum(["user", "customer", "system"]), id: z.string().nullable(), name: z.string() }),
  data: z.record(z.string(), z.unknown()),
  createdAt: isoTime,
});
export type TicketEventView = z.infer<typeof ticketEventView>;

export const slaTargetView = z.object({
  kind: slaTargetKindView,
  state: z.enum(slaTargetStates),
  /** When the promise runs out; null while paused or once achieved in time. */
  dueAt: isoTime.nullable(),
  /** Business time left (while paused: what is left when the clock resumes). */
  remainingMs: z.number(),
  /** Business time used so far: the response or resolution time. */
  elapsedMs: z.number(),
  startedAt: isoTime,
  achievedAt: isoTime.nullable(),
  breachedAt: isoTime.nullable(),
  cycle: z.number().int(),
});

export const ticketDetailView = ticketView.extend({
  messages: z.array(messageView),
  events: z.array(ticketEventView),
  sla: slaSummaryView
    .extend({
      policy: z.object({ id: z.string(), name: z.string() }),
      targets: z.array(slaTargetView),
    })
    .nullable(),
});
export type TicketDetailView = z.infer<typeof ticketDetailView>;

export const identityView = z.object({ id: z.string(), kind: z.enum(identityKinds), value: z.string() });

export const organizationView = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  notes: z.string(),
  customerCount: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type OrganizationView = z.infer<typeof organizationView>;

export const customerView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  notes: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** An address they typed themselves (e.g. in the chat widget): for reaching them, not verified. */
  contactEmail: z.string().nullable(),
  /** Sees all of the organization's tickets in the help centre, not only their own. */
  organizationAdmin: z.boolean(),
  identities: z.array(identityView),
  ticketCount: z.number().int(),
  openTicketCount: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type CustomerView = z.infer<typeof customerView>;

export const staffUserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(userRoles),
  active: z.boolean(),
  teamIds: z.array(z.string()),
});
export type StaffUserView = z.infer<typeof staffUserView>;

export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  ticketId: z.string().nullable(),
  readAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type NotificationView = z.infer<typeof notificationView>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
