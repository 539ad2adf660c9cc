import { customerSessions, customers } from "@helpdesk/db";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "../auth/passwords.ts";
import type { DomainDeps } from "../deps.ts";
import { hashPortalToken, type CustomerActor } from "./customer-sessions.ts";

export const setPortalPasswordInput = z.object({
  password: z.string().min(8, "Use at least 8 characters.").max(200),
});
export type SetPortalPasswordInput = z.input<typeof setPortalPasswordInput>;

/**
 * A signed-in customer sets (or changes) their portal password. Being signed in proves they own the address,
 * which is also how a forgotten password is replaced, so the old one is not asked for. Their other sessions
 * end: whoever else was signed in with the old password is signed out.
 */
export async function setPortalPassword(
  deps: Pick<DomainDeps, "db" | "clock">,
  actor: CustomerActor,
  currentSessionToken: string,
  raw: SetPortalPasswordInput,
): Promise<void> {
  const input = setPortalPasswordInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(customers)
      .set({ passwordHash, updatedAt: deps.clock.now() })
      .where(eq(customers.id, actor.customerId));
    await tx
      .delete(customerSessions)
      .where(
        and(
          eq(customerSessions.customerId, actor.customerId),
          ne(customerSessions.tokenHash, hashPortalToken(currentSessionToken)),
        ),
      );
  });
}
