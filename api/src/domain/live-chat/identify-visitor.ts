import {
  customerIdentities,
  customers,
  messages,
  newId,
  satisfactionRatings,
  tickets,
  type Executor,
} from "@helpdesk/db";
import { and, asc, eq, ne } from "drizzle-orm";
import { findOrCreateCustomer, normalizeIdentityValue } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";

/** The name of a visitor who has not told us theirs; the widget shows them as anonymous. */
export const anonymousVisitorName = "Website visitor";

/** A widget visitor as the adapters know them: the customer is created only once they write (or give a name). */
export interface VisitorRef {
  channelId: string;
  visitorId: string;
  customerId: string | null;
}

export async function findVisitorCustomer(db: Executor, visitorId: string): Promise<string | null> {
  const [row] = await db
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.kind, "chat_visitor"), eq(customerIdentities.value, visitorId)));
  return row?.customerId ?? null;
}

/**
 * Anonymous visitors get their customer record on their first message or form, not on connect: every page
 * view of every site visitor would otherwise leave a customer behind.
 */
export async function ensureVisitorCustomer(deps: Pick<DomainDeps, "db">, visitor: VisitorRef): Promise<string> {
  if (visitor.customerId) return visitor.customerId;
  const created = await findOrCreateCustomer(
    deps.db,
    { kind: "chat_visitor", value: visitor.visitorId },
    { name: anonymousVisitorName },
  );
  visitor.customerId = created.id;
  return created.id;
}

/**
 * A signed-in user of the host site, already verified by HMAC: this visitor becomes that customer, found by
 * host user id (then e-mail) so their chats, e-mails and portal tickets share one record. What the visitor wrote
 * while anonymous on this device moves with them, unless that earlier record belongs to someone known (it has an
 * e-mail or host account of its own: a shared computer), in which case only the device changes hands.
 */
export async function linkVerifiedVisitor(
  deps: Pick<DomainDeps, "db">,
  input: { channelId: string; visitorId: string; identity: { userId?: string; email?: string; name?: string } },
): Promise<string> {
  const { channelId, visitorId, identity } = input;
  return deps.db.transaction(async (tx) => {
    const hostKey = identity.userId ? `${channelId}:${identity.userId}` : null;
    // Only what the hash signed may pick a customer: with a user id, the e-mail sent beside it is the page's word
    // alone (anyone signed up on the host site could name somebody else's address), so it is not used at all.
    const email = !identity.userId && identity.email ? normalizeIdentityValue("email", identity.email) : null;
    const byHost = hostKey ? await customerOf(tx, "host_user", hostKey) : null;
    const byEmail = !byHost && email ? await customerOf(tx, "email", email) : null;
    const anonymous = await findVisitorCustomer(tx, visitorId);

    let target = byHost ?? byEmail ?? anonymous;
    if (!target) {
      target = newId("customer");
      await tx
        .insert(customers)
        .values({ id: target, name: identity.name ?? email?.split("@")[0] ?? identity.userId ?? anonymousVisitorName });
    } else if (identity.name) {
      // The host site knows their real name better than "Website visitor".
      await tx
        .update(customers)
        .set({ name: identity.name })
        .where(and(eq(customers.id, target), eq(customers.name, anonymousVisitorName)));
    }

    const add = async (kind: "host_user" | "email" | "chat_visitor", value: string) =>
      tx
        .insert(customerIdentities)
        .values({ id: newId("customerIdentity"), customerId: target, kind, value })
        .onConflictDoNothing();
    if (hostKey) await add("host_user", hostKey);
    if (email) await add("email", email);

    if (!anonymous) await add("chat_visitor", visitorId);
    else if (anonymous !== target) {
      await tx
        .update(customerIdentities)
        .set({ customerId: target })
        .where(and(eq(customerIdentities.kind, "chat_visitor"), eq(customerIdentities.value, visitorId)));
      const [known] = await tx
        .select({ id: customerIdentities.id })
        .from(customerIdentities)
        .where(and(eq(customerIdentities.customerId, anonymous), ne(customerIdentities.kind, "chat_visitor")))
        .limit(1);
      if (!known) {
        await tx.update(tickets).set({ customerId: target }).where(eq(tickets.customerId, anonymous));
        await tx.update(messages).set({ authorCustomerId: target }).where(eq(messages.authorCustomerId, anonymous));
        await tx
          .update(satisfactionRatings)
          .set({ customerId: target })
          .where(eq(satisfactionRatings.customerId, anonymous));
        await tx
          .update(customerIdentities)
          .set({ customerId: target })
          .where(eq(customerIdentities.customerId, anonymous));
        await tx.delete(customers).where(eq(customers.id, anonymous));
      }
    }
    return target;
  });
}

async function customerOf(db: Executor, kind: "host_user" | "email", value: string) {
  const [row] = await db
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.kind, kind), eq(customerIdentities.value, value)))
    .orderBy(asc(customerIdentities.createdAt))
    .limit(1);
  return row?.customerId ?? null;
}

/** What the widget shows as "you": null name while anonymous. */
export async function getVisitorProfile(
  db: Executor,
  customerId: string | null,
): Promise<{ name: string | null; email: string | null }> {
  if (!customerId) return { name: null, email: null };
  const [customer] = await db
    .select({ name: customers.name, contactEmail: customers.contactEmail })
    .from(customers)
    .where(eq(customers.id, customerId));
  const [email] = await db
    .select({ value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.customerId, customerId), eq(customerIdentities.kind, "email")))
    .orderBy(asc(customerIdentities.createdAt))
    .limit(1);
  return {
    name: customer && customer.name !== anonymousVisitorName ? customer.name : null,
    email: email?.value ?? customer?.contactEmail ?? null,
  };
}
