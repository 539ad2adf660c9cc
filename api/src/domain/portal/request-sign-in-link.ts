import { customerIdentities, customerLoginLinks, newId } from "@helpdesk/db";
import { localeInput } from "@helpdesk/knowledge-base";
import { and, count, eq, gte } from "drizzle-orm";
import { z } from "zod";
import { normalizeIdentityValue } from "../customers/find-or-create-customer.ts";
import type { DomainDeps } from "../deps.ts";
import { sendPortalSignInLink } from "../jobs.ts";
import { inTransaction } from "../unit-of-work.ts";
import { hashPortalToken, newPortalToken } from "./customer-sessions.ts";

export const signInLinkLifetimeMs = 30 * 60 * 1000;
/** Links per address within `signInLinkWindowMs`; beyond it requests are quietly ignored. */
export const signInLinkLimit = 5;
export const signInLinkWindowMs = 60 * 60 * 1000;

export const requestSignInLinkInput = z.object({
  email: z.email().max(320),
  locale: localeInput,
});
export type RequestSignInLinkInput = z.input<typeof requestSignInLinkInput>;

/**
 * "E-mail me a sign-in link". The caller always answers the same, so the portal does not tell who is a customer:
 * an unknown address gets nothing, and so does a known one past the hourly limit (a 429 only for known addresses
 * would tell them apart). The link row is written here, which is what the limit counts; the mail goes out through
 * a job, which also mints the token, so the token exists nowhere but in the mail (not in the queue, not here).
 */
export async function requestSignInLink(
  deps: DomainDeps,
  raw: RequestSignInLinkInput,
  /** Where the portal is reached: PUBLIC_URL, else the origin of the request. */
  baseUrl: string,
): Promise<{ queued: boolean }> {
  const input = requestSignInLinkInput.parse(raw);
  const email = normalizeIdentityValue("email", input.email);
  const [identity] = await deps.db
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.kind, "email"), eq(customerIdentities.value, email)));
  if (!identity) return { queued: false };

  const now = deps.clock.now();
  const [recent] = await deps.db
    .select({ n: count() })
    .from(customerLoginLinks)
    .where(
      and(
        eq(customerLoginLinks.email, email),
        gte(customerLoginLinks.createdAt, new Date(now.getTime() - signInLinkWindowMs)),
      ),
    );
  if ((recent?.n ?? 0) >= signInLinkLimit) return { queued: false };

  const id = newId("customerLoginLink");
  await inTransaction(deps, async (tx) => {
    await tx.db.insert(customerLoginLinks).values({
      id,
      customerId: identity.customerId,
      email,
      // A placeholder nobody knows, so the link cannot be used until the job gives it the token it mails.
      tokenHash: hashPortalToken(newPortalToken()),
      expiresAt: new Date(now.getTime() + signInLinkLifetimeMs),
      createdAt: now,
    });
    await tx.jobs.enqueue(sendPortalSignInLink, {
      linkId: id,
      baseUrl: baseUrl.replace(/\/+$/, ""),
      locale: input.locale,
    });
  });
  return { queued: true };
}
