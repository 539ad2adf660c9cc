import { customers, newId, organizations } from "@helpdesk/db";
import { and, asc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { authorize } from "../authorization.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { containsPattern, decodeCursor, pageFrom } from "../pagination.ts";
import type { OrganizationView } from "../tickets/views.ts";

export const createOrganizationInput = z.object({
  name: z.string().trim().min(1).max(200),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "A domain looks like example.com")
    .nullable()
    .optional(),
  notes: z.string().max(10_000).default(""),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export const updateOrganizationInput = createOrganizationInput
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change: send at least one field." });
export type UpdateOrganizationInput = z.input<typeof updateOrganizationInput>;

const nameCursor = z.tuple([z.string(), z.string()]);

export const listOrganizationsInput = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(100).optional(),
});
export type ListOrganizationsInput = z.input<typeof listOrganizationsInput>;

// Correlated subqueries name the outer column in full: drizzle leaves columns unqualified when a query has no join.
const customerCount = sql<number>`(select count(*)::int from ${customers} c where c.organization_id = "organizations"."id")`;

async function selectOrganizationViews(
  deps: Pick<DomainDeps, "db">,
  where: SQL | undefined,
  limit: number,
): Promise<OrganizationView[]> {
  const rows = await deps.db
    .select({
      id: organizations.id,
      name: organizations.name,
      domain: organizations.domain,
      notes: organizations.notes,
      customerCount,
      createdAt: organizations.createdAt,
      updatedAt: organizations.updatedAt,
    })
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    customerCount: Number(r.customerCount),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

export async function getOrganization(deps: Pick<DomainDeps, "db">, organizationId: string): Promise<OrganizationView> {
  const [view] = await selectOrganizationViews(deps, eq(organizations.id, organizationId), 1);
  if (!view) throw new DomainError("ORGANIZATION_NOT_FOUND", `Organization ${organizationId} does not exist.`);
  return view;
}

export async function createOrganization(
  deps: Pick<DomainDeps, "db">,
  actor: Actor,
  rawInput: CreateOrganizationInput,
): Promise<OrganizationView> {
  authorize(actor, "manageOrganizations");
  const input = createOrganizationInput.parse(rawInput);
  if (input.domain) authorize(actor, "setOrganizationDomain");
  const id = newId("organization");
  await deps.db
    .insert(organizations)
    .values({ id, name: input.name, domain: input.domain ?? null, notes: input.notes });
  return getOrganization(deps, id);
}

export async function updateOrganization(
  deps: Pick<DomainDeps, "db" | "clock">,
  actor: Actor,
  organizationId: string,
  rawInput: UpdateOrganizationInput,
): Promise<OrganizationView> {
  authorize(actor, "manageOrganizations");
  const input = updateOrganizationInput.parse(rawInput);
  await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ domain: organizations.domain })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for("update");
    if (!current) throw new DomainError("ORGANIZATION_NOT_FOUND", `Organization ${organizationId} does not exist.`);
    // Sending the domain as it is (a form with every field) is no change of it.
    if (input.domain !== undefined && (input.domain ?? null) !== current.domain)
      authorize(actor, "setOrganizationDomain");
    await tx
      .update(organizations)
      .set({ ...input, updatedAt: deps.clock.now() })
      .where(eq(organizations.id, organizationId));
  });
  return getOrganization(deps, organizationId);
}

export async function listOrganizations(
  deps: Pick<DomainDeps, "db">,
  rawInput: ListOrganizationsInput,
): Promise<{ items: OrganizationView[]; nextCursor: string | null }> {
  const input = listOrganizationsInput.parse(rawInput);
  const filters: (SQL | undefined)[] = [];
  if (input.q) {
    const pattern = containsPattern(input.q);
    filters.push(or(ilike(organizations.name, pattern), ilike(organizations.domain, pattern)));
  }
  if (input.cursor) {
    const [name, id] = decodeCursor(input.cursor, nameCursor);
    filters.push(or(gt(organizations.name, name), and(eq(organizations.name, name), gt(organizations.id, id))));
  }
  const rows = await selectOrganizationViews(deps, and(...filters), input.limit + 1);
  return pageFrom(rows, input.limit, (last) => [last.name, last.id]);
}
