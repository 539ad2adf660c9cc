import type { UserRole } from "@helpdesk/db";

/** The signed-in staff member a use case acts for. Team ids decide which tickets an agent sees. */
export interface StaffActor {
  kind: "user";
  id: string;
  role: UserRole;
  name: string;
  teamIds: string[];
}

export type Actor = StaffActor | { kind: "system" };

/** The help desk itself (seed, SLA escalation, jobs, test set-up): acts on nobody's behalf, so every permission holds. */
export const systemActor: Actor = { kind: "system" };
