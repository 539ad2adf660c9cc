import { customerIdentities, customers, organizations, type Executor } from "@helpdesk/db";
import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { CustomerView } from "../tickets/views.ts";

// Correlated subqueries name the outer column in full: drizzle leaves columns unqualified when a query has no join.
const ticketCount = sql<number>`(select count(*)::int from tickets t where t.customer_id = "customers"."id" and t.merged_into_id is null)`;
const openTicketCount = sql<number>`(select count(*)::int from tickets t where t.customer_id = "customers"."id"
  and t.status in ('new', 'open', 'pending', 'on_hold'))`;

export async function selectCustomerViews(
  db: Executor,
  query: { where?: SQL; orderBy: SQL[]; limit: number },
): Promise<CustomerView[]> {
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      notes: customers.notes,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationAdmin: customers.organizationAdmin,
      contactEmail: customers.contactEmail,
      ticketCount,
      openTicketCount,
      createdAt: customers.createdAt,
      updatedAt: customers.updatedAt,
    })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(query.where)
    .orderBy(...query.orderBy)
    .limit(query.limit);
  const identities =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(customerIdentities)
          .where(
            inArray(
              customerIdentities.customerId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(customerIdentities.createdAt));
  return rows.map((row) => {
    const own = identities.filter((i) => i.customerId === row.id);
    return {
      id: row.id,
      name: row.name,
      email: own.find((i) => i.kind === "email")?.value ?? null,
      notes: row.notes,
      organization:
        row.organizationId && row.organizationName ? { id: row.organizationId, name: row.organizationName } : null,
      organizationAdmin: row.organizationAdmin,
      contactEmail: row.contactEmail,
      identities: own.map((i) => ({ id: i.id, kind: i.kind, value: i.value })),
      ticketCount: Number(row.ticketCount),
      openTicketCount: Number(row.openTicketCount),
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  });
}

export async function findCustomerView(db: Executor, customerId: string): Promise<CustomerView | null> {
  const [view] = await selectCustomerViews(db, { where: eq(customers.id, customerId), orderBy: [], limit: 1 });
  return view ?? null;
}
