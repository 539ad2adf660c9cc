import { customerIdentities, customers } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { unknownUserHash, verifyPassword } from "../auth/passwords.ts";
import { normalizeIdentityValue } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { startCustomerSession, type CustomerSessionGrant } from "./customer-sessions.ts";

export const portalPasswordSignInInput = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});
export type PortalPasswordSignInInput = z.input<typeof portalPasswordSignInInput>;

/**
 * Signs a customer in with the portal password they chose. Unknown addresses, customers without a password and
 * wrong passwords fail alike, after the same scrypt work, so the answer says nothing about who is a customer.
 */
export async function signInWithPassword(
  deps: Pick<DomainDeps, "db" | "clock">,
  raw: PortalPasswordSignInInput,
): Promise<CustomerSessionGrant> {
  const input = portalPasswordSignInInput.parse(raw);
  const [customer] = await deps.db
    .select({ id: customers.id, passwordHash: customers.passwordHash })
    .from(customerIdentities)
    .innerJoin(customers, eq(customers.id, customerIdentities.customerId))
    .where(
      and(
        eq(customerIdentities.kind, "email"),
        eq(customerIdentities.value, normalizeIdentityValue("email", input.email)),
      ),
    );
  const ok = await verifyPassword(input.password, customer?.passwordHash ?? unknownUserHash);
  if (!customer?.passwordHash || !ok)
    throw new DomainError("INVALID_CREDENTIALS", "The e-mail address or password is wrong.");
  return startCustomerSession(deps, customer.id);
}
