import { customerIdentities, customers, organizations } from "@helpdesk/db";
import { and, asc, eq } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import type { CustomerActor } from "./customer-sessions.ts";
import type { PortalAccount } from "./portal-views.ts";

/** Who is signed in to the portal: for the header, the account page and prefilling the request form. */
export async function getPortalAccount(deps: Pick<DomainDeps, "db">, actor: CustomerActor): Promise<PortalAccount> {
  const [row] = await deps.db
    .select({ name: customers.name, passwordHash: customers.passwordHash, organizationName: organizations.name })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(eq(customers.id, actor.customerId));
  if (!row) throw new DomainError("CUSTOMER_NOT_FOUND", "This account no longer exists.");
  const [email] = await deps.db
    .select({ value: customerIdentities.value })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.customerId, actor.customerId), eq(customerIdentities.kind, "email")))
    .orderBy(asc(customerIdentities.createdAt))
    .limit(1);
  return {
    name: row.name,
    email: email?.value ?? null,
    organization: row.organizationName ? { name: row.organizationName } : null,
    organizationAdmin: actor.organizationAdmin,
    hasPassword: row.passwordHash !== null,
  };
}
