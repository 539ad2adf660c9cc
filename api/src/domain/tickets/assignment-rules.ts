import { teamMembers, teams, users, type Executor } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { DomainError } from "../errors.ts";

/** An assignee must be an active staff member and, when the ticket has a team, a member of it. */
export async function checkAssignment(
  db: Executor,
  target: { assigneeId: string | null; teamId: string | null },
): Promise<void> {
  if (target.teamId) {
    const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, target.teamId));
    if (!team) throw new DomainError("TEAM_NOT_FOUND", `Team ${target.teamId} does not exist.`);
  }
  if (!target.assigneeId) return;
  const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, target.assigneeId));
  if (!user) throw new DomainError("USER_NOT_FOUND", `User ${target.assigneeId} does not exist.`);
  if (!user.active) throw new DomainError("ASSIGNEE_INACTIVE", "A deactivated user cannot be assigned tickets.");
  if (target.teamId) {
    const [membership] = await db
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, target.teamId), eq(teamMembers.userId, target.assigneeId)));
    if (!membership) {
      throw new DomainError("ASSIGNEE_NOT_IN_TEAM", "The assignee is not a member of the ticket's team.", {
        assigneeId: target.assigneeId,
        teamId: target.teamId,
      });
    }
  }
}
