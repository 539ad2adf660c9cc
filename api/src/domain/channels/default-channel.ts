import { channels, type ChannelKind, type Executor } from "@helpdesk/db";
import { and, asc, eq } from "drizzle-orm";
import { DomainError } from "../errors.ts";

/** Tickets created by agents or the REST API arrive on the built-in "API" channel unless told otherwise. */
export const defaultApiChannelId = "chn_default_api";

export async function resolveTicketChannel(db: Executor, channelId: string | undefined) {
  if (channelId) {
    const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
    if (!channel) throw new DomainError("CHANNEL_NOT_FOUND", `Channel ${channelId} does not exist.`);
    return channel;
  }
  await db
    .insert(channels)
    .values({ id: defaultApiChannelId, kind: "api", name: "API & agent-created" })
    .onConflictDoNothing();
  const [channel] = await db.select().from(channels).where(eq(channels.id, defaultApiChannelId));
  return channel!;
}

export async function findChannelOfKind(db: Executor, kind: ChannelKind) {
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, kind), eq(channels.active, true)))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return channel ?? null;
}
