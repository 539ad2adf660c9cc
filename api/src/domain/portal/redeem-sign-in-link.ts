import { customerLoginLinks } from "@helpdesk/db";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { hashPortalToken, startCustomerSession, type CustomerSessionGrant } from "./customer-sessions.ts";

export const redeemSignInLinkInput = z.object({ token: z.string().min(20).max(200) });
export type RedeemSignInLinkInput = z.input<typeof redeemSignInLinkInput>;

/**
 * A customer followed the mailed link: it is spent (one UPDATE, so two clicks racing get one session) and a
 * portal session starts. Unknown, used and expired links are refused alike.
 */
export async function redeemSignInLink(
  deps: Pick<DomainDeps, "db" | "clock">,
  raw: RedeemSignInLinkInput,
): Promise<CustomerSessionGrant> {
  const input = redeemSignInLinkInput.parse(raw);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [link] = await tx
      .update(customerLoginLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(customerLoginLinks.tokenHash, hashPortalToken(input.token)),
          isNull(customerLoginLinks.usedAt),
          gt(customerLoginLinks.expiresAt, now),
        ),
      )
      .returning({ customerId: customerLoginLinks.customerId });
    if (!link) {
      throw new DomainError(
        "SIGN_IN_LINK_INVALID",
        "This sign-in link has expired or was already used. Ask for a new one.",
      );
    }
    return startCustomerSession({ db: tx, clock: deps.clock }, link.customerId);
  });
}
