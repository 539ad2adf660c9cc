import { channels, newId, teamMembers, teams, userRoles, users, type Executor } from "@helpdesk/db";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { authorize } from "../authorization.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError, isUniqueViolation } from "../errors.ts";
import { hashPassword } from "../auth/passwords.ts";
import type { StaffUserView } from "../tickets/views.ts";

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(userRoles).default("agent"),
  password: z.string().min(8, "Passwords have at least 8 characters.").max(200),
  teamIds: z.array(z.string()).max(50).default([]),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.enum(userRoles),
    active: z.boolean(),
    password: z.string().min(8).max(200),
    teamIds: z.array(z.string()).max(50),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change: send at least one field." });
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const createTeamInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).default(""),
  memberIds: z.array(z.string()).max(500).default([]),
});
export type CreateTeamInput = z.input<typeof createTeamInput>;

export async function listStaffUsers(db: Executor, where?: ReturnType<typeof eq>): Promise<StaffUserView[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(where)
    .orderBy(asc(users.name));
  const memberships =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(teamMembers)
          .where(
            inArray(
              teamMembers.userId,
              rows.map((r) => r.id),
            ),
          );
  return rows.map((r) => ({ ...r, teamIds: memberships.filter((m) => m.userId === r.id).map((m) => m.teamId) }));
}

export async function getStaffUser(db: Executor, userId: string): Promise<StaffUserView> {
  const [user] = await listStaffUsers(db, eq(users.id, userId));
  if (!user) throw new DomainError("USER_NOT_FOUND", `User ${userId} does not exist.`);
  return user;
}

async function setMemberships(db: Executor, userId: string, teamIds: string[]) {
  const unique = [...new Set(teamIds)];
  if (unique.length > 0) {
    const found = await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, unique));
    const missing = unique.filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0) throw new DomainError("TEAM_NOT_FOUND", "Some teams do not exist.", { teamIds: missing });
  }
  await db.delete(teamMembers).where(eq(teamMembers.userId, userId));
  if (unique.length > 0) await db.insert(teamMembers).values(unique.map((teamId) => ({ teamId, userId })));
}

/**
 * Provisioning with no one acting: the seed's first admin, set-up in tests. A person adds staff through
 * addStaffMember, which asks for the permission.
 */
export async function createUser(deps: Pick<DomainDeps, "db">, rawInput: CreateUserInput): Promise<StaffUserView> {
  const input = createUserInput.parse(rawInput);
  const id = newId("user");
  const passwordHash = await hashPassword(input.password);
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(users).values({ id, email: input.email, name: input.name, role: input.role, passwordHash });
      await setMemberships(tx, id, input.teamIds);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("EMAIL_TAKEN", `A user with ${input.email} already exists.`);
    throw error;
  }
  return getStaffUser(deps.db, id);
}

export async function addStaffMember(
  deps: Pick<DomainDeps, "db">,
  actor: Actor,
  input: CreateUserInput,
): Promise<StaffUserView> {
  authorize(actor, "manageStaff");
  return createUser(deps, input);
}

export async function updateUser(
  deps: Pick<DomainDeps, "db" | "clock">,
  actor: Actor,
  userId: string,
  rawInput: UpdateUserInput,
): Promise<StaffUserView> {
  authorize(actor, "manageStaff");
  const input = updateUserInput.parse(rawInput);
  const { password, teamIds, ...fields } = input;
  await deps.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    if (!existing) throw new DomainError("USER_NOT_FOUND", `User ${userId} does not exist.`);
    await tx
      .update(users)
      .set({
        ...fields,
        ...(password ? { passwordHash: await hashPassword(password) } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(eq(users.id, userId));
    if (teamIds) await setMemberships(tx, userId, teamIds);
  });
  return getStaffUser(deps.db, userId);
}

export async function listTeams(db: Executor) {
  const rows = await db.select().from(teams).orderBy(asc(teams.name));
  const members = await db.select().from(teamMembers);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId),
  }));
}

/** Provisioning with no one acting (the seed, set-up in tests); a person adds teams through addTeam. */
export async function createTeam(deps: Pick<DomainDeps, "db">, rawInput: CreateTeamInput) {
  const input = createTeamInput.parse(rawInput);
  const id = newId("team");
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(teams).values({ id, name: input.name, description: input.description });
      const memberIds = [...new Set(input.memberIds)];
      if (memberIds.length > 0) {
        const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, memberIds));
        if (found.length !== memberIds.length) throw new DomainError("USER_NOT_FOUND", "Some members do not exist.");
        await tx.insert(teamMembers).values(memberIds.map((userId) => ({ teamId: id, userId })));
      }
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError("VALIDATION_FAILED", `A team named ${input.name} already exists.`);
    throw error;
  }
  const all = await listTeams(deps.db);
  return all.find((t) => t.id === id)!;
}

export async function addTeam(deps: Pick<DomainDeps, "db">, actor: Actor, input: CreateTeamInput) {
  authorize(actor, "manageStaff");
  return createTeam(deps, input);
}

export async function listChannels(db: Executor) {
  const rows = await db.select().from(channels).orderBy(asc(channels.name));
  return rows.map((c) => ({ id: c.id, kind: c.kind, name: c.name, address: c.address, active: c.active }));
}
