import { index, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

/** A customer's company. Help-desk users (agents) are not members of these. */
export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    domain: text("domain"),
    notes: text("notes").notNull().default(""),
    ...timestamps,
  },
  (t) => [index("organizations_name_idx").on(t.name)],
);

export type Organization = typeof organizations.$inferSelect;
