import { customerIdentities, customers, newId, type Executor, type IdentityKind } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";

export function normalizeIdentityValue(kind: IdentityKind, value: string): string {
  const trimmed = value.trim();
  return kind === "email" ? trimmed.toLowerCase() : trimmed;
}

/**
 * The customer behind an address, created on first contact. Safe under concurrency: the identity's
 * unique (kind, value) key decides which of two racing inserts wins, and the loser reads the winner.
 */
export async function findOrCreateCustomer(
  db: Executor,
  identity: { kind: IdentityKind; value: string },
  profile: { name?: string | undefined; organizationId?: string | null | undefined },
): Promise<{ id: string; created: boolean }> {
  const value = normalizeIdentityValue(identity.kind, identity.value);
  const existing = await findCustomerIdByIdentity(db, identity.kind, value);
  if (existing) return { id: existing, created: false };

  const customerId = newId("customer");
  const name = profile.name?.trim() || (identity.kind === "email" ? value.split("@")[0]! : value);
  await db.insert(customers).values({ id: customerId, name, organizationId: profile.organizationId ?? null });
  const inserted = await db
    .insert(customerIdentities)
    .values({ id: newId("customerIdentity"), customerId, kind: identity.kind, value })
    .onConflictDoNothing()
    .returning({ id: customerIdentities.id });
  if (inserted.length > 0) return { id: customerId, created: true };

  await db.delete(customers).where(eq(customers.id, customerId));
  const winner = await findCustomerIdByIdentity(db, identity.kind, value);
  return { id: winner!, created: false };
}

async function findCustomerIdByIdentity(db: Executor, kind: IdentityKind, value: string) {
  const [row] = await db
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.kind, kind), eq(customerIdentities.value, value)));
  return row?.customerId ?? null;
}
