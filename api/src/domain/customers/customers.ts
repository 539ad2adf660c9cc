import {
  customerIdentities,
  customers,
  identityKinds,
  newId,
  organizations,
  tickets,
  type Executor,
} from "@helpdesk/db";
import { and, asc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { authorizeCustomerChange, type CustomerReach, type TicketPlace } from "../authorization.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError, isUniqueViolation } from "../errors.ts";
import { containsPattern, decodeCursor, pageFrom } from "../pagination.ts";
import type { CustomerView } from "../tickets/views.ts";
import { findCustomerView, selectCustomerViews } from "./customer-read-model.ts";
import { normalizeIdentityValue } from "./find-or-create-customer.ts";

const identityInput = z.object({ kind: z.enum(identityKinds), value: z.string().trim().min(1).max(320) });

export const createCustomerInput = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  organizationId: z.string().min(1).nullable().optional(),
  notes: z.string().max(10_000).default(""),
  identities: z.array(identityInput).max(20).default([]),
});
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

export const updateCustomerInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    organizationId: z.string().min(1).nullable(),
    /** Lets the customer see all of their organization's tickets in the help centre. */
    organizationAdmin: z.boolean(),
    notes: z.string().max(10_000),
    /** Adds ways to reach the customer; existing identities stay. */
    addIdentities: z.array(identityInput).max(20),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change: send at least one field." });
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;

export const listCustomersInput = z.object({
  /** Part of a name, e-mail address, phone number or other identity. */
  q: z.string().trim().min(1).max(200).optional(),
  organization: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(100).optional(),
});
export type ListCustomersInput = z.input<typeof listCustomersInput>;

async function assertOrganizationExists(db: Executor, organizationId: string | null | undefined) {
  if (!organizationId) return;
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError("ORGANIZATION_NOT_FOUND", `Organization ${organizationId} does not exist.`);
}

async function addIdentities(db: Executor, customerId: string, identities: z.infer<typeof identityInput>[]) {
  for (const identity of identities) {
    const value = normalizeIdentityValue(identity.kind, identity.value);
    try {
      // A savepoint, so a taken address fails this request cleanly instead of poisoning the transaction.
      await db.transaction((sp) =>
        sp.insert(customerIdentities).values({ id: newId("customerIdentity"), customerId, kind: identity.kind, value }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError("IDENTITY_TAKEN", `The ${identity.kind} ${value} already belongs to another customer.`, {
          kind: identity.kind,
          value,
        });
      }
      throw error;
    }
  }
}

export async function createCustomer(
  deps: Pick<DomainDeps, "db">,
  rawInput: CreateCustomerInput,
): Promise<CustomerView> {
  const input = createCustomerInput.parse(rawInput);
  const customerId = newId("customer");
  await deps.db.transaction(async (tx) => {
    await assertOrganizationExists(tx, input.organizationId);
    await tx.insert(customers).values({
      id: customerId,
      name: input.name,
      organizationId: input.organizationId ?? null,
      notes: input.notes,
    });
    const identities = input.email
      ? [{ kind: "email" as const, value: input.email }, ...input.identities]
      : input.identities;
    await addIdentities(tx, customerId, identities);
  });
  return (await findCustomerView(deps.db, customerId))!;
}

export async function getCustomer(deps: Pick<DomainDeps, "db">, customerId: string): Promise<CustomerView> {
  const view = await findCustomerView(deps.db, customerId);
  if (!view) throw new DomainError("CUSTOMER_NOT_FOUND", `Customer ${customerId} does not exist.`);
  return view;
}

/** Where the tickets a customer reads in the help centre sit (see authorizeCustomerChange). */
async function customerReach(
  db: Executor,
  customer: { id: string; organizationId: string | null; organizationAdmin: boolean },
): Promise<CustomerReach> {
  const places = (where: SQL | undefined) =>
    db
      .selectDistinct({ teamId: tickets.teamId, assigneeId: tickets.assigneeId })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .where(where) as Promise<TicketPlace[]>;
  const ownTickets = await places(eq(tickets.customerId, customer.id));
  const portalTickets =
    customer.organizationAdmin && customer.organizationId
      ? await places(eq(customers.organizationId, customer.organizationId))
      : ownTickets;
  return { ownTickets, portalTickets };
}

export async function updateCustomer(
  deps: Pick<DomainDeps, "db" | "clock">,
  actor: Actor,
  customerId: string,
  rawInput: UpdateCustomerInput,
): Promise<CustomerView> {
  const input = updateCustomerInput.parse(rawInput);
  await deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({
        id: customers.id,
        organizationId: customers.organizationId,
        organizationAdmin: customers.organizationAdmin,
      })
      .from(customers)
      .where(eq(customers.id, customerId))
      .for("update");
    if (!existing) throw new DomainError("CUSTOMER_NOT_FOUND", `Customer ${customerId} does not exist.`);
    const { addIdentities: identities, ...fields } = input;
    const moved = fields.organizationId !== undefined && fields.organizationId !== existing.organizationId;
    // Judged on what was asked: the form sends the organization and the flag as they were, which changes nothing.
    authorizeCustomerChange(actor, await customerReach(tx, existing), {
      identities: (identities?.length ?? 0) > 0,
      organization: moved,
      organizationAdmin:
        fields.organizationAdmin !== undefined &&
        (fields.organizationAdmin !== existing.organizationAdmin || (moved && fields.organizationAdmin)),
    });
    await assertOrganizationExists(tx, input.organizationId);
    // Admin of no organization means nothing, and moving to another organization must not carry the right along.
    if (fields.organizationId === null || (moved && fields.organizationAdmin === undefined))
      fields.organizationAdmin = false;
    if (Object.keys(fields).length > 0) {
      await tx
        .update(customers)
        .set({ ...fields, updatedAt: deps.clock.now() })
        .where(eq(customers.id, customerId));
    }
    if (identities) await addIdentities(tx, customerId, identities);
  });
  return getCustomer(deps, customerId);
}

/** Customers by name or any identity (trigram-indexed ILIKE), alphabetical, keyset-paged by (name, id). */
export async function listCustomers(
  deps: Pick<DomainDeps, "db">,
  rawInput: ListCustomersInput,
): Promise<{ items: CustomerView[]; nextCursor: string | null }> {
  const input = listCustomersInput.parse(rawInput);
  const filters: (SQL | undefined)[] = [];
  if (input.q) {
    const pattern = containsPattern(input.q);
    filters.push(
      or(
        ilike(customers.name, pattern),
        sql`exists (select 1 from ${customerIdentities} where ${customerIdentities.customerId} = ${customers.id}
          and ${customerIdentities.value} ilike ${pattern})`,
      ),
    );
  }
  if (input.organization) filters.push(eq(customers.organizationId, input.organization));
  if (input.cursor) {
    const [name, id] = decodeCursor(input.cursor, z.tuple([z.string(), z.string()]));
    filters.push(or(gt(customers.name, name), and(eq(customers.name, name), gt(customers.id, id))));
  }
  const rows = await selectCustomerViews(deps.db, {
    where: and(...filters),
    orderBy: [asc(customers.name), asc(customers.id)],
    limit: input.limit + 1,
  });
  return pageFrom(rows, input.limit, (last) => [last.name, last.id]);
}
