import { boolean, index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

export const userRoles = ["admin", "lead", "agent"] as const;
export const userRole = pgEnum("user_role", userRoles);
export type UserRole = (typeof userRoles)[number];

/** Help-desk staff: admins, team leads and agents. */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: userRole("role").notNull().default("agent"),
  passwordHash: text("password_hash").notNull(),
  active: boolean("active").notNull().default(true),
  ...timestamps,
});

/** Login sessions. Only a hash of the token is stored, so a database leak yields no live sessions. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
