import { customerIdentities, customers, newId, tickets } from "@helpdesk/db";
import { and, eq, sql } from "drizzle-orm";
import { normalizeIdentityValue } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";
import { ensureVisitorCustomer, getVisitorProfile, type VisitorRef } from "./identify-visitor.ts";
import { findLatestChatTicket, isEnded } from "./widget-views.ts";

/**
 * The pre-chat form, or the e-mail address asked for when no agent is available (replies then also go by mail).
 * An address nobody uses becomes the visitor's; one that belongs to another customer is NOT linked (anyone can type
 * any address, and linking would show them that customer's history): it is copied on the open conversation
 * instead, so replies still reach it.
 */
export async function updateVisitor(
  deps: Pick<DomainDeps, "db">,
  visitor: VisitorRef,
  input: { name?: string; email?: string },
): Promise<{ name: string | null; email: string | null }> {
  const customerId = await ensureVisitorCustomer(deps, visitor);
  if (input.name) await deps.db.update(customers).set({ name: input.name }).where(eq(customers.id, customerId));
  if (input.email) {
    const email = normalizeIdentityValue("email", input.email);
    const [owner] = await deps.db
      .select({ customerId: customerIdentities.customerId })
      .from(customerIdentities)
      .where(and(eq(customerIdentities.kind, "email"), eq(customerIdentities.value, email)));
    if (!owner) {
      await deps.db
        .insert(customerIdentities)
        .values({ id: newId("customerIdentity"), customerId, kind: "email", value: email })
        .onConflictDoNothing();
    } else if (owner.customerId !== customerId) {
      const ticket = await findLatestChatTicket(deps.db, visitor.channelId, customerId);
      if (ticket && !isEnded(ticket.status)) {
        await deps.db
          .update(tickets)
          .set({ cc: sql`array(select distinct unnest(${tickets.cc} || array[${email}]::text[]))` })
          .where(eq(tickets.id, ticket.id));
      }
      const profile = await getVisitorProfile(deps.db, customerId);
      return { name: profile.name, email };
    }
  }
  return getVisitorProfile(deps.db, customerId);
}
