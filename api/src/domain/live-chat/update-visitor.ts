import { customers } from "@helpdesk/db";
import { eq } from "drizzle-orm";
import { normalizeIdentityValue } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";
import { ensureVisitorCustomer, getVisitorProfile, type VisitorRef } from "./identify-visitor.ts";

/**
 * The pre-chat form, or the e-mail address asked for when no agent is available (replies then also go by mail).
 * Anyone can type any address, so it is kept as the visitor's contact address only: never an identity that other
 * records are matched or linked by (that would let a stranger claim someone's address, and with it their
 * conversations once the real owner shows up).
 */
export async function updateVisitor(
  deps: Pick<DomainDeps, "db">,
  visitor: VisitorRef,
  input: { name?: string; email?: string },
): Promise<{ name: string | null; email: string | null }> {
  const customerId = await ensureVisitorCustomer(deps, visitor);
  const patch: { name?: string; contactEmail?: string } = {};
  if (input.name) patch.name = input.name;
  if (input.email) patch.contactEmail = normalizeIdentityValue("email", input.email);
  if (Object.keys(patch).length > 0) await deps.db.update(customers).set(patch).where(eq(customers.id, customerId));
  return getVisitorProfile(deps.db, customerId);
}
