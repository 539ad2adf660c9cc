import { attachments, customers, messages, tickets } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import type { CustomerActor } from "./customer-sessions.ts";
import { visibleToCustomer } from "./ticket-access.ts";

/** A file of a public message on a ticket the customer may see; for anyone else it does not exist. */
export async function getPortalAttachment(deps: Pick<DomainDeps, "db">, actor: CustomerActor, attachmentId: string) {
  const [file] = await deps.db
    .select({ filename: attachments.filename, contentType: attachments.contentType, content: attachments.content })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(tickets, eq(tickets.id, messages.ticketId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(and(eq(attachments.id, attachmentId), eq(messages.internal, false), visibleToCustomer(actor)));
  if (!file) throw new DomainError("NOT_FOUND", `Attachment ${attachmentId} does not exist.`);
  return file;
}
