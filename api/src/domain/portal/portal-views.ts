import { z } from "zod";

/**
 * What the portal shows customers about their tickets: a deliberately small subset of the staff views. No
 * priority, tags, team, assignee, SLA or internal notes; statuses in the customer's terms.
 */
export const portalTicketStatuses = ["open", "awaiting_reply", "solved", "closed"] as const;
export type PortalTicketStatus = (typeof portalTicketStatuses)[number];

/** new/open/on hold are all "we are on it" to a customer; pending means we wait for them. */
export function portalStatusOf(
  status: "new" | "open" | "pending" | "on_hold" | "solved" | "closed",
): PortalTicketStatus {
  if (status === "pending") return "awaiting_reply";
  if (status === "solved" || status === "closed") return status;
  return "open";
}

export const portalTicketSummary = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(portalTicketStatuses),
  /** Who asked: the signed-in customer, or a colleague (organization admins). */
  requester: z.object({ name: z.string() }),
  mine: z.boolean(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
});
export type PortalTicketSummary = z.infer<typeof portalTicketSummary>;

export const portalAttachment = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const portalMessage = z.object({
  id: z.string(),
  author: z.object({ name: z.string(), kind: z.enum(["customer", "agent"]) }),
  /** Written by the signed-in customer. */
  fromYou: z.boolean(),
  /** Sanitized when stored; inline images point at the portal's attachment route. */
  bodyHtml: z.string(),
  createdAt: z.string(),
  attachments: z.array(portalAttachment),
});
export type PortalMessage = z.infer<typeof portalMessage>;

export const portalTicketDetail = portalTicketSummary.extend({
  messages: z.array(portalMessage),
  /** A reply joins the ticket; on a closed ticket it opens a follow-up instead (as a mail would). */
  reply: z.enum(["joins", "opens_follow_up", "none"]),
  /** The ticket this one was merged into, when the customer may see it. */
  mergedInto: z.object({ number: z.number().int() }).nullable(),
  followUpOf: z.object({ number: z.number().int() }).nullable(),
});
export type PortalTicketDetail = z.infer<typeof portalTicketDetail>;

export const portalAccount = z.object({
  name: z.string(),
  email: z.string().nullable(),
  organization: z.object({ name: z.string() }).nullable(),
  organizationAdmin: z.boolean(),
  hasPassword: z.boolean(),
});
export type PortalAccount = z.infer<typeof portalAccount>;
