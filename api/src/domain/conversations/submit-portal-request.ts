import { channels, customerIdentities, kbArticles, kbDeflections, newId, tickets, type Executor } from "@helpdesk/db";
import { localeInput } from "@helpdesk/knowledge-base";
import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { findChannelOfKind } from "../channels/default-channel.ts";
import { findOrCreateCustomer, normalizeIdentityValue } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { openTicketFromCustomer } from "./open-ticket-from-customer.ts";
import { messageLimits } from "../messages/message-limits.ts";

/** The help centre's channel, created on the first request when there is no active one. */
export const defaultPortalChannelId = "chn_default_portal";

/** More than this many requests from one address within `portalRequestWindowMs` are refused. */
export const portalRequestLimit = 5;
export const portalRequestWindowMs = 60 * 60 * 1000;

export const portalRequestInput = z.object({
  email: z.email().max(320),
  name: z.string().trim().max(200).optional(),
  subject: z.string().trim().min(1).max(messageLimits.subject),
  body: z.string().trim().min(1).max(20_000),
  locale: localeInput,
  /** Deflections recorded while this request was written: submitting shows they did not answer the visitor. */
  deflectionIds: z.array(z.string().min(1).max(100)).max(50).optional(),
});
export type PortalRequestInput = z.input<typeof portalRequestInput>;

export const deflectionInput = z.object({
  articleId: z.string().min(1).max(100),
  locale: localeInput,
  subject: z.string().trim().min(1).max(messageLimits.subject),
});
export type DeflectionInput = z.input<typeof deflectionInput>;

/** The active portal channel, oldest first; "Help center" is created when there is none. */
export async function resolvePortalChannel(db: Executor) {
  const existing = await findChannelOfKind(db, "portal");
  if (existing) return existing;
  await db
    .insert(channels)
    .values({ id: defaultPortalChannelId, kind: "portal", name: "Help center" })
    .onConflictDoNothing();
  const created = await findChannelOfKind(db, "portal");
  if (created) return created;
  // The built-in one exists but was switched off, and no other is active: the portal still needs an inbox.
  const [fresh] = await db
    .insert(channels)
    .values({ id: newId("channel"), kind: "portal", name: "Help center" })
    .returning();
  return fresh!;
}

/**
 * A visitor of the help centre submits a request: their customer record is found (or created) by e-mail and a
 * ticket opens on the portal channel. At most five requests per address per hour, counted from the tickets
 * themselves so the limit holds across processes and restarts.
 */
export async function submitPortalRequest(
  deps: DomainDeps,
  raw: PortalRequestInput,
): Promise<{ ticketNumber: number; ticketId: string }> {
  const input = portalRequestInput.parse(raw);
  const email = normalizeIdentityValue("email", input.email);
  const since = new Date(deps.clock.now().getTime() - portalRequestWindowMs);

  const [recent] = await deps.db
    .select({ count: sql<number>`count(*)::int` })
    .from(tickets)
    .innerJoin(channels, eq(channels.id, tickets.channelId))
    .innerJoin(
      customerIdentities,
      and(eq(customerIdentities.customerId, tickets.customerId), eq(customerIdentities.kind, "email")),
    )
    .where(and(eq(customerIdentities.value, email), eq(channels.kind, "portal"), gte(tickets.createdAt, since)));
  if ((recent?.count ?? 0) >= portalRequestLimit) {
    throw new DomainError("RATE_LIMITED", "Too many requests from this address. Please try again later.", {
      limit: portalRequestLimit,
      windowSeconds: portalRequestWindowMs / 1000,
    });
  }

  const channel = await resolvePortalChannel(deps.db);
  const customer = await findOrCreateCustomer(deps.db, { kind: "email", value: email }, { name: input.name });
  const { ticket } = await openTicketFromCustomer(deps, {
    channelId: channel.id,
    customerId: customer.id,
    subject: input.subject,
    body: input.body,
    channelMetadata: { source: "help_center", locale: input.locale },
  });

  if (input.deflectionIds?.length) {
    await deps.db
      .update(kbDeflections)
      .set({ ticketId: ticket.id })
      .where(and(inArray(kbDeflections.id, input.deflectionIds), isNull(kbDeflections.ticketId)));
  }
  return { ticketNumber: ticket.number, ticketId: ticket.id };
}

/** A suggested article opened from the request form: a deflection until a request names it. */
export async function recordDeflection(deps: DomainDeps, raw: DeflectionInput): Promise<{ deflectionId: string }> {
  const input = deflectionInput.parse(raw);
  const [article] = await deps.db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(eq(kbArticles.id, input.articleId));
  if (!article) throw new DomainError("KB_ARTICLE_NOT_FOUND", `Article ${input.articleId} does not exist.`);
  const id = newId("kbDeflection");
  await deps.db
    .insert(kbDeflections)
    .values({ id, articleId: article.id, locale: input.locale, subject: input.subject, createdAt: deps.clock.now() });
  return { deflectionId: id };
}
