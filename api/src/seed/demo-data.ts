import { createUser } from "../domain/staff/staff.ts";
import type { DomainDeps } from "../domain/deps.ts";

export const demoAdmin = { email: "admin@example.com", password: "demo1234" };

export async function seedDemoData(deps: DomainDeps) {
  await createUser(deps, { email: demoAdmin.email, name: "Ada Admin", role: "admin", password: demoAdmin.password });
  return { admin: demoAdmin.email };
}
