import { createHash, randomBytes } from "node:crypto";
import { newId, sessions, teamMembers, users } from "@helpdesk/db";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { unknownUserHash, verifyPassword } from "./passwords.ts";

const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export const logInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});
export type LogInInput = z.infer<typeof logInInput>;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function logIn(deps: Pick<DomainDeps, "db" | "clock">, input: LogInInput) {
  const [user] = await deps.db.select().from(users).where(eq(users.email, input.email));
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? unknownUserHash);
  if (!user || !passwordOk || !user.active) {
    throw new DomainError("INVALID_CREDENTIALS", "The e-mail address or password is wrong.");
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(deps.clock.now().getTime() + sessionLifetimeMs);
  await deps.db
    .insert(sessions)
    .values({ id: newId("session"), userId: user.id, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
}

export async function logOut(deps: Pick<DomainDeps, "db">, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Resolves a session token to the staff member it belongs to, or null when unknown or expired. */
export async function authenticateSession(
  deps: Pick<DomainDeps, "db" | "clock">,
  token: string,
): Promise<StaffActor | null> {
  const [row] = await deps.db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, deps.clock.now())));
  if (!row || !row.active) return null;
  return loadStaffActor(deps, row);
}

export async function loadStaffActor(
  deps: Pick<DomainDeps, "db">,
  user: { id: string; name: string; role: StaffActor["role"] },
): Promise<StaffActor> {
  const memberships = await deps.db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, user.id));
  return { kind: "user", id: user.id, name: user.name, role: user.role, teamIds: memberships.map((m) => m.teamId) };
}
