import { createHash, randomBytes } from "node:crypto";
import { customerSessions, customers, newId, type Executor } from "@helpdesk/db";
import { and, eq, gt } from "drizzle-orm";
import type { DomainDeps } from "../deps.ts";

/**
 * A customer signed in to the self-service portal. Kept apart from StaffActor on purpose: the two are made from
 * different tables and cookies, so a customer token never reaches a staff route's checks and vice versa.
 */
export interface CustomerActor {
  kind: "customer";
  customerId: string;
  organizationId: string | null;
  /** Sees every ticket of the organization, not only their own. */
  organizationAdmin: boolean;
}

export const customerSessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** Only hashes of tokens are stored, so a leaked table (or backup) signs nobody in. */
export function hashPortalToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newPortalToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface CustomerSessionGrant {
  token: string;
  expiresAt: Date;
  customerId: string;
}

/** Opens a portal session for a customer whose sign-in (link or password) has just been checked. */
export async function startCustomerSession(
  deps: { db: Executor; clock: DomainDeps["clock"] },
  customerId: string,
): Promise<CustomerSessionGrant> {
  const token = newPortalToken();
  const expiresAt = new Date(deps.clock.now().getTime() + customerSessionLifetimeMs);
  await deps.db
    .insert(customerSessions)
    .values({ id: newId("customerSession"), customerId, tokenHash: hashPortalToken(token), expiresAt });
  return { token, expiresAt, customerId };
}

/** The customer behind a portal session token, or null when unknown or expired. */
export async function authenticateCustomerSession(
  deps: Pick<DomainDeps, "db" | "clock">,
  token: string,
): Promise<CustomerActor | null> {
  const [row] = await deps.db
    .select({
      customerId: customers.id,
      organizationId: customers.organizationId,
      organizationAdmin: customers.organizationAdmin,
    })
    .from(customerSessions)
    .innerJoin(customers, eq(customers.id, customerSessions.customerId))
    .where(
      and(eq(customerSessions.tokenHash, hashPortalToken(token)), gt(customerSessions.expiresAt, deps.clock.now())),
    );
  if (!row) return null;
  return {
    kind: "customer",
    customerId: row.customerId,
    organizationId: row.organizationId,
    // Without an organization there is nothing more to see.
    organizationAdmin: row.organizationAdmin && row.organizationId !== null,
  };
}

/** Ends one portal session (signing out); unknown tokens are ignored. */
export async function endCustomerSession(deps: Pick<DomainDeps, "db">, token: string): Promise<void> {
  await deps.db.delete(customerSessions).where(eq(customerSessions.tokenHash, hashPortalToken(token)));
}
