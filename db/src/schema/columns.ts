import { customType, timestamp } from "drizzle-orm/pg-core";

/** created_at / updated_at, the same on every aggregate root. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdateFn(() => new Date()),
};

export const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});
