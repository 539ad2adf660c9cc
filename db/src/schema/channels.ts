import { boolean, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";

export const channelKinds = [
  "email",
  "web_chat",
  "whatsapp",
  "messenger",
  "instagram",
  "telegram",
  "portal",
  "api",
] as const;
export const channelKind = pgEnum("channel_kind", channelKinds);
export type ChannelKind = (typeof channelKinds)[number];

/** One row per inbox: an email address, a chat widget, a WhatsApp number, a Telegram bot... */
export const channels = pgTable("channels", {
  id: text("id").primaryKey(),
  kind: channelKind("kind").notNull(),
  name: text("name").notNull(),
  /** The address customers use: an email address, a phone number, a bot handle, a site origin. */
  address: text("address"),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  active: boolean("active").notNull().default(true),
  ...timestamps,
});

export type Channel = typeof channels.$inferSelect;
