import { boolean, index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { organizations } from "./organizations.ts";

export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    organizationId: text("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    notes: text("notes").notNull().default(""),
    /**
     * An address the customer typed themselves (the chat's pre-chat or away form): used to reach them, never to
     * match or link records, since nobody verified it is theirs.
     */
    contactEmail: text("contact_email"),
    /** Optional portal password (scrypt); customers without one sign in by a mailed link. */
    passwordHash: text("password_hash"),
    /** An organization admin sees all of the organization's tickets in the portal, not only their own. */
    organizationAdmin: boolean("organization_admin").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("customers_organization_idx").on(t.organizationId),
    // Trigram indexes make "find a customer by part of a name or address" an index scan.
    index("customers_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);

export const identityKinds = [
  "email",
  "phone",
  "chat_visitor",
  "whatsapp",
  "messenger",
  "instagram",
  "telegram",
  /** A signed-in user of a site embedding the chat widget, verified by HMAC: "<channel id>:<their user id>". */
  "host_user",
] as const;
export const identityKind = pgEnum("identity_kind", identityKinds);
export type IdentityKind = (typeof identityKinds)[number];

/**
 * How a customer can be reached. Unique per (kind, value), so one customer is reached on many
 * channels but an address never belongs to two customers.
 */
export const customerIdentities = pgTable(
  "customer_identities",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    kind: identityKind("kind").notNull(),
    value: text("value").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("customer_identities_kind_value_idx").on(t.kind, t.value),
    index("customer_identities_customer_idx").on(t.customerId),
    index("customer_identities_value_trgm_idx").using("gin", t.value.op("gin_trgm_ops")),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type CustomerIdentity = typeof customerIdentities.$inferSelect;
